package vn.tinnhiem.crypto.internal;

import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Many independent affine additions acc[t_k] += P_k sharing one field inversion (Montgomery's
 * trick): about 5M + 1S per addition instead of 8M + 3S for a mixed Jacobian addition. The
 * accumulators are affine points with an "empty" (infinity) flag. Used by the sealer (all
 * fixed-base products of a ballot advance together, one table row at a time) and by the bucket
 * method. Equal or opposite operands are handled exactly (doubling, or the sum becomes empty).
 */
public final class BatchAffine {
    private final int cap;
    private final int[] tgt;
    private final int[][] qx;
    private final int[][] qy;
    private final int[][] prefix;
    private final int[][] den;
    private int n;
    /** Test hook: told the target of every queued addition and -1 at every flush; null in production. */
    private java.util.function.@org.jspecify.annotations.Nullable IntConsumer log;
    private final int[] tt = Nat256.createExt();
    private final int[] t1 = Nat256.create();
    private final int[] t2 = Nat256.create();
    private final int[] t3 = Nat256.create();
    private final int[] inv = Nat256.create();
    /** Accumulators: x, y, empty. */
    public final int[][] ax;
    public final int[][] ay;
    public final boolean[] empty;

    public BatchAffine(int accumulators, int batchCapacity) {
        cap = batchCapacity;
        tgt = new int[cap];
        qx = new int[cap][];
        qy = new int[cap][];
        prefix = new int[cap][];
        den = new int[cap][];
        for (int i = 0; i < cap; i++) {
            prefix[i] = Nat256.create();
            den[i] = Nat256.create();
            qy[i] = Nat256.create();
        }
        ax = new int[accumulators][];
        ay = new int[accumulators][];
        empty = new boolean[accumulators];
        for (int i = 0; i < accumulators; i++) {
            ax[i] = Nat256.create();
            ay[i] = Nat256.create();
            empty[i] = true;
        }
    }

    /** Records the sequence of operations (see {@link #log}): for tests of the sealer's control flow. */
    public void log(java.util.function.IntConsumer log) {
        this.log = log;
    }

    /** acc[to] = acc[from] (both flushed). */
    public void copy(int from, int to) {
        Nat256.copy(ax[from], ax[to]);
        Nat256.copy(ay[from], ay[to]);
        empty[to] = empty[from];
    }

    /**
     * Writes acc[bit == 1 ? one : zero] into x and y by masking, reading both accumulators in full
     * whatever the bit: no branch and no memory access depends on the bit. bit must be 0 or 1.
     */
    public void select(int bit, int one, int zero, int[] x, int[] y) {
        int mask = -bit;
        int[] x1 = ax[one];
        int[] x0 = ax[zero];
        int[] y1 = ay[one];
        int[] y0 = ay[zero];
        for (int i = 0; i < 8; i++) {
            x[i] = x0[i] ^ (mask & (x0[i] ^ x1[i]));
            y[i] = y0[i] ^ (mask & (y0[i] ^ y1[i]));
        }
    }

    /** Whether any accumulator is empty (infinity); reads every flag. */
    public boolean anyEmpty() {
        boolean any = false;
        for (boolean e : empty) {
            any |= e;
        }
        return any;
    }

    public void clear() {
        java.util.Arrays.fill(empty, true);
        n = 0;
    }

    public int capacity() {
        return cap;
    }

    public int pending() {
        return n;
    }

    /**
     * Queues acc[t] += (x, negate ? -y : y). The caller must not queue the same t twice before
     * {@link #flush()}; flushes by itself when full. x and y are only read.
     */
    public void add(int t, int[] x, int[] y, boolean negate) {
        if (log != null) {
            log.accept(t);
        }
        if (empty[t]) {
            Nat256.copy(x, ax[t]);
            if (negate) {
                SecP256R1Field.negate(y, ay[t]);
            } else {
                Nat256.copy(y, ay[t]);
            }
            empty[t] = false;
            return;
        }
        if (negate) {
            SecP256R1Field.negate(y, qy[n]);
        } else {
            Nat256.copy(y, qy[n]);
        }
        SecP256R1Field.subtract(x, ax[t], den[n]);
        if (Nat256.isZero(den[n])) {
            special(t, x, qy[n]);
            return;
        }
        tgt[n] = t;
        qx[n] = x;
        n++;
        if (n == cap) {
            flush();
        }
    }

    /** Same x: doubling if same y, else the sum is infinity. */
    private void special(int t, int[] x, int[] y) {
        if (!Nat256.eq(y, ay[t])) {
            empty[t] = true;
            return;
        }
        // lambda = (3x^2 - 3) / 2y
        SecP256R1Field.square(x, t1, tt);
        SecP256R1Field.subtract(t1, one(), t1);
        SecP256R1Field.twice(t1, t2);
        SecP256R1Field.add(t1, t2, t1);
        SecP256R1Field.twice(y, t2);
        SecP256R1Field.inv(t2, t3);
        SecP256R1Field.multiply(t1, t3, t1, tt); // lambda
        SecP256R1Field.square(t1, t2, tt);
        SecP256R1Field.subtract(t2, x, t2);
        SecP256R1Field.subtract(t2, x, t2); // x3
        SecP256R1Field.subtract(x, t2, t3);
        SecP256R1Field.multiply(t1, t3, t3, tt);
        SecP256R1Field.subtract(t3, y, ay[t]);
        Nat256.copy(t2, ax[t]);
    }

    private static final int[] ONE = {1, 0, 0, 0, 0, 0, 0, 0};

    private static int[] one() {
        return ONE;
    }

    /** Performs every queued addition. */
    public void flush() {
        if (log != null) {
            log.accept(-1);
        }
        if (n == 0) {
            return;
        }
        Nat256.copy(den[0], prefix[0]);
        for (int k = 1; k < n; k++) {
            SecP256R1Field.multiply(prefix[k - 1], den[k], prefix[k], tt);
        }
        SecP256R1Field.inv(prefix[n - 1], inv);
        for (int k = n - 1; k >= 0; k--) {
            int[] dInv = t1;
            if (k > 0) {
                SecP256R1Field.multiply(inv, prefix[k - 1], dInv, tt);
                SecP256R1Field.multiply(inv, den[k], inv, tt);
            } else {
                Nat256.copy(inv, dInv);
            }
            int t = tgt[k];
            int[] x1 = ax[t];
            int[] y1 = ay[t];
            // lambda = (y2 - y1) / (x2 - x1)
            SecP256R1Field.subtract(qy[k], y1, t2);
            SecP256R1Field.multiply(t2, dInv, t2, tt);
            // x3 = lambda^2 - x1 - x2
            SecP256R1Field.square(t2, t3, tt);
            SecP256R1Field.subtract(t3, x1, t3);
            SecP256R1Field.subtract(t3, qx[k], t3);
            // y3 = lambda (x1 - x3) - y1
            SecP256R1Field.subtract(x1, t3, x1);
            SecP256R1Field.multiply(t2, x1, t2, tt);
            SecP256R1Field.subtract(t2, y1, y1);
            Nat256.copy(t3, x1);
        }
        n = 0;
    }
}
