package vn.tinnhiem.count;

import java.util.List;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.RuleSet;

/**
 * What a rule set says about one ballot kind, as data: what the percentages are taken of, the bands
 * as exact fractions of that denominator, and the i18n keys of their wording. The bands are tried
 * from the highest down; the first that holds is the candidate's band.
 *
 * @param ruleSet the regulation
 * @param kind the ballot kind
 * @param thresholds highest band first
 * @param denominatorKey i18n key naming the denominator ("of the ballots returned")
 * @param noneKey i18n key of the wording when no band holds
 */
public record ResultRule(RuleSet ruleSet, BallotKind kind, List<Threshold> thresholds, String denominatorKey,
        String noneKey) {

    /**
     * A band holds when L/D exceeds numerator/denominator (or reaches it, when inclusive), compared as
     * integers: {@code denominator·L > numerator·D}. An inclusive threshold also needs D > 0, so that
     * nothing counted never reaches "two thirds".
     */
    public record Threshold(Band band, int numerator, int denominator, boolean inclusive, String wordingKey) {

        public boolean holds(long last, long total) {
            long left = denominator * last;
            long right = numerator * total;
            return inclusive ? total > 0 && left >= right : left > right;
        }
    }

    public ResultRule {
        thresholds = List.copyOf(thresholds);
    }

    /** The rule for a rule set and ballot kind. */
    public static ResultRule of(RuleSet ruleSet, BallotKind kind) {
        String prefix = "count.band." + ruleSet.name() + "." + kind.name() + ".";
        String denominatorKey = "count.denominator." + ruleSet.denominator().name();
        Threshold overHalf = new Threshold(Band.OVER_HALF, 1, 2, false, prefix + Band.OVER_HALF.name());
        List<Threshold> thresholds = switch (kind) {
            case THREE_LEVEL -> List.of(
                    new Threshold(Band.TWO_THIRDS, 2, 3, true, prefix + Band.TWO_THIRDS.name()), overHalf);
            case TWO_LEVEL -> List.of(overHalf);
        };
        return new ResultRule(ruleSet, kind, thresholds, denominatorKey, prefix + Band.NONE.name());
    }

    public RuleSet.Denominator denominator() {
        return ruleSet.denominator();
    }

    /** The band of a last-level count L against the denominator D. */
    public Band band(int last, int total) {
        for (Threshold t : thresholds) {
            if (t.holds(last, total)) {
                return t.band();
            }
        }
        return Band.NONE;
    }

    /** The i18n key of what the rule set says for a band. */
    public String wordingKey(Band band) {
        for (Threshold t : thresholds) {
            if (t.band() == band) {
                return t.wordingKey();
            }
        }
        if (band == Band.NONE) {
            return noneKey;
        }
        throw new IllegalArgumentException(band + " is not a band of " + kind);
    }

    /** Every i18n key this rule uses. */
    public List<String> keys() {
        var keys = new java.util.ArrayList<String>();
        keys.add(denominatorKey);
        keys.add(noneKey);
        thresholds.forEach(t -> keys.add(t.wordingKey()));
        return keys;
    }
}
