package vn.tinnhiem.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.KioskConferences;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.CameraTest;
import vn.tinnhiem.support.FakeCamera;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.token.TokenService;

/**
 * A voter's turn on an enrolled tablet, in a real browser against the real casting service and MariaDB: the
 * printed card read by the camera (Chromium's fake camera showing the card cut from the PDF sheet) or typed,
 * the ballot, the review, the confirmation, the tracking code, and the tablet ready for the next voter; each
 * refusal at the scan; the idle reset; a double tap; the back button after "done".
 */
@IntegrationTest
@Tag("browser")
class KioskVotingBrowserTests {

    private static final int CANDIDATES = 13;

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
    @Autowired
    DSLContext db;

    private static VoteConferences.Open shared;

    private String base() {
        return "http://localhost:" + port;
    }

    private VoteConferences conferences() {
        return new VoteConferences(elections, accounts, ceremonies, tokens, kiosks);
    }

    /** One OPEN conference of 13 candidates for the tests that need no conference of their own. */
    private synchronized VoteConferences.Open conference() {
        if (shared == null) {
            shared = conferences().open(CANDIDATES, BallotKind.THREE_LEVEL);
        }
        return shared;
    }

    @AfterEach
    void defaultTimeouts() {
        timeouts.reset();
    }

    private int ballots(long conference) {
        return db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(conference));
    }

    private int spent(VoteConferences.Open conference) {
        try (var organiser = vn.tinnhiem.support.Acting.as("organiser", "ADMIN")) {
            return tokens.counts(conference.id()).spent();
        }
    }

    private static Path shot(int width, int height, String name) {
        return Path.of("target", "screenshots", width + "x" + height, name + ".png");
    }

    @CameraTest
    @ParameterizedTest(name = "camera vote at {0}x{1}")
    @CsvSource({"360, 640", "800, 1280", "1280, 800"})
    void a_voter_shows_the_printed_card_to_the_camera_marks_everyone_confirms_and_no_way_back_shows_the_vote(
            int width, int height) throws Exception {
        VoteConferences.Open conference = conference();
        VoteConferences.Sheet sheet = conferences().print(conference.id(), 2);
        BufferedImage card = firstCardsQr(sheet.pdf());
        String qr = read(card);
        assertThat(qr).as("the QR cut from the sheet is the sheet's first card").isEqualTo(Pdfs.qrText(sheet.pdf(), 0))
                .startsWith("TN1V:");
        conferences().activate(conference, List.of(qr));
        int before = ballots(conference.id().value());

        try (var tablet = Browser.withCamera(base(), width, height, FakeCamera.showing(card))) {
            conferences().enroll(tablet, conference.id());
            // The camera reads the card by itself: the ballot opens.
            tablet.waitForCameraRead("the ballot to open", Duration.ofSeconds(60), () -> tablet.isShown("#kiosk-ballot"));
            assertThat(tablet.find("#kiosk-ballot").getText()).contains("PHIẾU TÍN NHIỆM", conference.title(),
                    "STT 1.", conference.candidates().getFirst(), "Phó Chủ tịch UBND xã 1", "Tín nhiệm cao", "Tín nhiệm",
                    "Tín nhiệm thấp");
            assertThat(tablet.findAll(".kiosk-candidate")).hasSize(CANDIDATES);
            assertThat(tablet.find("#kiosk-counter").getText()).isEqualTo("Đã chọn 0/13");
            assertKioskSized(tablet, "the ballot");
            tablet.screenshot(shot(width, height, "kiosk-ballot"));

            // Every candidate marked; a tap on the chosen level clears it, another level replaces it.
            choose(tablet, 1, "HIGH");
            assertThat(pressed(tablet, 1)).containsExactly("HIGH");
            choose(tablet, 1, "HIGH");
            assertThat(pressed(tablet, 1)).isEmpty();
            assertThat(tablet.find("#kiosk-counter").getText()).isEqualTo("Đã chọn 0/13");
            choose(tablet, 1, "MEDIUM");
            choose(tablet, 1, "LOW");
            assertThat(pressed(tablet, 1)).containsExactly("LOW");
            for (int c = 2; c <= CANDIDATES; c++) {
                choose(tablet, c, List.of("HIGH", "MEDIUM", "LOW").get(c % 3));
            }
            assertThat(tablet.find("#kiosk-counter").getText()).isEqualTo("Đã chọn 13/13");
            // The larger text works on the ballot too.
            double text = fontSize(tablet, ".kiosk-candidate-name");
            tablet.click("#kiosk-larger-text");
            assertThat(fontSize(tablet, ".kiosk-candidate-name")).isGreaterThan(text * 1.15);
            assertKioskSized(tablet, "the ballot in larger text");
            tablet.click("#kiosk-larger-text");

            tablet.click("#kiosk-review");
            tablet.waitForText("#kiosk-content", "Xem lại phiếu");
            String review = tablet.find("#kiosk-review").getText();
            assertThat(review).contains(conference.candidates().getFirst(), "Tín nhiệm thấp", "Xác nhận bỏ phiếu", "Sửa lại")
                    .doesNotContain("không hợp lệ");
            assertThat(tablet.find("#kiosk-review-4").getText()).contains("Tín nhiệm").doesNotContain("cao", "thấp");
            assertKioskSized(tablet, "the review");
            tablet.screenshot(shot(width, height, "kiosk-review"));

            tablet.click("#kiosk-confirm");
            // Sealed in the page and committed: its tracking code, "Bỏ phiếu" and the plainly secondary check.
            tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
            String sealedCode = tablet.find("#kiosk-sealed-code").getAttribute("aria-label");
            assertThat(tablet.find("#kiosk-committed").getText()).contains("Bỏ phiếu", "Kiểm tra máy",
                    "không được tính");
            assertKioskSized(tablet, "cast or check");
            tablet.screenshot(shot(width, height, "kiosk-cast-or-check"));
            tablet.click("#kiosk-cast");
            tablet.waitForText("#kiosk-content", "Phiếu của bạn đã được ghi nhận");
            String code = tablet.find("#kiosk-tracking-code").getAttribute("aria-label");
            assertThat(code).as("the code cast is the code sealed").isEqualTo(sealedCode);
            assertThat(code).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
            assertThat(tablet.find("#kiosk-tracking-code").getText().replaceAll("\\s+", "-")).isEqualTo(code);
            assertThat(ballots(conference.id().value())).as("ballots stored").isEqualTo(before + 1);
            assertKioskSized(tablet, "done");
            tablet.screenshot(shot(width, height, "kiosk-done"));

            // The back button shows nothing of this voter, nor does coming forward again or a reload.
            var driver = (WebDriver) tablet.driver();
            driver.navigate().back();
            assertNothingOf(tablet, conference, code);
            driver.navigate().forward();
            tablet.waitForVaadin();
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            assertNothingOf(tablet, conference, code);
            driver.navigate().refresh();
            tablet.waitForVaadin();
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            assertNothingOf(tablet, conference, code);
            assertKioskSized(tablet, "idle");
            tablet.screenshot(shot(width, height, "kiosk-idle-scanner"));
            // The camera, jsQR and the whole voting path under the app's Content-Security-Policy.
            assertThat(tablet.cspViolations()).as("Content-Security-Policy violations").isEmpty();
        }
    }

    @Test
    void a_typed_code_votes_a_blank_is_called_out_changing_keeps_the_marks_and_a_double_tap_casts_once() {
        VoteConferences.Open conference = conference();
        String code = conferences().activated(conference, 1).getFirst();
        int before = ballots(conference.id().value());
        try (var tablet = new Browser(base(), 360, 640)) {
            conferences().enroll(tablet, conference.id());
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            tablet.type("#kiosk-scanner-field", code.toLowerCase(java.util.Locale.ROOT));
            tablet.click("#kiosk-scanner-submit");
            tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
            for (int c = 1; c < CANDIDATES; c++) {
                choose(tablet, c, "MEDIUM");
            }
            tablet.click("#kiosk-review");
            String last = conference.candidates().getLast();
            assertThat(tablet.find("#kiosk-review-" + CANDIDATES).getText())
                    .contains("phiếu đối với ông/bà " + last + " sẽ không hợp lệ");
            assertThat(tablet.find("#kiosk-review-blanks").getText()).contains("Còn 1 người chưa chọn mức");
            assertThat(tablet.find("#kiosk-review-1").getText()).doesNotContain("không hợp lệ");
            tablet.screenshot(shot(360, 640, "kiosk-review-blank"));

            tablet.click("#kiosk-edit");
            tablet.waitForText("#kiosk-counter", "Đã chọn 12/13");
            assertThat(pressed(tablet, 5)).containsExactly("MEDIUM");
            choose(tablet, CANDIDATES, "HIGH");
            tablet.click("#kiosk-review");
            assertThat(tablet.find("#kiosk-review").getText()).doesNotContain("không hợp lệ");

            // Two taps as fast as a finger can: one ballot.
            WebElement confirm = tablet.find("#kiosk-confirm");
            tablet.script("arguments[0].click(); arguments[0].click();", confirm);
            tablet.waitForVaadin();
            tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
            // And on "Bỏ phiếu" too.
            WebElement cast = tablet.find("#kiosk-cast");
            tablet.script("arguments[0].click(); arguments[0].click();", cast);
            tablet.waitForVaadin();
            tablet.waitForText("#kiosk-content", "Phiếu của bạn đã được ghi nhận");
            assertThat(ballots(conference.id().value())).isEqualTo(before + 1);
            String trackingCode = tablet.find("#kiosk-tracking-code").getAttribute("aria-label");

            // A second tab on the same tablet starts at the scan screen, with nothing of this voter.
            var driver = (WebDriver) tablet.driver();
            String first = driver.getWindowHandle();
            driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            tablet.open("/kiosk");
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            assertNothingOf(tablet, conference, trackingCode);
            driver.close();
            driver.switchTo().window(first);

            // The tablet is ready for the next voter; the spent card is refused there.
            tablet.click("#kiosk-finish");
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            assertThat(tablet.find("#kiosk-scanner-field input").getDomProperty("value")).isEmpty();
            scan(tablet, code);
            assertThat(fieldError(tablet)).contains("Thẻ này đã được dùng để bỏ phiếu");
            assertThat(ballots(conference.id().value())).isEqualTo(before + 1);
        }
    }

    @Test
    void each_refused_card_says_at_the_field_what_happened_and_what_to_do() {
        VoteConferences.Open conference = conference();
        String printedOnly = conferences().print(conference.id(), 1).codes().getFirst();
        ElectionId other = KioskConferences.ready(elections, accounts, "Hội nghị khác " + System.nanoTime());
        String othersCard = conferences().print(other, 1).codes().getFirst();
        String unknown = "TN-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-234";
        int before = ballots(conference.id().value());
        try (var tablet = new Browser(base(), 360, 640)) {
            conferences().enroll(tablet, conference.id());
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            scan(tablet, unknown);
            assertThat(fieldError(tablet)).isEqualTo(message("voting.refuse.unknownCode"));
            assertThat(tablet.isShown("#kiosk-idle")).isTrue();
            assertThat(fontSize(tablet, "#kiosk-scanner-field [slot=error-message]")).isGreaterThanOrEqualTo(18);
            PhoneLayout.assertFits(tablet, "a refusal at the scan");
            tablet.screenshot(shot(360, 640, "kiosk-refused-unknown"));
            scan(tablet, printedOnly);
            assertThat(fieldError(tablet)).isEqualTo(message("voting.refuse.notActivated"));
            scan(tablet, othersCard);
            assertThat(fieldError(tablet)).isEqualTo(message("voting.refuse.otherConference"));
            assertThat(tablet.isShown("#kiosk-ballot")).isFalse();
        }
        try (var stranger = new Browser(base(), 360, 640)) {
            stranger.open("/kiosk");
            stranger.waitForText("#kiosk-content", "Máy này chưa được đăng ký làm máy bỏ phiếu");
            assertThat(stranger.findAll("#kiosk-scanner")).isEmpty();
        }
        assertThat(ballots(conference.id().value())).isEqualTo(before);
    }

    @Test
    void polls_closed_while_a_voter_reviews_refuse_the_cast_and_the_card_stays_unspent() {
        VoteConferences.Open conference = conferences().open(2, BallotKind.TWO_LEVEL);
        String code = conferences().activated(conference, 1).getFirst();
        try (var tablet = new Browser(base(), 800, 1280)) {
            conferences().enroll(tablet, conference.id());
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            scan(tablet, code);
            tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
            // A two-level ballot: two choices per candidate.
            assertThat(tablet.find("#kiosk-candidate-1").getText()).contains("Tín nhiệm", "Không tín nhiệm")
                    .doesNotContain("Tín nhiệm cao");
            assertThat(tablet.findAll("#kiosk-candidate-1 .kiosk-choice")).hasSize(2);
            choose(tablet, 1, "CONFIDENCE");
            choose(tablet, 2, "NO_CONFIDENCE");
            tablet.click("#kiosk-review");
            conferences().close(conference);
            tablet.click("#kiosk-confirm");
            tablet.waitForText("#kiosk-content", "Phiếu chưa được ghi");
            assertThat(tablet.find("#kiosk-refused-text").getText()).isEqualTo(message("voting.refuse.pollsNotOpen"));
            assertThat(ballots(conference.id().value())).isZero();
            assertThat(spent(conference)).isZero();
            tablet.click("#kiosk-finish");
            tablet.waitForText("#kiosk-content", "Cuộc bỏ phiếu đã kết thúc");
        }
    }

    @Test
    void an_untouched_ballot_warns_then_resets_to_idle_and_the_card_still_votes() throws Exception {
        timeouts.set(2, 2, 3);
        VoteConferences.Open conference = conference();
        String code = conferences().activated(conference, 1).getFirst();
        try (var tablet = new Browser(base(), 360, 640)) {
            conferences().enroll(tablet, conference.id());
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            scan(tablet, code);
            tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
            choose(tablet, 1, "HIGH");
            var wait = new WebDriverWait((WebDriver) tablet.driver(), Duration.ofSeconds(10));
            wait.until(d -> tablet.isShown("#kiosk-idle-warning"));
            assertThat(tablet.find("#kiosk-idle-warning").getText()).contains("Bạn vẫn đang bỏ phiếu?", "giây", "Tiếp tục");
            PhoneLayout.assertFits(tablet, "the idle warning");
            tablet.screenshot(shot(360, 640, "kiosk-idle-warning"));
            tablet.click("#kiosk-continue");
            assertThat(tablet.isShown("#kiosk-idle-warning")).isFalse();
            assertThat(pressed(tablet, 1)).containsExactly("HIGH");

            // Left alone: the warning, then the unfinished ballot is gone.
            wait.until(d -> tablet.isShown("#kiosk-idle-warning"));
            wait.until(d -> tablet.isShown("#kiosk-idle"));
            assertThat(tablet.isShown("#kiosk-idle-warning")).isFalse();
            assertThat(tablet.pageText()).doesNotContain(conference.candidates().getFirst(), "Đã chọn");
            assertThat(spent(conference)).isEqualTo(ballots(conference.id().value()));

            // The card was not spent: it opens a fresh ballot.
            scan(tablet, code);
            tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
            assertThat(tablet.find("#kiosk-counter").getText()).isEqualTo("Đã chọn 0/13");
            assertThat(pressed(tablet, 1)).isEmpty();

            // Voted: "done" goes back to the scan screen by itself.
            for (int c = 1; c <= CANDIDATES; c++) {
                choose(tablet, c, "HIGH");
            }
            tablet.click("#kiosk-review");
            tablet.click("#kiosk-confirm");
            // Sealed in the page and committed: the voter casts it.
            tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
            tablet.click("#kiosk-cast");
            tablet.waitForText("#kiosk-content", "Phiếu của bạn đã được ghi nhận");
            String trackingCode = tablet.find("#kiosk-tracking-code").getAttribute("aria-label");
            wait.until(d -> tablet.isShown("#kiosk-idle"));
            assertNothingOf(tablet, conference, trackingCode);
        }
    }

    @Test
    void the_kiosk_page_weight_and_time_until_the_scan_screen_is_ready() throws Exception {
        VoteConferences.Open conference = conference();
        StringBuilder report = new StringBuilder();
        try (var tablet = new Browser(base(), 800, 1280)) {
            conferences().enroll(tablet, conference.id());
            report.append("first open (empty cache, with the enrollment redirect): ").append(scanReady(tablet)).append('\n');
            ((WebDriver) tablet.driver()).navigate().refresh();
            report.append("reload (cached): ").append(scanReady(tablet)).append('\n');
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "kiosk-page-performance.txt"), report);
        System.out.println("Kiosk page:\n" + report);
    }

    /** Bytes transferred and milliseconds from the navigation's start until the scan field shows. */
    @SuppressWarnings("unchecked")
    private static String scanReady(Browser tablet) {
        var result = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) tablet.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const ready = () => {
                  const f = document.querySelector('#kiosk-scanner-field');
                  return f && f.offsetHeight > 0 && document.querySelector('#kiosk-idle');
                };
                const check = () => {
                  if (!ready()) { requestAnimationFrame(check); return; }
                  const t = performance.now();
                  const nav = performance.getEntriesByType('navigation')[0];
                  const res = performance.getEntriesByType('resource').filter(r => r.startTime <= t);
                  const bytes = (nav ? nav.transferSize : 0) + res.reduce((s, r) => s + r.transferSize, 0);
                  const decoded = (nav ? nav.decodedBodySize : 0) + res.reduce((s, r) => s + r.decodedBodySize, 0);
                  done({ms: Math.round(t), bytes: bytes, decoded: decoded, requests: res.length + 1});
                };
                check();""");
        assertThat(((Number) result.get("ms")).longValue()).isPositive();
        return result.get("bytes") + " bytes transferred (" + result.get("decoded") + " bytes decoded) in "
                + result.get("requests") + " requests, scan screen ready after " + result.get("ms") + " ms";
    }

    // ---- helpers

    /** The Vietnamese text of a message key, as the voter reads it. */
    private static String message(String key) {
        var bundle = new java.util.Properties();
        try (var in = KioskVotingBrowserTests.class.getResourceAsStream("/i18n/messages.properties")) {
            bundle.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.text.MessageFormat.format(bundle.getProperty(key), 0);
    }

    private static void scan(Browser tablet, String code) {
        tablet.type("#kiosk-scanner-field", code);
        tablet.click("#kiosk-scanner-submit");
    }

    private static String fieldError(Browser tablet) {
        var field = tablet.find("#kiosk-scanner-field");
        return field.getAttribute("invalid") == null ? "" : field.getDomProperty("errorMessage");
    }

    private static void choose(Browser tablet, int order, String level) {
        tablet.click("#kiosk-candidate-" + order + " .kiosk-choice[data-level='" + level + "']");
    }

    private static List<String> pressed(Browser tablet, int order) {
        return tablet.findAll("#kiosk-candidate-" + order + " .kiosk-choice[aria-pressed='true']").stream()
                .map(b -> b.getAttribute("data-level")).toList();
    }

    private static void assertNothingOf(Browser tablet, VoteConferences.Open conference, String trackingCode) {
        try {
            Thread.sleep(700);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String text = tablet.pageText();
        assertThat(text).doesNotContain(trackingCode, trackingCode.substring(0, 4) + "\n", "Phiếu của bạn đã được ghi nhận",
                "PHIẾU TÍN NHIỆM", "Xem lại phiếu", conference.candidates().getFirst());
    }

    private static double fontSize(Browser browser, String css) {
        return ((Number) browser.script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", browser.find(css)))
                .doubleValue();
    }

    /** Body text of at least 18 px, kiosk targets of at least 48 px, nothing wider than the screen. */
    private static void assertKioskSized(Browser tablet, String screen) {
        @SuppressWarnings("unchecked")
        var small = (List<String>) tablet.script("""
                return Array.from(document.querySelectorAll('.kiosk vaadin-button, .kiosk vaadin-select, .kiosk vaadin-text-field'))
                  .filter(e => e.offsetParent !== null)
                  .map(e => { const r = (e.shadowRoot && e.shadowRoot.querySelector('[part=input-field]') || e)
                      .getBoundingClientRect(); return [e.id || e.className || e.localName, r.width, r.height]; })
                  .filter(([id, w, h]) => w < 48 || h < 48).map(x => x.join(' '));""");
        assertThat(small).as("kiosk targets smaller than 48 px on %s", screen).isEmpty();
        @SuppressWarnings("unchecked")
        var tiny = (List<String>) tablet.script("""
                const out = [];
                const walker = document.createTreeWalker(document.querySelector('#kiosk-content'), NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  if (!n.textContent.trim() || !n.parentElement || n.parentElement.offsetParent === null) continue;
                  const size = parseFloat(getComputedStyle(n.parentElement).fontSize);
                  if (size < 18) out.push(n.textContent.trim().substring(0, 30) + ' ' + size + 'px');
                }
                return out;""");
        assertThat(tiny).as("text under 18 px on %s", screen).isEmpty();
        PhoneLayout.assertFits(tablet, screen);
    }

    /** Renders the card sheet's first page and cuts out its first QR code (top left), as a voter holds it up. */
    private static BufferedImage firstCardsQr(byte[] pdf) throws IOException {
        BufferedImage page;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            page = new PDFRenderer(doc).renderImageWithDPI(0, 150);
        }
        var hints = new EnumMap<DecodeHintType, Object>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        Result[] found;
        try {
            found = new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(page))), hints);
        } catch (com.google.zxing.NotFoundException e) {
            throw new AssertionError("no QR code on the card sheet", e);
        }
        Result first = java.util.Arrays.stream(found).min(Comparator.comparingDouble(
                (Result r) -> Math.round(minY(r) / 50)).thenComparingDouble(KioskVotingBrowserTests::minX)).orElseThrow();
        double minX = minX(first), minY = minY(first);
        double maxX = java.util.Arrays.stream(first.getResultPoints()).mapToDouble(ResultPoint::getX).max().orElseThrow();
        double maxY = java.util.Arrays.stream(first.getResultPoints()).mapToDouble(ResultPoint::getY).max().orElseThrow();
        // The points are the finder patterns' centres: add their half width and a quiet zone around.
        double margin = Math.max(maxX - minX, maxY - minY) * 0.35;
        int x = (int) Math.max(0, minX - margin), y = (int) Math.max(0, minY - margin);
        int w = (int) Math.min(page.getWidth() - x, maxX - minX + 2 * margin);
        int h = (int) Math.min(page.getHeight() - y, maxY - minY + 2 * margin);
        return page.getSubimage(x, y, w, h);
    }

    private static double minX(Result r) {
        return java.util.Arrays.stream(r.getResultPoints()).mapToDouble(ResultPoint::getX).min().orElseThrow();
    }

    private static double minY(Result r) {
        return java.util.Arrays.stream(r.getResultPoints()).mapToDouble(ResultPoint::getY).min().orElseThrow();
    }

    private static String read(BufferedImage image) {
        try {
            return new com.google.zxing.qrcode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image)))).getText();
        } catch (com.google.zxing.ReaderException e) {
            throw new AssertionError("the cut-out card does not read", e);
        }
    }
}
