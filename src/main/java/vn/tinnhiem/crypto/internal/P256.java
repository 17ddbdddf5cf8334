package vn.tinnhiem.crypto.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Allocation-free P-256 point arithmetic on Bouncy Castle's field representation (int[8],
 * little-endian words, always fully reduced mod p), for the hot loops: fixed-base tables, the
 * bucket method, sealing. Formulas: Jacobian coordinates, a = -3 (madd-2004-hmv, add-1998-cmo-2,
 * dbl-2001-b from the Explicit-Formulas Database). Not constant time.
 */
public final class P256 {
    static final int[] P = Nat256.fromBigInteger(Curve.CURVE.getField().getCharacteristic());
    static final int[] B = Nat256.fromBigInteger(Curve.CURVE.getB().toBigInteger());

    private P256() {}

    /** A mutable Jacobian point; infinity when {@code inf}. */
    public static final class Jac {
        final int[] x = Nat256.create();
        final int[] y = Nat256.create();
        final int[] z = Nat256.create();
        boolean inf = true;

        public boolean isInfinity() {
            return inf;
        }

        public void setInfinity() {
            inf = true;
        }

        void set(Jac o) {
            inf = o.inf;
            Nat256.copy(o.x, x);
            Nat256.copy(o.y, y);
            Nat256.copy(o.z, z);
        }
    }

    /** Per-thread scratch space. */
    public static final class Scratch {
        final int[] tt = Nat256.createExt();
        final int[] t1 = Nat256.create();
        final int[] t2 = Nat256.create();
        final int[] t3 = Nat256.create();
        final int[] t4 = Nat256.create();
        final int[] t5 = Nat256.create();
        final int[] t6 = Nat256.create();
        final int[] t7 = Nat256.create();
        final Jac j = new Jac();
    }

    private static void mul(int[] a, int[] b, int[] out, Scratch s) {
        SecP256R1Field.multiply(a, b, out, s.tt);
    }

    private static void sqr(int[] a, int[] out, Scratch s) {
        SecP256R1Field.square(a, out, s.tt);
    }

    /** p += (ax, ay) affine. */
    public static void addAffine(Jac p, int[] ax, int[] ay, Scratch s) {
        if (p.inf) {
            Nat256.copy(ax, p.x);
            Nat256.copy(ay, p.y);
            Nat256.zero(p.z);
            p.z[0] = 1;
            p.inf = false;
            return;
        }
        int[] z1z1 = s.t1, u2 = s.t2, s2 = s.t3, h = s.t4, r = s.t5, hh = s.t6, v = s.t7;
        sqr(p.z, z1z1, s);
        mul(ax, z1z1, u2, s);
        mul(p.z, z1z1, s2, s);
        mul(ay, s2, s2, s);
        SecP256R1Field.subtract(u2, p.x, h);
        SecP256R1Field.subtract(s2, p.y, r);
        if (Nat256.isZero(h)) {
            if (Nat256.isZero(r)) {
                twice(p, s);
            } else {
                p.inf = true;
            }
            return;
        }
        sqr(h, hh, s);
        mul(p.x, hh, v, s); // V = X1 HH
        mul(h, hh, hh, s); // HHH
        mul(p.z, h, p.z, s); // Z3
        // X3 = r^2 - HHH - 2V
        sqr(r, u2, s);
        SecP256R1Field.subtract(u2, hh, u2);
        SecP256R1Field.twice(v, z1z1);
        SecP256R1Field.subtract(u2, z1z1, u2);
        // Y3 = r (V - X3) - Y1 HHH
        SecP256R1Field.subtract(v, u2, v);
        mul(r, v, v, s);
        mul(p.y, hh, s2, s);
        SecP256R1Field.subtract(v, s2, p.y);
        Nat256.copy(u2, p.x);
    }

