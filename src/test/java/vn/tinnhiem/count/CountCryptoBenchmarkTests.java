package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.Counts;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Fixtures;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.crypto.SeededRandom;

/**
 * The count at the level of the crypto core, from "unseal" to the counts, on this machine's cores: every
 * ballot's proofs checked (batched, in parallel), the totals summed, k = 2 of n = 3 partial decryptions
 * made and each checked as it arrives, then combined (Lagrange, discrete logs). The ballots are sealed
 * beforehand, in parallel, outside the timing. Figures in docs/performance.md, "Counting (crypto core)".
 * Run with {@code -Dtest=CountCryptoBenchmarkTests -Dsurefire.excludedGroups=}.
 */
@Tag("benchmark")
class CountCryptoBenchmarkTests {

    record Figures(double verify, double aggregate, double partials, double checks, double combine) {
        double total() {
            return verify + aggregate + partials + checks + combine;
        }
    }

    @Test
    void five_hundred_ballots_of_44_candidates_count_in_under_5_seconds() {
        measure(500, 44, 5.0);
    }

    @Test
    void ten_thousand_ballots_of_13_candidates_count_in_under_30_seconds() {
        measure(10_000, 13, 30.0);
    }

    private static void measure(int n, int m, double targetSeconds) {
        SecureRandom rng = new SeededRandom("count-bench-" + n + "-" + m);
        Fixtures.Election e = Fixtures.election("count-bench-" + n, m, BallotKind.THREE_LEVEL, 2, 3, rng);
        long s0 = System.nanoTime();
        List<int[]> choices = IntStream.range(0, n)
                .mapToObj(i -> Fixtures.randomChoices(m, 3, new SeededRandom("choices-" + i))).toList();
        // The sealer wipes the choices it is given: it gets a copy, the expected counts come from these.
        List<SealedBallot> ballots = IntStream.range(0, n).parallel()
                .mapToObj(i -> new BallotSealer(e.ctx(), new SeededRandom("seal-" + i)).seal(choices.get(i).clone()))
                .toList();
        System.out.printf("count benchmark: %d ballots x %d candidates x 3 levels, %d bytes each, sealed in %.1f s "
                + "(setup, untimed); cores=%d%n", n, m, ballots.get(0).size(), (System.nanoTime() - s0) / 1e9,
                Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism());
        int[][] expected = new int[m][3];
        for (int[] c : choices) {
            for (int j = 0; j < m; j++) {
                if (c[j] >= 0) {
                    expected[j][c[j]]++;
                }
            }
        }
        try {
            // The first run is the one that counts: a hall server counts once, with a JVM that has sealed but
            // never verified. The second shows what a warm JVM does.
            for (int round = 1; round <= 2; round++) {
                Figures f = count(e, ballots, expected);
                System.out.printf("  run %d: proof check %.2f s, aggregation %.2f s, 2 partial decryptions %.3f s,"
                        + " their checks %.3f s, combination %.3f s; total %.2f s (target %.0f s)%n", round, f.verify(),
                        f.aggregate(), f.partials(), f.checks(), f.combine(), f.total(), targetSeconds);
                if (round == 1) {
                    assertThat(f.total()).as("seconds from unseal to counts").isLessThan(targetSeconds);
                }
            }
        } finally {
            e.dealing().destroy();
        }
    }

    private static Figures count(Fixtures.Election e, List<SealedBallot> ballots, int[][] expected) {
        long t0 = System.nanoTime();
        BallotVerifier.BatchResult checked = new BallotVerifier(e.ctx(), new SecureRandom()).verifyAll(ballots, true);
        long t1 = System.nanoTime();
        assertThat(checked.allOk()).isTrue();
        List<SealedBallot> counted = checked.counted().stream().map(ballots::get).toList();
        EncryptedTally tally = EncryptedTally.aggregate(e.ctx(), counted, true);
        long t2 = System.nanoTime();
        SecureRandom rng = new SecureRandom();
        List<PartialDecryption> partials = new ArrayList<>();
        long partialNanos = 0;
        long checkNanos = 0;
        for (int seat : new int[] {1, 3}) {
            long a = System.nanoTime();
            PartialDecryption p = Decryption.partial(e.ctx(), tally, e.dealing().shares().get(seat - 1), rng);
            long b = System.nanoTime();
            assertThat(Decryption.check(e.ctx(), tally, p)).isEmpty();
            long c = System.nanoTime();
            partialNanos += b - a;
            checkNanos += c - b;
            partials.add(p);
        }
        long t3 = System.nanoTime();
        Decryption.Outcome outcome = Decryption.combine(e.ctx(), tally, partials);
        long t4 = System.nanoTime();
        assertThat(outcome).isInstanceOf(Decryption.Decrypted.class);
        Counts counts = ((Decryption.Decrypted) outcome).counts();
        assertThat(counts.ballots()).isEqualTo(ballots.size());
        for (int c = 0; c < expected.length; c++) {
            for (int l = 0; l < 3; l++) {
                assertThat(counts.candidates().get(c).levels().get(l)).isEqualTo(expected[c][l]);
            }
        }
        return new Figures((t1 - t0) / 1e9, (t2 - t1) / 1e9, partialNanos / 1e9, checkNanos / 1e9, (t4 - t3) / 1e9);
    }
}
