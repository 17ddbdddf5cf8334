package vn.tinnhiem.verify.ui;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import vn.tinnhiem.verify.RecordVerifier;

/**
 * One upload of a record file through the {@code /verify} page's path, alone in a fresh JVM (started by
 * {@link UploadMemoryBenchmarkTests} with the hall unit's {@code -Xmx1g}), printing the peak of the heap in use
 * (sampled every 5 ms) and of the process's resident memory ({@code VmHWM}). {@code stream}: today's path
 * ({@link RecordUpload#receive} to a 0600 temporary file, the verifier on the file mapped); {@code memory}: the
 * path before (Vaadin's in-memory upload: the body into a growing byte array, copied out whole, hashed, and
 * verified from the array).
 */
public final class UploadMemoryProbe {

    private UploadMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path record = Path.of(args[1]);
        var memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        sampler.start();
        long start = System.nanoTime();
        List<RecordVerifier.Check> checks;
        long size;
        try (InputStream body = Files.newInputStream(record)) {
            if (mode.equals("stream")) {
                Path file = Files.createTempFile("probe-", ".json");
                try {
                    var received = RecordUpload.receive(body, file);
                    size = received.size();
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                        checks = new RecordVerifier().verify(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
                    }
                } finally {
                    Files.deleteIfExists(file);
                }
            } else {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                body.transferTo(buffer);
                byte[] data = buffer.toByteArray();
                MessageDigest.getInstance("SHA-256").digest(data);
                size = data.length;
                checks = new RecordVerifier().verify(data);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();
        sampler.join();
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .findFirst().orElse("VmHWM: ? kB").replaceAll("\\D+", " ").trim();
        System.out.printf("PROBE mode=%s bytes=%d heapPeakMB=%d heapBeforeMB=%d rssPeakMB=%d allHold=%s millis=%d%n",
                mode, size, peak.get() >> 20, baseline >> 20, Long.parseLong(hwm) >> 10, RecordVerifier.allHold(checks),
                millis);
    }
}