    /** p += (ax, -ay) affine, i.e. subtracts the point. */
    public static void subAffine(Jac p, int[] ax, int[] ay, Scratch s, int[] negBuf) {
        SecP256R1Field.negate(ay, negBuf);
        addAffine(p, ax, negBuf, s);
    }

    /** p += q (both Jacobian). */
    public static void add(Jac p, Jac q, Scratch s) {
        if (q.inf) {
            return;
        }
        if (p.inf) {
            p.set(q);
            return;
        }
        int[] z1z1 = s.t1, z2z2 = s.t2, u1 = s.t3, u2 = s.t4, s1 = s.t5, s2 = s.t6, h = s.t7;
        sqr(p.z, z1z1, s);
        sqr(q.z, z2z2, s);
        mul(p.x, z2z2, u1, s);
        mul(q.x, z1z1, u2, s);
        mul(q.z, z2z2, s1, s);
        mul(p.y, s1, s1, s);
        mul(p.z, z1z1, s2, s);
        mul(q.y, s2, s2, s);
        SecP256R1Field.subtract(u2, u1, h);
        SecP256R1Field.subtract(s2, s1, s2); // r
        if (Nat256.isZero(h)) {
            if (Nat256.isZero(s2)) {
                twice(p, s);
            } else {
                p.inf = true;
            }
            return;
        }
        int[] r = s2;
        int[] hh = z1z1;
        int[] hhh = z2z2;
        sqr(h, hh, s);
        mul(h, hh, hhh, s);
        mul(u1, hh, u1, s); // V
        mul(p.z, q.z, p.z, s);
        mul(p.z, h, p.z, s);
        sqr(r, u2, s);
        SecP256R1Field.subtract(u2, hhh, u2);
        SecP256R1Field.twice(u1, h);
        SecP256R1Field.subtract(u2, h, p.x);
        SecP256R1Field.subtract(u1, p.x, u1);
        mul(r, u1, u1, s);
        mul(s1, hhh, s1, s);
        SecP256R1Field.subtract(u1, s1, p.y);
    }

    /** p = 2p. */
    public static void twice(Jac p, Scratch s) {
        if (p.inf) {
            return;
        }
        if (Nat256.isZero(p.y)) {
            p.inf = true;
            return;
        }
        int[] delta = s.t1, gamma = s.t2, beta = s.t3, alpha = s.t4, t = s.t5, u = s.t6;
        sqr(p.z, delta, s);
        sqr(p.y, gamma, s);
        mul(p.x, gamma, beta, s);
        SecP256R1Field.subtract(p.x, delta, t);
        SecP256R1Field.add(p.x, delta, u);
        mul(t, u, alpha, s);
        SecP256R1Field.twice(alpha, t);
        SecP256R1Field.add(alpha, t, alpha); // 3 (X - d)(X + d)
        // Z3 = (Y + Z)^2 - gamma - delta
        SecP256R1Field.add(p.y, p.z, t);
        sqr(t, t, s);
        SecP256R1Field.subtract(t, gamma, t);
        SecP256R1Field.subtract(t, delta, p.z);
        // X3 = alpha^2 - 8 beta
        SecP256R1Field.twice(beta, beta);
        SecP256R1Field.twice(beta, beta); // 4 beta
        sqr(alpha, t, s);
        SecP256R1Field.twice(beta, u);
        SecP256R1Field.subtract(t, u, p.x);
        // Y3 = alpha (4 beta - X3) - 8 gamma^2
        SecP256R1Field.subtract(beta, p.x, beta);
        mul(alpha, beta, beta, s);
        sqr(gamma, gamma, s);
        SecP256R1Field.twice(gamma, gamma);
        SecP256R1Field.twice(gamma, gamma);
        SecP256R1Field.twice(gamma, gamma);
        SecP256R1Field.subtract(beta, gamma, p.y);
    }

