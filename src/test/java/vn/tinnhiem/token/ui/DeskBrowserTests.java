package vn.tinnhiem.token.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.CameraTest;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.TokenService;

/**
 * The desk in a real browser, on a phone and on a desktop: a teller of the board finds “nguyen van”,
 * ticks Nguyễn Văn An present, types the card handed over and presses Enter (as a handheld scanner
 * does): the card is activated and the field is empty again; a used card and a mistyped one are refused
 * at the field; a lost card is voided after a confirmation and a replacement activated.
 */
@IntegrationTest
@Tag("browser")
@WithMockUser(username = "organiser", roles = "ADMIN")
class DeskBrowserTests {

    private static final Pattern CODE = Pattern.compile("TN(-[0-9A-Z]{4}){6}-[0-9A-Z]{3}");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    Elections elections;
    @Autowired
    Candidates candidates;
    @Autowired
    VoterRoll voterRoll;
    @Autowired
    TallyBoard tallyBoard;
    @Autowired
    DeskPresence deskPresence;
    @Autowired
    Lifecycle lifecycle;
    @Autowired
    Milestones milestones;
    @Autowired
    OpenPolls openPolls;
    @Autowired
    TokenService tokens;
    @Autowired
    PlatformTransactionManager transactions;

    private record Setup(ElectionId id, String teller, List<String> codes) {
    }

