package vn.tinnhiem.support;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
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
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.Filter;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

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
            var cached = new ContentCachingResponseWrapper(httpResponse);
            try {
                chain.doFilter(replay, cached);
            } finally {
                String answer = new String(cached.getContentAsByteArray(), StandardCharsets.UTF_8);
                recording.exchanges.add(new Exchange(http.getMethod(), http.getRequestURI(), http.getQueryString(), false,
                        new String(body, StandardCharsets.UTF_8), answer));
                try {
                    cached.copyBodyToResponse();
                } catch (IOException e) {
                    // The browser went away: nothing to deliver.
                }
            }
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        registration.setName("testTrafficRecorder");
        return registration;
    }
}
