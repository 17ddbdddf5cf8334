package vn.tinnhiem.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;
import vn.tinnhiem.crypto.internal.Curve;

/**
 * A dishonest sealer, for tests only: it encrypts any integer (2, q − 1, ...) in any item and
 * makes proofs in one of three ways. Its ballots have the right shape, valid points and the real
 * challenges (docs/protocol.md 5.1), so only the proof equations can catch them.
 */
final class CheatingProver {
    /** How a proof is made. */
    enum Mode {
        /**
         * The sealer's algorithm, the real branch j = 0 for V = 0 and j = 1 for any other V: valid
         * when V is 0 or 1 (with no offset); otherwise the equation of b_1 is off by c_1 (V − 1) G.
         */
        ONE_BRANCH,
        /**
         * Both branches made "real" (a_j = u_j G, b_j = u_j K) and c_1 = V ch: the equations of b_0
         * and b_1 are off by c_0 V G and c_1 (V − 1) G, which cancel (c_0 V + c_1 (V − 1) = V ch − c_1 = 0).
         * A check that adds the equations with equal weights is fooled for any V.
         */
        CANCELLING
    }

    /** A ballot to forge: per candidate c and level l the integer encrypted, and how each proof is made. */
    static final class Spec {
        final BigInteger[][] values;
        final Mode[][] bitModes;
        final Mode[] sumModes;
        /** Added to b_j of a proof's real branch before its challenge is hashed (ONE_BRANCH only); key = proof index. */
        final Map<Integer, ECPoint> offsets = new HashMap<>();
        /** The ballot id to use (e.g. another ballot's), or null for a random one. */
        byte @org.jspecify.annotations.Nullable [] id;

        Spec(int m, int levels) {
            values = new BigInteger[m][levels];
            bitModes = new Mode[m][levels];
            sumModes = new Mode[m];
            for (int c = 0; c < m; c++) {
                for (int l = 0; l < levels; l++) {
                    values[c][l] = BigInteger.ZERO;
                    bitModes[c][l] = Mode.ONE_BRANCH;
                }
                sumModes[c] = Mode.ONE_BRANCH;
            }
        }

        /** An honest vote for candidate c: level {@code choice}, or blank (-1). */
        Spec vote(int c, int choice) {
            for (int l = 0; l < values[c].length; l++) {
                values[c][l] = BigInteger.valueOf(l == choice ? 1 : 0);
            }
            return this;
        }

        Spec value(int c, int l, long v) {
            values[c][l] = BigInteger.valueOf(v).mod(Curve.Q);
            return this;
        }
    }

    /** The forged ballot and, per ONE_BRANCH proof (index: items, then candidates), the error of its real b_j equation. */
    record Forged(SealedBallot ballot, Map<Integer, ECPoint> errors) {}

    private final ElectionContext ctx;
    private final SecureRandom rng;

    CheatingProver(ElectionContext ctx, SecureRandom rng) {
        this.ctx = ctx;
        this.rng = rng;
    }

    private ECPoint g(BigInteger k) {
        return Curve.G_TABLE.multiply(k.mod(Curve.Q));
    }

    private ECPoint k(BigInteger k) {
        return ctx.kTable().multiply(k.mod(Curve.Q));
    }

    private static void put(byte[] out, int at, ECPoint p) {
        System.arraycopy(p.normalize().getEncoded(false), 0, out, at, BallotLayout.PT);
    }

    private static void put(byte[] out, int at, BigInteger s) {
        System.arraycopy(Curve.scalarBytes(s.mod(Curve.Q)), 0, out, at, BallotLayout.SC);
    }

