package vn.tinnhiem.verify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The {@code /verify} upload's limits, enforced by the server against a client that skips the browser's own
 * check: the page is opened in Chromium (for its session and its upload address), then bodies are sent over a
 * plain socket, as large as one likes, and the server's count of bytes it read ({@link RecordUpload#bytesRead()})
 * shows how far it read.
 */
@IntegrationTest
@Tag("browser")
class RecordUploadLimitsTests {

    private static final long MB = 1024 * 1024;
    /**
     * Each reader and sender on a thread of its own: the common pool has one thread on a two-core machine, and a
     * sender waiting there would keep another upload's reader from ever running.
     */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> Thread.ofPlatform().daemon().start(task);

    @LocalServerPort
    int port;

    /** Where the page's upload goes, with the session's cookies. */
    private record Target(String path, String cookies) {
    }

    private Target open(Browser browser) {
        browser.open("/verify");
        browser.find("#verify-upload");
        String target = (String) browser.script("return document.querySelector('#verify-upload').target;");
        URI uri = URI.create("http://localhost:" + port + "/").resolve(target);
        String cookies = ((WebDriver) browser.driver()).manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        return new Target(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), cookies);
    }

    /** What one upload over the socket did: the body bytes written before it stopped, and the server's answer. */
    private record Sent(long written, String answer) {
    }

    /**
     * Posts {@code size} bytes of a JSON-looking body as the browser's upload does (raw body, X-Filename),
     * declaring its length or chunked; stops writing as soon as an answer comes or the server closes.
     * {@code pauseAfter}, if not negative, waits for {@code resume} after that many bytes.
     */
    private Sent post(Target target, long size, boolean declareLength, long pauseAfter, BooleanSupplier resume)
            throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            AtomicBoolean answered = new AtomicBoolean();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return readAnswer(in);
                } catch (IOException e) {
                    return "no answer: " + e;
                } finally {
                    answered.set(true);
                }
            }, OWN_THREAD);
            String head = "POST " + target.path() + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Cookie: " + target.cookies() + "\r\n"
                    + "Content-Type: application/json\r\nX-Filename: big.json\r\n"
                    + (declareLength ? "Content-Length: " + size : "Transfer-Encoding: chunked") + "\r\n\r\n";
            long written = 0;
            try {
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[256 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                chunk[0] = '[';
                while (written < size && !answered.get()) {
                    if (pauseAfter >= 0 && written >= pauseAfter) {
                        out.flush();
                        awaitTrue("the test to let the upload go on", resume);
                        pauseAfter = -1;
                    }
                    int n = (int) Math.min(chunk.length, size - written);
                    if (!declareLength) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(chunk, 0, n);
                    if (!declareLength) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    written += n;
                    chunk[0] = ' ';
                }
                if (!declareLength && !answered.get()) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closedByTheServer) {
                // The server answered and closed while we were still sending: what this test wants to see.
            }
            return new Sent(written, answer.get(120, TimeUnit.SECONDS));
        }
    }

    /** The status line, the headers and the body (by its length, or its chunks) of one HTTP answer. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.UTF_8);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(headers);
        if (length.find()) {
            body.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else if (headers.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            while (true) {
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.append((char) b);
                }
                int n = Integer.parseInt(line.toString().trim(), 16);
                if (n == 0) {
                    break;
                }
                body.write(in.readNBytes(n));
                in.readNBytes(2);
            }
        }
        return headers + body.toString(StandardCharsets.UTF_8);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20); // polling a condition, not timing anything
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void a_body_declared_larger_than_the_limit_is_refused_before_a_byte_of_it_is_read() throws Exception {
        try (var browser = new Browser("http://localhost:" + port, 1280, 800)) {
            Target target = open(browser);
            long size = RecordUpload.MAX_BYTES + 400 * MB;
            long before = RecordUpload.bytesRead();
            Sent sent = post(target, size, true, -1, () -> true);
            System.out.printf("declared %d MB: the server read %d bytes, the client got %d MB out before the answer%n",
                    size / MB, RecordUpload.bytesRead() - before, sent.written() / MB);
            assertThat(sent.answer()).startsWith("HTTP/1.1 422").contains("big.json", "(500 MB)", "100 MB");
            assertThat(RecordUpload.bytesRead() - before).as("bytes the server read").isZero();
            assertThat(sent.written()).as("bytes the client could send").isLessThan(size);
        }
    }

    @Test
    void a_chunked_body_is_read_no_further_than_the_limit_and_then_refused() throws Exception {
        try (var browser = new Browser("http://localhost:" + port, 1280, 800)) {
            Target target = open(browser);
            long size = RecordUpload.MAX_BYTES + 400 * MB;
            long before = RecordUpload.bytesRead();
            Sent sent = post(target, size, false, -1, () -> true);
            long read = RecordUpload.bytesRead() - before;
            System.out.printf("chunked %d MB: the server read %d bytes, the client got %d MB out before the answer%n",
                    size / MB, read, sent.written() / MB);
            assertThat(sent.answer()).startsWith("HTTP/1.1 422").contains("big.json", "100 MB");
            assertThat(read).as("bytes the server read").isEqualTo(RecordUpload.MAX_BYTES + 1);
            assertThat(sent.written()).as("bytes the client could send").isLessThan(size);
        }
    }

    @Test
    void while_one_record_is_taken_the_next_is_told_to_try_again_without_being_read() throws Exception {
        try (var first = new Browser("http://localhost:" + port, 1280, 800);
                var second = new Browser("http://localhost:" + port, 1280, 800)) {
            Target one = open(first);
            Target two = open(second);
            long before = RecordUpload.bytesRead();
            AtomicBoolean goOn = new AtomicBoolean();
            // The first upload sends 2 MB, then waits, holding the page's one check.
            CompletableFuture<Sent> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(one, 4 * MB, false, 2 * MB, goOn::get);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, OWN_THREAD);
            awaitTrue("the first upload's first 2 MB to be read", () -> RecordUpload.bytesRead() - before >= 2 * MB);
            long readBefore = RecordUpload.bytesRead();
            Sent busy = post(two, 3 * MB, true, -1, () -> true);
            assertThat(busy.answer()).startsWith("HTTP/1.1 422").contains("Máy chủ đang kiểm tra một hồ sơ khác. Hãy thử lại sau ít phút.");
            assertThat(RecordUpload.bytesRead()).as("nothing of the second upload read").isEqualTo(readBefore);

            goOn.set(true);
            Sent done = slow.get(120, TimeUnit.SECONDS);
            assertThat(done.written()).isEqualTo(4 * MB);
            // Taken whole and checked (it is no record: the first check fails with its reason), not refused.
            assertThat(done.answer()).startsWith("HTTP/1.1 200").doesNotContain("Hãy thử lại");
            // The check is free again.
            Sent again = post(two, 1 * MB, true, -1, () -> true);
            assertThat(again.answer()).startsWith("HTTP/1.1 200");
        }
    }
}
