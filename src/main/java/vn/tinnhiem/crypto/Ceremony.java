package vn.tinnhiem.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.Destroyable;
import org.bouncycastle.math.ec.ECPoint;
import vn.tinnhiem.crypto.internal.Curve;

/**
 * The k-of-n key ceremony: Shamir sharing of a random s with Feldman commitments. Typical use:
 *
 * <pre>{@code
 * try (Ceremony.Dealing d = Ceremony.deal(2, 3, rng)) {
 *     Manifest m = new Manifest(..., d.electionKey(), d.commitments(), 2, 3);
 *     List<String> cards = d.cards(m.hash(), passphrases, rng);   // print them
 * }   // s, f and every s_i are zeroed here
 * }</pre>
 */
public final class Ceremony {
    private Ceremony() {}

    /** Draws f(x) = s + a_1 x + ... + a_{k-1} x^{k-1}, computes C_j = a_j G and s_i = f(i). */
    public static Dealing deal(int k, int n, SecureRandom rng) {
        if (n < 1 || n > 255 || k < 1 || k > n) {
            throw new IllegalArgumentException("need 1 <= k <= n <= 255");
        }
        SecretScalar[] coeffs = new SecretScalar[k];
        List<Point> commitments = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            BigInteger a = Scalar.randomNonZero(rng);
            coeffs[j] = new SecretScalar(a);
            commitments.add(Point.of(Curve.G_TABLE.multiply(a)));
        }
        List<TellerShare> shares = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            BigInteger x = BigInteger.valueOf(i);
            BigInteger acc = BigInteger.ZERO;
            for (int j = k - 1; j >= 0; j--) { // Horner
                acc = acc.multiply(x).add(coeffs[j].reveal()).mod(Curve.Q);
            }
            shares.add(new TellerShare(i, new SecretScalar(acc)));
        }
        return new Dealing(k, n, coeffs, List.copyOf(commitments), List.copyOf(shares));
    }

    /** The public key of teller i: sum_j i^j C_j. */
    public static Point tellerKey(List<Point> commitments, int i) {
        BigInteger x = BigInteger.valueOf(i);
        BigInteger pow = BigInteger.ONE;
        ECPoint acc = Curve.INFINITY;
        for (Point c : commitments) {
            acc = acc.add(c.ec().multiply(pow));
            pow = pow.multiply(x).mod(Curve.Q);
        }
        return Point.of(acc);
    }

    /** Whether s_i G == sum_j i^j C_j. */
    public static boolean shareMatches(TellerShare share, List<Point> commitments) {
        return share.publicShare().equals(tellerKey(commitments, share.index()));
    }

    /** The secrets of one ceremony. Close (or destroy) it once the cards exist. */
    public static final class Dealing implements Destroyable, AutoCloseable {
        private final int k;
        private final int n;
        private final SecretScalar[] coefficients;
        private final List<Point> commitments;
        private final List<TellerShare> shares;

        private Dealing(int k, int n, SecretScalar[] coefficients, List<Point> commitments,
                List<TellerShare> shares) {
            this.k = k;
            this.n = n;
            this.coefficients = coefficients;
            this.commitments = commitments;
            this.shares = shares;
        }

        public int k() {
            return k;
        }

        public int n() {
            return n;
        }

        /** K = C_0 = s G. */
        public Point electionKey() {
            return commitments.get(0);
        }

        public List<Point> commitments() {
            return commitments;
        }

        /** The shares (live objects: destroyed with the dealing). */
        public List<TellerShare> shares() {
            return shares;
        }

        /**
         * One share card text per teller, in teller order. {@code passphrases} is empty (no
         * passphrase for anyone) or has n entries, each null for a plain card. The passphrase
         * arrays are not modified; the caller wipes them.
         */
        public List<String> cards(byte[] manifestHash, List<char @org.jspecify.annotations.Nullable []> passphrases,
                SecureRandom rng) {
            if (!passphrases.isEmpty() && passphrases.size() != n) {
                throw new IllegalArgumentException("need no passphrases or one entry per teller");
            }
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                char[] p = passphrases.isEmpty() ? null : passphrases.get(i);
                out.add(ShareCards.write(manifestHash, shares.get(i), k, n, p, rng));
            }
            return out;
        }

        /**
         * The card of one teller (1..n), so that each card can be printed, and its share destroyed, on its
         * own: {@code passphrase} null for a plain card; not modified, the caller wipes it.
         */
        public String card(int teller, byte[] manifestHash, char @org.jspecify.annotations.Nullable [] passphrase,
                SecureRandom rng) {
            if (teller < 1 || teller > n) {
                throw new IllegalArgumentException("teller must be 1..n");
            }
            return ShareCards.write(manifestHash, shares.get(teller - 1), k, n, passphrase, rng);
        }

        @Override
        public void destroy() {
            for (SecretScalar c : coefficients) {
                c.destroy();
            }
            for (TellerShare s : shares) {
                s.destroy();
            }
        }

        @Override
        public boolean isDestroyed() {
            return coefficients[0].isDestroyed();
        }

        @Override
        public void close() {
            destroy();
        }
    }
}
