package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.Counts;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.election.RuleSet;

class ResultsTests {

    /** One candidate with these level counts; the rest of the N ballots left blank for them. */
    private static ResultTable.Row one(RuleSet ruleSet, BallotKind kind, int members, int ballots, int... levels) {
        return compute(ruleSet, kind, members, ballots, List.of(levels)).rows().getFirst();
    }

    private static ResultTable compute(RuleSet ruleSet, BallotKind kind, int members, int ballots,
            List<int[]> perCandidate) {
        List<Counts.CandidateCount> counts = new ArrayList<>();
        List<Manifest.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < perCandidate.size(); i++) {
            int[] levels = perCandidate.get(i);
            int valid = java.util.Arrays.stream(levels).sum();
            counts.add(new Counts.CandidateCount(i, java.util.Arrays.stream(levels).boxed().toList(), valid,
                    ballots - valid));
            candidates.add(new Manifest.Candidate(String.valueOf(i + 7), i + 1, "Người " + (i + 1), "Chức vụ"));
        }
        return Results.compute(ruleSet, kind, members, ballots, new Counts(ballots, counts), candidates);
    }

    private static ResultTable compute(RuleSet ruleSet, BallotKind kind, int members, int ballots, int[]... rows) {
        return compute(ruleSet, kind, members, ballots, List.of(rows));
    }

    @ParameterizedTest(name = "N={0}, L={1}: {2}")
    @CsvSource({
            // N = 3: 1 is under half, 2 is exactly two thirds (and above half)
            "3, 0, NONE", "3, 1, NONE", "3, 2, TWO_THIRDS", "3, 3, TWO_THIRDS",
            // N = 6: 3 is exactly half (not more), 4 is above half and exactly two thirds
            "6, 2, NONE", "6, 3, NONE", "6, 4, TWO_THIRDS", "6, 5, TWO_THIRDS",
            // N = 47: half is 23.5, two thirds 31.33
            "47, 23, NONE", "47, 24, OVER_HALF", "47, 31, OVER_HALF", "47, 32, TWO_THIRDS", "47, 33, TWO_THIRDS",
            // N = 481: half is 240.5, two thirds 320.67
            "481, 240, NONE", "481, 241, OVER_HALF", "481, 320, OVER_HALF", "481, 321, TWO_THIRDS",
            "481, 322, TWO_THIRDS"})
    void three_level_bands_fall_exactly_at_more_than_half_and_two_thirds(int n, int low, Band band) {
        for (RuleSet ruleSet : List.of(RuleSet.QD_96_2023, RuleSet.NQ_96_2023)) {
            assertThat(one(ruleSet, BallotKind.THREE_LEVEL, n + 10, n, n - low, 0, low).band()).isEqualTo(band);
        }
        // Under the old rule the same fractions are of the members: N members, more ballots than that
        // would not change the band.
        assertThat(one(RuleSet.NQ_85_2014, BallotKind.THREE_LEVEL, n, n, n - low, 0, low).band()).isEqualTo(band);
    }

    @ParameterizedTest(name = "N={0}, no confidence={1}: {2}")
    @CsvSource({
            "3, 1, NONE", "3, 2, OVER_HALF", "3, 3, OVER_HALF",
            "6, 3, NONE", "6, 4, OVER_HALF", "6, 5, OVER_HALF",
            "47, 23, NONE", "47, 24, OVER_HALF", "47, 31, OVER_HALF", "47, 32, OVER_HALF",
            "481, 240, NONE", "481, 241, OVER_HALF", "481, 320, OVER_HALF", "481, 321, OVER_HALF"})
    void two_level_vote_has_one_band_more_than_half_no_confidence(int n, int no, Band band) {
        for (RuleSet ruleSet : RuleSet.values()) {
            assertThat(one(ruleSet, BallotKind.TWO_LEVEL, n, n, n - no, no).band()).isEqualTo(band);
        }
    }

    @Test
    void blank_ballots_stay_in_the_denominator() {
        // 47 ballots, 24 low and 23 left blank for this candidate: 24/47 is more than half.
        ResultTable.Row row = one(RuleSet.QD_96_2023, BallotKind.THREE_LEVEL, 60, 47, 0, 0, 24);
        assertThat(row.invalid()).isEqualTo(23);
        assertThat(row.band()).isEqualTo(Band.OVER_HALF);
        assertThat(row.percentages()).containsExactly("0,00", "0,00", "51,06");
    }

    @Test
    void a_conference_with_no_ballots_counts_to_zeros() {
        ResultTable table = compute(RuleSet.QD_96_2023, BallotKind.THREE_LEVEL, 20, 0, new int[] {0, 0, 0});
        assertThat(table.denominator()).isZero();
        ResultTable.Row row = table.rows().getFirst();
        assertThat(row.percentages()).containsExactly("0,00", "0,00", "0,00");
        assertThat(row.band()).isEqualTo(Band.NONE);
        assertThat(row.valid()).isZero();
        assertThat(row.invalid()).isZero();
        assertThat(one(RuleSet.NQ_85_2014, BallotKind.THREE_LEVEL, 0, 0, 0, 0, 0).band()).isEqualTo(Band.NONE);
        assertThat(one(RuleSet.NQ_96_2023, BallotKind.TWO_LEVEL, 5, 0, 0, 0).percentages())
                .containsExactly("0,00", "0,00");
    }

    @Test
    void percentages_round_half_up_from_the_exact_fraction() {
        assertThat(Results.percentage(1, 160)).isEqualTo("0,63"); // 0.625: half-even would give 0,62
        assertThat(Results.percentage(201, 20_000)).isEqualTo("1,01"); // 1.005: a double gives 1,00
        assertThat(Results.percentage(2, 3)).isEqualTo("66,67");
        assertThat(Results.percentage(481, 481)).isEqualTo("100,00");
        assertThat(Results.percentage(0, 481)).isEqualTo("0,00");
    }

    @Test
    void national_assembly_2023_figures_digit_for_digit() {
        ResultTable table = compute(RuleSet.NQ_96_2023, BallotKind.THREE_LEVEL, 481, 481,
                new int[] {448, 29, 4}, new int[] {437, 32, 11}, new int[] {426, 49, 3}, new int[] {410, 65, 6});
        assertThat(table.denominator()).isEqualTo(481);
        assertThat(table.returned()).isEqualTo(481);
        var rows = table.rows();
        assertThat(rows.get(0).percentages()).containsExactly("93,14", "6,03", "0,83");
        assertThat(rows.get(0).valid()).isEqualTo(481);
        assertThat(rows.get(1).percentages()).containsExactly("90,85", "6,65", "2,29");
        assertThat(rows.get(1).valid()).isEqualTo(480);
        assertThat(rows.get(1).invalid()).isEqualTo(1);
        assertThat(rows.get(2).percentages()).containsExactly("88,57", "10,19", "0,62");
        assertThat(rows.get(2).valid()).isEqualTo(478);
        assertThat(rows.get(2).invalid()).isEqualTo(3);
        assertThat(rows.get(3).percentages()).containsExactly("85,24", "13,51", "1,25");
        assertThat(rows).allSatisfy(r -> assertThat(r.band()).isEqualTo(Band.NONE));
    }

    @Test
    void vinh_phuc_2023_is_in_the_middle_band() {
        ResultTable.Row row = one(RuleSet.NQ_96_2023, BallotKind.THREE_LEVEL, 50, 47, 19, 2, 25);
        assertThat(row.percentages()).containsExactly("40,43", "4,26", "53,19");
        assertThat(row.valid()).isEqualTo(46);
        assertThat(row.invalid()).isEqualTo(1);
        assertThat(row.band()).isEqualTo(Band.OVER_HALF);
        assertThat(ResultRule.of(RuleSet.NQ_96_2023, BallotKind.THREE_LEVEL).wordingKey(row.band()))
                .isEqualTo("count.band.NQ_96_2023.THREE_LEVEL.OVER_HALF");
    }

    @Test
    void national_assembly_2013_is_taken_of_the_498_deputies() {
        // The ballots returned do not enter the percentages under Resolution 85/2014.
        ResultTable table = compute(RuleSet.NQ_85_2014, BallotKind.THREE_LEVEL, 498, 490, new int[] {372, 104, 14});
        assertThat(table.denominator()).isEqualTo(498);
        assertThat(table.rows().getFirst().percentages()).containsExactly("74,70", "20,88", "2,81");
        // Of the ballots it would have been 75,92 / 21,22 / 2,86.
        assertThat(compute(RuleSet.NQ_96_2023, BallotKind.THREE_LEVEL, 498, 490, new int[] {372, 104, 14}).rows()
                .getFirst().percentages()).containsExactly("75,92", "21,22", "2,86");
    }

    @Test
    void the_results_object_is_canonical_json_as_the_protocol_writes_it() {
        List<Counts.CandidateCount> counts = List.of(new Counts.CandidateCount(0, List.of(448, 29, 4), 481, 0),
                new Counts.CandidateCount(1, List.of(0, 0, 480), 480, 1));
        List<Manifest.Candidate> candidates = List.of(new Manifest.Candidate("7", 1, "Trần Văn A", "Phó Chủ tịch"),
                new Manifest.Candidate("x\"y\\z\n", 2, "Lê Thị B", "Trưởng phòng"));
        ResultTable table = Results.compute(RuleSet.QD_96_2023, BallotKind.THREE_LEVEL, 500, 490,
                new Counts(481, counts), candidates);
        assertThat(table.toJson()).isEqualTo("{\"ruleSet\":\"QD_96_2023\",\"kind\":\"THREE_LEVEL\",\"denominator\":481,"
                + "\"members\":500,\"issued\":490,\"returned\":481,\"candidates\":["
                + "{\"id\":\"7\",\"order\":1,\"levels\":[448,29,4],\"valid\":481,\"invalid\":0,"
                + "\"percentages\":[\"93,14\",\"6,03\",\"0,83\"],\"band\":\"NONE\"},"
                + "{\"id\":\"x\\\"y\\\\z\\n\",\"order\":2,\"levels\":[0,0,480],\"valid\":480,\"invalid\":1,"
                + "\"percentages\":[\"0,00\",\"0,00\",\"99,79\"],\"band\":\"TWO_THIRDS\"}]}");
    }

    @Test
    void counts_that_do_not_add_up_are_refused() {
        List<Manifest.Candidate> candidates = List.of(new Manifest.Candidate("7", 1, "Trần Văn A", "Phó Chủ tịch"));
        assertThatThrownBy(() -> Results.compute(RuleSet.QD_96_2023, BallotKind.THREE_LEVEL, 10, 10,
                new Counts(5, List.of(new Counts.CandidateCount(0, List.of(4, 1, 1), 6, -1))), candidates))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Results.compute(RuleSet.QD_96_2023, BallotKind.TWO_LEVEL, 10, 10,
                new Counts(5, List.of(new Counts.CandidateCount(0, List.of(4, 1, 0), 5, 0))), candidates))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Results.compute(RuleSet.QD_96_2023, BallotKind.THREE_LEVEL, 10, 10,
                new Counts(5, List.of()), candidates)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_rule_says_its_bands_in_both_languages() throws IOException {
        Properties vi = bundle("messages.properties");
        Properties en = bundle("messages_en.properties");
        for (RuleSet ruleSet : RuleSet.values()) {
            for (BallotKind kind : BallotKind.values()) {
                ResultRule rule = ResultRule.of(ruleSet, kind);
                assertThat(rule.denominator()).isEqualTo(ruleSet.denominator());
                assertThat(rule.keys()).hasSize(kind == BallotKind.THREE_LEVEL ? 4 : 3)
                        .allSatisfy(k -> assertThat(vi).containsKey(k))
                        .allSatisfy(k -> assertThat(en).containsKey(k));
            }
        }
        assertThat(vi.getProperty("count.band.QD_96_2023.THREE_LEVEL.TWO_THIRDS")).contains("không chờ đến hết nhiệm kỳ");
        assertThat(vi.getProperty("count.band.NQ_96_2023.THREE_LEVEL.OVER_HALF")).contains("xin từ chức");
    }

    private static Properties bundle(String name) throws IOException {
        var p = new Properties();
        try (var in = ResultsTests.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
