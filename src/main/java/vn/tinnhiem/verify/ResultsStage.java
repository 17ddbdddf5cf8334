package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 12, {@code results} (10.2): {@code ruleSet} and {@code kind} equal the manifest's; {@code denominator} N
 * for QD_96_2023 and NQ_96_2023, S for NQ_85_2014, any other rule set refused; {@code members} = S,
 * {@code issued} = A, {@code returned} = N; candidates in ballot order with the manifest's id and order; valid,
 * invalid, percentages and band recomputed from the stated levels.
 */
final class ResultsStage {
    static final String NAME = "verify.check.results";

    private ResultsStage() {}

    /**
     * {@code summoned} and {@code activated} are S and A as the box check read them, {@code counted} N as the
     * ballots check read it; each -1 when it could not be read.
     */
    static Check check(Map<String, Object> root, @Nullable Manifest manifest, long summoned, long activated,
            int counted) {
        try {
            if (manifest == null) {
                throw Stages.dependsOn(ManifestStage.NAME);
            }
            String kind = manifest.kind();
            int levels = manifest.levels();
            String rp = "results";
            Map<String, Object> r = Fields.object(root, "results", "");
            String rs = Fields.string(r, "ruleSet", rp);
            if (!rs.equals(manifest.ruleSet())) {
                throw new Bad("verify.why.figure", "results.ruleSet", rs, manifest.ruleSet());
            }
            if (!Fields.string(r, "kind", rp).equals(kind)) {
                throw new Bad("verify.why.figure", "results.kind", Fields.string(r, "kind", rp), kind);
            }
            if (summoned < 0 || counted < 0) {
                throw Stages.dependsOn(summoned < 0 ? BoxStage.NAME : BallotsStage.NAME);
            }
            long nb = counted;
            long denominator = switch (rs) {
                case "QD_96_2023", "NQ_96_2023" -> nb;
                case "NQ_85_2014" -> summoned;
                default -> throw Bad.field("results.ruleSet");
            };
            Stages.same("results.denominator", Fields.integer(r, "denominator", rp), denominator);
            Stages.same("results.members", Fields.integer(r, "members", rp), summoned);
            Stages.same("results.issued", Fields.integer(r, "issued", rp), activated);
            Stages.same("results.returned", Fields.integer(r, "returned", rp), nb);
            List<Object> cands = Fields.array(r, "candidates", rp);
            if (cands.size() != manifest.m()) {
                throw Bad.field("results.candidates");
            }
            for (int c = 0; c < manifest.m(); c++) {
                String cp = "results.candidates[" + c + "]";
                Map<String, Object> cand = Fields.object(cands.get(c), cp);
                if (!manifest.candidateIds().get(c).equals(cand.get("id"))) {
                    throw Bad.field(cp + ".id");
                }
                Stages.same(cp + ".order", Fields.integer(cand, "order", cp), c + 1);
                List<Object> lv = Fields.array(cand, "levels", cp);
                List<Object> pct = Fields.array(cand, "percentages", cp);
                if (lv.size() != levels) {
                    throw Bad.field(cp + ".levels");
                }
                if (pct.size() != levels) {
                    throw Bad.field(cp + ".percentages");
                }
                long valid = 0;
                long last = 0;
                for (int l = 0; l < levels; l++) {
                    long count = Fields.integer(lv.get(l), cp + ".levels[" + l + "]");
                    valid += count;
                    last = count;
                    String want = percentage(count, denominator);
                    if (!want.equals(pct.get(l))) {
                        throw new Bad("verify.why.figure", cp + ".percentages[" + l + "]", String.valueOf(pct.get(l)),
                                want);
                    }
                }
                Stages.same(cp + ".valid", Fields.integer(cand, "valid", cp), valid);
                Stages.same(cp + ".invalid", Fields.integer(cand, "invalid", cp), nb - valid);
                String band = band(kind, last, denominator);
                String stated = Fields.string(cand, "band", cp);
                if (!band.equals(stated)) {
                    throw new Bad("verify.why.figure", cp + ".band", stated, band);
                }
            }
            // The rule set by its name in words ("Quy định 96-QĐ/TW (2023)"), not its code.
            return Stages.holds(NAME, "verify.ok.results", "ruleSet." + rs, denominator);
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Stages.failed(NAME, e);
        }
    }

    /** 100·count/denominator rounded half up to two decimals, decimal comma; "0,00" for a zero denominator. */
    static String percentage(long count, long denominator) {
        if (denominator == 0) {
            return "0,00";
        }
        BigInteger hundredths = BigInteger.valueOf(count).multiply(BigInteger.valueOf(20000))
                .add(BigInteger.valueOf(denominator)).divide(BigInteger.valueOf(2 * denominator));
        BigInteger[] qr = hundredths.divideAndRemainder(BigInteger.valueOf(100));
        return qr[0] + "," + (qr[1].intValue() < 10 ? "0" : "") + qr[1];
    }

    /** The band from the last level's count against the denominator, in exact integers (10.2). */
    static String band(String kind, long last, long denominator) {
        if (kind.equals("THREE_LEVEL") && 3 * last >= 2 * denominator && denominator > 0) {
            return "TWO_THIRDS";
        }
        return 2 * last > denominator ? "OVER_HALF" : "NONE";
    }
}
