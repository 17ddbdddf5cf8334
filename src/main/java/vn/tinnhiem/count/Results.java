package vn.tinnhiem.count;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.Counts;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.election.RuleSet;

/** The result table from the decrypted counts, under the conference's rule set, in exact arithmetic. */
public final class Results {

    private Results() {
    }

    /**
     * @param members voters on the roll (summoned): the denominator under NQ_85_2014
     * @param issued cards activated
     * @param counts the decrypted counts; {@code counts.ballots()} is the number returned
     * @param candidates in ballot order, one per counted candidate
     */
    public static ResultTable compute(RuleSet ruleSet, BallotKind kind, int members, int issued, Counts counts,
            List<Manifest.Candidate> candidates) {
        if (candidates.size() != counts.candidates().size()) {
            throw new IllegalArgumentException(
                    candidates.size() + " candidates but counts for " + counts.candidates().size());
        }
        if (members < 0 || issued < 0 || counts.ballots() < 0) {
            throw new IllegalArgumentException("negative figure");
        }
        ResultRule rule = ResultRule.of(ruleSet, kind);
        int returned = counts.ballots();
        int denominator = switch (ruleSet.denominator()) {
            case BALLOTS_RETURNED -> returned;
            case MEMBERS -> members;
        };
        List<ResultTable.Row> rows = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Manifest.Candidate c = candidates.get(i);
            Counts.CandidateCount cc = counts.candidates().get(i);
            if (cc.levels().size() != kind.levelCount()) {
                throw new IllegalArgumentException("candidate " + c.order() + " has " + cc.levels().size()
                        + " level counts, a " + kind + " ballot has " + kind.levelCount());
            }
            long valid = 0;
            List<String> percentages = new ArrayList<>(kind.levelCount());
            for (int count : cc.levels()) {
                if (count < 0) {
                    throw new IllegalArgumentException("negative count for candidate " + c.order());
                }
                valid += count;
                percentages.add(percentage(count, denominator));
            }
            if (valid > returned || valid != cc.valid() || cc.invalid() != returned - valid) {
                throw new IllegalArgumentException("counts of candidate " + c.order() + " do not add up");
            }
            int last = cc.levels().get(kind.levelCount() - 1);
            rows.add(new ResultTable.Row(c.order(), c.id(), c.name(), c.position(), cc.levels(), cc.valid(),
                    cc.invalid(), percentages, rule.band(last, denominator)));
        }
        return new ResultTable(ruleSet, kind, denominator, members, issued, returned, rows);
    }

    /** 100·count/denominator rounded half up to two decimals, decimal comma: "90,85"; "0,00" for 0/0. */
    public static String percentage(long count, long denominator) {
        if (denominator == 0) {
            return "0,00";
        }
        return BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }
}
