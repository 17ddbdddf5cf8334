package vn.tinnhiem.crypto.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vn.tinnhiem.crypto.BallotCheck;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.Fixtures;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.crypto.SeededRandom;

/** Seal and verify one three-level ballot on one thread. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class BallotBenchmark {
    @Param({"13", "44"})
    public int candidates;

    private Fixtures.Election election;
    private BallotSealer sealer;
    private BallotVerifier verifier;
    private SealedBallot ballot;
    private SecureRandom rng;

    @Setup
    public void setUp() {
        rng = new SeededRandom("bench");
        election = Fixtures.election("bench", candidates, BallotKind.THREE_LEVEL, 2, 3, rng);
        sealer = new BallotSealer(election.ctx(), rng);
        verifier = new BallotVerifier(election.ctx(), rng);
        ballot = sealer.seal(Fixtures.randomChoices(candidates, 3, rng));
    }

    @TearDown
    public void tearDown() {
        election.dealing().destroy();
    }

    @Benchmark
    public SealedBallot seal() {
        int[] choices = new int[candidates];
        for (int c = 0; c < candidates; c++) {
            choices[c] = c % 4 - 1;
        }
        return sealer.seal(choices);
    }

    @Benchmark
    public BallotCheck verify() {
        return verifier.verify(ballot);
    }
}
