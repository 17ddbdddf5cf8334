package vn.tinnhiem.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;
import vn.tinnhiem.crypto.internal.Curve;

/**
 * A secret integer mod q held in a byte[32] that {@link #destroy()} zeroes. Arithmetic needs
 * BigInteger temporaries, which Java cannot zero: they are created inside one method call and
 * dropped at once, and only this module ever sees them. {@link #toString()} never shows the value.
 */
public final class SecretScalar implements Destroyable {
    private final byte[] value;
    private boolean destroyed;

    SecretScalar(BigInteger v) {
        this.value = Curve.scalarBytes(v.mod(Curve.Q));
    }

    /** Takes a copy of 32 big-endian bytes, checked 0 <= x < q. The caller should wipe its array. */
    static SecretScalar fromBytes(byte[] b) {
        if (b.length != 32 || new BigInteger(1, b).compareTo(Curve.Q) >= 0) {
            throw new InvalidEncodingException("secret scalar out of range");
        }
        return new SecretScalar(new BigInteger(1, b));
    }

    synchronized BigInteger reveal() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
        return new BigInteger(1, value);
    }

    /** A copy of the 32 bytes for writing a share card; the caller wipes it. */
    synchronized byte[] copyBytes() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
        return value.clone();
    }

    /** Constant-time comparison. */
    boolean sameAs(SecretScalar other) {
        byte[] a = copyBytes();
        byte[] b = other.copyBytes();
        try {
            return MessageDigest.isEqual(a, b);
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
        }
    }

    @Override
    public synchronized void destroy() {
        Arrays.fill(value, (byte) 0);
        destroyed = true;
    }

    @Override
    public synchronized boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "SecretScalar[redacted]";
    }
}
