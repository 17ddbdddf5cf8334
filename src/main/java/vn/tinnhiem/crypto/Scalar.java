package vn.tinnhiem.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.Hex;

/**
 * An integer 0 <= x < q (q the order of P-256). Public values only: secrets live in
 * {@link SecretScalar}. Canonical encoding: 32 bytes big-endian; JSON: lower-case hex (64 chars).
 */
public record Scalar(BigInteger value) {
    public static final int SIZE = 32;
    public static final BigInteger Q = Curve.Q;
    public static final Scalar ZERO = new Scalar(BigInteger.ZERO);
    public static final Scalar ONE = new Scalar(BigInteger.ONE);

    public Scalar {
        if (value.signum() < 0 || value.compareTo(Q) >= 0) {
            throw new InvalidEncodingException("scalar out of range [0, q)");
        }
    }

    public static Scalar of(long v) {
        return new Scalar(BigInteger.valueOf(v).mod(Q));
    }

    public static Scalar decode(byte[] b) {
        if (b.length != SIZE) {
            throw new InvalidEncodingException("scalar must be 32 bytes");
        }
        return new Scalar(new BigInteger(1, b));
    }

    public static Scalar fromHex(String hex) {
        byte[] b;
        try {
            b = Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw new InvalidEncodingException("not lower-case hex");
        }
        return decode(b);
    }

    /** Uniform in [1, q) by rejection sampling of 32-byte strings. */
    public static Scalar random(SecureRandom rng) {
        return new Scalar(randomNonZero(rng));
    }

    static BigInteger randomNonZero(SecureRandom rng) {
        byte[] b = new byte[SIZE];
        while (true) {
            rng.nextBytes(b);
            BigInteger x = new BigInteger(1, b);
            if (x.signum() != 0 && x.compareTo(Q) < 0) {
                java.util.Arrays.fill(b, (byte) 0);
                return x;
            }
        }
    }

    public byte[] encode() {
        return Curve.scalarBytes(value);
    }

    public String toHex() {
        return Hex.encode(encode());
    }
}
