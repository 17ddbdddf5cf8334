package vn.tinnhiem.crypto.internal;

import java.math.BigInteger;

/**
 * Multi-scalar multiplication sum_i +-k_i P_i by Pippenger's bucket method with signed digits, on
 * affine field words (as they come out of decoding). Short scalars (e.g. 128-bit weights) cost only
 * their own windows: zero digits are skipped. Two bucket strategies: Jacobian mixed additions for
 * small inputs, batched affine additions ({@link BatchAffine}) for large ones.
 */
public final class Msm {
    private Msm() {}

    public static int windowFor(int n) {
        if (n < 32) return 4;
        if (n < 256) return 6;
        if (n < 2048) return 8;
        if (n < 16384) return 10;
        if (n < 65536) return 12;
        if (n < 262144) return 13;
        return 14;
    }

    /** Signed base-2^c digits of k (0 <= k < 2^256), little-endian, each in [-2^(c-1), 2^(c-1)]. */
    static void signedDigits(BigInteger k, int c, int windows, int[] out, int off) {
        byte[] b = Curve.scalarBytes(k);
        long[] limbs = new long[5];
        for (int i = 0; i < 32; i++) {
            limbs[i >>> 3] |= (long) (b[31 - i] & 0xff) << ((i & 7) * 8);
        }
        int half = 1 << (c - 1);
        int mask = (1 << c) - 1;
        int carry = 0;
        for (int w = 0; w < windows; w++) {
            int bit = w * c;
            int limb = bit >>> 6;
            int sh = bit & 63;
            long v = limb < 5 ? limbs[limb] >>> sh : 0;
            if (sh + c > 64 && limb + 1 < 5) {
                v |= limbs[limb + 1] << (64 - sh);
            }
            int d = (int) (v & mask) + carry;
            if (d > half) {
                d -= (1 << c);
                carry = 1;
            } else {
                carry = 0;
            }
            out[off + w] = d;
        }
    }

    /**
     * Allocation-light variant on affine field words: result = sum_i (neg_i ? -1 : 1) k_i (x_i, y_i).
     * The sign is folded into the digits, so negated points cost nothing extra.
     */
    public static void sum(int[][] xs, int[][] ys, boolean[] neg, BigInteger[] scalars, int n, P256.Jac result,
            P256.Scratch s) {
        result.setInfinity();
        if (n == 0) {
            return;
        }
        int c = windowFor(n);
        Recoded recoded = recode(neg, scalars, n, c);
        int windows = recoded.windows();
        int[] digits = recoded.digits();
        int topUsed = recoded.topUsed();
        int nb = 1 << (c - 1);
        P256.Jac[] buckets = new P256.Jac[nb + 1];
        for (int d = 1; d <= nb; d++) {
            buckets[d] = new P256.Jac();
        }
        P256.Jac running = new P256.Jac();
        P256.Jac windowSum = new P256.Jac();
        int[] negY = new int[8];
        for (int w = topUsed; w >= 0; w--) {
            if (w != topUsed) {
                for (int t = 0; t < c; t++) {
                    P256.twice(result, s);
                }
            }
            for (int d = 1; d <= nb; d++) {
                buckets[d].setInfinity();
            }
            for (int i = 0; i < n; i++) {
                int d = digits[i * windows + w];
                if (d > 0) {
                    P256.addAffine(buckets[d], xs[i], ys[i], s);
                } else if (d < 0) {
                    P256.subAffine(buckets[-d], xs[i], ys[i], s, negY);
                }
            }
            running.setInfinity();
            windowSum.setInfinity();
            for (int d = nb; d >= 1; d--) {
                P256.add(running, buckets[d], s);
                P256.add(windowSum, running, s);
            }
            P256.add(result, windowSum, s);
        }
    }

    /** Signed window digits of every scalar (sign folded in), and the highest window any of them uses. */
    private record Recoded(int[] digits, int windows, int topUsed) {
    }

    private static Recoded recode(boolean[] neg, BigInteger[] scalars, int n, int c) {
        int windows = (257 + c - 1) / c + 1;
        int[] digits = new int[n * windows];
        int topUsed = 0;
        for (int i = 0; i < n; i++) {
            int base = i * windows;
            signedDigits(scalars[i], c, windows, digits, base);
            if (neg[i]) {
                for (int w = 0; w < windows; w++) {
                    digits[base + w] = -digits[base + w];
                }
            }
            for (int w = windows - 1; w > topUsed; w--) {
                if (digits[base + w] != 0) {
                    topUsed = w;
                    break;
                }
            }
        }
        return new Recoded(digits, windows, topUsed);
    }

    /** Below this many terms the Jacobian bucket method is faster than batched affine additions. */
    static final int BATCHED_FROM = 8192;

    /**
     * As {@link #sum(int[][], int[][], boolean[], BigInteger[], int, P256.Jac, P256.Scratch)}, but
     * bucket additions are affine and batched (one inversion per batch); a point whose bucket already
     * has an addition pending in the batch is deferred to a later pass.
     */
    public static void sumBatched(int[][] xs, int[][] ys, boolean[] neg, BigInteger[] scalars, int n, P256.Jac result,
            P256.Scratch s) {
        if (n < BATCHED_FROM) {
            sum(xs, ys, neg, scalars, n, result, s);
            return;
        }
        result.setInfinity();
        int c = windowFor(n);
        Recoded recoded = recode(neg, scalars, n, c);
        int windows = recoded.windows();
        int[] digits = recoded.digits();
        int topUsed = recoded.topUsed();
        int nb = 1 << (c - 1);
        BatchAffine ba = new BatchAffine(nb + 1, Math.max(64, nb / 4));
        // A point whose bucket already has an addition pending goes into that bucket's Jacobian
        // overflow instead (mixed addition): bounded cost even when digits crowd a few buckets,
        // as they do in the top window of same-length scalars.
        P256.Jac[] over = new P256.Jac[nb + 1];
        int[] stamp = new int[nb + 1];
        int gen = 1;
        int[] negY = new int[8];
        P256.Jac running = new P256.Jac();
        P256.Jac windowSum = new P256.Jac();
        for (int w = topUsed; w >= 0; w--) {
            if (w != topUsed) {
                for (int t = 0; t < c; t++) {
                    P256.twice(result, s);
                }
            }
            ba.clear();
            gen++;
            for (P256.Jac o : over) {
                if (o != null) {
                    o.setInfinity();
                }
            }
            for (int i = 0; i < n; i++) {
                int d = digits[i * windows + w];
                if (d == 0) {
                    continue;
                }
                int b = d < 0 ? -d : d;
                if (stamp[b] == gen) {
                    if (over[b] == null) {
                        over[b] = new P256.Jac();
                    }
                    if (d > 0) {
                        P256.addAffine(over[b], xs[i], ys[i], s);
                    } else {
                        P256.subAffine(over[b], xs[i], ys[i], s, negY);
                    }
                    continue;
                }
                boolean wasEmpty = ba.empty[b];
                ba.add(b, xs[i], ys[i], d < 0);
                if (ba.pending() == 0) {
                    gen++; // flushed: nothing is pending any more
                } else if (!wasEmpty) {
                    stamp[b] = gen;
                }
            }
            ba.flush();
            running.setInfinity();
            windowSum.setInfinity();
            for (int d = nb; d >= 1; d--) {
                if (!ba.empty[d]) {
                    P256.addAffine(running, ba.ax[d], ba.ay[d], s);
                }
                if (over[d] != null) {
                    P256.add(running, over[d], s);
                }
                P256.add(windowSum, running, s);
            }
            P256.add(result, windowSum, s);
        }
    }
}
