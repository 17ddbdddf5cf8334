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

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.TokenService;

/**
 * The desk's check cards (issue 18, part 5): a teller of the board activates a spare card for a supervisor's tablet
 * checks, asked first; the counts say how many check cards are out, apart from the cards handed to voters; the same
 * card cannot be activated twice, nor handed to a voter afterwards.
 */
@IntegrationTest
@Tag("browser")
@WithMockUser(username = "organiser", roles = "ADMIN")
class DeskCheckCardBrowserTests {

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
    Lifecycle lifecycle;
    @Autowired
    Milestones milestones;
    @Autowired
    TokenService tokens;

    /** Text on the screen, scrolled into view as a person would look at it. */
    private static void look(Browser browser, String css, String expected) {
        browser.script("arguments[0].scrollIntoView({block: 'center'})", browser.find(css));
        browser.waitForText(css, expected);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void a_teller_activates_a_spare_card_as_a_check_card_for_a_supervisor(int width, int height) throws Exception {
        String teller = Staff.create(accounts, "kiem-may", Role.TELLER);
        ElectionId id;
        byte[] pdf;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            id = elections.create(new ElectionDetails("Hội nghị thẻ kiểm tra " + UUID.randomUUID().toString().substring(0, 6),
                    "HĐND xã Mỹ Hòa", "Hội trường", LocalDateTime.of(2026, 12, 22, 8, 0), BallotKind.THREE_LEVEL,
                    RuleSet.QD_96_2023));
            candidates.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
            for (String v : List.of("Nguyễn Văn An", "Nguyễn Thị Vân")) {
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
        String spare = codes.getLast();

        try (var browser = new Browser("http://localhost:" + port, width, height)) {
            Staff.signIn(browser, teller);
            browser.open("/desk/" + id);
            look(browser, "#desk-check-counts", "Thẻ kiểm tra máy đã kích hoạt (cho giám sát viên): 0");
            look(browser, "#desk-counts", "Thẻ đã kích hoạt: 0");

            // Asked first; cancelled, nothing changes.
            browser.type("#desk-check-card", spare);
            browser.click("#desk-check-activate");
            assertThat(DeskBrowserTests.dialogText(browser, "#desk-check-dialog"))
                    .contains("không bao giờ bỏ phiếu được", "Chỉ trao cho giám sát viên");
            browser.screenshot(Path.of("target", "screenshots", width + "x" + height, "desk-check-card-confirm.png"));
            browser.click("#desk-check-dialog vaadin-button[slot='cancel-button']");
            browser.waitForVaadin();
            assertThat(tokens.check(id, spare)).isEqualTo(CardCheck.PRINTED);

            // Confirmed: a check card, counted apart from the voters' cards; the field is empty for the next one.
            browser.click("#desk-check-activate");
            browser.click("#desk-check-dialog vaadin-button[slot='confirm-button']");
            look(browser, "#desk-check-activated", "Đã kích hoạt thẻ kiểm tra máy. Trao thẻ cho giám sát viên.");
            look(browser, "#desk-check-counts", "Thẻ kiểm tra máy đã kích hoạt (cho giám sát viên): 1");
            look(browser, "#desk-counts", "Thẻ đã kích hoạt: 0");
            assertThat(browser.find("#desk-check-card input").getDomProperty("value")).isEmpty();
            assertThat(tokens.check(id, spare)).isEqualTo(CardCheck.CHECK);
            PhoneLayout.assertFits(browser, "the desk with a check card activated");
            browser.screenshot(Path.of("target", "screenshots", width + "x" + height, "desk-check-card.png"));

            // The same card again, typed as a handheld scanner does (Enter): refused at the field, still one.
            var input = browser.find("#desk-check-card input");
            input.sendKeys(spare);
            input.sendKeys(Keys.ENTER);
            browser.click("#desk-check-dialog vaadin-button[slot='confirm-button']");
            browser.waitForVaadin();
            assertThat(browser.find("#desk-check-card").getDomProperty("errorMessage")).contains("kiểm tra máy");
            look(browser, "#desk-check-counts", "(cho giám sát viên): 1");

            // Handed to a voter by mistake: the voters' activation refuses it.
            var card = browser.find("#desk-card-field input");
            card.sendKeys(spare);
            card.sendKeys(Keys.ENTER);
            browser.waitForVaadin();
            assertThat(browser.find("#desk-card").getText() + " "
                    + browser.script("return document.querySelector('#desk-card-field').errorMessage || ''"))
                    .contains("kiểm tra máy");
            assertThat(tokens.check(id, spare)).isEqualTo(CardCheck.CHECK);

            // In English too.
            browser.click(".app-header #language");
            browser.click(browser.findAll("vaadin-select-item").stream().filter(i -> i.getText().contains("English"))
                    .findFirst().orElseThrow());
            look(browser, "#desk-check-counts", "Check cards activated (for supervisors): 1");
            assertThat(browser.find("#desk-check-activate").getText()).isEqualTo("Activate a check card");
        }
    }
}
