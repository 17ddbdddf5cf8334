package vn.tinnhiem.crypto.internal;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

/** P-256 on Bouncy Castle's custom (fixed-width int[]) implementation. */
public final class Curve {
    public static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256r1");
    public static final ECCurve CURVE = PARAMS.getCurve();
    public static final ECPoint G = PARAMS.getG().normalize();
    public static final BigInteger Q = PARAMS.getN();
    public static final ECPoint INFINITY = CURVE.getInfinity();
    /** Fixed-base table for G, built once per process (about 8,000 affine points, ~1 MB). */
    public static final FixedBaseTable G_TABLE = new FixedBaseTable(G);

    private Curve() {}

    /**
     * Strict SEC1 decoding: 33-byte compressed (02/03) or 65-byte uncompressed (04) only; the point
     * must be on the curve, coordinates below p, not infinity. Returns null on any failure.
     */
    public static @Nullable ECPoint decodeOrNull(byte[] b, int off, int len) {
        if (len != 33 && len != 65) {
            return null;
        }
        int tag = b[off];
        if (!((len == 33 && (tag == 2 || tag == 3)) || (len == 65 && tag == 4))) {
            return null;
        }
        byte[] enc = (off == 0 && b.length == len) ? b : java.util.Arrays.copyOfRange(b, off, off + len);
        try {
            ECPoint p = CURVE.decodePoint(enc);
            if (p.isInfinity() || !p.isValid()) {
                return null;
            }
            return p;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reduces a non-negative integer mod q. */
    public static BigInteger modQ(BigInteger x) {
        return x.mod(Q);
    }

    /** 32-byte big-endian of 0 <= x < 2^256. */
    public static byte[] scalarBytes(BigInteger x) {
        byte[] out = new byte[32];
        byte[] raw = x.toByteArray();
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    public static void putScalar(ByteWriter w, BigInteger x) {
        w.raw(scalarBytes(x));
    }
}
