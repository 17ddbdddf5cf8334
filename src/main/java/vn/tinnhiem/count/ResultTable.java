package vn.tinnhiem.count;

import java.util.List;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.RuleSet;

/**
 * The results of a count under its rule set: what the minutes, the report and the election record
 * print. Made by {@link Results#compute}.
 *
 * @param denominator what the percentages are taken of: the ballots returned, or the members
 * @param members voters on the roll (summoned)
 * @param issued cards the tally board activated
 * @param returned ballots counted
 * @param rows per candidate, in ballot order
 */
public record ResultTable(RuleSet ruleSet, BallotKind kind, int denominator, int members, int issued, int returned,
        List<Row> rows) {

    /**
     * One candidate's figures.
     *
     * @param levels count per level, in {@link BallotKind#levels()} order
     * @param percentages each level's share of the denominator, "93,14" (no % sign)
     * @param band from the last level's count
     */
    public record Row(int order, String id, String name, String position, List<Integer> levels, int valid,
            int invalid, List<String> percentages, Band band) {

        public Row {
            levels = List.copyOf(levels);
            percentages = List.copyOf(percentages);
        }
    }

    public ResultTable {
        rows = List.copyOf(rows);
    }

    public ResultRule rule() {
        return ResultRule.of(ruleSet, kind);
    }

    /** The i18n key of what the rule set says for this candidate's band. */
    public String wordingKey(Row row) {
        return rule().wordingKey(row.band());
    }

    /**
     * The {@code results} object of the election record (protocol.md 10.2): canonical JSON, keys in the
     * fixed order, no whitespace.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder(128 + rows.size() * 96);
        sb.append("{\"ruleSet\":").append(quote(ruleSet.name()))
                .append(",\"kind\":").append(quote(kind.name()))
                .append(",\"denominator\":").append(denominator)
                .append(",\"members\":").append(members)
                .append(",\"issued\":").append(issued)
                .append(",\"returned\":").append(returned)
                .append(",\"candidates\":[");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":").append(quote(r.id())).append(",\"order\":").append(r.order()).append(",\"levels\":[");
            for (int l = 0; l < r.levels().size(); l++) {
                sb.append(l > 0 ? "," : "").append(r.levels().get(l));
            }
            sb.append("],\"valid\":").append(r.valid()).append(",\"invalid\":").append(r.invalid())
                    .append(",\"percentages\":[");
            for (int l = 0; l < r.percentages().size(); l++) {
                sb.append(l > 0 ? "," : "").append(quote(r.percentages().get(l)));
            }
            sb.append("],\"band\":").append(quote(r.band().name())).append('}');
        }
        return sb.append("]}").toString();
    }

    /** A JSON string as section 9 of the protocol writes it (the crypto core's one rule). */
    static String quote(String s) {
        return vn.tinnhiem.crypto.Json.str(s);
    }
}