    /**
     * Decodes an uncompressed SEC1 point (04 || x || y) into affine words, checking x, y < p and
     * y^2 = x^3 - 3x + b. Returns false on any failure.
     */
    public static boolean decodeUncompressed(byte[] b, int off, int[] x, int[] y, Scratch s) {
        if (b[off] != 4) {
            return false;
        }
        readWords(b, off + 1, x);
        readWords(b, off + 33, y);
        if (Nat256.gte(x, P) || Nat256.gte(y, P)) {
            return false;
        }
        int[] lhs = s.t1, rhs = s.t2, t = s.t3;
        sqr(y, lhs, s);
        sqr(x, rhs, s);
        mul(rhs, x, rhs, s);
        SecP256R1Field.twice(x, t);
        SecP256R1Field.add(t, x, t);
        SecP256R1Field.subtract(rhs, t, rhs);
        SecP256R1Field.add(rhs, B, rhs);
        return Nat256.eq(lhs, rhs);
    }

    static void readWords(byte[] b, int off, int[] out) {
        for (int i = 0; i < 8; i++) {
            int p = off + 28 - 4 * i;
            out[i] = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
        }
    }

    static void writeWords(int[] in, byte[] b, int off) {
        for (int i = 0; i < 8; i++) {
            int p = off + 28 - 4 * i;
            int w = in[i];
            b[p] = (byte) (w >>> 24);
            b[p + 1] = (byte) (w >>> 16);
            b[p + 2] = (byte) (w >>> 8);
            b[p + 3] = (byte) w;
        }
    }

    /** Writes 04 || x || y at off. */
    public static void writeAffine(int[] x, int[] y, byte[] out, int off) {
        out[off] = 4;
        writeWords(x, out, off + 1);
        writeWords(y, out, off + 33);
    }

    /** Affine words of a normalized BC point. */
    public static int[][] affine(ECPoint p) {
        ECPoint n = p.normalize();
        return new int[][] {Nat256.fromBigInteger(n.getAffineXCoord().toBigInteger()),
                Nat256.fromBigInteger(n.getAffineYCoord().toBigInteger())};
    }

    /** Converts to a BC point (one inversion): for the slow paths only. */
    public static ECPoint toECPoint(Jac p, Scratch s) {
        if (p.inf) {
            return Curve.INFINITY;
        }
        byte[] out = new byte[65];
        Jac[] one = {p};
        normalizeAndWrite(one, out, new int[] {0}, s);
        return Curve.CURVE.decodePoint(out);
    }

    /**
     * Writes each point as uncompressed SEC1 (65 bytes) at {@code offsets[i]} of {@code out}, with
     * one field inversion for all (Montgomery's trick). Points must not be infinity.
     */
    public static void normalizeAndWrite(Jac[] pts, byte[] out, int[] offsets, Scratch s) {
        int n = pts.length;
        int[][] prefix = new int[n][];
        int[] acc = Nat256.create();
        acc[0] = 1;
        for (int i = 0; i < n; i++) {
            if (pts[i].inf) {
                throw new ArithmeticException("point at infinity");
            }
            mul(acc, pts[i].z, acc, s);
            prefix[i] = acc.clone();
        }
        int[] inv = Nat256.create();
        SecP256R1Field.inv(acc, inv);
        int[] zi = Nat256.create();
        int[] zi2 = Nat256.create();
        int[] t = Nat256.create();
        for (int i = n - 1; i >= 0; i--) {
            if (i > 0) {
                mul(inv, prefix[i - 1], zi, s);
                mul(inv, pts[i].z, inv, s);
            } else {
                Nat256.copy(inv, zi);
            }
            sqr(zi, zi2, s);
            int o = offsets[i];
            out[o] = 4;
            mul(pts[i].x, zi2, t, s);
            writeWords(t, out, o + 1);
            mul(zi2, zi, zi2, s);
            mul(pts[i].y, zi2, t, s);
            writeWords(t, out, o + 33);
        }
    }

    /** 32-byte big-endian scalar to little-endian words. */
    public static int[] scalarWords(BigInteger k) {
        return Nat256.fromBigInteger(k);
    }
}
