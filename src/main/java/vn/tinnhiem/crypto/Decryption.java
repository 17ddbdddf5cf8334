package vn.tinnhiem.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.bouncycastle.math.ec.ECPoint;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.Nonces;

/** Threshold decryption of the aggregates: partial decryptions by the tellers, then the combination. */
public final class Decryption {
    private Decryption() {}

    /**
     * Teller {@code share.index()}'s partial decryption of every aggregate, with proofs. The share
     * is not destroyed here: the caller destroys it right after (it owns it).
     */
    public static PartialDecryption partial(ElectionContext ctx, EncryptedTally tally, TellerShare share,
            SecureRandom rng) {
        BigInteger s = share.secret().reveal();
        int i = share.index();
        byte[] ki = Point.of(Curve.G_TABLE.multiply(s)).encode();
        List<Point> d = new ArrayList<>();
        List<Scalar> cs = new ArrayList<>();
        List<Scalar> vs = new ArrayList<>();
        byte[] secret = share.secret().copyBytes();
        // Hedged proof nonces: a hash of fresh randomness, the share and the tally, so that a
        // repeated random state never gives one u for two different statements (which would reveal s_i).
        try (Nonces.Session ns = Nonces.session(rng, NONCE_TAG, secret, ctx.manifestHashRef(),
                new byte[] {(byte) i}, Hashing.hash(Hashing.TAG_DECRYPT_PROOF, tally.encode()))) {
            java.util.Arrays.fill(secret, (byte) 0);
            for (int e = 0; e < tally.entries().size(); e++) {
                ECPoint alpha = tally.entries().get(e).alpha().ec();
                BigInteger u = ns.scalar(0, e, 0);
                Point di = Point.of(alpha.multiply(s));
                Point a = Point.of(Curve.G_TABLE.multiply(u));
                Point b = Point.of(alpha.multiply(u));
                BigInteger c = challenge(ctx, i, e, ki, tally.entries().get(e).alpha().encode(), di.encode(), a.encode(), b.encode());
                BigInteger v = u.subtract(c.multiply(s)).mod(Curve.Q);
                d.add(di);
                cs.add(new Scalar(c));
                vs.add(new Scalar(v));
            }
        }
        return new PartialDecryption(i, d, cs, vs);
    }

    static final String NONCE_TAG = "TN1/nonce/decrypt";

    /** c = H("TN1/proof/decrypt", Q, u32 i, u32 e, K_i, alpha_e, D_e, a, b) mod q, points compressed. */
    static BigInteger challenge(ElectionContext ctx, int teller, int entry, byte[] ki, byte[] alpha, byte[] d,
            byte[] a, byte[] b) {
        return Hashing.tagged(Hashing.TAG_DECRYPT_PROOF).part(ctx.manifestHashRef()).partU32(teller).partU32(entry)
                .part(ki).part(alpha).part(d).part(a).part(b).digestModQ();
    }

    /** Why a partial decryption was not used. */
    public enum Reason {
        /** Teller index not in 1..n. */
        UNKNOWN_TELLER,
        /** A second partial from the same teller. */
        DUPLICATE_TELLER,
        /** Not one entry per aggregate, or not a TN1 partial decryption at all. */
        WRONG_SHAPE,
        /** An entry's share point is not a valid point, or a proof scalar is not below q (entries lists which). */
        BAD_ENCODING,
        /** A proof of correct decryption fails (entries lists which). */
        WRONG_PROOF,
        /** Fewer than k valid partial decryptions. */
        TOO_FEW,
        /** A combined value is not a count in [0, ballots]: the aggregates or partials are inconsistent. */
        COUNT_OUT_OF_RANGE
    }

    /**
     * One problem found.
     *
     * @param teller teller index, or 0 when not about one teller
     * @param entries aggregate indexes (c * levels + l) concerned, empty if all or none
     */
    public record Problem(int teller, Reason reason, List<Integer> entries) {
        public Problem {
            entries = List.copyOf(entries);
        }
    }

    /** The outcome of combining. */
    public sealed interface Outcome {}

    /** The counts, and any partials that were set aside (there were still k good ones). */
    public record Decrypted(Counts counts, List<Integer> tellersUsed, List<Problem> setAside) implements Outcome {
        public Decrypted {
            tellersUsed = List.copyOf(tellersUsed);
            setAside = List.copyOf(setAside);
        }
    }

    public record Refused(List<Problem> problems) implements Outcome {
        public Refused {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Checks a partial decryption as stored or uploaded (docs/protocol.md 6.2), naming what is wrong
     * without throwing: the shape, the entries whose encoding is bad, or the entries whose proof fails.
     */
    public static List<Problem> check(ElectionContext ctx, EncryptedTally tally, byte[] encoded) {
        byte[] b = encoded;
        int count = tally.entries().size();
        if (b.length < 10 || b[0] != 'T' || b[1] != 'N' || b[2] != '1' || b[3] != 'P' || b[4] != 1
                || (long) b.length != 10L + 97L * count
                || (((b[6] & 0xff) << 24) | ((b[7] & 0xff) << 16) | ((b[8] & 0xff) << 8) | (b[9] & 0xff)) != count) {
            return List.of(new Problem(b.length > 5 ? b[5] & 0xff : 0, Reason.WRONG_SHAPE, List.of()));
        }
        int teller = b[5] & 0xff;
        List<Integer> bad = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int off = 10 + 97 * e;
            if (Curve.decodeOrNull(b, off, 33) == null || Verification.scalarOrNull(b, off + 33) == null
                    || Verification.scalarOrNull(b, off + 65) == null) {
                bad.add(e);
            }
        }
        if (!bad.isEmpty()) {
            return List.of(new Problem(teller, Reason.BAD_ENCODING, bad));
        }
        return check(ctx, tally, PartialDecryption.decode(b));
    }

