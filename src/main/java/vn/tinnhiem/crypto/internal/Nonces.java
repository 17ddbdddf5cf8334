package vn.tinnhiem.crypto.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hedged nonces: the one place the crypto module turns randomness into nonces, salts and ids.
 *
 * <p>A nonce taken straight from the random generator repeats when the generator's state repeats
 * (a virtual machine restored from a snapshot, a cloned container): two voters would then share
 * r, and the difference of their ciphertexts would show whether their votes differ; a teller's
 * proof nonce reused on two tallies gives away the share. So every value is derived, as in RFC
 * 6979's hedged variant, from fresh randomness AND the secret AND the context:
 *
 * <pre>
 * seed  = SHA-512 of the length-prefixed parts (tag, 32 fresh random bytes, u64 process counter,
 *         u64 nanoTime, secret, context_1, ..., context_n)
 * value = SHA-512(seed-state ‖ u32 purpose ‖ u32 a ‖ u32 b ‖ u32 attempt)   64 bytes
 * scalar = value mod q  (bias below 2^-256), drawn again (next attempt) if 0
 * </pre>
 *
 * If the randomness repeats, different secrets or contexts still give different nonces; if the
 * secret and context repeat (two voters with the same choices), the counter, the clock and the
 * randomness still differ. If the randomness is good, the result is as good as the randomness
 * (the hash of a fresh 256-bit value). The framing of the parts is that of Hashing (u32 length
 * before every part).
 *
 * <p>The session holds a hash state that depends on the secret; {@link Session#close()} resets
 * it (the JDK clears its buffers on reset). BigInteger results cannot be wiped.
 */
public final class Nonces {
    private static final AtomicLong CALLS = new AtomicLong();
    /** Set while {@link #reproducibly} runs on this thread: the uniquifier is then 0. */
    private static final ThreadLocal<Boolean> REPRODUCIBLE = ThreadLocal.withInitial(() -> false);

    private Nonces() {}

    /** Starts a session: one draw of 32 fresh bytes, hashed with the secret and the context parts. */
    public static Session session(SecureRandom rng, String tag, byte[] secret, byte[]... context) {
        long unique = REPRODUCIBLE.get() ? 0 : CALLS.incrementAndGet() ^ (System.nanoTime() << 20);
        return session(rng, unique, tag, secret, context);
    }

    /**
     * Runs {@code body} with the uniquifier (counter and clock) left out of every session this thread
     * starts, so that a seeded random source reproduces the same bytes: for the known-answer
     * vectors only. The nonces are still hedged with the randomness, the secret and the context.
     */
    public static <T> T reproducibly(java.util.function.Supplier<T> body) {
        REPRODUCIBLE.set(true);
        try {
            return body.get();
        } finally {
            REPRODUCIBLE.remove();
        }
    }

    /** As {@link #session(SecureRandom, String, byte[], byte[]...)} with the uniquifier given (tests). */
    public static Session session(SecureRandom rng, long unique, String tag, byte[] secret, byte[]... context) {
        MessageDigest md = sha512();
        part(md, tag.getBytes(StandardCharsets.US_ASCII));
        byte[] fresh = new byte[32];
        rng.nextBytes(fresh);
        part(md, fresh);
        Arrays.fill(fresh, (byte) 0);
        part(md, new byte[] {(byte) (unique >>> 56), (byte) (unique >>> 48), (byte) (unique >>> 40),
                (byte) (unique >>> 32), (byte) (unique >>> 24), (byte) (unique >>> 16), (byte) (unique >>> 8),
                (byte) unique});
        part(md, secret);
        for (byte[] c : context) {
            part(md, c);
        }
        return new Session(md);
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void part(MessageDigest md, byte[] p) {
        int len = p.length;
        md.update(new byte[] {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len});
        md.update(p);
    }

    private static byte[] u32s(int... vs) {
        byte[] out = new byte[4 * vs.length];
        for (int i = 0; i < vs.length; i++) {
            int v = vs[i];
            out[4 * i] = (byte) (v >>> 24);
            out[4 * i + 1] = (byte) (v >>> 16);
            out[4 * i + 2] = (byte) (v >>> 8);
            out[4 * i + 3] = (byte) v;
        }
        return out;
    }

    /** Nonces for one operation (one ballot, one partial decryption, one card). Not thread-safe. */
    public static final class Session implements AutoCloseable {
        private final MessageDigest seed;

        private Session(MessageDigest seed) {
            this.seed = seed;
        }

        /** 64 bytes for (purpose, a, b, attempt). */
        private byte[] block(int purpose, int a, int b, int attempt) {
            try {
                MessageDigest md = (MessageDigest) seed.clone();
                part(md, u32s(purpose, a, b, attempt));
                return md.digest();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A nonce in [1, q) for (purpose, a, b): e.g. the purpose "r of an item" at (c, l). */
        public BigInteger scalar(int purpose, int a, int b) {
            for (int attempt = 0; ; attempt++) {
                byte[] h = block(purpose, a, b, attempt);
                BigInteger x = new BigInteger(1, h).mod(Curve.Q);
                Arrays.fill(h, (byte) 0);
                if (x.signum() != 0) {
                    return x;
                }
            }
        }

        /** n ≤ 64 bytes for (purpose, a, b): ids, salts, AEAD nonces. */
        public byte[] bytes(int purpose, int a, int b, int n) {
            if (n > 64) {
                throw new IllegalArgumentException("at most 64 bytes");
            }
            byte[] h = block(purpose, a, b, 0);
            byte[] out = Arrays.copyOf(h, n);
            Arrays.fill(h, (byte) 0);
            return out;
        }

        @Override
        public void close() {
            seed.reset();
        }
    }
}
