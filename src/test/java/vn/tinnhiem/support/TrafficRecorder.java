package vn.tinnhiem.support;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import jakarta.servlet.Filter;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A servlet filter in the test server that, while a test records ({@link #start()}), keeps every request's
 * method, path, body and every response's body, as they crossed the wire (before any other filter, so Spring
 * Security and Vaadin see the same bytes). Idle otherwise: requests pass through untouched.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TrafficRecorder {

    /** One HTTP exchange: what the page sent and what the server answered. */
    public record Exchange(String method, String path, String query, boolean upgrade, String request, String response) {

        public boolean isUidl() {
            return query != null && query.contains("v-r=uidl");
        }
    }

    /** What a recording holds; closing it stops recording. */
    public static final class Recording implements AutoCloseable {
        private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

        public List<Exchange> exchanges() {
            return new ArrayList<>(exchanges);
        }

        @Override
        public void close() {
            if (current == this) {
                current = null;
            }
        }
    }

    private static volatile Recording current;

    /** Records every exchange from now until the recording is closed. */
    public static Recording start() {
        var recording = new Recording();
        current = recording;
        return recording;
    }

    /** The response as the server writes it, passed through untouched, with a copy of its bytes kept. */
    private static final class TeeResponse extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream copy;
        private ServletOutputStream stream;
        private PrintWriter writer;

        TeeResponse(HttpServletResponse response, ByteArrayOutputStream copy) {
            super(response);
            this.copy = copy;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        copy.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        copy.write(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        out.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                    }

                    @Override
                    public boolean isReady() {
                        return out.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        out.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            super.flushBuffer();
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }
    }

    @Bean
    FilterRegistrationBean<Filter> trafficRecordingFilter() {
        Filter filter = (request, response, chain) -> {
            Recording recording = current;
            if (recording == null || !(request instanceof HttpServletRequest http)
                    || !(response instanceof HttpServletResponse httpResponse)) {
                chain.doFilter(request, response);
                return;
            }
            byte[] body = http.getInputStream().readAllBytes();
            var replay = new HttpServletRequestWrapper(http) {
                @Override
                public ServletInputStream getInputStream() {
                    var in = new ByteArrayInputStream(body);
                    return new ServletInputStream() {
                        @Override
                        public int read() {
                            return in.read();
                        }

                        @Override
                        public int read(byte[] b, int off, int len) {
                            return in.read(b, off, len);
                        }

                        @Override
                        public boolean isFinished() {
                            return in.available() == 0;
                        }

                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setReadListener(ReadListener listener) {
                            throw new UnsupportedOperationException();
                        }
                    };
                }

                @Override
                public BufferedReader getReader() {
                    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
                }
            };
            boolean upgrade = "websocket".equalsIgnoreCase(http.getHeader("Upgrade"));
            if (upgrade) {
                recording.exchanges.add(new Exchange(http.getMethod(), http.getRequestURI(), http.getQueryString(), true,
                        "", ""));
                chain.doFilter(request, response);
                return;
            }
            var copy = new ByteArrayOutputStream();
            var tee = new TeeResponse(httpResponse, copy);
            try {
                chain.doFilter(replay, tee);
            } finally {
                tee.flushWriter();
                recording.exchanges.add(new Exchange(http.getMethod(), http.getRequestURI(), http.getQueryString(), false,
                        new String(body, StandardCharsets.UTF_8), copy.toString(StandardCharsets.UTF_8)));
            }
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        registration.setName("testTrafficRecorder");
        return registration;
    }
}
