package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

/** Sealed ballots (docs/protocol.md 5.1-5.4, 9): the binary form rebuilt from JSON, the tracking code, the proofs. */
final class Ballots {
    static final int ITEM = 486;
    static final int SUM = 356;
    private static final String[] PROOF_FIELDS = {"a0", "b0", "a1", "b1", "c0", "v0", "v1"};
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Ballots() {}

    static int size(int m, int levels) {
        return 24 + m * (ITEM * levels + SUM);
    }

    /**
     * The ballot's bytes from its JSON: the 24-byte header from id, m and L, then every hex value in document
     * order (section 9). Throws {@link Bad} naming the first field that is missing or malformed.
     */
    static byte[] binary(Map<String, Object> json, String path) throws Bad {
        Layout.members(json, path, Layout.BALLOT);
        byte[] id = Fields.hex(json, "id", path, 16);
        long jm = Fields.integer(json, "m", path);
        long jl = Fields.integer(json, "levels", path);
        if (jm < 1 || jm > 65535) {
            throw Bad.field(path + ".m");
        }
        if (jl < 1 || jl > 255) {
            throw Bad.field(path + ".levels");
        }
        int m = (int) jm;
        int levels = (int) jl;
        List<Object> cands = Fields.array(json, "candidates", path);
        // Sizes are checked against the elements actually present before anything is allocated.
        if (cands.size() != m) {
            throw Bad.field(path + ".candidates");
        }
        if (!(cands.get(0) instanceof Map<?, ?> first) || !(first.get("levels") instanceof List<?> l0) || l0.size() != levels) {
            throw Bad.field(path + ".candidates[0].levels");
        }
        byte[] out = new byte[size(m, levels)];
        System.arraycopy(new byte[] {'T', 'N', '1', 'B', 1}, 0, out, 0, 5);
        System.arraycopy(id, 0, out, 5, 16);
        out[21] = (byte) (m >>> 8);
        out[22] = (byte) m;
        out[23] = (byte) levels;
        int at = 24;
        for (int c = 0; c < m; c++) {
            String cp = path + ".candidates[" + c + "]";
            Map<String, Object> cand = Fields.object(cands.get(c), cp);
            Layout.members(cand, cp, Layout.BALLOT_CANDIDATE);
            List<Object> lv = Fields.array(cand, "levels", cp);
            if (lv.size() != levels) {
                throw Bad.field(cp + ".levels");
            }
            for (int l = 0; l < levels; l++) {
                String lp = cp + ".levels[" + l + "]";
                Map<String, Object> item = Fields.object(lv.get(l), lp);
                Layout.members(item, lp, Layout.BALLOT_ITEM);
                at = put(out, at, Fields.hex(item, "alpha", lp, 65));
                at = put(out, at, Fields.hex(item, "beta", lp, 65));
                at = proof(out, at, Fields.object(item.get("proof"), lp + ".proof"), lp + ".proof");
            }
            at = proof(out, at, Fields.object(cand.get("sumProof"), cp + ".sumProof"), cp + ".sumProof");
        }
        return out;
    }

    private static int proof(byte[] out, int at, Map<String, Object> p, String path) throws Bad {
        Layout.members(p, path, Layout.PROOF);
        for (String f : PROOF_FIELDS) {
            at = put(out, at, Fields.hex(p, f, path, f.charAt(0) == 'a' || f.charAt(0) == 'b' ? 65 : 32));
        }
        return at;
    }

    private static int put(byte[] out, int at, byte[] v) {
        System.arraycopy(v, 0, out, at, v.length);
        return at + v.length;
    }

    /** A counted ballot as read: its bytes and its stated tracking code, or why it could not be read. */
    record Read(byte @Nullable [] bytes, @Nullable Object trackingCode, @Nullable Bad error) {
        static Read of(Object json, String path) {
            try {
                Map<String, Object> b = Fields.object(json, path);
                return new Read(binary(b, path), b.get("trackingCode"), null);
            } catch (Bad e) {
                return new Read(null, null, e);
            }
        }
    }

