package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundTripTests {
    /** Plain counts of the choices, per (candidate, level). */
    static int[][] expected(List<int[]> choices, int m, int levels) {
        int[][] t = new int[m][levels];
        for (int[] ch : choices) {
            for (int c = 0; c < m; c++) {
                if (ch[c] >= 0) {
                    t[c][ch[c]]++;
                }
            }
        }
        return t;
    }

    static void assertCounts(int[][] want, int ballots, Counts got) {
        assertEquals(ballots, got.ballots());
        for (int c = 0; c < want.length; c++) {
            Counts.CandidateCount cc = got.candidates().get(c);
            int valid = 0;
            for (int l = 0; l < want[c].length; l++) {
                assertEquals(want[c][l], cc.levels().get(l), "candidate " + c + " level " + l);
                valid += want[c][l];
            }
            assertEquals(valid, cc.valid());
            assertEquals(ballots - valid, cc.invalid());
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,THREE_LEVEL", "2,3,THREE_LEVEL", "3,4,TWO_LEVEL", "2,3,TWO_LEVEL"})
    void sealed_ballots_count_right_with_every_k_subset_of_tellers(int k, int n, BallotKind kind) {
        SeededRandom rng = new SeededRandom("roundtrip" + k + n + kind);
        Fixtures.Election e = Fixtures.election("rt-" + k + n + kind, 4, kind, k, n, rng);
        int levels = kind.levelCount();
        BallotSealer sealer = new BallotSealer(e.ctx(), rng);
        List<int[]> choices = new ArrayList<>();
        List<SealedBallot> ballots = new ArrayList<>();
        choices.add(new int[] {-1, -1, -1, -1});
        choices.add(new int[] {0, levels - 1, -1, 1});
        for (int i = 0; i < 5; i++) {
            choices.add(Fixtures.randomChoices(4, levels, rng));
        }
        for (int[] ch : choices) {
            ballots.add(sealer.seal(ch.clone()));
        }
        BallotVerifier verifier = new BallotVerifier(e.ctx(), rng);
        assertTrue(verifier.verifyAll(ballots, false).allOk());
        EncryptedTally tally = EncryptedTally.aggregate(e.ctx(), ballots, false);
        List<PartialDecryption> all = new ArrayList<>();
        for (TellerShare s : e.dealing().shares()) {
            all.add(Decryption.partial(e.ctx(), tally, s, rng));
        }
        int[][] want = expected(choices, 4, levels);
        for (List<Integer> subset : Subsets.of(n, k)) {
            List<PartialDecryption> chosen = subset.stream().map(i -> all.get(i - 1)).toList();
            Decryption.Decrypted d = assertInstanceOf(Decryption.Decrypted.class, Decryption.combine(e.ctx(), tally, chosen));
            assertEquals(subset, d.tellersUsed());
            assertCounts(want, ballots.size(), d.counts());
        }
        e.dealing().destroy();
    }

    @ParameterizedTest
    @CsvSource({"2,3", "3,4"})
    void fewer_than_k_partials_are_refused(int k, int n) {
        SeededRandom rng = new SeededRandom("few" + k);
        Fixtures.Election e = Fixtures.election("few-" + k, 1, BallotKind.THREE_LEVEL, k, n, rng);
        SealedBallot b = new BallotSealer(e.ctx(), rng).seal(new int[] {0});
        EncryptedTally tally = EncryptedTally.aggregate(e.ctx(), List.of(b), false);
        List<PartialDecryption> parts = new ArrayList<>();
        for (int i = 0; i < k - 1; i++) {
            parts.add(Decryption.partial(e.ctx(), tally, e.dealing().shares().get(i), rng));
        }
        Decryption.Refused r = assertInstanceOf(Decryption.Refused.class, Decryption.combine(e.ctx(), tally, parts));
        assertEquals(Decryption.Reason.TOO_FEW, r.problems().get(r.problems().size() - 1).reason());
        e.dealing().destroy();
    }

    @ParameterizedTest
    @CsvSource({"THREE_LEVEL", "TWO_LEVEL"})
    void sealer_wipes_the_choices_it_was_given(BallotKind kind) {
        SeededRandom rng = new SeededRandom("wipe");
        Fixtures.Election e = Fixtures.election("wipe" + kind, 3, kind, 1, 1, rng);
        int[] choices = {1, -1, 0};
        new BallotSealer(e.ctx(), rng).seal(choices);
        assertArrayEquals(new int[3], choices);
        int[] bad = {1, 7, 0};
        assertThrows(IllegalArgumentException.class, () -> new BallotSealer(e.ctx(), rng).seal(bad));
        assertArrayEquals(new int[3], bad);
        assertThrows(IllegalArgumentException.class, () -> new BallotSealer(e.ctx(), rng).seal(new int[2]));
        e.dealing().destroy();
    }
}
