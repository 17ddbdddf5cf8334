package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RandomizedTests {
    static List<Arguments> shapes() {
        SeededRandom r = new SeededRandom("shapes");
        List<Arguments> out = new ArrayList<>();
        int[] sizes = {1, 2, 3, 5, 8, 13, 21, 34, 44, 60};
        for (int i = 0; i < sizes.length; i++) {
            BallotKind kind = i % 2 == 0 ? BallotKind.THREE_LEVEL : BallotKind.TWO_LEVEL;
            int n = 1 + r.nextInt(4);
            int k = 1 + r.nextInt(n);
            out.add(Arguments.of(sizes[i], kind, k, n, "shape-" + i));
            out.add(Arguments.of(sizes[i], kind == BallotKind.THREE_LEVEL ? BallotKind.TWO_LEVEL : BallotKind.THREE_LEVEL,
                    k, n, "shape-b-" + i));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} candidates, {1}, {2} of {3}")
    @MethodSource("shapes")
    void random_ballots_of_every_shape_verify_and_count_exactly(int m, BallotKind kind, int k, int n, String seed) {
        SeededRandom rng = new SeededRandom(seed);
        Fixtures.Election e = Fixtures.election(seed, m, kind, k, n, rng);
        int levels = kind.levelCount();
        BallotSealer sealer = new BallotSealer(e.ctx(), rng);
        int count = m > 30 ? 2 : 4;
        List<int[]> choices = new ArrayList<>();
        List<SealedBallot> ballots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] ch = Fixtures.randomChoices(m, levels, rng);
            if (i == 0) {
                java.util.Arrays.fill(ch, -1); // all blank
            }
            choices.add(ch.clone());
            SealedBallot b = sealer.seal(ch);
            assertEquals(BallotLayout.size(m, levels), b.size());
            assertTrue(b.trackingCode().matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"));
            ballots.add(b);
        }
        BallotVerifier v = new BallotVerifier(e.ctx(), rng);
        assertTrue(v.verify(ballots.get(1)).ok());
        assertTrue(v.verifyAll(ballots, true).allOk());
        EncryptedTally tally = EncryptedTally.aggregate(e.ctx(), ballots, true);
        List<PartialDecryption> parts = new ArrayList<>();
        for (int i = n - k; i < n; i++) {
            parts.add(Decryption.partial(e.ctx(), tally, e.dealing().shares().get(i), rng));
        }
        Decryption.Decrypted d = assertInstanceOf(Decryption.Decrypted.class, Decryption.combine(e.ctx(), tally, parts));
        RoundTripTests.assertCounts(RoundTripTests.expected(choices, m, levels), count, d.counts());
        e.dealing().destroy();
    }
}
