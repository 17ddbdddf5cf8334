package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 11, {@code counts} (10.2): t_e from the first k partials (6.3) in [0, N], each candidate's sum ≤ N, equal
 * to {@code results.candidates[c].levels}, {@code valid}, {@code invalid}.
 */
final class CountsStage {
    static final String NAME = "verify.check.counts";

    private CountsStage() {}

    /** {@code counted} is N, or -1 when the ballots could not be counted. */
    static Check check(Map<String, Object> root, @Nullable Manifest manifest, @Nullable List<Partial> good,
            @Nullable List<ECPoint[]> tally, int counted) {
        try {
            if (manifest == null) {
                throw Stages.dependsOn(ManifestStage.NAME);
            }
            if (good == null || tally == null) {
                throw Stages.dependsOn(PartialsStage.NAME);
            }
            int m = manifest.m();
            int levels = manifest.levels();
            long nb = Fields.integer(Fields.object(root, "tally", ""), "ballots", "tally");
            if (nb != counted) {
                // The discrete logarithm's range is the number of counted ballots: the totals must say it.
                throw Stages.dependsOn(TallyStage.NAME);
            }
            int[] t = new int[m * levels];
            if (nb > 0) {
                decrypt(good.subList(0, manifest.k()), tally, (int) nb, levels, t);
            }
            List<Object> cands = Fields.array(Fields.object(root, "results", ""), "candidates", "results");
            if (cands.size() != m) {
                throw Bad.field("results.candidates");
            }
            for (int c = 0; c < m; c++) {
                String cp = "results.candidates[" + c + "]";
                Map<String, Object> cand = Fields.object(cands.get(c), cp);
                List<Object> lv = Fields.array(cand, "levels", cp);
                if (lv.size() != levels) {
                    throw Bad.field(cp + ".levels");
                }
                long valid = 0;
                for (int l = 0; l < levels; l++) {
                    valid += t[c * levels + l];
                    Stages.same(cp + ".levels[" + l + "]", Fields.integer(lv.get(l), cp + ".levels[" + l + "]"),
                            t[c * levels + l]);
                }
                if (valid > nb) {
                    throw new Bad("verify.why.countRange", String.valueOf(c + 1), "");
                }
                Stages.same(cp + ".valid", Fields.integer(cand, "valid", cp), valid);
                Stages.same(cp + ".invalid", Fields.integer(cand, "invalid", cp), nb - valid);
            }
            return Stages.holds(NAME, "verify.ok.counts", m, nb);
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Stages.failed(NAME, e);
        }
    }

    /** Each entry's count t_e: M = β − Σ λ_i D_i over the partials used, then its discrete log in [0, N] (6.3). */
    private static void decrypt(List<Partial> used, List<ECPoint[]> tally, int nb, int levels, int[] t) throws Bad {
        int k = used.size();
        BigInteger[] lambda = lagrange(used);
        DiscreteLog dlog = new DiscreteLog(nb);
        for (int e = 0; e < t.length; e++) {
            ECPoint[] ps = new ECPoint[k];
            for (int j = 0; j < k; j++) {
                ps[j] = used.get(j).shares[e];
            }
            ECPoint mPoint = tally.get(e)[1].subtract(ECAlgorithms.sumOfMultiplies(ps, lambda));
            int v = dlog.solve(mPoint);
            if (v < 0) {
                throw new Bad("verify.why.countRange", String.valueOf(e / levels + 1), String.valueOf(e % levels + 1));
            }
            t[e] = v;
        }
    }

    /** lambda_i = prod_{j != i} j / (j - i) mod q, for the tellers in the order used. */
    private static BigInteger[] lagrange(List<Partial> used) {
        BigInteger[] out = new BigInteger[used.size()];
        for (int a = 0; a < out.length; a++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int b = 0; b < out.length; b++) {
                if (a != b) {
                    num = num.multiply(BigInteger.valueOf(used.get(b).teller));
                    den = den.multiply(BigInteger.valueOf(used.get(b).teller - used.get(a).teller));
                }
            }
            out[a] = num.mod(Group.Q).multiply(den.mod(Group.Q).modInverse(Group.Q)).mod(Group.Q);
        }
        return out;
    }
}
