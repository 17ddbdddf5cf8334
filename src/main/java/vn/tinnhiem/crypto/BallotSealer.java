package vn.tinnhiem.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import vn.tinnhiem.crypto.internal.BatchAffine;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.FixedBaseTable;
import vn.tinnhiem.crypto.internal.Nonces;
import vn.tinnhiem.crypto.internal.P256;

/**
 * Seals ballots for one election. Thread-safe if the SecureRandom is (the JDK's are).
 *
 * <p>Every multiplication is fixed-base on G or K: the sealer knows each nonce r, so the simulated
 * branch of a disjunctive proof, v'G + c'alpha and v'K + c'(beta - j G), is computed as
 * (v' + c'r)G and (v' + c'r)K + c'(b - j)G.
 *
 * <p>Nonces are hedged (internal.Nonces): each is a hash of fresh randomness, the votes, the
 * manifest hash and its position, so a repeated random state does not repeat them.
 *
 * <p>Constant flow: the group operations, their order and their targets, the table rows read and
 * the bytes copied do not depend on the votes (ConstantFlowSealerTests): b G is never added
 * conditionally (both rK and rK + G are computed and one is selected by masking), both branches of
 * every disjunctive proof are computed in one order and swapped by masking, and every fixed-base
 * product adds at every row. What Java cannot promise: BigInteger arithmetic on the nonces and
 * responses takes value-dependent time (the values are hedged nonces and challenges, the
 * operations the same for every vote), a table entry's address depends on a nonce digit, and the
 * JIT is free to compile a mask into a branch; the field arithmetic is Bouncy Castle's fixed-width
 * int[] code, written to run in fixed time but not audited here.
 */
public final class BallotSealer {
    private final ElectionContext ctx;
    private final SecureRandom rng;

    /** Test hook: the group operations of every seal (see {@link BatchAffine#log}); null in production. */
    private final java.util.function.@org.jspecify.annotations.Nullable IntConsumer trace;

    public BallotSealer(ElectionContext ctx, SecureRandom rng) {
        this(ctx, rng, null);
    }

    BallotSealer(ElectionContext ctx, SecureRandom rng, java.util.function.@org.jspecify.annotations.Nullable IntConsumer trace) {
        this.ctx = ctx;
        this.rng = rng;
        this.trace = trace;
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
        return seal(choices, false).ballot();
    }

    /**
     * A sealed ballot with its opening (docs/protocol.md 5.6): what a tablet keeps between the commitment and
     * the voter's choice of "cast" or "check", and reveals on a check. The opening holds the choices in clear:
     * zero it ({@link java.util.Arrays#fill(byte[], byte)}) when done.
     */
    public record Openable(SealedBallot ballot, byte[] opening) {}

    /**
     * As {@link #seal(int[])}, also returning the ballot's opening (its choices and every nonce, docs/protocol.md
     * 5.6). For tests and tools that play a tablet: the kiosk path never holds choices on the server.
     */
    public Openable sealOpenable(int[] choices) {
        return seal(choices, true);
    }

