package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.verify.RecordVerifier;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.CheckOutcome;
import vn.tinnhiem.voting.Commitment;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * Ballots used to check a tablet, through the real services and MariaDB: a supervisor's check card (twice) and a
 * voter's own card (who then votes) open their sealed ballots; after the count the election record lists all three,
 * opened, with the choices marked, `verify` holds on it, the minutes give their number, and the results count only
 * the ballots cast.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class CheckedBallotsCountIntegrationTests {

    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;
    @Autowired
    TotalsUnsealing totalsUnsealing;
    @Autowired
    CountResults countResults;
    @Autowired
    CountDocuments countDocuments;
    @Autowired
    ElectionRecordExport recordExport;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    VotingService voting;

    @Test
    void checked_ballots_are_published_opened_verified_and_counted_apart() throws Exception {
        var conferences = new CountConferences(elections, accounts, ceremonies, tokens, voting);
        // Three candidates, 5 summoned and present, 3 ballots cast, one activated card left for a voter's own check.
        var conf = conferences.cast(3, 5, 5, 3, 1, (v, c) -> (v + c) % 3);
        String checkCard = conferences.printed(conf.id(), 1).getFirst();
        try (var board = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            tokens.activateForCheck(conf.id(), checkCard);
            assertThat(tokens.counts(conf.id()).checking()).isEqualTo(1);
        }
        TestTablet tablet = new TestTablet(voting, ceremonies);
        String kiosk = "kiosk-check-" + conf.id();
        Map<String, List<String>> marked = new java.util.HashMap<>();
        List<int[]> checks = List.of(new int[] {2, TestTablet.BLANK, 0}, new int[] {0, 1, 2});
        for (int[] choices : checks) {
            marked.put(check(tablet, kiosk, conf.id(), checkCard, choices), names(choices));
        }
        // A voter checks the tablet with their own card, then votes with it: the card is spent by the cast only.
        String voterCard = conf.unused().getFirst();
        int[] voterCheck = {1, 1, TestTablet.BLANK};
        marked.put(check(tablet, kiosk, conf.id(), voterCard, voterCheck), names(voterCheck));
        assertThat(tablet.vote(kiosk, conf.id(), voterCard, new int[] {0, 0, 0})).isInstanceOf(CastOutcome.Recorded.class);

        conferences.tally(conf, pollsClose, boxCheck, totalsUnsealing);
        CountSummary summary = countResults.summary(conf.id()).orElseThrow();
        assertThat(summary.box().checked()).isEqualTo(3);
        assertThat(summary.results().returned()).as("checked ballots are not counted").isEqualTo(4);
        int[] high = {1 + 1, 1 + 1, 1 + 1}; // (v + c) % 3 == 0 once per candidate among v = 0..2, plus the voter's 0s
        for (int c = 0; c < 3; c++) {
            assertThat(summary.results().rows().get(c).levels().getFirst()).isEqualTo(high[c]);
        }

        var out = new ByteArrayOutputStream();
        recordExport.writeRecord(conf.id(), out);
        List<RecordVerifier.Check> verdict = new RecordVerifier().verify(out.toByteArray());
        assertThat(verdict).allSatisfy(c -> assertThat(c.holds()).as(c.name() + " " + c.detailKey() + " " + c.args())
                .isTrue());
        assertThat(verdict.getLast().detail(RecordVerifier.bundle(Locale.ROOT)))
                .startsWith("3 phiếu kiểm tra máy, phiếu nào cũng mở đúng");
        JsonNode record = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        List<String> ids = new ArrayList<>();
        for (JsonNode row : record.get("checked")) {
            ids.add(row.get("id").asString());
            List<String> choices = new ArrayList<>();
            row.get("choices").forEach(n -> choices.add(n.isNull() ? null : n.asString()));
            assertThat(choices).as(row.get("trackingCode").asString())
                    .isEqualTo(marked.get(row.get("trackingCode").asString()));
        }
        assertThat(ids).hasSize(3).isSorted();

        var minutes = new ByteArrayOutputStream();
        countDocuments.writeMinutes(conf.id(), vn.tinnhiem.shared.i18n.Languages.VIETNAMESE, minutes);
        try (var doc = Loader.loadPDF(minutes.toByteArray())) {
            assertThat(new PDFTextStripper().getText(doc))
                    .contains("Số phiếu dùng để kiểm tra máy (đã mở, không tính vào kết quả): 3");
        }
    }

    /** Seals, commits and opens a ballot, as a tablet does when "Kiểm tra máy" is chosen; its tracking code. */
    private String check(TestTablet tablet, String kiosk, ElectionId id, String card, int[] choices) {
        BallotSealer.Openable sealed = tablet.seal(id, choices);
        var commitment = tablet.commit(kiosk, id, card, sealed.ballot());
        assertThat(commitment).isInstanceOf(Commitment.Accepted.class);
        var outcome = voting.check(kiosk, id, card, ((Commitment.Accepted) commitment).ballot(), sealed.opening());
        assertThat(outcome).isInstanceOf(CheckOutcome.Opened.class);
        assertThat(((CheckOutcome.Opened) outcome).levels()).isEqualTo(names(choices));
        return sealed.ballot().trackingCode();
    }

    private static List<String> names(int[] choices) {
        List<String> levels = List.of("HIGH", "MEDIUM", "LOW");
        List<String> out = new ArrayList<>();
        for (int c : choices) {
            out.add(c < 0 ? null : levels.get(c));
        }
        return out;
    }
}