    private Setup openConferenceWithCards() throws Exception {
        String teller = Staff.create(accounts, "banban", Role.TELLER);
        ElectionId id;
        byte[] pdf;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            id = elections.create(new ElectionDetails("Hội nghị bàn phát phiếu " + UUID.randomUUID().toString().substring(0, 6),
                    "HĐND xã Mỹ Hòa", "Hội trường", LocalDateTime.of(2026, 12, 22, 8, 0), BallotKind.THREE_LEVEL,
                    RuleSet.QD_96_2023));
            candidates.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
            for (String v : List.of("Nguyễn Văn An", "Nguyễn Thị Vân", "Đỗ Đức Cường", "Lê Văn Đông")) {
                voterRoll.addVoter(id, new NewVoter(v, "Đại biểu HĐND", "HĐND xã"));
            }
            tallyBoard.addTeller(id, "Ngô Văn Kiểm", true);
            tallyBoard.setSeatAccount(id, tallyBoard.tellers(id).getFirst().id(), Optional.of(teller));
            lifecycle.moveTo(id, ElectionStatus.READY);
            pdf = tokens.print(id, 2).pdf();
        }
        try (var board = Acting.as(teller, "TELLER")) {
            milestones.recordKeyMade(id, "d4".repeat(32));
            lifecycle.moveTo(id, ElectionStatus.OPEN);
        }
        List<String> codes = new java.util.ArrayList<>();
        try (var doc = Loader.loadPDF(pdf)) {
            Matcher m = CODE.matcher(new PDFTextStripper().getText(doc));
            while (m.find()) {
                codes.add(m.group());
            }
        }
        return new Setup(id, teller, codes);
    }

    /** Ticks the voter of that name present, as a teller of the board at another desk would. */
    private void present(Setup s, String name) {
        try (var board = Acting.as(s.teller(), "TELLER")) {
            long voter = voterRoll.voters(s.id()).stream().filter(v -> v.fullName().equals(name)).findFirst().orElseThrow().id();
            deskPresence.markPresent(s.id(), voter, true);
        }
    }

    /** Types as a handheld scanner does: the characters, then Enter, with no change event of our own. */
    private static void scan(Browser browser, String fieldCss, String text) {
        var input = browser.find(fieldCss + " input");
        input.clear();
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
        browser.waitForVaadin();
    }

    private static String fieldError(Browser browser, String fieldCss) {
        var field = browser.find(fieldCss);
        // Between the attribute and its message (one round trip sets both, the browser applies them in turn) the
        // message may not be there yet: no message is no error yet.
        String message = field.getAttribute("invalid") == null ? null : field.getDomProperty("errorMessage");
        return message == null ? "" : message;
    }

    @CameraTest
    @org.junit.jupiter.api.Test
    void a_teller_activates_the_card_held_up_to_the_desks_camera() throws Exception {
        Setup s = openConferenceWithCards();
        String card = s.codes().get(3);
        // The voter holding it up was ticked present: one card for one person, nothing to ask.
        present(s, "Đỗ Đức Cường");
        try (var browser = Browser.withCamera("http://localhost:" + port, 360, 640, vn.tinnhiem.support.FakeCamera.qr(card))) {
            Staff.signIn(browser, s.teller());
            browser.open("/desk/" + s.id());
            browser.find("#desk-card-camera");
            browser.waitForCameraRead("the card to be activated", java.time.Duration.ofSeconds(45),
                    () -> browser.find("#desk-activated").getText().contains("Đã kích hoạt thẻ")
                            || !fieldError(browser, "#desk-card-field").isEmpty());
            assertThat(fieldError(browser, "#desk-card-field")).isEmpty();
            assertThat(tokens.check(s.id(), card)).isEqualTo(CardCheck.ACTIVATED);
            PhoneLayout.assertFits(browser, "the desk with its camera");
            assertThat(browser.cspViolations()).as("Content-Security-Policy violations").isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void a_teller_of_another_board_typing_the_desks_address_is_told_why_and_sees_no_roll() throws Exception {
        Setup s = openConferenceWithCards();
        String stranger = Staff.create(accounts, "ban-khac", Role.TELLER);
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            Staff.signIn(browser, stranger);
            browser.open("/desk/" + s.id());
            browser.waitForText("#desk-refused", "Bạn không phải thành viên Ban Kiểm phiếu của hội nghị này.");
            // Nothing of the desk: no search of the roll, no counts, no card field.
            assertThat(browser.findAll("#desk-search, #desk-results, #desk-counts, #desk-card-field, #desk-void-card"))
                    .isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void the_organiser_may_look_at_the_desk_but_not_act_and_a_closed_desk_says_why() throws Exception {
        Setup s = openConferenceWithCards();
        String admin = Staff.create(accounts, "nhin-ban", Role.ADMIN);
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            Staff.signIn(browser, admin);
            browser.click("#home-desk-" + s.id());
            browser.waitForPath("/desk/" + s.id());
            browser.waitForText("#desk-admin-notice", "chỉ thành viên Ban Kiểm phiếu của hội nghị này");
            assertThat(browser.find("#desk-card-field").getAttribute("disabled")).isNotNull();
            assertThat(browser.find("#desk-card-submit").getAttribute("disabled")).isNotNull();
            browser.type("#desk-search", "duc");
            browser.waitForText("#desk-results", "Đỗ Đức Cường");
            assertThat(browser.find("#desk-results .mark-present").getAttribute("disabled")).isNotNull();
            PhoneLayout.assertFits(browser, "the desk as the organiser sees it");
        }
        try (var board = Acting.as(s.teller(), "TELLER")) {
            lifecycle.moveTo(s.id(), ElectionStatus.CLOSED);
        }
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            Staff.signIn(browser, s.teller());
            browser.open("/desk/" + s.id());
            browser.waitForText("#desk-not-open", "Kích hoạt và hủy thẻ chỉ khi đang bỏ phiếu");
            assertThat(browser.find("#desk-card-field").getAttribute("disabled")).isNotNull();
        }
    }

    /** A confirm dialog's message (a property of the dialog, drawn in its overlay). */
    static String dialogText(Browser browser, String css) {
        return String.valueOf(browser.script("const d = document.querySelector(arguments[0]); return (d && d.message) || '';",
                css));
    }

    /** The counts at the top of the desk, scrolled into view as a person would look up at them. */
    private static void counts(Browser browser, String expected) {
        browser.script("arguments[0].scrollIntoView({block: 'center'})", browser.find("#desk-counts"));
        browser.waitForText("#desk-counts", expected);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void a_teller_ticks_a_voter_present_and_activates_the_card_handed_over(int width, int height) throws Exception {
        Setup s = openConferenceWithCards();
        Path shots = Path.of("target", "screenshots", width + "x" + height);
        // One card was used already (activated, then cast), by a voter ticked present.
        present(s, "Lê Văn Đông");
        try (var board = Acting.as(s.teller(), "TELLER")) {
            tokens.activate(s.id(), s.codes().get(5));
        }
        new TransactionTemplate(transactions).execute(t -> openPolls.whileOpen(s.id(),
                () -> tokens.spendInCast(s.id(), s.codes().get(5))));

        try (var browser = new Browser("http://localhost:" + port, width, height)) {
            Staff.signIn(browser, s.teller());
            browser.click("#home-desk-" + s.id());
            browser.waitForPath("/desk/" + s.id());
            counts(browser, "Có mặt: 1/4 · Thẻ đã kích hoạt: 1");

            browser.type("#desk-search", "nguyen van");
            browser.waitForText("#desk-results", "Nguyễn Văn An");
            assertThat(browser.find("#desk-results").getText()).doesNotContain("Nguyễn Thị Vân", "Lê Văn Đông");
            browser.click("#desk-results .mark-present");
            browser.waitForText("#desk-results", "Đã có mặt");
            counts(browser, "Có mặt: 2/4");
            assertThat(deskPresence.deskRoll(s.id(), "an", 0, 5).present()).isEqualTo(2);

            scan(browser, "#desk-card-field", s.codes().get(0));
            browser.waitForText("#desk-activated", "Đã kích hoạt thẻ");
            counts(browser, "Thẻ đã kích hoạt: 2");
            assertThat(browser.find("#desk-card-field input").getDomProperty("value")).isEmpty();
            assertThat(browser.find("#desk-card-field input").getAttribute("autocomplete")).isEqualTo("off");
            assertThat(tokens.check(s.id(), s.codes().get(0))).isEqualTo(CardCheck.ACTIVATED);
            // Nothing on the screen pairs the voter with the code: the card field and the search are empty again.
            assertThat(browser.find("#desk-search input").getDomProperty("value")).isEmpty();
            assertThat(browser.find("#desk-results").getText()).isEmpty();
            assertThat(browser.pageText()).doesNotContain(s.codes().get(0)).doesNotContain(s.codes().get(0).substring(3, 12));
            if (width < 600) {
                PhoneLayout.assertFits(browser, "the desk");
            }
            browser.screenshot(shots.resolve("desk-activated.png"));

            // A used card and a mistyped one are refused where they were typed, not in a pop-up.
            scan(browser, "#desk-card-field", s.codes().get(5));
            assertThat(fieldError(browser, "#desk-card-field")).isEqualTo("Thẻ này đã được dùng để bỏ phiếu.");
            String typo = s.codes().get(1).substring(0, 4) + (s.codes().get(1).charAt(4) == 'K' ? 'M' : 'K')
                    + s.codes().get(1).substring(5);
            scan(browser, "#desk-card-field", typo);
            assertThat(fieldError(browser, "#desk-card-field")).startsWith("Mã thẻ không đúng");
            assertThat(browser.isShown(".error-notification")).isFalse();
            assertThat(tokens.check(s.id(), s.codes().get(1))).isEqualTo(CardCheck.PRINTED);
            if (width < 600) {
                browser.screenshot(shots.resolve("desk-refused.png"));
            }

            // The card was lost: void it (after a confirmation) and activate a replacement.
            browser.type("#desk-void-card", s.codes().get(0).toLowerCase());
            browser.click("#desk-void");
            browser.waitForText("#desk-void-dialog", "Hủy thẻ này?");
            browser.click("#desk-void-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("#desk-voided", "Đã hủy thẻ");
            assertThat(tokens.check(s.id(), s.codes().get(0))).isEqualTo(CardCheck.VOID);
            counts(browser, "Thẻ đã kích hoạt: 1");
            scan(browser, "#desk-card-field", s.codes().get(0));
            assertThat(fieldError(browser, "#desk-card-field")).isEqualTo("Thẻ này đã bị hủy.");
            scan(browser, "#desk-card-field", s.codes().get(1));
            browser.waitForText("#desk-activated", "Đã kích hoạt thẻ");
            assertThat(tokens.check(s.id(), s.codes().get(1))).isEqualTo(CardCheck.ACTIVATED);
            counts(browser, "Thẻ đã kích hoạt: 2");

            // Taking a presence tick back asks first.
            browser.type("#desk-search", "Nguyen Van An");
            browser.waitForText("#desk-results", "Đã có mặt");
            browser.click("#desk-results .row-menu vaadin-menu-bar-button");
            browser.click(browser.findAll("vaadin-menu-bar-item").stream()
                    .filter(i -> i.getText().contains("Bỏ đánh dấu có mặt")).findFirst().orElseThrow());
            browser.waitForText("#desk-unmark-dialog", "Bỏ đánh dấu có mặt?");
            browser.click("#desk-unmark-dialog vaadin-button[slot='confirm-button']");
            counts(browser, "Có mặt: 1/4 · Thẻ đã kích hoạt: 2");
            if (width < 600) {
                PhoneLayout.assertFits(browser, "the desk after the void");
                browser.screenshot(shots.resolve("desk-end.png"));
            }

            // Two cards are out for one person present: a third is asked about, and a cancel activates nothing.
            scan(browser, "#desk-card-field", s.codes().get(2));
            browser.waitForText("#desk-over-dialog", "Nhiều thẻ hơn số người có mặt?");
            assertThat(browser.find("#desk-over-dialog").getText() + dialogText(browser, "#desk-over-dialog"))
                    .contains("Đã kích hoạt 2 thẻ cho 1 người được đánh dấu có mặt", "sẽ thành 3 thẻ cho 1 người");
            browser.screenshot(shots.resolve("desk-over-warning.png"));
            if (width < 600) {
                PhoneLayout.assertFits(browser, "the desk's warning of more cards than people");
            }
            browser.click("#desk-over-dialog vaadin-button[slot='cancel-button']");
            assertThat(fieldError(browser, "#desk-card-field")).startsWith("Chưa kích hoạt thẻ.");
            assertThat(browser.find("#desk-card-field input").getDomProperty("value")).isEmpty();
            assertThat(tokens.check(s.id(), s.codes().get(2))).isEqualTo(CardCheck.PRINTED);
            counts(browser, "Thẻ đã kích hoạt: 2");
            // The board decides: activated anyway, after saying so.
            scan(browser, "#desk-card-field", s.codes().get(2));
            browser.waitForText("#desk-over-dialog", "Nhiều thẻ hơn số người có mặt?");
            browser.click("#desk-over-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("#desk-activated", "Đã kích hoạt thẻ");
            assertThat(tokens.check(s.id(), s.codes().get(2))).isEqualTo(CardCheck.ACTIVATED);
            counts(browser, "Thẻ đã kích hoạt: 3");
        }
    }
}
