package vn.tinnhiem.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import vn.tinnhiem.crypto.internal.BatchAffine;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.FixedBaseTable;
import vn.tinnhiem.crypto.internal.P256;

/**
 * Seals ballots for one election. Thread-safe if the SecureRandom is (the JDK's are).
 *
 * <p>Every multiplication is fixed-base on G or K: the sealer knows each nonce r, so the simulated
 * branch of a disjunctive proof, v'G + c'alpha and v'K + c'(beta - j G), is computed as
 * (v' + c'r)G and (v' + c'r)K + c'(b - j)G.
 */
public final class BallotSealer {
    private final ElectionContext ctx;
    private final SecureRandom rng;

    public BallotSealer(ElectionContext ctx, SecureRandom rng) {
        this.ctx = ctx;
        this.rng = rng;
    }

    /**
     * Seals one ballot. {@code choices[c]} is the level index (0-based, in {@link BallotKind#levels()}
     * order) the voter chose for candidate c, or -1 for blank. The sealer takes ownership of the
     * array and overwrites it with zeros before returning (also on error), so the caller must pass a
     * fresh array it does not reuse. Nonces and the per-level bits live only in local arrays, which
     * are zeroed or dropped on return; BigInteger temporaries cannot be zeroed.
     *
     * @throws IllegalArgumentException if the array's length or a value does not fit the manifest
     */
    public SealedBallot seal(int[] choices) {
        int[] bits = null;
        try {
            int m = ctx.candidateCount();
            int levels = ctx.levelCount();
            if (choices.length != m) {
                throw new IllegalArgumentException("choices must have one entry per candidate");
            }
            int items = m * levels;
            bits = new int[items];
            for (int c = 0; c < m; c++) {
                int choice = choices[c];
                if (choice < -1 || choice >= levels) {
                    throw new IllegalArgumentException("choice out of range");
                }
                for (int l = 0; l < levels; l++) {
                    bits[c * levels + l] = choice == l ? 1 : 0;
                }
            }
            Arrays.fill(choices, 0);
            return sealBits(bits, m, levels);
        } finally {
            Arrays.fill(choices, 0);
            if (bits != null) {
                Arrays.fill(bits, 0);
            }
        }
    }

    /**
     * All fixed-base products of a ballot advance together, one table row at a time, as batches of
     * independent affine additions (one inversion per batch); the results are affine already.
     */
    private static final class Jobs {
        final int[] gAcc;
        final int[][] gK;
        int ng;
        final int[] kAcc;
        final int[][] kK;
        int nk;
        final int[] plusG;
        int np;

        Jobs(int points) {
            gAcc = new int[points];
            gK = new int[points][];
            kAcc = new int[points];
            kK = new int[points][];
            plusG = new int[points];
        }

        void g(int acc, int[] k) {
            gAcc[ng] = acc;
            gK[ng++] = k;
        }

        void k(int acc, int[] k) {
            kAcc[nk] = acc;
            kK[nk++] = k;
        }

        void run(BatchAffine ba, FixedBaseTable gT, FixedBaseTable kT) {
            for (int row = 0; row < FixedBaseTable.rows(); row++) {
                for (int j = 0; j < ng; j++) {
                    gT.queueRow(ba, gAcc[j], row, gK[j]);
                }
                ba.flush();
            }
            for (int row = 0; row < FixedBaseTable.rows(); row++) {
                for (int j = 0; j < nk; j++) {
                    kT.queueRow(ba, kAcc[j], row, kK[j]);
                }
                ba.flush();
            }
            for (int j = 0; j < np; j++) {
                ba.add(plusG[j], G_XY[0], G_XY[1], false);
            }
            ba.flush();
        }

        void wipe() {
            for (int j = 0; j < ng; j++) {
                Arrays.fill(gK[j], 0);
            }
            for (int j = 0; j < nk; j++) {
                Arrays.fill(kK[j], 0);
            }
        }
    }

