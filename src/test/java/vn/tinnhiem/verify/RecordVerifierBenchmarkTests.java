package vn.tinnhiem.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.tinnhiem.crypto.BallotKind;

/**
 * The record's size and the verifier's time on it, for the two conference sizes of issue 9 (three levels,
 * k = 2 of n = 3). Run on its own:
 * {@code /work/mvnl verify -Dtest=RecordVerifierBenchmarkTests -Dsurefire.excludedGroups= -Djacoco.skip=true};
 * add {@code -Dverify.bench.dir=/tmp} to keep the two files (for timing the command on them); the figures
 * are printed, and copied into docs/performance.md ("Verifying the election record").
 */
@Tag("benchmark")
class RecordVerifierBenchmarkTests {

    @ParameterizedTest(name = "{0} ballots × {1} candidates")
    @CsvSource({"500, 44", "10000, 13"})
    void size_and_time_of_a_record(int ballots, int candidates) {
        long t0 = System.nanoTime();
        var record = Records.genuine(candidates, BallotKind.THREE_LEVEL, "QD_96_2023", 2, 3, ballots, false,
                new SecureRandom());
        byte[] bytes = record.bytes();
        String keep = System.getProperty("verify.bench.dir");
        if (keep != null) {
            try {
                java.nio.file.Files.write(java.nio.file.Path.of(keep, "record-" + ballots + "x" + candidates + ".json"), bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        record = null; // the fixture's parts are as large as the file: let the verifier have the heap
        long built = System.nanoTime();

        RecordVerifier verifier = new RecordVerifier();
        // One warm-up on a small record, so the timing is of the verifier and not of the JIT's first minutes.
        verifier.verify(Records.genuine(candidates, BallotKind.THREE_LEVEL, "QD_96_2023", 2, 3, 20, false,
                new SecureRandom()).bytes());
        long p0 = System.nanoTime();
        try {
            JsonReader.parse(bytes);
        } catch (JsonReader.NotJson e) {
            throw new AssertionError(e);
        }
        long parseMillis = (System.nanoTime() - p0) / 1_000_000;
        long[] ballotsDone = new long[1];
        long start = System.nanoTime();
        List<RecordVerifier.Check> checks = verifier.verify(bytes, (name, done, total) -> {
            if (done == total) {
                ballotsDone[0] = System.nanoTime();
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("RECORD %d ballots x %d candidates: %,d bytes (built in %d s); verified in %,d ms on %d cores"
                + " (reading the JSON alone %,d ms; up to the end of the ballots' proofs %,d ms)%n",
                ballots, candidates, bytes.length, (built - t0) / 1_000_000_000, millis,
                Runtime.getRuntime().availableProcessors(), parseMillis, (ballotsDone[0] - start) / 1_000_000);
        assertThat(checks).allSatisfy(c -> assertThat(c.holds()).as(c.name() + " " + c.args()).isTrue());
    }
}
