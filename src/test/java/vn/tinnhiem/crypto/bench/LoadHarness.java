package vn.tinnhiem.crypto.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Fixtures;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.crypto.SeededRandom;

/**
 * Whole-count load: seals N ballots of M candidates (three levels) first, outside the timing, then
 * times batch verification and aggregation on all cores, and the decryption of the aggregates.
 * Usage: LoadHarness [ballots=10000] [candidates=44] [seq: also time verification on one thread]
 */
public final class LoadHarness {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 44;
        SecureRandom rng = new SeededRandom("load-harness");
        Fixtures.Election e = Fixtures.election("load", m, BallotKind.THREE_LEVEL, 2, 3, rng);
        System.out.printf("cores=%d commonPoolParallelism=%d ballots=%d candidates=%d%n",
                Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism(), n, m);
        long t0 = System.nanoTime();
        List<SealedBallot> ballots = IntStream.range(0, n).parallel()
                .mapToObj(i -> {
                    SecureRandom r = new SeededRandom("ballot-" + i);
                    return new BallotSealer(e.ctx(), r).seal(Fixtures.randomChoices(m, 3, r));
                })
                .toList();
        long t1 = System.nanoTime();
        System.out.printf("sealed %d ballots (%d bytes each) in %.1f s (setup, untimed for targets)%n",
                n, ballots.get(0).size(), (t1 - t0) / 1e9);
        BallotVerifier v = new BallotVerifier(e.ctx(), new SecureRandom());
        if (args.length > 2 && args[2].equals("seq")) {
            long s0 = System.nanoTime();
            boolean ok = v.verifyAll(ballots, false).allOk();
            System.out.printf("batch verify (one thread): %.2f s, all ok=%s%n", (System.nanoTime() - s0) / 1e9, ok);
        }
        long t2 = System.nanoTime();
        BallotVerifier.BatchResult res = v.verifyAll(ballots, true);
        long t3 = System.nanoTime();
        System.out.printf("batch verify (both cores): %.2f s, all ok=%s%n", (t3 - t2) / 1e9, res.allOk());
        long t4 = System.nanoTime();
        EncryptedTally tally = EncryptedTally.aggregate(e.ctx(), ballots, true);
        long t5 = System.nanoTime();
        System.out.printf("aggregate (both cores): %.2f s%n", (t5 - t4) / 1e9);
        long t6 = System.nanoTime();
        List<PartialDecryption> parts = new ArrayList<>();
        parts.add(Decryption.partial(e.ctx(), tally, e.dealing().shares().get(0), rng));
        parts.add(Decryption.partial(e.ctx(), tally, e.dealing().shares().get(2), rng));
        long t7 = System.nanoTime();
        Decryption.Outcome out = Decryption.combine(e.ctx(), tally, parts);
        long t8 = System.nanoTime();
        System.out.printf("partial decryptions (2 tellers x %d aggregates): %.3f s; check + combine + dlog: %.3f s; %s%n",
                tally.entries().size(), (t7 - t6) / 1e9, (t8 - t7) / 1e9,
                out instanceof Decryption.Decrypted ? "decrypted" : out);
        e.dealing().destroy();
    }
}
