package vn.tinnhiem.verify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.verify.Records;

/**
 * A load harness, not a timed test: the size of the election record of a 600-voter, 30-candidate conference
 * (what the {@code /verify} page's limit is chosen from), and the memory one upload of a record near that
 * limit costs the server, along today's path and the one before, each in a fresh JVM with {@code -Xmx1g} (a hall
 * unit). Run on its own ({@code -Dtest=UploadMemoryBenchmarkTests -Dsurefire.excludedGroups=}); the figures are
 * printed and copied into docs/performance.md ("The /verify page's upload").
 */
@Tag("benchmark")
class UploadMemoryBenchmarkTests {

    @TempDir
    Path dir;

    @Test
    void record_sizes_and_the_memory_of_one_upload_at_the_limit() throws Exception {
        Path conference = write("record-600x30.json", 600, 30);
        long size = Files.size(conference);
        System.out.printf("BENCH record of 600 voters (600 ballots) x 30 candidates: %,d bytes (%.1f MB), limit %d MiB%n",
                size, size / 1e6, RecordUpload.MAX_MB);
        assertThat(size).isLessThan(RecordUpload.MAX_BYTES);

        // The largest genuine record under the limit, 30 candidates: ballots scaled from the 600's size.
        int ballots = (int) (600 * (RecordUpload.MAX_BYTES * 0.97) / size);
        Path atLimit = write("record-" + ballots + "x30.json", ballots, 30);
        System.out.printf("BENCH record of %d ballots x 30 candidates: %,d bytes, %.0f%% of the limit%n", ballots,
                Files.size(atLimit), 100.0 * Files.size(atLimit) / RecordUpload.MAX_BYTES);
        assertThat(Files.size(atLimit)).isLessThanOrEqualTo(RecordUpload.MAX_BYTES);

        for (Path record : List.of(conference, atLimit)) {
            for (String mode : List.of("stream", "memory")) {
                String line = probe(mode, record);
                System.out.println("BENCH " + record.getFileName() + " " + line);
                assertThat(line).contains("allHold=true");
            }
        }
    }

    private Path write(String name, int ballots, int candidates) throws Exception {
        var record = Records.genuine(candidates, BallotKind.THREE_LEVEL, "QD_96_2023", 2, 3, ballots, false,
                new SecureRandom());
        Path file = dir.resolve(name);
        Files.write(file, record.bytes());
        return file;
    }

    private static String probe(String mode, Path record) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UploadMemoryProbe.class.getName());
        command.add(mode);
        command.add(record.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return out.lines().filter(l -> l.startsWith("PROBE")).findFirst()
                .orElseThrow(() -> new AssertionError("exit " + p.exitValue() + ": " + out));
    }
}
