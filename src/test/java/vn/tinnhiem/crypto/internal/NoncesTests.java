package vn.tinnhiem.crypto.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.crypto.SeededRandom;

/** The hedged nonce derivation: each input counts, and a nonce is a scalar in [1, q). */
class NoncesTests {
    private static final byte[] VOTES_A = {1, 0, 0, 0, 1, 0};
    private static final byte[] VOTES_B = {0, 1, 0, 0, 1, 0};
    private static final byte[] CONTEXT = "manifest hash".getBytes(StandardCharsets.US_ASCII);

    private static BigInteger nonce(String seed, long unique, byte[] secret, byte[] context, int purpose, int a) {
        try (Nonces.Session s = Nonces.session(new SeededRandom(seed), unique, "TN1/nonce/test", secret, context)) {
            return s.scalar(purpose, a, 0);
        }
    }

    @Test
    void the_same_inputs_give_the_same_nonce() {
        assertEquals(nonce("rng", 7, VOTES_A, CONTEXT, 1, 0), nonce("rng", 7, VOTES_A, CONTEXT, 1, 0));
    }

    @Test
    void repeated_randomness_with_another_secret_context_position_or_counter_gives_another_nonce() {
        BigInteger base = nonce("rng", 7, VOTES_A, CONTEXT, 1, 0);
        Set<BigInteger> all = new HashSet<>();
        all.add(base);
        all.add(nonce("rng", 7, VOTES_B, CONTEXT, 1, 0));
        all.add(nonce("rng", 7, VOTES_A, "other manifest".getBytes(StandardCharsets.US_ASCII), 1, 0));
        all.add(nonce("rng", 7, VOTES_A, CONTEXT, 2, 0));
        all.add(nonce("rng", 7, VOTES_A, CONTEXT, 1, 1));
        all.add(nonce("rng", 8, VOTES_A, CONTEXT, 1, 0));
        assertEquals(6, all.size());
    }

    @Test
    void fresh_randomness_with_the_same_secret_gives_another_nonce() {
        assertNotEquals(nonce("rng", 7, VOTES_A, CONTEXT, 1, 0), nonce("other rng", 7, VOTES_A, CONTEXT, 1, 0));
    }

    @Test
    void nonces_are_scalars_in_range_and_a_session_does_not_repeat_them() {
        Set<BigInteger> seen = new HashSet<>();
        try (Nonces.Session s = Nonces.session(new SeededRandom("range"), "TN1/nonce/test", VOTES_A, CONTEXT)) {
            for (int i = 0; i < 2000; i++) {
                BigInteger x = s.scalar(1, i, 0);
                assertTrue(x.signum() > 0 && x.compareTo(Curve.Q) < 0);
                assertTrue(seen.add(x));
            }
            assertEquals(16, s.bytes(0, 0, 0, 16).length);
        }
        // the default uniquifier: two sessions on one replayed stream still differ
        BigInteger a;
        BigInteger b;
        try (Nonces.Session s = Nonces.session(new SeededRandom("replay"), "TN1/nonce/test", VOTES_A, CONTEXT)) {
            a = s.scalar(1, 0, 0);
        }
        try (Nonces.Session s = Nonces.session(new SeededRandom("replay"), "TN1/nonce/test", VOTES_A, CONTEXT)) {
            b = s.scalar(1, 0, 0);
        }
        assertNotEquals(a, b);
    }
}
