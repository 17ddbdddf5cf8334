package vn.tinnhiem.crypto.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MsmTests {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 31, 40, 300})
    void bucket_sum_equals_the_naive_sum_for_long_short_and_zero_scalars(int n) {
        Random r = new Random(n);
        ECPoint[] pts = new ECPoint[n];
        BigInteger[] ks = new BigInteger[n];
        ECPoint expected = Curve.INFINITY;
        for (int i = 0; i < n; i++) {
            pts[i] = Curve.G.multiply(BigInteger.valueOf(r.nextInt(1_000_000) + 1)).normalize();
            ks[i] = switch (i % 4) {
                case 0 -> new BigInteger(128, r);
                case 1 -> new BigInteger(256, r).mod(Curve.Q);
                case 2 -> Curve.Q.subtract(BigInteger.ONE);
                default -> i % 8 == 3 ? BigInteger.ZERO : BigInteger.valueOf(r.nextInt(1 << 20));
            };
            expected = expected.add(pts[i].multiply(ks[i]));
        }
        int[][] xs = new int[n][];
        int[][] ys = new int[n][];
        for (int i = 0; i < n; i++) {
            int[][] a = P256.affine(pts[i]);
            xs[i] = a[0];
            ys[i] = a[1];
        }
        P256.Scratch s = new P256.Scratch();
        P256.Jac out = new P256.Jac();
        Msm.sum(xs, ys, new boolean[n], ks, n, out, s);
        assertTrue(expected.equals(P256.toECPoint(out, s)));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6, 8, 13, 14})
    void signed_digits_recompose_to_the_scalar(int c) {
        Random r = new Random(c);
        for (int t = 0; t < 50; t++) {
            BigInteger k = t == 0 ? Curve.Q.subtract(BigInteger.ONE) : new BigInteger(256, r).mod(Curve.Q);
            int windows = (257 + c - 1) / c + 1;
            int[] d = new int[windows];
            Msm.signedDigits(k, c, windows, d, 0);
            BigInteger back = BigInteger.ZERO;
            for (int w = windows - 1; w >= 0; w--) {
                assertTrue(Math.abs(d[w]) <= (1 << (c - 1)));
                back = back.shiftLeft(c).add(BigInteger.valueOf(d[w]));
            }
            assertEquals(k, back);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 9000, 20000})
    void batched_affine_buckets_agree_with_jacobian_buckets_even_for_equal_and_opposite_points(int n) {
        Random r = new Random(n);
        ECPoint[] pts = new ECPoint[n];
        ECPoint acc = Curve.G.multiply(BigInteger.valueOf(r.nextInt(1000) + 2));
        ECPoint step = Curve.G.multiply(BigInteger.valueOf(1_000_003));
        for (int i = 0; i < n; i++) {
            // repeats (doubling inside a bucket) and opposite points (cancelling) on purpose
            pts[i] = i % 10 == 7 ? pts[i - 3] : i % 10 == 9 ? pts[i - 1] : acc;
            acc = acc.add(step);
        }
        Curve.CURVE.normalizeAll(pts);
        int[][] xs = new int[n][];
        int[][] ys = new int[n][];
        boolean[] neg = new boolean[n];
        BigInteger[] ks = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            int[][] a = P256.affine(pts[i]);
            xs[i] = a[0];
            ys[i] = a[1];
            neg[i] = i % 10 == 9;
            ks[i] = i % 10 == 9 ? ks[i - 1] : i % 3 == 0 ? new BigInteger(256, r).mod(Curve.Q) : new BigInteger(128, r);
            if (i % 10 == 7) {
                ks[i] = ks[i - 3];
            }
        }
        P256.Scratch s = new P256.Scratch();
        P256.Jac a = new P256.Jac();
        P256.Jac b = new P256.Jac();
        Msm.sum(xs, ys, neg, ks, n, a, s);
        Msm.sumBatched(xs, ys, neg, ks, n, b, s);
        assertTrue(P256.toECPoint(a, s).equals(P256.toECPoint(b, s)));
        if (n == 100) {
            ECPoint naive = Curve.INFINITY;
            for (int i = 0; i < n; i++) {
                ECPoint p = neg[i] ? pts[i].negate() : pts[i];
                naive = naive.add(p.multiply(ks[i]));
            }
            assertTrue(naive.equals(P256.toECPoint(a, s)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 50})
    void batch_of_affine_additions_handles_doubling_and_cancelling(int k) {
        ECPoint p = Curve.G.multiply(BigInteger.valueOf(k + 11)).normalize();
        int[][] a = P256.affine(p);
        BatchAffine ba = new BatchAffine(3, 4);
        ba.add(0, a[0], a[1], false);
        ba.add(1, a[0], a[1], false);
        ba.add(2, a[0], a[1], false);
        ba.add(0, a[0], a[1], false); // doubling
        ba.add(1, a[0], a[1], true); // cancels
        ba.flush();
        int[][] two = P256.affine(p.twice());
        assertArrayEquals(two[0], ba.ax[0]);
        assertArrayEquals(two[1], ba.ay[0]);
        assertTrue(ba.empty[1]);
        assertFalse(ba.empty[2]);
    }
}
