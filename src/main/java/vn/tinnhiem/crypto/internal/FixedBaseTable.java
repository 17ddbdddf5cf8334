package vn.tinnhiem.crypto.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Fixed-base multiplication with 8-bit windows: row i holds d * 256^i * B for d = 1..255, all
 * affine, so k*B is at most 32 mixed additions and no doubling. Several products can be summed in
 * one accumulator ({@link #accumulate}).
 *
 * <p>Not constant time: which table entries are read, and how many additions happen, depend on
 * the scalar. Sealing runs on a server the voter's choices already pass through in clear (see
 * docs/protocol.md, "What this does not guard against").
 */
public final class FixedBaseTable {
    private static final int ROWS = 32;
    private final ECPoint[][] rows = new ECPoint[ROWS][];
    /** The same entries as affine field words, for {@link #accumulate(P256.Jac, int[], P256.Scratch)}. */
    private final int[][][] xs = new int[ROWS][255][];
    private final int[][][] ys = new int[ROWS][255][];
    private final ECPoint base;

    public FixedBaseTable(ECPoint base) {
        this.base = base.normalize();
        ECPoint[] all = new ECPoint[ROWS * 255];
        ECPoint rowBase = this.base;
        for (int i = 0; i < ROWS; i++) {
            ECPoint acc = rowBase;
            all[i * 255] = acc;
            for (int d = 2; d <= 255; d++) {
                acc = acc.add(rowBase);
                all[i * 255 + d - 1] = acc;
            }
            rowBase = acc.add(rowBase); // 256 * rowBase
        }
        Curve.CURVE.normalizeAll(all);
        for (int i = 0; i < ROWS; i++) {
            rows[i] = new ECPoint[255];
            System.arraycopy(all, i * 255, rows[i], 0, 255);
            for (int d = 0; d < 255; d++) {
                int[][] a = P256.affine(rows[i][d]);
                xs[i][d] = a[0];
                ys[i][d] = a[1];
            }
        }
    }

    public ECPoint base() {
        return base;
    }

    /** k * B for 0 <= k < 2^256 (callers pass values reduced mod q). */
    public ECPoint multiply(BigInteger k) {
        return accumulate(Curve.INFINITY, k);
    }

    /** acc + k * B. */
    public ECPoint accumulate(ECPoint acc, BigInteger k) {
        byte[] b = Curve.scalarBytes(k);
        for (int i = 0; i < ROWS; i++) {
            int d = b[31 - i] & 0xff;
            if (d != 0) {
                acc = acc.add(rows[i][d - 1]);
            }
        }
        return acc;
    }

    /** acc += k * B, k given as little-endian words (see {@link P256#scalarWords}); allocation-free. */
    public void accumulate(P256.Jac acc, int[] k, P256.Scratch s) {
        for (int i = 0; i < ROWS; i++) {
            int d = (k[i >>> 2] >>> ((i & 3) << 3)) & 0xff;
            if (d != 0) {
                P256.addAffine(acc, xs[i][d - 1], ys[i][d - 1], s);
            }
        }
    }

    public void accumulate(P256.Jac acc, java.math.BigInteger k, P256.Scratch s) {
        accumulate(acc, P256.scalarWords(k), s);
    }

    /** Queues acc += (row-th byte of k) * 256^row * B into a batch; false if that byte is zero. */
    public boolean queueRow(BatchAffine ba, int acc, int row, int[] k) {
        int d = (k[row >>> 2] >>> ((row & 3) << 3)) & 0xff;
        if (d == 0) {
            return false;
        }
        ba.add(acc, xs[row][d - 1], ys[row][d - 1], false);
        return true;
    }

    public static int rows() {
        return ROWS;
    }
}
