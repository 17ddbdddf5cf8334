package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.crypto.BallotFailure.Part;
import vn.tinnhiem.crypto.CheatingProver.Mode;
import vn.tinnhiem.crypto.CheatingProver.Spec;

/**
 * Ballots from a dishonest sealer ({@link CheatingProver}): each is refused by BallotVerifier on
 * its own and inside a batch of honest ballots, with the failing proof named; the cancelling
 * forgeries fool a check with a weight of 1 everywhere, but not the verifier, even when its random
 * source is stuck (every weight would then be the same number).
 */
class CheatingProverTests {
    private static final int M = 3;
    private static final int L = 3;
    private static Fixtures.Election election;
    private static CheatingProver cheat;

    @BeforeAll
    static void setUp() {
        SeededRandom rng = new SeededRandom("cheating prover");
        election = Fixtures.election("cheat", M, BallotKind.THREE_LEVEL, 2, 3, rng);
        cheat = new CheatingProver(election.ctx(), rng);
    }

    @AfterAll
    static void tearDown() {
        election.dealing().destroy();
    }

    /** A random source stuck at zero: every 16-byte weight the verifier draws is the same. */
    static final class StuckRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    private static Spec honestRest() {
        return new Spec(M, L).vote(1, 2).vote(2, -1);
    }

    private static List<String> names(BallotCheck check) {
        return check.failures().stream().map(f -> f.part() + "(" + f.candidate()
                + (f.level() < 0 ? "" : "," + f.level()) + ")").toList();
    }

    /** Refused alone and in a batch, with these failures, by a good verifier and by one with a stuck source. */
    private static void refused(List<SealedBallot> cheats, List<List<String>> expected) {
        for (SecureRandom rng : List.of(new SeededRandom("verifier"), new StuckRandom())) {
            BallotVerifier v = new BallotVerifier(election.ctx(), rng);
            for (int i = 0; i < cheats.size(); i++) {
                assertEquals(expected.get(i), names(v.verify(cheats.get(i))), rng.getClass().getSimpleName());
            }
            List<SealedBallot> batch = new ArrayList<>();
            BallotSealer honest = new BallotSealer(election.ctx(), new SeededRandom("honest voters"));
            List<Integer> where = new ArrayList<>();
            for (int i = 0; i < cheats.size(); i++) {
                batch.add(honest.seal(new int[] {i % L, -1, 1}));
                where.add(batch.size());
                batch.add(cheats.get(i));
            }
            batch.add(honest.seal(new int[] {2, 2, 2}));
            BallotVerifier.BatchResult result = v.verifyAll(batch, false);
            assertEquals(where, result.rejected().stream().map(BallotVerifier.Rejected::index).toList());
            for (int i = 0; i < cheats.size(); i++) {
                assertEquals(expected.get(i), names(result.rejected().get(i).check()));
            }
        }
    }

    @Test
    void an_over_vote_two_levels_at_one_is_refused() {
        Spec plain = honestRest().value(0, 0, 1).value(0, 1, 1); // bit proofs honest, the sum is 2
        Spec cancelling = honestRest().value(0, 0, 1).value(0, 2, 1);
        cancelling.sumModes[0] = Mode.CANCELLING;
        SealedBallot a = cheat.forge(plain).ballot();
        SealedBallot b = cheat.forge(cancelling).ballot();
        assertTrue(CheatingProver.acceptedWithUnitWeights(election.ctx(), List.of(b)), "the forgery is a real one");
        refused(List.of(a, b), List.of(List.of("SUM_PROOF(0)"), List.of("SUM_PROOF(0)")));
    }

    @Test
    void a_bit_of_two_is_refused() {
        Spec plain = honestRest().value(0, 1, 2); // the sum is 2 as well
        // 2 at HIGH and -1 at MEDIUM: the sum is 1 and its proof is honest; the count would gain a vote
        Spec balanced = honestRest().value(0, 0, 2).value(0, 1, -1);
        balanced.bitModes[0][0] = Mode.CANCELLING;
        balanced.bitModes[0][1] = Mode.CANCELLING;
        SealedBallot a = cheat.forge(plain).ballot();
        SealedBallot b = cheat.forge(balanced).ballot();
        refused(List.of(a, b), List.of(List.of("BIT_PROOF(0,1)", "SUM_PROOF(0)"),
                List.of("BIT_PROOF(0,0)", "BIT_PROOF(0,1)")));
    }

