package vn.tinnhiem.crypto.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Fixtures;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.crypto.SeededRandom;

/**
 * Decrypting the aggregates of a 44-candidate three-level election (132 ciphertexts) summed over
 * 20 ballots, but with the discrete-log bound set as for 10,000 ballots: one teller's partial
 * decryption with proofs, and checking two partials plus combining and solving the logs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class TallyBenchmark {
    private Fixtures.Election election;
    private EncryptedTally tally;
    private List<PartialDecryption> partials;
    private SecureRandom rng;

    @Setup
    public void setUp() {
        rng = new SeededRandom("tally-bench");
        election = Fixtures.election("tally-bench", 44, BallotKind.THREE_LEVEL, 2, 3, rng);
        BallotSealer sealer = new BallotSealer(election.ctx(), rng);
        List<SealedBallot> ballots = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ballots.add(sealer.seal(Fixtures.randomChoices(44, 3, rng)));
        }
        EncryptedTally small = EncryptedTally.aggregate(election.ctx(), ballots, false);
        tally = new EncryptedTally(10_000, small.entries());
        partials = List.of(
                Decryption.partial(election.ctx(), tally, election.dealing().shares().get(0), rng),
                Decryption.partial(election.ctx(), tally, election.dealing().shares().get(1), rng));
    }

    @TearDown
    public void tearDown() {
        election.dealing().destroy();
    }

    @Benchmark
    public PartialDecryption partialDecryption() {
        return Decryption.partial(election.ctx(), tally, election.dealing().shares().get(2), rng);
    }

    @Benchmark
    public Decryption.Outcome checkAndCombine() {
        return Decryption.combine(election.ctx(), tally, partials);
    }
}