    private SealedBallot sealBits(int[] bits, int m, int levels) {
        FixedBaseTable gT = Curve.G_TABLE;
        FixedBaseTable kT = ctx.kTable();
        BigInteger q = Curve.Q;
        int items = m * levels;
        int proofs = items + m;
        BigInteger[] r = new BigInteger[items];
        BigInteger[] u = new BigInteger[proofs];
        BigInteger[] cSim = new BigInteger[proofs];
        BigInteger[] vSim = new BigInteger[proofs];
        BigInteger[] nonceSum = new BigInteger[m];
        int[] bitOf = new int[proofs];
        // Points: per item alpha, beta, a0, b0, a1, b1; then per candidate a0, b0, a1, b1.
        int npts = items * 6 + m * 4;
        int[] offsets = new int[npts];
        Jobs jobs = new Jobs(npts);
        for (int c = 0; c < m; c++) {
            BigInteger rSum = BigInteger.ZERO;
            int bSum = 0;
            for (int l = 0; l < levels; l++) {
                int p = c * levels + l;
                int b = bits[p];
                int off = BallotLayout.itemOffset(c, l, levels);
                r[p] = Scalar.randomNonZero(rng);
                rSum = rSum.add(r[p]);
                bSum += b;
                int[] rw = P256.scalarWords(r[p]);
                jobs.g(6 * p, rw);
                jobs.k(6 * p + 1, rw);
                if (b == 1) {
                    jobs.plusG[jobs.np++] = 6 * p + 1;
                }
                offsets[6 * p] = off;
                offsets[6 * p + 1] = off + BallotLayout.PT;
                for (int i = 0; i < 4; i++) {
                    offsets[6 * p + 2 + i] = off + BallotLayout.CT + i * BallotLayout.PT;
                }
                commit(p, b, r[p], u, cSim, vSim, bitOf, jobs, 6 * p + 2, q);
            }
            nonceSum[c] = rSum.mod(q);
            int at = 6 * items + 4 * c;
            int so = BallotLayout.sumProofOffset(c, levels);
            for (int i = 0; i < 4; i++) {
                offsets[at + i] = so + i * BallotLayout.PT;
            }
            commit(items + c, bSum, nonceSum[c], u, cSim, vSim, bitOf, jobs, at, q);
        }
        BatchAffine ba = new BatchAffine(npts, npts);
        jobs.run(ba, gT, kT);
        jobs.wipe();

        byte[] out = new byte[BallotLayout.size(m, levels)];
        System.arraycopy(BallotLayout.MAGIC, 0, out, 0, 4);
        out[4] = BallotLayout.VERSION;
        byte[] id = new byte[BallotLayout.ID];
        rng.nextBytes(id);
        System.arraycopy(id, 0, out, BallotLayout.ID_OFFSET, BallotLayout.ID);
        int hp = BallotLayout.ID_OFFSET + BallotLayout.ID;
        out[hp] = (byte) (m >>> 8);
        out[hp + 1] = (byte) m;
        out[hp + 2] = (byte) levels;
        for (int i = 0; i < npts; i++) {
            if (ba.empty[i]) {
                throw new ArithmeticException("point at infinity"); // probability ~2^-256
            }
            P256.writeAffine(ba.ax[i], ba.ay[i], out, offsets[i]);
        }
        // Header and every ciphertext are written: bind all the proofs to them.
        byte[] bind = Verification.binding(out, m, levels);
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                int p = c * levels + l;
                int off = BallotLayout.itemOffset(c, l, levels);
                BigInteger ch = Verification.bitChallenge(ctx.manifestHashRef(), bind, c, l, out, off);
                respond(p, ch, r[p], u, cSim, vSim, bitOf, out, off + BallotLayout.CT + 4 * BallotLayout.PT, q);
            }
            int so = BallotLayout.sumProofOffset(c, levels);
            BigInteger ch = Verification.sumChallenge(ctx.manifestHashRef(), bind, c, levels, out);
            respond(items + c, ch, nonceSum[c], u, cSim, vSim, bitOf, out, so + 4 * BallotLayout.PT, q);
        }
        Arrays.fill(bitOf, 0);
        return SealedBallot.wrapOwned(out);
    }

    private static final int[][] G_XY = P256.affine(Curve.G);

    /** Commitments of a disjunctive proof that (alpha, beta) with nonce r encrypts b in {0, 1}. */
    private void commit(int p, int b, BigInteger r, BigInteger[] u, BigInteger[] cSim, BigInteger[] vSim,
            int[] bitOf, Jobs jobs, int at, BigInteger q) {
        bitOf[p] = b;
        u[p] = Scalar.randomNonZero(rng);
        cSim[p] = Scalar.randomNonZero(rng);
        vSim[p] = Scalar.randomNonZero(rng);
        int real = b == 0 ? 0 : 2;
        int sim = 2 - real;
        int[] uw = P256.scalarWords(u[p]);
        jobs.g(at + real, uw);
        jobs.k(at + real + 1, uw);
        int[] tw = P256.scalarWords(vSim[p].add(cSim[p].multiply(r)).mod(q));
        jobs.g(at + sim, tw);
        // simulated j = 1 - b: b_j = tK + c'(b - j)G, and b - j = +1 (b = 1) or -1 (b = 0)
        jobs.g(at + sim + 1, P256.scalarWords(b == 1 ? cSim[p] : q.subtract(cSim[p])));
        jobs.k(at + sim + 1, tw);
    }

    private static void respond(int p, BigInteger challenge, BigInteger r, BigInteger[] u, BigInteger[] cSim,
            BigInteger[] vSim, int[] bitOf, byte[] out, int at, BigInteger q) {
        BigInteger cReal = challenge.subtract(cSim[p]).mod(q);
        BigInteger vReal = u[p].subtract(cReal.multiply(r)).mod(q);
        BigInteger c0;
        BigInteger v0;
        BigInteger v1;
        if (bitOf[p] == 0) {
            c0 = cReal;
            v0 = vReal;
            v1 = vSim[p];
        } else {
            c0 = cSim[p];
            v0 = vSim[p];
            v1 = vReal;
        }
        putScalar(out, at, c0);
        putScalar(out, at + BallotLayout.SC, v0);
        putScalar(out, at + 2 * BallotLayout.SC, v1);
    }

    private static void putScalar(byte[] out, int at, BigInteger v) {
        System.arraycopy(Curve.scalarBytes(v), 0, out, at, 32);
    }
}