    @Test
    void errors_that_cancel_across_the_two_equations_of_one_proof_are_refused() {
        Spec s = honestRest().value(0, 0, 2).value(0, 1, -1);
        s.bitModes[0][0] = Mode.CANCELLING;
        s.bitModes[0][1] = Mode.CANCELLING;
        SealedBallot forged = cheat.forge(s).ballot();
        // With one weight for every equation the errors of b_0 and b_1 cancel ...
        assertTrue(CheatingProver.acceptedWithUnitWeights(election.ctx(), List.of(forged)));
        // ... each equation on its own fails
        Verification.Parsed p = Verification.parse(election.ctx(), forged);
        assertFalse(Verification.checkProof(election.ctx(), p, 0));
        assertFalse(Verification.checkProof(election.ctx(), p, 1));
        refused(List.of(forged), List.of(List.of("BIT_PROOF(0,0)", "BIT_PROOF(0,1)")));
    }

    /** X encrypts 2 at (0, HIGH); Y, an honest vote for (0, HIGH), carries X's errors with the opposite sign. */
    private static List<SealedBallot> cancellingPair() {
        Spec x = honestRest().value(0, 0, 2);
        CheatingProver.Forged fx = cheat.forge(x);
        Spec y = honestRest().vote(0, 0);
        int bit = 0;
        int sum = M * L;
        y.offsets.put(bit, fx.errors().get(bit));
        y.offsets.put(sum, fx.errors().get(sum));
        CheatingProver.Forged fy = cheat.forge(y);
        assertFalse(fx.errors().get(bit).isInfinity());
        assertTrue(fx.errors().get(bit).add(fy.errors().get(bit)).isInfinity());
        return List.of(fx.ballot(), fy.ballot());
    }

    @Test
    void errors_that_cancel_across_two_ballots_of_one_batch_are_refused() {
        List<SealedBallot> pair = cancellingPair();
        assertFalse(CheatingProver.acceptedWithUnitWeights(election.ctx(), pair.subList(0, 1)));
        assertFalse(CheatingProver.acceptedWithUnitWeights(election.ctx(), pair.subList(1, 2)));
        assertTrue(CheatingProver.acceptedWithUnitWeights(election.ctx(), pair), "together they pass a unit-weight check");
        List<String> both = List.of("BIT_PROOF(0,0)", "SUM_PROOF(0)");
        refused(pair, List.of(both, both));
        // the pair side by side in one batch, nothing between them
        for (SecureRandom rng : List.of(new SeededRandom("pair"), new StuckRandom())) {
            BallotVerifier.BatchResult r = new BallotVerifier(election.ctx(), rng).verifyAll(pair, false);
            assertEquals(List.of(0, 1), r.rejected().stream().map(BallotVerifier.Rejected::index).toList());
        }
    }

    @Test
    void a_weight_of_one_everywhere_is_fooled_but_the_verifier_is_not() {
        Spec s = honestRest().value(0, 0, 2).value(0, 1, -1);
        s.bitModes[0][0] = Mode.CANCELLING;
        s.bitModes[0][1] = Mode.CANCELLING;
        SealedBallot single = cheat.forge(s).ballot();
        List<SealedBallot> pair = cancellingPair();
        List<SealedBallot> all = List.of(single, pair.get(0), pair.get(1));
        assertTrue(CheatingProver.acceptedWithUnitWeights(election.ctx(), all));
        // A stuck random source would give every equation the same weight: the verifier's weights
        // must not come from the random source alone.
        BallotVerifier stuck = new BallotVerifier(election.ctx(), new StuckRandom());
        assertFalse(stuck.verify(single).ok());
        BallotVerifier.BatchResult r = stuck.verifyAll(all, false);
        assertEquals(List.of(0, 1, 2), r.rejected().stream().map(BallotVerifier.Rejected::index).toList());
        assertEquals(Part.BIT_PROOF, r.rejected().get(0).check().failures().get(0).part());
        // honest ballots still pass with the stuck source
        SealedBallot honest = new BallotSealer(election.ctx(), new SeededRandom("h")).seal(new int[] {0, 1, 2});
        assertTrue(stuck.verify(honest).ok());
        assertTrue(stuck.verifyAll(List.of(honest, honest), false).rejected().isEmpty());
    }
}
