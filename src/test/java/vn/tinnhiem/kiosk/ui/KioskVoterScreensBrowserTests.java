package vn.tinnhiem.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.token.TokenService;

/**
 * The voter's screens hold only what is the voter's: the staff's "enrolled" notice goes before a voter comes
 * (and a reload does not bring it back), a camera that cannot be used is a calm line telling the voter what to
 * do, a refused code is gone for the next voter, and the tracking code stays until "Xong" (or a long, visible
 * countdown), with nothing of it left after. After each change of screen the focus is on the new heading.
 */
@IntegrationTest
@Tag("browser")
class KioskVoterScreensBrowserTests {

    private static final int CANDIDATES = 4;
    /** Longer than the 8.5 s the code used to stay, short enough for a test to wait out. */
    private static final int DONE_SECONDS = 12;
    private static final Pattern SECONDS_LEFT = Pattern.compile("sau (\\d+) giây");

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
    KioskTimeouts timeouts;

    private String base() {
        return "http://localhost:" + port;
    }

    private VoteConferences conferences() {
        return new VoteConferences(elections, accounts, ceremonies, tokens, kiosks);
    }

    @AfterEach
    void defaultTimeouts() {
        timeouts.reset();
    }

    @ParameterizedTest(name = "the voter''s screens at {0}x{1}")
    @CsvSource({"360, 640", "1280, 800", "800, 1280"})
    void the_code_stays_until_xong_or_a_visible_countdown_and_no_staff_notice_or_earlier_refusal_reaches_a_voter(
            int width, int height) {
        timeouts.set(60, 20, DONE_SECONDS, 2, 3);
        VoteConferences.Open conference = conferences().open(CANDIDATES, BallotKind.THREE_LEVEL);
        List<String> cards = conferences().activated(conference, 2);
        try (var tablet = new Browser(base(), width, height)) {
            var wait = new WebDriverWait((WebDriver) tablet.driver(), Duration.ofSeconds(20));
            conferences().enroll(tablet, conference.id());
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            // The staff who enrolled the tablet read that it worked; the notice then goes by itself.
            assertThat(tablet.find("#kiosk-notice").getText()).contains("Đã đăng ký máy");
            assertThat(tablet.currentPath()).as("no query left for a reload to show again").isEqualTo("/kiosk");
            wait.until(d -> !tablet.isShown("#kiosk-notice"));
            ((WebDriver) tablet.driver()).navigate().refresh();
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            assertThat(tablet.isShown("#kiosk-notice")).as("the notice after a reload").isFalse();
            // This browser has no camera: the voter is told what to do, not the staff's diagnosis.
            tablet.waitForText("#kiosk-scanner-problem", "Hãy gõ mã in trên phiếu vào ô bên dưới");
            assertThat(tablet.pageText()).doesNotContain("Không dùng được máy ảnh", "Đã đăng ký máy");
            assertThat(color(tablet, "#kiosk-scanner-problem")).as("a calm line, not an error's red")
                    .isEqualTo(color(tablet, "#kiosk-idle .kiosk-text"));
            PhoneLayout.assertFits(tablet, "the idle screen without a camera");
            tablet.screenshot(shot(width, height, "kiosk-idle-no-camera"));

            // Voter A's code is refused and A walks away: voter B finds an empty field with no message.
            String refusedCode = "TN-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-234";
            scan(tablet, refusedCode);
            tablet.waitForVaadin();
            assertThat(fieldError(tablet)).isNotEmpty();
            wait.until(d -> fieldError(tablet).isEmpty());
            assertThat(tablet.find("#kiosk-scanner-field input").getDomProperty("value")).isEmpty();
            assertThat(tablet.script("""
                    const m = document.querySelector('#kiosk-scanner-field [slot=error-message]');
                    return m && m.checkVisibility({opacityProperty: true, visibilityProperty: true})
                        && m.getBoundingClientRect().height > 0 ? m.textContent : '';""")).as("the refusal on screen")
                    .isEqualTo("");
            assertThat(tablet.pageText()).doesNotContain(refusedCode);
            tablet.screenshot(shot(width, height, "kiosk-idle-after-refusal"));

            // Voter B votes; the focus follows each screen's heading.
            String code = vote(tablet, cards.get(0));
            assertThat(secondsLeft(tablet)).as("the countdown starts at the whole time").isBetween(DONE_SECONDS - 3,
                    DONE_SECONDS);
            tablet.screenshot(shot(width, height, "kiosk-done-countdown"));
            PhoneLayout.assertFits(tablet, "the done screen");
            // Past the 8.5 s the code used to stay: still there, the countdown lower.
            wait.until(d -> secondsLeft(tablet) <= DONE_SECONDS - 9);
            assertThat(tablet.isShown("#kiosk-done")).isTrue();
            assertThat(tablet.find("#kiosk-tracking-code").getAttribute("aria-label")).isEqualTo(code);
            assertThat(height(tablet, "#kiosk-finish")).isGreaterThanOrEqualTo(48);
            tablet.click("#kiosk-finish");
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            assertNothingOf(tablet, conference, code);
            assertFocusOn(tablet, "Quét mã phiếu");

            // Voter C leaves without "Xong": the countdown brings the idle screen back by itself.
            String other = vote(tablet, cards.get(1));
            wait.until(d -> tablet.isShown("#kiosk-idle"));
            assertNothingOf(tablet, conference, other);
            assertFocusOn(tablet, "Quét mã phiếu");
        }
    }

