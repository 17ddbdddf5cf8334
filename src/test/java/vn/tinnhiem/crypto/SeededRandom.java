package vn.tinnhiem.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Deterministic "SecureRandom" for tests and benchmarks only: SHA-256 in counter mode over a seed.
 * Production code always gets a real DRBG.
 */
public final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;
    private long counter;
    private final byte[] block = new byte[32];
    private int used = 32;

    public SeededRandom(String seed) {
        this.seed = seed.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            if (used == 32) {
                refill();
            }
            out[i] = block[used++];
        }
    }

    private void refill() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(seed);
            for (int s = 56; s >= 0; s -= 8) {
                md.update((byte) (counter >>> s));
            }
            counter++;
            System.arraycopy(md.digest(), 0, block, 0, 32);
            used = 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void setSeed(long seed) {
        // ignored: the constructor's seed fixes the stream (the JDK calls this during construction)
    }

    @Override
    public void setSeed(byte[] seed) {}

    @Override
    public byte[] generateSeed(int n) {
        byte[] b = new byte[n];
        nextBytes(b);
        return b;
    }
}
