package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CeremonyTests {
    @ParameterizedTest
    @CsvSource({"1,1", "2,3", "3,4", "3,5"})
    void every_share_checks_against_the_commitments_and_any_k_rebuild_the_key(int k, int n) {
        try (Ceremony.Dealing d = Ceremony.deal(k, n, new SeededRandom("ceremony" + k + n))) {
            assertEquals(k, d.commitments().size());
            for (TellerShare s : d.shares()) {
                assertTrue(Ceremony.shareMatches(s, d.commitments()));
            }
            for (List<Integer> subset : Subsets.of(n, k)) {
                int[] xs = subset.stream().mapToInt(Integer::intValue).toArray();
                BigInteger[] lambda = Decryption.lagrangeAtZero(xs);
                BigInteger s = BigInteger.ZERO;
                for (int j = 0; j < xs.length; j++) {
                    s = s.add(lambda[j].multiply(d.shares().get(xs[j] - 1).secret().reveal()));
                }
                assertEquals(d.electionKey(), Point.multiplyG(new Scalar(s.mod(Scalar.Q))));
            }
        }
    }

    @Test
    void a_share_from_another_dealing_does_not_check() {
        try (Ceremony.Dealing a = Ceremony.deal(2, 3, new SeededRandom("a"));
                Ceremony.Dealing b = Ceremony.deal(2, 3, new SeededRandom("b"))) {
            assertFalse(Ceremony.shareMatches(b.shares().get(0), a.commitments()));
            TellerShare moved = new TellerShare(2, a.shares().get(0).secret());
            assertFalse(Ceremony.shareMatches(moved, a.commitments()));
        }
    }

    @Test
    void closing_the_dealing_wipes_every_secret() {
        Ceremony.Dealing d = Ceremony.deal(2, 3, new SeededRandom("wipe"));
        List<TellerShare> shares = d.shares();
        d.close();
        assertTrue(d.isDestroyed());
        for (TellerShare s : shares) {
            assertTrue(s.isDestroyed());
            assertThrows(IllegalStateException.class, () -> s.secret().reveal());
        }
        assertFalse(shares.get(0).toString().matches(".*[0-9a-f]{16}.*"));
    }

    @Test
    void ceremony_refuses_impossible_thresholds() {
        SeededRandom rng = new SeededRandom("x");
        assertThrows(IllegalArgumentException.class, () -> Ceremony.deal(0, 3, rng));
        assertThrows(IllegalArgumentException.class, () -> Ceremony.deal(4, 3, rng));
        assertThrows(IllegalArgumentException.class, () -> Ceremony.deal(1, 256, rng));
    }
}
