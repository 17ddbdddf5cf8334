package vn.tinnhiem.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;
import static vn.tinnhiem.db.Tables.CHECKED_BALLOT;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotOpening;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.CheckedBallot;
import vn.tinnhiem.voting.VotingService;

/**
 * A supervisor checks a tablet with a check card (issue 18), in real Chromium against the real service and
 * MariaDB: the desk activates a spare card as a check card; at the tablet the card opens a ballot, the voter marks
 * and confirms, and the sealed ballot's screen offers only "Kiểm tra máy" (no "Bỏ phiếu"); the check shows the
 * ballot the server opened, the very one marked; "Bỏ phiếu lại" gives a fresh ballot on the same card, which
 * checks again. Afterwards no card was handed out or spent, the box is empty, and both checked ballots are stored,
 * each opening to what was marked.
 */
@IntegrationTest
@Tag("browser")
class KioskCheckCardBrowserTests {

    private static final Map<String, String> LABEL = Map.of("HIGH", "Tín nhiệm cao", "MEDIUM", "Tín nhiệm", "LOW",
            "Tín nhiệm thấp", "", "Để trống");
    private static final List<String> LEVELS = List.of("HIGH", "MEDIUM", "LOW");

    @LocalServerPort
    int port;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    KioskService kiosks;
    @Autowired
    VotingService voting;
    @Autowired
    DSLContext db;

