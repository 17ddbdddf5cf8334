package vn.tinnhiem.ceremony.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.ceremony.CeremonyStage;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.CameraTest;
import vn.tinnhiem.support.Cards;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.FakeCamera;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;

/**
 * The key ceremony at the console as the organiser and three tellers (k = 2) run it: each card printed once as
 * a PDF whose QR code holds a share that verifies, one card behind a passphrase, wrong cards refused at the
 * field in words, and the polls refused before the ceremony and opened by the board after it.
 */
@IntegrationTest
@Tag("browser")
class CeremonyBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;
    @Autowired
    CeremonyService ceremonies;

    private static final String PASSPHRASE = "hoa sen nở giữa hồ 2026";

    // A camera test for its desktop size (the console reads the third card from the camera).
    @CameraTest
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void three_tellers_make_the_key_print_their_cards_check_them_back_and_the_board_opens_the_polls(int width,
            int height) throws InterruptedException {
        String organiser = Staff.create(accounts, "ceremony.admin", Role.ADMIN);
        ElectionId id = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, Conferences.uniqueTitle("Lễ tạo khóa"),
                ElectionStatus.DRAFT);
        List<String> tellers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (var admin = Acting.as("organiser", "ADMIN")) {
            while (elections.tallyBoard().tellers(id).size() > 3) {
                elections.tallyBoard().removeTeller(id, elections.tallyBoard().tellers(id).getLast().id());
            }
            elections.tallyBoard().setThreshold(id, 2);
            for (var seat : elections.tallyBoard().tellers(id)) {
                String username = Staff.create(accounts, "ceremony.teller" + seat.seat(), Role.TELLER);
                tellers.add(username);
                names.add(seat.fullName());
                elections.tallyBoard().setSeatAccount(id, seat.id(), Optional.of(username));
            }
            elections.lifecycle().moveTo(id, ElectionStatus.READY);
        }
        ElectionId other = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, Conferences.uniqueTitle("Hội nghị khác"),
                ElectionStatus.READY);
        String otherCard;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            ceremonies.start(other);
            otherCard = Cards.issueToNewTeller(accounts, elections, ceremonies, other, 1);
        }
        Path shots = Path.of("target", "screenshots", "ceremony", width + "x" + height);

        String base = "http://localhost:" + port;
        List<String> cards = new ArrayList<>();
        try (var browser = new Browser(base, width, height)) {
            // Before the ceremony the board cannot open the polls; and a teller reaches no other board.
            Staff.signIn(browser, tellers.get(0));
            browser.open("/board/" + id);
            browser.find("#step-open");
            assertThat(browser.find("#step-open").getText()).contains("khóa bầu cử");
            assertThat(browser.isShown("#to-open")).isFalse();
            browser.open("/board/" + other);
            browser.find("#access-denied");
        }
        try (var browser = new Browser(base, width, height)) {
            Staff.signIn(browser, organiser);
            browser.open("/elections/" + id + "?tab=status");
            browser.click("#go-ceremony");
            browser.waitForPath("/ceremony/" + id);
            browser.click("#ceremony-start");
            browser.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            waitForStage(browser, "Đang in thẻ khóa");
            String hash = browser.find("#ceremony-manifest-hash").getText().replaceAll("\\s", "").toLowerCase();
            assertThat(hash).matches("[0-9a-f]{64}");
            assertThat(browser.find("#ceremony-fingerprint").getText()).matches("(\\d{4} ){7}\\d{4}");
            browser.script("document.querySelector('#ceremony-back').scrollIntoView()");
            PhoneLayout.assertFits(browser, "ceremony");
            browser.screenshot(shots.resolve("printing.png"));

            for (int seat = 1; seat <= 3; seat++) {
                browser.click("#seat-" + seat + "-print");
                // The seat's teller, at the console, confirms with their own account's password.
                browser.type("#print-holder-password", Staff.PASSWORD);
                if (seat == 2) {
                    browser.click("#print-protect");
                    browser.type("#print-passphrase", "ngắn");
                    browser.type("#print-again", "ngắn");
                    browser.click("#print-make");
                    assertThat(browser.find("#print-passphrase").getAttribute("invalid")).isNotNull();
                    browser.type("#print-holder-password", Staff.PASSWORD);
                    browser.type("#print-passphrase", PASSPHRASE);
                    browser.type("#print-again", PASSPHRASE);
                    if (width < 400) {
                        browser.screenshot(shots.resolve("passphrase.png"));
                    }
                }
                browser.click("#print-make");
                browser.find("#print-download");
                Map<String, Object> pdf = fetch(browser, "#print-download");
                assertThat(pdf).containsEntry("status", "200").containsEntry("type", "application/pdf");
                byte[] bytes = Base64.getDecoder().decode((String) pdf.get("base64"));
                String card = Pdfs.qrText(bytes, 0);
                assertThat(card).startsWith(ShareCards.PREFIX);
                assertThat(ShareCards.needsPassphrase(card)).isEqualTo(seat == 2);
                assertThat(Pdfs.read(bytes).text()).contains(names.get(seat - 1));
                assertThat(fetch(browser, "#print-download")).as("the card is served once").containsEntry("status", "410");
                cards.add(card);
                browser.click("#print-done");
                browser.waitForText("#seat-" + seat + "-state", "Đã in thẻ");
            }
            waitForStage(browser, "Đang kiểm tra thẻ");

            // Wrong cards, refused at the field in words.
            browser.click("#seat-1-check");
            checkCard(browser, otherCard);
            assertThat(browser.find("#check-card").getText()).contains("hội nghị khác");
            String corrupted = cards.get(0).substring(0, 30) + (cards.get(0).charAt(30) == 'A' ? 'B' : 'A')
                    + cards.get(0).substring(31);
            checkCard(browser, corrupted);
            assertThat(browser.find("#check-card").getText()).contains("nhóm thứ 7");
            checkCard(browser, cards.get(0));
            browser.waitForText("#seat-1-state", "hợp lệ");

            browser.click("#seat-2-check");
            browser.type("#check-passphrase", "không phải mật khẩu này");
            checkCard(browser, cards.get(1));
            assertThat(browser.find("#check-passphrase").getText()).contains("Sai mật khẩu");
            browser.type("#check-passphrase", PASSPHRASE);
            checkCard(browser, cards.get(1));
            browser.waitForText("#seat-2-state", "hợp lệ");

        }
        // At the console (a desktop) the third teller holds their card up to the camera. On a phone-sized screen
        // the camera inside the dialog does not read reliably here yet (see the closing note): typed there.
        boolean console = width >= 600;
        try (var browser = console ? Browser.withCamera(base, width, height, FakeCamera.qr(cards.get(2)))
                : new Browser(base, width, height)) {
            Staff.signIn(browser, organiser);
            browser.open("/ceremony/" + id);
            browser.click("#seat-3-check");
            if (!console) {
                checkCard(browser, cards.get(2));
            }
            // The camera's frames are decoded in the page (jsQR): on a loaded machine that
            // takes longer than a click, so this wait is longer than the others.
            browser.waitForCameraRead("the ceremony to complete", java.time.Duration.ofSeconds(60),
                    () -> Boolean.TRUE.equals(browser.script("return document.querySelector('#ceremony-complete') !== null")));
            waitForStage(browser, "Đã hoàn tất");
            browser.find("#ceremony-complete");
            browser.screenshot(shots.resolve("complete.png"));
        }
        try (var browser = new Browser(base, width, height)) {
            // After it, the head of the board opens the polls from the board's screen.
            Staff.signIn(browser, tellers.get(0));
            browser.open("/board/" + id);
            browser.click("#to-open");
            // Opening the polls asks first.
            browser.waitForText("#confirm-dialog", "Bắt đầu bỏ phiếu");
            browser.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("#board-status", "Đang bỏ phiếu");
        }
        try (var admin = Acting.as("organiser", "ADMIN")) {
            assertThat(elections.elections().find(id).orElseThrow().status()).isEqualTo(ElectionStatus.OPEN);
            assertThat(ceremonies.status(id).stage()).isEqualTo(CeremonyStage.COMPLETE);
            assertThat(ceremonies.status(id).manifestHash()).contains(
                    ceremonies.manifest(id).orElseThrow().hashHex());
        }
    }

    /** The stage sits at the top of the screen, which the steps below have scrolled away: look at it first. */
    private static void waitForStage(Browser browser, String stage) {
        browser.script("document.querySelector('#ceremony-stage').scrollIntoView({block: 'center'})");
        browser.waitForText("#ceremony-stage", stage);
    }

    private static void checkCard(Browser browser, String card) {
        browser.type("#check-card-field", card);
        browser.click("#check-card-submit");
    }

    /** Fetches the link's address with the browser's own session, as a click would: status, type and the bytes. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetch(Browser browser, String css) {
        return (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0].href, {credentials: 'same-origin'}).then(async r => {
                  const bytes = new Uint8Array(await r.arrayBuffer());
                  let binary = '';
                  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
                  done({status: String(r.status), type: (r.headers.get('content-type') || '').split(';')[0],
                        base64: btoa(binary)});
                }).catch(e => done({error: String(e)}));
                """, browser.find(css));
    }
}
