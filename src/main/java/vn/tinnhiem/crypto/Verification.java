package vn.tinnhiem.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;
import vn.tinnhiem.crypto.BallotFailure.Part;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.FixedBaseTable;
import vn.tinnhiem.crypto.internal.Nonces;
import vn.tinnhiem.crypto.internal.P256;

/** Challenges, parsing and the proof equations shared by sealing and verifying. */
final class Verification {
    private Verification() {}

    /**
     * B = H("TN1/ballot/bind", header, alpha and beta of every item in order): binds every proof of a
     * ballot to its id and to all its ciphertexts, so that no proof, and no candidate's block, can be
     * lifted into another ballot (a replay that could reveal a voter's choice), and a changed id fails.
     */
    static byte[] binding(byte[] ballot, int m, int levels) {
        Hashing h = Hashing.tagged(Hashing.TAG_BALLOT_BINDING).part(ballot, 0, BallotLayout.HEADER);
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                h.part(ballot, BallotLayout.itemOffset(c, l, levels), BallotLayout.CT);
            }
        }
        return h.digest();
    }

    /** c = H("TN1/proof/01", Q, B, u32 c, u32 l, alpha, beta, a0, b0, a1, b1) mod q. */
    static BigInteger bitChallenge(byte[] manifestHash, byte[] binding, int c, int l, byte[] ballot, int itemOff) {
        Hashing h = Hashing.tagged(Hashing.TAG_BIT_PROOF).part(manifestHash).part(binding).partU32(c).partU32(l);
        for (int i = 0; i < 6; i++) {
            h.part(ballot, itemOff + i * BallotLayout.PT, BallotLayout.PT);
        }
        return h.digestModQ();
    }

    /** c = H("TN1/proof/sum", Q, B, u32 c, alpha_0, beta_0, ..., alpha_{L-1}, beta_{L-1}, a0, b0, a1, b1) mod q. */
    static BigInteger sumChallenge(byte[] manifestHash, byte[] binding, int c, int levels, byte[] ballot) {
        Hashing h = Hashing.tagged(Hashing.TAG_SUM_PROOF).part(manifestHash).part(binding).partU32(c);
        for (int l = 0; l < levels; l++) {
            int off = BallotLayout.itemOffset(c, l, levels);
            h.part(ballot, off, BallotLayout.PT).part(ballot, off + BallotLayout.PT, BallotLayout.PT);
        }
        int so = BallotLayout.sumProofOffset(c, levels);
        for (int i = 0; i < 4; i++) {
            h.part(ballot, so + i * BallotLayout.PT, BallotLayout.PT);
        }
        return h.digestModQ();
    }

    /** A ballot decoded as far as it goes; failures hold what could not be decoded. */
    static final class Parsed {
        final SealedBallot ballot;
        final int m;
        final int levels;
        final int items;
        /** Per item alpha, beta, a0, b0, a1, b1; then per candidate a0, b0, a1, b1: affine words, null if bad. */
        final int[] @Nullable [] px;
        final int[] @Nullable [] py;
        /** Byte offset of each point in the ballot. */
        final int[] ptOff;
        private final @Nullable ECPoint[] ec;
        /** Per proof (items, then candidates): challenge, c0, v0, v1 (null if bad). */
        final @Nullable BigInteger[] ch;
        final @Nullable BigInteger[] c0;
        final @Nullable BigInteger[] v0;
        final @Nullable BigInteger[] v1;
        final boolean[] proofDecoded;
        final List<BallotFailure> failures = new ArrayList<>();

        Parsed(SealedBallot ballot, int m, int levels) {
            this.ballot = ballot;
            this.m = m;
            this.levels = levels;
            this.items = m * levels;
            int np = items * 6 + m * 4;
            this.px = new int[np][];
            this.py = new int[np][];
            this.ptOff = new int[np];
            this.ec = new ECPoint[np];
            this.ch = new BigInteger[items + m];
            this.c0 = new BigInteger[items + m];
            this.v0 = new BigInteger[items + m];
            this.v1 = new BigInteger[items + m];
            this.proofDecoded = new boolean[items + m];
        }

        boolean wellFormed() {
            return failures.isEmpty();
        }

        /** Point i as a BC point (slow path), or null if it did not decode. */
        @Nullable ECPoint ec(int i) {
            if (px[i] == null) {
                return null;
            }
            if (ec[i] == null) {
                ec[i] = Curve.decodeOrNull(ballot.bytesRef(), ptOff[i], BallotLayout.PT);
            }
            return ec[i];
        }

        boolean decode(int i, int off, P256.Scratch s) {
            ptOff[i] = off;
            int[] x = new int[8];
            int[] y = new int[8];
            if (P256.decodeUncompressed(ballot.bytesRef(), off, x, y, s)) {
                px[i] = x;
                py[i] = y;
                return true;
            }
            return false;
        }
    }

    /** Returns a Parsed whose failures list is non-empty if the shape or an encoding is bad. */
    static Parsed parse(ElectionContext ctx, SealedBallot ballot) {
        int m = ctx.candidateCount();
        int levels = ctx.levelCount();
        Parsed p = new Parsed(ballot, m, levels);
        byte[] b = ballot.bytesRef();
        int hp = BallotLayout.ID_OFFSET + BallotLayout.ID;
        if (b.length != BallotLayout.size(m, levels)
                || b[0] != 'T' || b[1] != 'N' || b[2] != '1' || b[3] != 'B' || b[4] != BallotLayout.VERSION
                || (((b[hp] & 0xff) << 8) | (b[hp + 1] & 0xff)) != m || (b[hp + 2] & 0xff) != levels) {
            p.failures.add(new BallotFailure(-1, -1, Part.WRONG_SHAPE));
            return p;
        }
        byte[] mh = ctx.manifestHashRef();
        byte[] bind = binding(b, m, levels);
        P256.Scratch sc = new P256.Scratch();
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                int item = c * levels + l;
                int off = BallotLayout.itemOffset(c, l, levels);
                boolean alphaOk = p.decode(6 * item, off, sc);
                boolean betaOk = p.decode(6 * item + 1, off + BallotLayout.PT, sc);
                if (!alphaOk || !betaOk) {
                    p.failures.add(new BallotFailure(c, l, Part.CIPHERTEXT_ENCODING));
                }
                boolean ok = decodeProof(b, off + BallotLayout.CT, p, 6 * item + 2, item, sc);
                if (!ok) {
                    p.failures.add(new BallotFailure(c, l, Part.BIT_PROOF_ENCODING));
                } else {
                    p.ch[item] = bitChallenge(mh, bind, c, l, b, off);
                }
            }
            int so = BallotLayout.sumProofOffset(c, levels);
            boolean ok = decodeProof(b, so, p, 6 * p.items + 4 * c, p.items + c, sc);
            if (!ok) {
                p.failures.add(new BallotFailure(c, -1, Part.SUM_PROOF_ENCODING));
            } else {
                p.ch[p.items + c] = sumChallenge(mh, bind, c, levels, b);
            }
        }
        return p;
    }

    private static boolean decodeProof(byte[] b, int off, Parsed p, int ptAt, int proof, P256.Scratch sc) {
        boolean ok = true;
        for (int i = 0; i < 4; i++) {
            ok &= p.decode(ptAt + i, off + i * BallotLayout.PT, sc);
        }
        int so = off + 4 * BallotLayout.PT;
        BigInteger c0 = scalarOrNull(b, so);
        BigInteger v0 = scalarOrNull(b, so + BallotLayout.SC);
        BigInteger v1 = scalarOrNull(b, so + 2 * BallotLayout.SC);
        ok &= c0 != null && v0 != null && v1 != null;
        p.c0[proof] = c0;
        p.v0[proof] = v0;
        p.v1[proof] = v1;
        p.proofDecoded[proof] = ok;
        return ok;
    }

    static @Nullable BigInteger scalarOrNull(byte[] b, int off) {
        byte[] s = java.util.Arrays.copyOfRange(b, off, off + 32);
        BigInteger x = new BigInteger(1, s);
        return x.compareTo(Curve.Q) < 0 ? x : null;
    }

    /** The statement of proof i: an item's ciphertext, or a candidate's summed ciphertext. */
    static @Nullable ECPoint[] statement(Parsed p, int proof) {
        if (proof < p.items) {
            return new ECPoint[] {p.ec(6 * proof), p.ec(6 * proof + 1)};
        }
        int c = proof - p.items;
        ECPoint a = Curve.INFINITY;
        ECPoint bb = Curve.INFINITY;
        for (int l = 0; l < p.levels; l++) {
            int item = c * p.levels + l;
            if (p.ec(6 * item) == null || p.ec(6 * item + 1) == null) {
                return new ECPoint[] {null, null};
            }
            a = a.add(p.ec(6 * item));
            bb = bb.add(p.ec(6 * item + 1));
        }
        return new ECPoint[] {a, bb};
    }

    static int commitAt(Parsed p, int proof) {
        return proof < p.items ? 6 * proof + 2 : 6 * p.items + 4 * (proof - p.items);
    }

    /** Checks one proof by its four equations (slow path, used to name failures). */
    static boolean checkProof(ElectionContext ctx, Parsed p, int proof) {
        if (!p.proofDecoded[proof]) {
            return false;
        }
        ECPoint[] st = statement(p, proof);
        if (st[0] == null || st[1] == null) {
            return false;
        }
        BigInteger q = Curve.Q;
        FixedBaseTable gT = Curve.G_TABLE;
        FixedBaseTable kT = ctx.kTable();
        BigInteger c0 = p.c0[proof];
        BigInteger c1 = p.ch[proof].subtract(c0).mod(q);
        BigInteger v0 = p.v0[proof];
        BigInteger v1 = p.v1[proof];
        int at = commitAt(p, proof);
        ECPoint a0 = gT.multiply(v0).add(st[0].multiply(c0));
        ECPoint b0 = kT.multiply(v0).add(st[1].multiply(c0));
        ECPoint a1 = gT.multiply(v1).add(st[0].multiply(c1));
        ECPoint b1 = kT.accumulate(gT.multiply(q.subtract(c1).mod(q)), v1).add(st[1].multiply(c1));
        return a0.equals(p.ec(at)) && b0.equals(p.ec(at + 1)) && a1.equals(p.ec(at + 2))
                && b1.equals(p.ec(at + 3));
    }

    /** Per-ballot verdict by the slow path: which proofs fail. */
    static List<BallotFailure> proofFailures(ElectionContext ctx, Parsed p) {
        List<BallotFailure> out = new ArrayList<>();
        int total = p.items + p.m;
        int failed = 0;
        for (int proof = 0; proof < total; proof++) {
            if (!checkProof(ctx, p, proof)) {
                failed++;
                if (proof < p.items) {
                    out.add(new BallotFailure(proof / p.levels, proof % p.levels, Part.BIT_PROOF));
                } else {
                    out.add(new BallotFailure(proof - p.items, -1, Part.SUM_PROOF));
                }
            }
        }
        if (failed == total && total >= 2) {
            return List.of(new BallotFailure(-1, -1, Part.BINDING));
        }
        return out;
    }

    /** Terms of a random linear combination of proof equations: sum +-k_i P_i + gCoef G + kCoef K. */
    static final class Combination {
        int[][] xs;
        int[][] ys;
        boolean[] neg;
        BigInteger[] scalars;
        int n;
        BigInteger gCoef = BigInteger.ZERO;
        BigInteger kCoef = BigInteger.ZERO;

        Combination(int capacity) {
            xs = new int[capacity][];
            ys = new int[capacity][];
            neg = new boolean[capacity];
            scalars = new BigInteger[capacity];
        }

        void term(BigInteger k, int[] x, int[] y, boolean negate) {
            if (n == xs.length) {
                int cap = Math.max(16, n * 2);
                xs = java.util.Arrays.copyOf(xs, cap);
                ys = java.util.Arrays.copyOf(ys, cap);
                neg = java.util.Arrays.copyOf(neg, cap);
                scalars = java.util.Arrays.copyOf(scalars, cap);
            }
            xs[n] = x;
            ys[n] = y;
            neg[n] = negate;
            scalars[n] = k;
            n++;
        }

        boolean holds(ElectionContext ctx) {
            BigInteger q = Curve.Q;
            P256.Scratch sc = new P256.Scratch();
            P256.Jac sum = new P256.Jac();
            vn.tinnhiem.crypto.internal.Msm.sumBatched(xs, ys, neg, scalars, n, sum, sc);
            Curve.G_TABLE.accumulate(sum, gCoef.mod(q), sc);
            ctx.kTable().accumulate(sum, kCoef.mod(q), sc);
            return sum.isInfinity();
        }
    }

    static int termsPerBallot(int m, int levels) {
        return m * levels * 6 + m * 4;
    }

    static final String WEIGHTS_TAG = "TN1/verify/weights";

    /**
     * The source of the weights for a set of ballots: a hash of fresh randomness and of every
     * ballot's bytes. The weights must be unforeseeable to whoever made the ballots; hashing the
     * ballots in keeps them so even if the random source is stuck (a constant source would
     * otherwise give every equation the same weight, and errors that cancel would pass).
     */
    static Nonces.Session weights(SecureRandom rng, List<Parsed> ballots) {
        Hashing h = Hashing.tagged(WEIGHTS_TAG);
        for (Parsed p : ballots) {
            h.part(p.ballot.bytesRef());
        }
        return Nonces.session(rng, WEIGHTS_TAG, new byte[0], h.digest());
    }

    /**
     * Adds w * (v_j G + c_j alpha - a_j) and w' * (v_j K + c_j (beta - jG) - b_j) for every proof
     * equation of a well-formed ballot, with 128-bit weights w from {@link #weights} (ballot
     * {@code index} of the set it was made for).
     */
    static void addTerms(Parsed p, Combination comb, Nonces.Session weights, int index) {
        BigInteger q = Curve.Q;
        int proofs = p.items + p.m;
        byte[] wb = new byte[proofs * 4 * 16];
        for (int proof = 0; proof < proofs; proof++) {
            byte[] w = weights.bytes(0, index, proof, 64);
            System.arraycopy(w, 0, wb, proof * 64, 64);
        }
        BigInteger[] alphaCoef = new BigInteger[p.items];
        BigInteger[] betaCoef = new BigInteger[p.items];
        java.util.Arrays.fill(alphaCoef, BigInteger.ZERO);
        java.util.Arrays.fill(betaCoef, BigInteger.ZERO);
        BigInteger g = BigInteger.ZERO;
        BigInteger k = BigInteger.ZERO;
        for (int proof = 0; proof < proofs; proof++) {
            int wo = proof * 64;
            BigInteger wa0 = weight(wb, wo);
            BigInteger wb0 = weight(wb, wo + 16);
            BigInteger wa1 = weight(wb, wo + 32);
            BigInteger wb1 = weight(wb, wo + 48);
            BigInteger c0 = p.c0[proof];
            BigInteger c1 = p.ch[proof].subtract(c0);
            if (c1.signum() < 0) {
                c1 = c1.add(q);
            }
            BigInteger v0 = p.v0[proof];
            BigInteger v1 = p.v1[proof];
            g = g.add(wa0.multiply(v0)).add(wa1.multiply(v1)).subtract(wb1.multiply(c1));
            k = k.add(wb0.multiply(v0)).add(wb1.multiply(v1));
            BigInteger ac = wa0.multiply(c0).add(wa1.multiply(c1));
            BigInteger bc = wb0.multiply(c0).add(wb1.multiply(c1));
            if (proof < p.items) {
                alphaCoef[proof] = alphaCoef[proof].add(ac);
                betaCoef[proof] = betaCoef[proof].add(bc);
            } else {
                int c = proof - p.items;
                for (int l = 0; l < p.levels; l++) {
                    int item = c * p.levels + l;
                    alphaCoef[item] = alphaCoef[item].add(ac);
                    betaCoef[item] = betaCoef[item].add(bc);
                }
            }
            int at = commitAt(p, proof);
            comb.term(wa0, p.px[at], p.py[at], true);
            comb.term(wb0, p.px[at + 1], p.py[at + 1], true);
            comb.term(wa1, p.px[at + 2], p.py[at + 2], true);
            comb.term(wb1, p.px[at + 3], p.py[at + 3], true);
        }
        for (int item = 0; item < p.items; item++) {
            comb.term(alphaCoef[item].mod(q), p.px[6 * item], p.py[6 * item], false);
            comb.term(betaCoef[item].mod(q), p.px[6 * item + 1], p.py[6 * item + 1], false);
        }
        comb.gCoef = comb.gCoef.add(g.mod(q));
        comb.kCoef = comb.kCoef.add(k.mod(q));
    }

    private static BigInteger weight(byte[] b, int off) {
        byte[] w = java.util.Arrays.copyOfRange(b, off, off + 16);
        w[0] |= (byte) 0x80; // never zero; 128-bit
        return new BigInteger(1, w);
    }
}