    Forged forge(Spec spec) {
        int m = ctx.candidateCount();
        int levels = ctx.levelCount();
        BigInteger q = Curve.Q;
        byte[] out = new byte[BallotLayout.size(m, levels)];
        System.arraycopy(BallotLayout.MAGIC, 0, out, 0, 4);
        out[4] = BallotLayout.VERSION;
        byte[] id = new byte[BallotLayout.ID];
        rng.nextBytes(id);
        if (spec.id != null) {
            id = spec.id.clone();
        }
        System.arraycopy(id, 0, out, BallotLayout.ID_OFFSET, BallotLayout.ID);
        int hp = BallotLayout.ID_OFFSET + BallotLayout.ID;
        out[hp] = (byte) (m >>> 8);
        out[hp + 1] = (byte) m;
        out[hp + 2] = (byte) levels;
        BigInteger[][] r = new BigInteger[m][levels];
        ECPoint[][] alpha = new ECPoint[m][levels];
        ECPoint[][] beta = new ECPoint[m][levels];
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                r[c][l] = Scalar.random(rng).value();
                alpha[c][l] = g(r[c][l]);
                beta[c][l] = g(spec.values[c][l]).add(k(r[c][l]));
                int off = BallotLayout.itemOffset(c, l, levels);
                put(out, off, alpha[c][l]);
                put(out, off + BallotLayout.PT, beta[c][l]);
            }
        }
        byte[] bind = Verification.binding(out, m, levels);
        byte[] mh = ctx.manifestHashRef();
        Map<Integer, ECPoint> errors = new HashMap<>();
        for (int c = 0; c < m; c++) {
            ECPoint sumA = Curve.INFINITY;
            ECPoint sumB = Curve.INFINITY;
            BigInteger sumR = BigInteger.ZERO;
            BigInteger sumV = BigInteger.ZERO;
            for (int l = 0; l < levels; l++) {
                int off = BallotLayout.itemOffset(c, l, levels);
                int proof = c * levels + l;
                int cl = c;
                int ll = l;
                prove(out, off + BallotLayout.CT, alpha[c][l], beta[c][l], r[c][l], spec.values[c][l],
                        spec.bitModes[c][l], spec.offsets.get(proof), errors, proof,
                        () -> Verification.bitChallenge(mh, bind, cl, ll, out, off));
                sumA = sumA.add(alpha[c][l]);
                sumB = sumB.add(beta[c][l]);
                sumR = sumR.add(r[c][l]);
                sumV = sumV.add(spec.values[c][l]);
            }
            int proof = m * levels + c;
            int cc = c;
            prove(out, BallotLayout.sumProofOffset(c, levels), sumA, sumB, sumR.mod(q), sumV.mod(q), spec.sumModes[c],
                    spec.offsets.get(proof), errors, proof, () -> Verification.sumChallenge(mh, bind, cc, levels, out));
        }
        return new Forged(SealedBallot.of(out), errors);
    }

    private void prove(byte[] out, int at, ECPoint a, ECPoint b, BigInteger r, BigInteger v, Mode mode,
            ECPoint offset, Map<Integer, ECPoint> errors, int proof, java.util.function.Supplier<BigInteger> challenge) {
        BigInteger q = Curve.Q;
        int pt = BallotLayout.PT;
        int sc = 4 * pt;
        if (mode == Mode.CANCELLING) {
            BigInteger u0 = Scalar.random(rng).value();
            BigInteger u1 = Scalar.random(rng).value();
            put(out, at, g(u0));
            put(out, at + pt, k(u0));
            put(out, at + 2 * pt, g(u1));
            put(out, at + 3 * pt, k(u1));
            BigInteger ch = challenge.get();
            BigInteger c1 = v.multiply(ch).mod(q);
            BigInteger c0 = ch.subtract(c1).mod(q);
            put(out, at + sc, c0);
            put(out, at + sc + BallotLayout.SC, u0.subtract(c0.multiply(r)));
            put(out, at + sc + 2 * BallotLayout.SC, u1.subtract(c1.multiply(r)));
            return;
        }
        // ONE_BRANCH: the real branch is j = 0 for V = 0 and j = 1 otherwise; the other is simulated
        // (valid for any statement).
        int j = v.signum() == 0 ? 0 : 1;
        int sim = 1 - j;
        BigInteger u = Scalar.random(rng).value();
        BigInteger cSim = Scalar.random(rng).value();
        BigInteger vSim = Scalar.random(rng).value();
        put(out, at + 2 * pt * sim, g(vSim).add(a.multiply(cSim)));
        put(out, at + 2 * pt * sim + pt, k(vSim).add(b.subtract(g(BigInteger.valueOf(sim))).multiply(cSim)));
        put(out, at + 2 * pt * j, g(u));
        ECPoint bj = k(u);
        if (offset != null) {
            bj = bj.add(offset);
        }
        put(out, at + 2 * pt * j + pt, bj);
        BigInteger ch = challenge.get();
        BigInteger cj = ch.subtract(cSim).mod(q);
        BigInteger vj = u.subtract(cj.multiply(r));
        put(out, at + sc, j == 0 ? cj : cSim);
        put(out, at + sc + BallotLayout.SC, j == 0 ? vj : vSim);
        put(out, at + sc + 2 * BallotLayout.SC, j == 0 ? vSim : vj);
        // rhs − lhs of the b_j equation: v_j K + c_j (β − jG) − b_j = c_j (V − j) G − offset
        ECPoint error = g(cj.multiply(v.subtract(BigInteger.valueOf(j))));
        if (offset != null) {
            error = error.subtract(offset);
        }
        errors.put(proof, error.normalize());
    }

    /**
     * A verifier that adds every proof equation of every ballot with weight 1 and checks that the
     * sum is 𝒪: what a batch check with a weight of 1 everywhere (or one weight repeated) does.
     * True means "accepted".
     */
    static boolean acceptedWithUnitWeights(ElectionContext ctx, java.util.List<SealedBallot> ballots) {
        int m = ctx.candidateCount();
        int levels = ctx.levelCount();
        ECPoint total = Curve.INFINITY;
        for (SealedBallot ballot : ballots) {
            Verification.Parsed p = Verification.parse(ctx, ballot);
            if (!p.wellFormed()) {
                return false;
            }
            for (int proof = 0; proof < p.items + m; proof++) {
                ECPoint[] st = Verification.statement(p, proof);
                int at = Verification.commitAt(p, proof);
                BigInteger c0 = p.c0[proof];
                BigInteger c1 = p.ch[proof].subtract(c0).mod(Curve.Q);
                BigInteger v0 = p.v0[proof];
                BigInteger v1 = p.v1[proof];
                ECPoint key = ctx.manifest().electionKey().ec();
                ECPoint rhs = Curve.G_TABLE.multiply(v0).add(st[0].multiply(c0))
                        .add(key.multiply(v0)).add(st[1].multiply(c0))
                        .add(Curve.G_TABLE.multiply(v1)).add(st[0].multiply(c1))
                        .add(key.multiply(v1)).add(st[1].subtract(Curve.G).multiply(c1));
                ECPoint lhs = p.ec(at).add(p.ec(at + 1)).add(p.ec(at + 2)).add(p.ec(at + 3));
                total = total.add(rhs.subtract(lhs));
            }
        }
        return total.isInfinity();
    }
}