    /** Section 5.3: Crockford base32 of the first 80 bits of H("TN1/ballot", bytes), as XXXX-XXXX-XXXX-XXXX. */
    static String trackingCode(byte[] ballot) {
        byte[] h = new Group.Hash("TN1/ballot").part(ballot).digest();
        BigInteger bits = new BigInteger(1, java.util.Arrays.copyOf(h, 10));
        StringBuilder sb = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(CROCKFORD.charAt(bits.shiftRight(75 - 5 * i).intValue() & 31));
        }
        return sb.toString();
    }

    /**
     * A digest of the ballot's m, L and ciphertexts alone, every alpha and beta in ballot order (10.2: what two
     * counted ballots may not share, and what a copy under another id repeats); the proofs are left out.
     */
    static byte[] ciphertexts(byte[] ballot, int m, int levels) {
        int s = ITEM * levels + SUM;
        Group.Hash h = new Group.Hash("TN1V/ciphertexts").part(ballot, 21, 3);
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                h.part(ballot, 24 + c * s + ITEM * l, 130);
            }
        }
        return h.digest();
    }

    /** Both are ballots of the manifest's shape with the same ciphertexts (their ids and proofs aside). */
    static boolean sameCiphertexts(byte[] a, byte[] b, int m, int levels) {
        int size = size(m, levels);
        if (a.length != size || b.length != size || !java.util.Arrays.equals(a, 0, 5, b, 0, 5)
                || !java.util.Arrays.equals(a, 21, 24, b, 21, 24)) {
            return false;
        }
        int s = ITEM * levels + SUM;
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                int o = 24 + c * s + ITEM * l;
                if (!java.util.Arrays.equals(a, o, o + 130, b, o, o + 130)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Two items, among all the ballots' items (flat index: ballot * m * L + c * L + l), with the same alpha, so
     * the same nonce r (5.5); null if none. Sorting 8-byte prefixes of x keeps this to one long per item for a
     * large box; only equal prefixes are compared in full.
     */
    static int @Nullable [] repeatedAlpha(List<byte[]> ballots, int m, int levels) {
        int per = m * levels;
        int s = ITEM * levels + SUM;
        long[] keys = new long[ballots.size() * per];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = prefix(ballots.get(i / per), 24 + (i % per / levels) * s + ITEM * (i % levels) + 1);
        }
        long[] sorted = keys.clone();
        java.util.Arrays.sort(sorted);
        java.util.Set<Long> twice = new java.util.HashSet<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                twice.add(sorted[i]);
            }
        }
        if (twice.isEmpty()) {
            return null;
        }
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            if (twice.contains(keys[i])) {
                byte[] b = ballots.get(i / per);
                int o = 24 + (i % per / levels) * s + ITEM * (i % levels);
                Integer first = seen.putIfAbsent(Group.hex(java.util.Arrays.copyOfRange(b, o, o + 65)), i);
                if (first != null) {
                    return new int[] {first, i};
                }
            }
        }
        return null;
    }

    private static long prefix(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }

    /**
     * Whether every proof of the ballot holds (5.4), in one random linear combination of all its equations:
     * each equation gets an independent 128-bit weight with the top bit set, so a false one survives with
     * probability about 2^-127. Any shape or encoding failure is a failing ballot.
     */
    static boolean verify(byte[] b, byte[] qbar, ECPoint key, int m, int levels, SecureRandom rng) {
        int s = ITEM * levels + SUM;
        if (b.length != size(m, levels) || b[0] != 'T' || b[1] != 'N' || b[2] != '1' || b[3] != 'B' || b[4] != 1
                || ((b[21] & 0xff) << 8 | (b[22] & 0xff)) != m || (b[23] & 0xff) != levels) {
            return false;
        }
        Group.Hash bind = new Group.Hash("TN1/ballot/bind").part(b, 0, 24);
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                bind.part(b, 24 + c * s + ITEM * l, 130);
            }
        }
        byte[] binding = bind.digest();
        Combination comb = new Combination(rng);
        for (int c = 0; c < m; c++) {
            ECPoint[] alpha = new ECPoint[levels];
            ECPoint[] beta = new ECPoint[levels];
            BigInteger[][] coef = new BigInteger[levels][];
            for (int l = 0; l < levels; l++) {
                int o = 24 + c * s + ITEM * l;
                alpha[l] = Group.point(b, o, 65);
                beta[l] = Group.point(b, o + 65, 65);
                if (alpha[l] == null || beta[l] == null) {
                    return false;
                }
                Group.Hash ch = new Group.Hash("TN1/proof/01").part(qbar).part(binding).u32part(c).u32part(l)
                        .part(b, o, 65).part(b, o + 65, 65);
                coef[l] = comb.proof(b, o + 130, ch);
                if (coef[l] == null) {
                    return false;
                }
            }
            int p = 24 + c * s + ITEM * levels;
            Group.Hash ch = new Group.Hash("TN1/proof/sum").part(qbar).part(binding).u32part(c);
            for (int l = 0; l < levels; l++) {
                int o = 24 + c * s + ITEM * l;
                ch.part(b, o, 65).part(b, o + 65, 65);
            }
            BigInteger[] sum = comb.proof(b, p, ch);
            if (sum == null) {
                return false;
            }
            // The sum proof's statement is (sum of alpha, sum of beta): its coefficient goes to each term.
            for (int l = 0; l < levels; l++) {
                comb.add(alpha[l], coef[l][0].add(sum[0]));
                comb.add(beta[l], coef[l][1].add(sum[1]));
            }
        }
        comb.add(Group.G, comb.g);
        comb.add(key, comb.k);
        return comb.isZero();
    }

    /** The terms of sum_e w_e (right side_e - left side_e), collected for one multi-scalar multiplication. */
    private static final class Combination {
        final byte[] seed;
        int counter;
        final List<ECPoint> points = new ArrayList<>();
        final List<BigInteger> scalars = new ArrayList<>();
        BigInteger g = BigInteger.ZERO;
        BigInteger k = BigInteger.ZERO;

        Combination(SecureRandom rng) {
            // One draw per ballot, stretched by SHA-256: the shared generator is not a bottleneck across threads.
            seed = new byte[32];
            rng.nextBytes(seed);
        }

        private BigInteger weight() {
            byte[] h = new Group.Hash("TN1V/weight").part(seed).u32part(counter++).digest();
            return new BigInteger(1, java.util.Arrays.copyOf(h, 16)).setBit(127);
        }

        void add(ECPoint p, BigInteger s) {
            points.add(p);
            scalars.add(s.mod(Group.Q));
        }

        /**
         * One 0/1 proof at {@code at} (a_0, b_0, a_1, b_1, c_0, v_0, v_1) whose challenge hash so far holds the
         * statement: adds its commitments and its G and K terms, and returns the coefficients of the
         * statement's alpha and beta; null if a point or scalar does not decode.
         */
        BigInteger @Nullable [] proof(byte[] b, int at, Group.Hash challenge) {
            ECPoint a0 = Group.point(b, at, 65);
            ECPoint b0 = Group.point(b, at + 65, 65);
            ECPoint a1 = Group.point(b, at + 130, 65);
            ECPoint b1 = Group.point(b, at + 195, 65);
            BigInteger c0 = Group.scalar(b, at + 260);
            BigInteger v0 = Group.scalar(b, at + 292);
            BigInteger v1 = Group.scalar(b, at + 324);
            if (a0 == null || b0 == null || a1 == null || b1 == null || c0 == null || v0 == null || v1 == null) {
                return null;
            }
            BigInteger ch = challenge.part(b, at, 65).part(b, at + 65, 65).part(b, at + 130, 65)
                    .part(b, at + 195, 65).modQ();
            BigInteger c1 = ch.subtract(c0).mod(Group.Q);
            BigInteger w1 = weight();
            BigInteger w2 = weight();
            BigInteger w3 = weight();
            BigInteger w4 = weight();
            // a0 = v0 G + c0 alpha; b0 = v0 K + c0 beta; a1 = v1 G + c1 alpha; b1 = v1 K + c1 (beta - G)
            g = g.add(w1.multiply(v0)).add(w3.multiply(v1)).subtract(w4.multiply(c1));
            k = k.add(w2.multiply(v0)).add(w4.multiply(v1));
            points.add(a0.negate());
            scalars.add(w1);
            points.add(b0.negate());
            scalars.add(w2);
            points.add(a1.negate());
            scalars.add(w3);
            points.add(b1.negate());
            scalars.add(w4);
            return new BigInteger[] {w1.multiply(c0).add(w3.multiply(c1)), w2.multiply(c0).add(w4.multiply(c1))};
        }

        boolean isZero() {
            ECPoint r = ECAlgorithms.sumOfMultiplies(points.toArray(new ECPoint[0]), scalars.toArray(new BigInteger[0]));
            return r.isInfinity();
        }
    }
}