    private String base() {
        return "http://localhost:" + port;
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "800, 1280"})
    void a_supervisors_check_card_only_checks_the_tablet_as_often_as_wanted_and_spends_nothing(int width, int height)
            throws Exception {
        var conferences = new VoteConferences(elections, accounts, ceremonies, tokens, kiosks);
        VoteConferences.Open conference = conferences.open(4, BallotKind.THREE_LEVEL);
        ElectionId id = conference.id();
        String spare = conferences.print(id, 1).codes().getLast();

        // The desk: the teller activates the spare card as a check card.
        try (var desk = new Browser(base(), 1280, 800)) {
            Staff.signIn(desk, conference.teller());
            desk.open("/desk/" + id);
            look(desk, "#desk-check-counts", "Thẻ kiểm tra máy đã kích hoạt (cho giám sát viên): 0");
            desk.type("#desk-check-card", spare);
            desk.click("#desk-check-activate");
            desk.click("#desk-check-dialog vaadin-button[slot='confirm-button']");
            look(desk, "#desk-check-activated", "Đã kích hoạt thẻ kiểm tra máy. Trao thẻ cho giám sát viên.");
            look(desk, "#desk-check-counts", "(cho giám sát viên): 1");
            look(desk, "#desk-counts", "Thẻ đã kích hoạt: 0");
        }

        // The tablet: two checks with the one card, each showing the ballot marked.
        List<List<String>> marked = List.of(List.of("HIGH", "", "LOW", "MEDIUM"), List.of("MEDIUM", "HIGH", "", "LOW"));
        Map<String, List<String>> byCode = new HashMap<>();
        try (var tablet = new Browser(base(), width, height)) {
            conferences.enroll(tablet, id);
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            tablet.type("#kiosk-scanner-field", spare);
            tablet.click("#kiosk-scanner-submit");
            for (int round = 0; round < 2; round++) {
                List<String> marks = marked.get(round);
                tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
                assertThat(tablet.find("#kiosk-counter").getText()).as("a fresh ballot").isEqualTo("Đã chọn 0/4");
                assertThat(tablet.findAll(".kiosk-choice[aria-pressed='true']")).isEmpty();
                for (int c = 1; c <= 4; c++) {
                    if (!marks.get(c - 1).isEmpty()) {
                        tablet.click("#kiosk-candidate-" + c + " .kiosk-choice[data-level='" + marks.get(c - 1) + "']");
                    }
                }
                assertThat(tablet.find("#kiosk-counter").getText()).isEqualTo("Đã chọn 3/4");
                tablet.click("#kiosk-review");
                tablet.waitForText("#kiosk-content", "Xem lại phiếu");
                tablet.click("#kiosk-confirm");

                // Sealed with a check card: only "Kiểm tra máy" is offered.
                tablet.waitForText("#kiosk-content", "Thẻ kiểm tra máy");
                String committed = tablet.find("#kiosk-committed").getText();
                assertThat(committed).contains("Thẻ này chỉ dùng để kiểm tra máy", "không được tính")
                        .doesNotContain("Bỏ phiếu", "Phiếu đã được niêm phong");
                assertThat(tablet.findAll("#kiosk-cast")).as("no “Bỏ phiếu” button").isEmpty();
                assertThat(tablet.findAll("#kiosk-committed vaadin-button").stream().map(b -> b.getText().strip()).toList())
                        .as("the buttons on the sealed ballot's screen").containsExactly("Kiểm tra máy");
                String sealedCode = tablet.find("#kiosk-sealed-code").getAttribute("aria-label");
                assertThat(byCode).doesNotContainKey(sealedCode);
                PhoneLayout.assertFits(tablet, "check card: the sealed ballot");
                tablet.screenshot(shot(width, height, "kiosk-check-card-sealed-" + (round + 1)));

                tablet.click("#kiosk-check");
                tablet.waitForText("#kiosk-content", "Lá phiếu đã được mở để kiểm tra");
                assertThat(tablet.find("#kiosk-opened-code").getAttribute("aria-label")).isEqualTo(sealedCode);
                List<String> opened = new ArrayList<>();
                for (int c = 1; c <= 4; c++) {
                    var row = tablet.find("#kiosk-opened-" + c);
                    opened.add(row.getAttribute("data-level"));
                    assertThat(row.getText()).as("row %d of the opened ballot", c).contains(conference.candidates().get(c - 1));
                    assertThat(row.findElement(By.cssSelector(".kiosk-review-choice, .kiosk-review-blank")).getText().strip())
                            .as("the level shown in row %d", c).isEqualTo(LABEL.get(marks.get(c - 1)));
                }
                assertThat(opened).as("the ballot the server opened is the one marked").isEqualTo(marks);
                byCode.put(sealedCode, marks);
                assertThat(ballots(id.value())).as("a checked ballot is never cast").isZero();
                assertThat(checked(id.value())).as("checked ballots stored").isEqualTo(round + 1);
                PhoneLayout.assertFits(tablet, "check card: the opened ballot");
                tablet.screenshot(shot(width, height, "kiosk-check-card-opened-" + (round + 1)));

                // "Bỏ phiếu lại": the same card, a fresh ballot.
                assertThat(tablet.find("#kiosk-again").getText()).isEqualTo("Bỏ phiếu lại");
                tablet.click("#kiosk-again");
            }
            tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
            assertThat(tablet.find("#kiosk-counter").getText()).as("the card still opens a ballot").isEqualTo("Đã chọn 0/4");
        }

        // The desk again: the check card is neither handed out nor spent.
        try (var desk = new Browser(base(), 1280, 800)) {
            Staff.signIn(desk, conference.teller());
            desk.open("/desk/" + id);
            look(desk, "#desk-counts", "Thẻ đã kích hoạt: 0");
            look(desk, "#desk-check-counts", "Thẻ kiểm tra máy đã kích hoạt (cho giám sát viên): 1");
        }
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            CardCounts counts = tokens.counts(id);
            assertThat(counts.handedOut()).isZero();
            assertThat(counts.spent()).isZero();
            assertThat(counts.checking()).isEqualTo(1);
            assertThat(tokens.check(id, spare)).isEqualTo(CardCheck.CHECK);
        }
        assertThat(ballots(id.value())).as("no ballot in the box").isZero();

        // After the close: the two checked ballots of the record, each opening to what was marked on the tablet.
        Manifest manifest;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            manifest = ceremonies.openManifest(id).orElseThrow();
        }
        conferences.close(conference);
        List<CheckedBallot> stored;
        try (var board = Acting.as(conference.teller(), "TELLER")) {
            stored = voting.checkedBallots(id);
        }
        assertThat(stored).hasSize(2);
        Map<String, List<String>> storedByCode = new HashMap<>();
        for (CheckedBallot b : stored) {
            var result = BallotOpening.open(ElectionContext.of(manifest), b.sealed(), b.opening());
            assertThat(result).as("the stored opening opens the stored ballot").isInstanceOf(BallotOpening.Opened.class);
            List<String> levels = new ArrayList<>();
            for (int choice : ((BallotOpening.Opened) result).choices()) {
                levels.add(choice < 0 ? "" : LEVELS.get(choice));
            }
            storedByCode.put(b.sealed().trackingCode(), levels);
        }
        assertThat(storedByCode).isEqualTo(byCode);
    }

    // ---- helpers

    private int ballots(long conference) {
        return db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(conference));
    }

    private int checked(long conference) {
        return db.fetchCount(CHECKED_BALLOT, CHECKED_BALLOT.ELECTION_ID.eq(conference));
    }

    /** Text on the screen, scrolled into view as a person would look at it. */
    private static void look(Browser browser, String css, String expected) {
        browser.script("arguments[0].scrollIntoView({block: 'center'})", browser.find(css));
        browser.waitForText(css, expected);
    }

    private static Path shot(int width, int height, String name) {
        return Path.of("target", "screenshots", width + "x" + height, name + ".png");
    }
}
