package vn.tinnhiem.crypto;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.bouncycastle.math.ec.ECPoint;
import vn.tinnhiem.crypto.internal.Curve;

/**
 * Small discrete logarithms t in [0, max] of tG by baby-step giant-step: a table of about
 * sqrt(max) baby steps keyed by x coordinate, then at most as many giant steps. Thread-safe.
 */
public final class DiscreteLog {
    private final int max;
    private final int m;
    private final Map<Long, Integer> baby;
    private final ECPoint giant; // -m G

    public DiscreteLog(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0");
        }
        this.max = max;
        this.m = (int) Math.ceil(Math.sqrt(max + 1.0));
        ECPoint[] pts = new ECPoint[m];
        ECPoint acc = Curve.INFINITY;
        for (int j = 0; j < m; j++) {
            pts[j] = acc;
            acc = acc.add(Curve.G);
        }
        Curve.CURVE.normalizeAll(pts);
        baby = new HashMap<>(m * 2);
        for (int j = 1; j < m; j++) {
            baby.put(key(pts[j]), j);
        }
        giant = acc.negate(); // acc = m G
    }

    public int max() {
        return max;
    }

    private static long key(ECPoint p) {
        byte[] x = p.getAffineXCoord().getEncoded();
        long k = 0;
        for (int i = 24; i < 32; i++) {
            k = (k << 8) | (x[i] & 0xff);
        }
        // both P and -P have the same x: fold in the parity of y
        return k ^ (p.getAffineYCoord().testBitZero() ? 1L << 63 : 0);
    }

    /** t with tG = p, 1 <= t <= max, if any. */
    public OptionalInt solve(Point p) {
        return solve(p.ec());
    }

    /** t with tG = p, 0 <= t <= max, if any (infinity gives 0). */
    OptionalInt solve(ECPoint p) {
        ECPoint cur = p;
        for (int i = 0; (long) i * m <= max; i++) {
            if (cur.isInfinity()) {
                return within((long) i * m);
            }
            ECPoint n = cur.normalize();
            Integer j = baby.get(key(n));
            if (j != null) {
                long t = (long) i * m + j;
                if (t <= max && Curve.G.multiply(java.math.BigInteger.valueOf(t)).equals(p)) {
                    return OptionalInt.of((int) t);
                }
            }
            cur = n.add(giant);
        }
        return OptionalInt.empty();
    }

    private OptionalInt within(long t) {
        return t <= max ? OptionalInt.of((int) t) : OptionalInt.empty();
    }
}