    /** Checks one partial decryption's shape and proofs. Empty if it is good. */
    public static List<Problem> check(ElectionContext ctx, EncryptedTally tally, PartialDecryption pd) {
        Manifest mf = ctx.manifest();
        int i = pd.teller();
        if (i < 1 || i > mf.n()) {
            return List.of(new Problem(i, Reason.UNKNOWN_TELLER, List.of()));
        }
        if (pd.shares().size() != tally.entries().size()) {
            return List.of(new Problem(i, Reason.WRONG_SHAPE, List.of()));
        }
        Point kiPoint = Ceremony.tellerKey(mf.commitments(), i);
        ECPoint ki = kiPoint.ec();
        byte[] kiBytes = kiPoint.encode();
        List<Integer> bad = new ArrayList<>();
        for (int e = 0; e < pd.shares().size(); e++) {
            Point alphaP = tally.entries().get(e).alpha();
            ECPoint alpha = alphaP.ec();
            BigInteger c = pd.challenges().get(e).value();
            BigInteger v = pd.responses().get(e).value();
            ECPoint d = pd.shares().get(e).ec();
            ECPoint a = Curve.G_TABLE.multiply(v).add(ki.multiply(c));
            ECPoint b = alpha.multiply(v).add(d.multiply(c));
            if (a.isInfinity() || b.isInfinity()) {
                bad.add(e);
                continue;
            }
            BigInteger c2 = challenge(ctx, i, e, kiBytes, alphaP.encode(), pd.shares().get(e).encode(),
                    a.getEncoded(true), b.getEncoded(true));
            if (!c2.equals(c)) {
                bad.add(e);
            }
        }
        return bad.isEmpty() ? List.of() : List.of(new Problem(i, Reason.WRONG_PROOF, bad));
    }

    /**
     * Checks every partial, and with at least k good ones (distinct tellers) combines the first k by
     * Lagrange interpolation at 0: M = beta - sum lambda_i D_i = tG, then t by discrete log in
     * [0, ballots]. Never throws on bad partials.
     */
    public static Outcome combine(ElectionContext ctx, EncryptedTally tally, List<PartialDecryption> partials) {
        Manifest mf = ctx.manifest();
        List<Problem> problems = new ArrayList<>();
        List<PartialDecryption> good = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (PartialDecryption pd : partials) {
            if (pd.teller() >= 1 && pd.teller() <= mf.n() && !seen.add(pd.teller())) {
                problems.add(new Problem(pd.teller(), Reason.DUPLICATE_TELLER, List.of()));
                continue;
            }
            List<Problem> p = check(ctx, tally, pd);
            if (p.isEmpty()) {
                good.add(pd);
            } else {
                problems.addAll(p);
                seen.remove(pd.teller());
            }
        }
        if (good.size() < mf.k()) {
            problems.add(new Problem(0, Reason.TOO_FEW, List.of()));
            return new Refused(problems);
        }
        List<PartialDecryption> used = good.subList(0, mf.k());
        BigInteger[] lambda = lagrangeAtZero(used.stream().mapToInt(PartialDecryption::teller).toArray());
        DiscreteLog dlog = new DiscreteLog(tally.ballots());
        int levels = mf.levelCount();
        int[] t = new int[tally.entries().size()];
        List<Integer> outOfRange = new ArrayList<>();
        for (int e = 0; e < t.length; e++) {
            ECPoint sum = Curve.INFINITY;
            for (int j = 0; j < used.size(); j++) {
                sum = sum.add(used.get(j).shares().get(e).ec().multiply(lambda[j]));
            }
            ECPoint mPoint = tally.entries().get(e).beta().ec().subtract(sum);
            OptionalInt r = dlog.solve(mPoint);
            if (r.isEmpty()) {
                outOfRange.add(e);
            } else {
                t[e] = r.getAsInt();
            }
        }
        if (!outOfRange.isEmpty()) {
            problems.add(new Problem(0, Reason.COUNT_OUT_OF_RANGE, outOfRange));
            return new Refused(problems);
        }
        List<Counts.CandidateCount> cc = new ArrayList<>();
        for (int c = 0; c < mf.candidateCount(); c++) {
            List<Integer> lv = new ArrayList<>(levels);
            long valid = 0;
            for (int l = 0; l < levels; l++) {
                lv.add(t[c * levels + l]);
                valid += t[c * levels + l];
            }
            if (valid > tally.ballots()) {
                problems.add(new Problem(0, Reason.COUNT_OUT_OF_RANGE, List.of(c * levels)));
                return new Refused(problems);
            }
            cc.add(new Counts.CandidateCount(c, lv, (int) valid, tally.ballots() - (int) valid));
        }
        return new Decrypted(new Counts(tally.ballots(), cc),
                used.stream().map(PartialDecryption::teller).toList(), problems);
    }

    /** lambda_i = prod_{j != i} j / (j - i) mod q. */
    static BigInteger[] lagrangeAtZero(int[] xs) {
        BigInteger q = Curve.Q;
        BigInteger[] out = new BigInteger[xs.length];
        for (int a = 0; a < xs.length; a++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int b = 0; b < xs.length; b++) {
                if (a != b) {
                    num = num.multiply(BigInteger.valueOf(xs[b])).mod(q);
                    den = den.multiply(BigInteger.valueOf(xs[b] - xs[a])).mod(q);
                }
            }
            out[a] = num.multiply(den.modInverse(q)).mod(q);
        }
        return out;
    }
}