    /** Scans the card, marks every candidate, reviews and confirms; the tracking code shown. */
    private static String vote(Browser tablet, String card) {
        scan(tablet, card);
        tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
        assertFocusOn(tablet, "PHIẾU TÍN NHIỆM");
        for (int c = 1; c <= CANDIDATES; c++) {
            tablet.click("#kiosk-candidate-" + c + " .kiosk-choice[data-level='MEDIUM']");
        }
        tablet.click("#kiosk-review");
        tablet.waitForText("#kiosk-content", "Xem lại phiếu");
        assertFocusOn(tablet, "Xem lại phiếu");
        tablet.click("#kiosk-confirm");
        // Sealed in the page and committed: the voter casts it.
        tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
        tablet.click("#kiosk-cast");
        tablet.waitForText("#kiosk-content", "Phiếu của bạn đã được ghi nhận");
        assertFocusOn(tablet, "Phiếu của bạn đã được ghi nhận");
        return tablet.find("#kiosk-tracking-code").getAttribute("aria-label");
    }

    /** The focused element is the screen's heading (an H1 that takes focus from script only). */
    private static void assertFocusOn(Browser tablet, String heading) {
        String script = "const a = document.activeElement; return a ? a.localName + ' ' + a.id + ' ' + a.textContent : ''";
        try {
            new WebDriverWait((WebDriver) tablet.driver(), Duration.ofSeconds(5), Duration.ofMillis(100))
                    .until(d -> String.valueOf(tablet.script(script)).equals("h1  " + heading));
        } catch (org.openqa.selenium.TimeoutException e) {
            // Said below, with what has the focus instead.
        }
        assertThat(String.valueOf(tablet.script(script))).as("the focused element").isEqualTo("h1  " + heading);
        assertThat(tablet.script("return document.activeElement.getAttribute('tabindex')")).isEqualTo("-1");
    }

    private static int secondsLeft(Browser tablet) {
        Matcher m = SECONDS_LEFT.matcher(tablet.find("#kiosk-done-countdown").getText());
        assertThat(m.find()).as("the countdown's seconds").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void scan(Browser tablet, String code) {
        tablet.type("#kiosk-scanner-field", code);
        tablet.click("#kiosk-scanner-submit");
    }

    private static String fieldError(Browser tablet) {
        var field = tablet.find("#kiosk-scanner-field");
        return field.getAttribute("invalid") == null ? "" : String.valueOf(field.getDomProperty("errorMessage"));
    }

    private static String color(Browser tablet, String css) {
        return String.valueOf(tablet.script("return getComputedStyle(arguments[0]).color", tablet.find(css)));
    }

    private static double height(Browser tablet, String css) {
        return ((Number) tablet.script("return arguments[0].getBoundingClientRect().height", tablet.find(css)))
                .doubleValue();
    }

    /** Nothing of the voter on the page: no code, no ballot, no name, in the page's text. */
    private static void assertNothingOf(Browser tablet, VoteConferences.Open conference, String trackingCode) {
        tablet.waitForVaadin();
        String text = tablet.pageText();
        assertThat(text).doesNotContain(trackingCode, trackingCode.substring(0, 4) + "\n", "Phiếu của bạn đã được ghi nhận",
                "PHIẾU TÍN NHIỆM", "Xem lại phiếu", "giây", conference.candidates().getFirst());
        assertThat(tablet.findAll("#kiosk-tracking-code")).isEmpty();
    }

    private static Path shot(int width, int height, String name) {
        return Path.of("target", "screenshots", width + "x" + height, name + ".png");
    }
}
