package vn.tinnhiem.verify.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadResult;

import vn.tinnhiem.shared.files.Sha256;
import vn.tinnhiem.verify.RecordVerifier;

/**
 * The {@code /verify} page's upload, taken from the request body on the server whatever the browser checked:
 * <ul>
 * <li>a body that says it is larger than {@link #MAX_BYTES} is refused before a byte of it is read; one that
 * does not say (chunked) or lies is read up to {@link #MAX_BYTES} + 1 bytes and then refused;</li>
 * <li>{@value #CHECKS_AT_ONCE} upload at a time, from its first byte to the last check (another is told at
 * once to try again later: nothing of it is read); a body still arriving after {@link #LONGEST_RECEIVE} is
 * dropped, so a slow sender cannot hold the page;</li>
 * <li>the bytes go to a temporary file readable by the server's account only (0600, created so), hashed
 * on the way, deleted when the check ends; the verifier reads that file mapped into memory, so the heap
 * never holds the record whole (the file's pages are the operating system's cache, dropped under pressure).</li>
 * </ul>
 * What the page shows is handed to {@link Listener}, inside the UI's lock.
 */
final class RecordUpload implements UploadHandler {

    /**
     * The largest record the page takes: 100 MiB. A 600-voter, 30-candidate conference's record is about
     * 72 MB (measured, docs/performance.md "Verifying the election record"), a 500 × 44 one 87.6 MB; larger
     * records are for the command ({@code java -jar … verify FILE}), which maps the file the same way.
     */
    static final int MAX_MB = 100;
    static final long MAX_BYTES = MAX_MB * 1024L * 1024L;
    static final int CHECKS_AT_ONCE = 1;
    static final Duration LONGEST_RECEIVE = Duration.ofMinutes(5);
    private static final Semaphore CHECKS = new Semaphore(CHECKS_AT_ONCE);
    /** Every byte of a body this page has read, since the start: what the tests and the load harness watch. */
    private static final AtomicLong BYTES_READ = new AtomicLong();

    /** What the page does with an upload's outcome; called with the UI locked. */
    interface Listener {
        void checked(String fileName, long size, String sha256, List<RecordVerifier.Check> checks);

        void refused(String messageKey, Object... args);
    }

    private final Listener listener;

    RecordUpload(Listener listener) {
        this.listener = listener;
    }

    static long bytesRead() {
        return BYTES_READ.get();
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        UI ui = event.getUI();
        String name = event.getFileName();
        long declared = event.getFileSize();
        if (declared > MAX_BYTES) {
            refuse(event, ui, "verify.tooLargeRefused", name, megabytes(declared), MAX_MB);
            return;
        }
        if (!CHECKS.tryAcquire()) {
            refuse(event, ui, "verify.busy");
            return;
        }
        Path file = null;
        try {
            file = ownersOnlyTempFile();
            Received received = receive(event.getInputStream(), file);
            if (received.tooLarge()) {
                refuse(event, ui, "verify.tooLargeRefused", name, megabytes(received.size()), MAX_MB);
                return;
            }
            if (received.tooSlow()) {
                refuse(event, ui, "verify.tooSlow", LONGEST_RECEIVE.toMinutes());
                return;
            }
            List<RecordVerifier.Check> checks;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                checks = new RecordVerifier().verify(channel.map(FileChannel.MapMode.READ_ONLY, 0, received.size()));
            }
            ui.access(() -> listener.checked(name, received.size(), received.sha256(), checks));
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            CHECKS.release();
        }
    }

    /** The refusal's reason in UTF-8 (Vaadin writes its JSON answer in the servlet's default, ISO-8859-1). */
    @Override
    public void responseHandled(UploadResult result) {
        if (result.response() instanceof VaadinServletResponse servlet) {
            servlet.getHttpServletResponse().setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        UploadHandler.super.responseHandled(result);
    }

    private void refuse(UploadEvent event, UI ui, String key, Object... args) {
        // The upload's own answer (the browser marks the file failed) and the page's message at the field.
        event.reject(ui.getTranslation(key, args));
        ui.access(() -> listener.refused(key, args));
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "?" : String.valueOf((bytes + 1024 * 1024 - 1) / (1024 * 1024));
    }

    /** How a body was taken: its size (up to the limit + 1), its SHA-256, and whether it was cut off. */
    record Received(long size, String sha256, boolean tooLarge, boolean tooSlow) {
    }

    /** Copies at most {@link #MAX_BYTES} + 1 bytes to the file, hashing them; stops reading at once beyond. */
    static Received receive(InputStream body, Path file) throws IOException {
        MessageDigest sha256 = Sha256.digest();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        long deadline = System.nanoTime() + LONGEST_RECEIVE.toNanos();
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            int n;
            while ((n = body.read(buffer, 0, (int) Math.min(buffer.length, MAX_BYTES + 1 - size))) > 0) {
                BYTES_READ.addAndGet(n);
                size += n;
                if (size > MAX_BYTES) {
                    return new Received(size, "", true, false);
                }
                if (System.nanoTime() - deadline > 0) {
                    return new Received(size, "", false, true);
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return new Received(size, HexFormat.of().formatHex(sha256.digest()), false, false);
    }

    /** Created 0600 in the same call, so no other local account can open it even for an instant. */
    private static Path ownersOnlyTempFile() throws IOException {
        try {
            return Files.createTempFile("tinnhiem-verify-", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile("tinnhiem-verify-", ".json");
        }
    }
}