    private Openable seal(int[] choices, boolean withOpening) {
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
                    // 1 if choice == l, without a branch: d | -d has its top bit set unless d == 0
                    int d = choice ^ l;
                    bits[c * levels + l] = ((d | -d) >>> 31) ^ 1;
                }
            }
            Arrays.fill(choices, 0);
            return sealBits(bits, m, levels, withOpening);
        } finally {
            Arrays.fill(choices, 0);
            if (bits != null) {
                Arrays.fill(bits, 0);
            }
        }
    }

    /** Purposes of the hedged values of one ballot (Nonces.Session). */
    private static final int ID = 0;
    private static final int R = 1;
    private static final int U = 2;
    private static final int C_SIM = 3;
    private static final int V_SIM = 4;

    /**
     * All fixed-base products of a ballot advance together, one table row at a time, as batches of
     * independent affine additions (one inversion per batch); the results are affine already. Every
     * product is a regular recoding (FixedBaseTable.regularDigits: 32 additions, none skipped), and
     * the jobs are queued in an order fixed by the layout: the sequence of additions and their
     * targets is the same for every vote.
     */
    private static final class Jobs {
        final int[] gAcc;
        final int[][] gD;
        int ng;
        final int[] kAcc;
        final int[][] kD;
        int nk;

        Jobs(int points) {
            gAcc = new int[points];
            gD = new int[points][];
            kAcc = new int[points];
            kD = new int[points][];
        }

        void g(int acc, int[] digits) {
            gAcc[ng] = acc;
            gD[ng++] = digits;
        }

        void k(int acc, int[] digits) {
            kAcc[nk] = acc;
            kD[nk++] = digits;
        }

        void run(BatchAffine ba, FixedBaseTable gT, FixedBaseTable kT) {
            for (int row = 0; row < FixedBaseTable.rows(); row++) {
                for (int j = 0; j < ng; j++) {
                    gT.queueRegularRow(ba, gAcc[j], row, gD[j]);
                }
                ba.flush();
            }
            for (int row = 0; row < FixedBaseTable.rows(); row++) {
                for (int j = 0; j < nk; j++) {
                    kT.queueRegularRow(ba, kAcc[j], row, kD[j]);
                }
                ba.flush();
            }
        }

        void wipe() {
            for (int j = 0; j < ng; j++) {
                Arrays.fill(gD[j], 0);
            }
            for (int j = 0; j < nk; j++) {
                Arrays.fill(kD[j], 0);
            }
        }
    }

    /*
     * Accumulators. Per item p (7 each, from 7p): alpha = rG; beta0 = rK; beta1 = rK + G; then the
     * proof's real branch (uG, uK) and simulated branch (tG, tK + sG). Per candidate c (4 each, from
     * 7 items + 4c): the sum proof's real and simulated branches. Which of beta0/beta1 is beta, and
     * whether the real branch is (a0, b0) or (a1, b1), is decided only when the results are read
     * out, by masked selection (BatchAffine.select) that reads both candidates in full.
     */
    private static final int ALPHA = 0;
    private static final int BETA0 = 1;
    private static final int BETA1 = 2;
    private static final int ITEM_PROOF = 3;
    private static final int PER_ITEM = 7;
    private static final int PER_SUM = 4;

    private Openable sealBits(int[] bits, int m, int levels, boolean withOpening) {
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
        int npts = items * PER_ITEM + m * PER_SUM;
        Jobs jobs = new Jobs(npts);
        byte[] secret = new byte[items];
        for (int p = 0; p < items; p++) {
            secret[p] = (byte) bits[p];
        }
        byte[] out = new byte[BallotLayout.size(m, levels)];
        System.arraycopy(BallotLayout.MAGIC, 0, out, 0, 4);
        out[4] = BallotLayout.VERSION;
        int hp = BallotLayout.ID_OFFSET + BallotLayout.ID;
        out[hp] = (byte) (m >>> 8);
        out[hp + 1] = (byte) m;
        out[hp + 2] = (byte) levels;
        BatchAffine ba = new BatchAffine(npts, npts);
        if (trace != null) {
            ba.log(trace);
        }
        try (Nonces.Session ns = Nonces.session(rng, NONCE_TAG, secret, ctx.manifestHashRef(),
                Arrays.copyOfRange(out, hp, hp + 3))) {
            Arrays.fill(secret, (byte) 0);
            // The id is hedged like the nonces: two ballots after a repeated random state get two ids.
            byte[] id = ns.bytes(ID, 0, 0, BallotLayout.ID);
            System.arraycopy(id, 0, out, BallotLayout.ID_OFFSET, BallotLayout.ID);
            for (int c = 0; c < m; c++) {
                BigInteger rSum = BigInteger.ZERO;
                int bSum = 0;
                for (int l = 0; l < levels; l++) {
                    int p = c * levels + l;
                    r[p] = ns.scalar(R, c, l);
                    rSum = rSum.add(r[p]);
                    bSum += bits[p];
                    int[] rd = FixedBaseTable.regularDigits(r[p]);
                    jobs.g(PER_ITEM * p + ALPHA, rd);
                    jobs.k(PER_ITEM * p + BETA0, rd);
                    commit(ns, p, bits[p], r[p], u, cSim, vSim, bitOf, jobs, PER_ITEM * p + ITEM_PROOF, q);
                }
                nonceSum[c] = rSum.mod(q);
                commit(ns, items + c, bSum, nonceSum[c], u, cSim, vSim, bitOf, jobs, PER_ITEM * items + PER_SUM * c, q);
            }
            jobs.run(ba, gT, kT);
            jobs.wipe();
            // beta1 = beta0 + G for every item, whatever its bit.
            for (int p = 0; p < items; p++) {
                ba.copy(PER_ITEM * p + BETA0, PER_ITEM * p + BETA1);
                ba.add(PER_ITEM * p + BETA1, G_XY[0], G_XY[1], false);
            }
            ba.flush();
            if (ba.anyEmpty()) {
                throw new ArithmeticException("point at infinity"); // probability ~2^-256
            }
            int[] x = new int[8];
            int[] y = new int[8];
            for (int c = 0; c < m; c++) {
                for (int l = 0; l < levels; l++) {
                    int p = c * levels + l;
                    int acc = PER_ITEM * p;
                    int off = BallotLayout.itemOffset(c, l, levels);
                    ba.select(0, acc + ALPHA, acc + ALPHA, x, y);
                    P256.writeAffine(x, y, out, off);
                    ba.select(bitOf[p], acc + BETA1, acc + BETA0, x, y);
                    P256.writeAffine(x, y, out, off + BallotLayout.PT);
                    writeCommitments(ba, bitOf[p], acc + ITEM_PROOF, out, off + BallotLayout.CT, x, y);
                }
                writeCommitments(ba, bitOf[items + c], PER_ITEM * items + PER_SUM * c,
                        out, BallotLayout.sumProofOffset(c, levels), x, y);
            }
            Arrays.fill(x, 0);
            Arrays.fill(y, 0);
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
        byte[] opening = withOpening ? BallotOpening.write(out, bits, r, m, levels) : new byte[0];
        return new Openable(SealedBallot.wrapOwned(out), opening);
    }

    static final String NONCE_TAG = "TN1/nonce/seal";

    private static final int[][] G_XY = P256.affine(Curve.G);

    /**
     * a0, b0, a1, b1 from the real branch (at, at + 1) and the simulated one (at + 2, at + 3): the
     * real branch is j = b, so (a0, b0) = b ? simulated : real and (a1, b1) = b ? real : simulated.
     */
    private static void writeCommitments(BatchAffine ba, int b, int at, byte[] out, int off, int[] x, int[] y) {
        int pt = BallotLayout.PT;
        ba.select(b, at + 2, at, x, y);
        P256.writeAffine(x, y, out, off);
        ba.select(b, at + 3, at + 1, x, y);
        P256.writeAffine(x, y, out, off + pt);
        ba.select(b, at, at + 2, x, y);
        P256.writeAffine(x, y, out, off + 2 * pt);
        ba.select(b, at + 1, at + 3, x, y);
        P256.writeAffine(x, y, out, off + 3 * pt);
    }

    /**
     * Commitments of a disjunctive proof that (alpha, beta) with nonce r encrypts b in {0, 1}: the
     * real branch (uG, uK) at (at, at + 1), the simulated branch j' = 1 - b at (at + 2, at + 3):
     * a = tG and b = tK + c'(b - j')G with t = v' + c'r, where b - j' is +1 (b = 1) or -1 (b = 0).
     * Both signs of c' are recoded and one is picked by masking, so the work is the same for both bits.
     */
    private static void commit(Nonces.Session ns, int p, int b, BigInteger r, BigInteger[] u, BigInteger[] cSim,
            BigInteger[] vSim, int[] bitOf, Jobs jobs, int at, BigInteger q) {
        bitOf[p] = b;
        u[p] = ns.scalar(U, p, 0);
        cSim[p] = ns.scalar(C_SIM, p, 0);
        vSim[p] = ns.scalar(V_SIM, p, 0);
        int[] ud = FixedBaseTable.regularDigits(u[p]);
        jobs.g(at, ud);
        jobs.k(at + 1, ud);
        int[] td = FixedBaseTable.regularDigits(vSim[p].add(cSim[p].multiply(r)).mod(q));
        jobs.g(at + 2, td);
        int[] plus = FixedBaseTable.regularDigits(cSim[p]);
        int[] minus = FixedBaseTable.regularDigits(q.subtract(cSim[p]));
        int mask = -b;
        for (int i = 0; i < plus.length; i++) {
            plus[i] = minus[i] ^ (mask & (minus[i] ^ plus[i]));
        }
        Arrays.fill(minus, 0);
        jobs.g(at + 3, plus);
        jobs.k(at + 3, td);
    }

    /**
     * The responses: c_b = ch - c', v_b = u - c_b r for the real branch, (c', v') for the simulated
     * one; c0, v0, v1 picked by masking over their bytes. BigInteger arithmetic is not constant time
     * in its values (Java offers no constant-time big integers), but the operations performed are
     * the same for both bits.
     */
    private static void respond(int p, BigInteger challenge, BigInteger r, BigInteger[] u, BigInteger[] cSim,
            BigInteger[] vSim, int[] bitOf, byte[] out, int at, BigInteger q) {
        BigInteger cReal = challenge.subtract(cSim[p]).mod(q);
        BigInteger vReal = u[p].subtract(cReal.multiply(r)).mod(q);
        byte[] cr = Curve.scalarBytes(cReal);
        byte[] vr = Curve.scalarBytes(vReal);
        byte[] cs = Curve.scalarBytes(cSim[p]);
        byte[] vs = Curve.scalarBytes(vSim[p]);
        int b = bitOf[p];
        // b = 0: c0 = cReal, v0 = vReal, v1 = vSim; b = 1: c0 = cSim, v0 = vSim, v1 = vReal
        select(b, cs, cr, out, at);
        select(b, vs, vr, out, at + BallotLayout.SC);
        select(b, vr, vs, out, at + 2 * BallotLayout.SC);
        Arrays.fill(cr, (byte) 0);
        Arrays.fill(vr, (byte) 0);
        Arrays.fill(cs, (byte) 0);
        Arrays.fill(vs, (byte) 0);
    }

    /** out[at..at+32) = b == 1 ? one : zero, by masking. */
    private static void select(int b, byte[] one, byte[] zero, byte[] out, int at) {
        int mask = -b;
        for (int i = 0; i < 32; i++) {
            out[at + i] = (byte) (zero[i] ^ (mask & (zero[i] ^ one[i])));
        }
    }
}
