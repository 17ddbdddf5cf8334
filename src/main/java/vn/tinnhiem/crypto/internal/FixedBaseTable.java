package vn.tinnhiem.crypto.internal;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Fixed-base multiplication with 8-bit windows: row i holds d * 256^i * B for d = 1..255, all
 * affine, so k*B is at most 32 mixed additions and no doubling. Several products can be summed in
 * one accumulator ({@link #accumulate}).
 *
 * <p>{@link #multiply} and {@link #accumulate} are not constant time: they skip zero digits, so how
 * many additions happen depends on the scalar. The sealer uses {@link #regularDigits} and
 * {@link #queueRegularRow} instead: digits 1..256 (never 0), so every product is exactly 32
 * additions whatever the scalar. Which entry of a row is read still depends on the digit (a cache
 * line an attacker sharing the core might observe); the sealer's digits are those of hedged nonces,
 * never of a vote (docs/protocol.md, "What this does not guard against").
 */
public final class FixedBaseTable {
    private static final int ROWS = 32;
    private final ECPoint[][] rows = new ECPoint[ROWS][];
    /**
     * The same entries as affine field words, plus a 256th per row (256^(i+1) B), for
     * {@link #accumulate(P256.Jac, int[], P256.Scratch)} and {@link #queueRegularRow}.
     */
    private final int[][][] xs = new int[ROWS][256][];
    private final int[][][] ys = new int[ROWS][256][];
    /** C = sum of 256^i for i < 32: the offset that makes every digit of a regular recoding at least 1. */
    private static final BigInteger OFFSET = new BigInteger("01".repeat(ROWS), 16);
    private final ECPoint base;

    public FixedBaseTable(ECPoint base) {
        this.base = base.normalize();
        ECPoint[] all = new ECPoint[ROWS * 256];
        ECPoint rowBase = this.base;
        for (int i = 0; i < ROWS; i++) {
            ECPoint acc = rowBase;
            all[i * 256] = acc;
            for (int d = 2; d <= 256; d++) {
                acc = acc.add(rowBase);
                all[i * 256 + d - 1] = acc;
            }
            rowBase = acc; // 256 * rowBase
        }
        Curve.CURVE.normalizeAll(all);
        for (int i = 0; i < ROWS; i++) {
            rows[i] = new ECPoint[255];
            System.arraycopy(all, i * 256, rows[i], 0, 255);
            for (int d = 0; d < 256; d++) {
                int[][] a = P256.affine(all[i * 256 + d]);
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

    /**
     * The regular recoding of k: 32 digits e_i in 1..256 with sum e_i 256^i = k mod q, from the
     * bytes of (k - C) mod q plus one (C = sum 256^i). No digit is 0, so
     * {@link #queueRegularRow} adds at every row: the number and order of additions do not depend
     * on k. (BigInteger's subtraction and reduction are not constant time; k is a hedged nonce.)
     */
    public static int[] regularDigits(BigInteger k) {
        int[] w = P256.scalarWords(k.subtract(OFFSET).mod(Curve.Q));
        int[] d = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            d[i] = ((w[i >>> 2] >>> ((i & 3) << 3)) & 0xff) + 1;
        }
        Arrays.fill(w, 0);
        return d;
    }

    /** Queues acc += e_row * 256^row * B into a batch, e from {@link #regularDigits}: always one addition. */
    public void queueRegularRow(BatchAffine ba, int acc, int row, int[] digits) {
        int d = digits[row] - 1;
        ba.add(acc, xs[row][d], ys[row][d], false);
    }

    public static int rows() {
        return ROWS;
    }
}
