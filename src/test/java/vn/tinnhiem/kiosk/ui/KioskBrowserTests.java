package vn.tinnhiem.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.EnrollmentCode;
import vn.tinnhiem.kiosk.KioskConferences;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;

/**
 * A tablet's life as people see it: the organiser adds it and shows the QR, a fresh browser opens the
 * link and becomes the voting tablet, which no staff page lets in; the organiser revokes it and the open
 * kiosk page says so by itself within seconds. Each kiosk screen at a phone's and a tablet's sizes.
 */
@IntegrationTest
@Tag("browser")
class KioskBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;
    @Autowired
    KioskService kiosks;

    private String base() {
        return "http://localhost:" + port;
    }

    private static Path shot(int width, int height, String name) {
        return Path.of("target", "screenshots", width + "x" + height, name + ".png");
    }

    @ParameterizedTest(name = "kiosk at {0}x{1}")
    @CsvSource({"360, 640", "800, 1280", "1280, 800"})
    void an_admin_enrolls_a_tablet_by_its_qr_the_tablet_reaches_no_staff_page_and_revoking_it_shows_at_once(int width,
            int height) throws Exception {
        String admin = Staff.create(accounts, "kiosk-admin", Role.ADMIN);
        String title = "Hội nghị máy bảng " + UUID.randomUUID().toString().substring(0, 6);
        KioskConferences.open(elections, accounts, title);
        String name = "Bàn " + width + "-" + UUID.randomUUID().toString().substring(0, 4);

        try (var organiser = new Browser(base(), 360, 640); var tablet = new Browser(base(), width, height)) {
            Staff.signIn(organiser, admin);
            assertThat(organiser.find("#home-kiosks").getText()).contains("máy đã đăng ký");
            organiser.click("#home-kiosks-link");
            organiser.waitForPath("/kiosks");
            assertThat(organiser.find("#main-menu").getAttribute("textContent")).contains("Máy tính bảng");
            organiser.type("#kiosk-name", name);
            organiser.click("#kiosk-conference-choice");
            organiser.click(organiser.findAll("vaadin-select-item").stream().filter(i -> i.getText().contains(title))
                    .findFirst().orElseThrow());
            organiser.click("#add-kiosk");
            WebElement qr = organiser.find("#enrollment-qr");
            String url = organiser.find("#enrollment-url").getText().strip();
            assertThat(url).startsWith(base() + "/kiosk/enroll/").hasSize((base() + "/kiosk/enroll/").length() + 26);
            new WebDriverWait((WebDriver) organiser.driver(), Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(
                    organiser.script("return arguments[0].complete && arguments[0].naturalWidth > 0", qr)));
            // The QR on the screen reads back as the very link shown beneath it.
            var picture = ImageIO.read(new ByteArrayInputStream(qr.getScreenshotAs(OutputType.BYTES)));
            String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(picture)))).getText();
            assertThat(decoded).isEqualTo(url);
            PhoneLayout.assertFits(organiser, "the enrollment QR");
            organiser.screenshot(shot(360, 640, "kiosks-enrollment-qr"));
            organiser.click("#enrollment-done");
            organiser.waitForText("#kiosks", name);
            assertThat(card(organiser, name).getText()).contains("Chờ đăng ký");

            // A fresh browser (its own profile) opens the link: the voting tablet's idle screen.
            tablet.open(url.substring(base().length()));
            tablet.waitForPath("/kiosk");
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            assertThat(tablet.find("#kiosk-conference").getText()).isEqualTo(title);
            assertThat(tablet.find("#kiosk-notice").getText()).contains(name);
            assertThat(tablet.isShown("#kiosk-scan-area")).isTrue();
            assertKioskSized(tablet);
            tablet.screenshot(shot(width, height, "kiosk-idle"));

            // The larger-text toggle makes the text larger.
            double before = fontSize(tablet, ".kiosk-text");
            tablet.click("#kiosk-larger-text");
            assertThat(fontSize(tablet, ".kiosk-text")).isGreaterThan(before * 1.15);
            assertKioskSized(tablet);
            tablet.screenshot(shot(width, height, "kiosk-idle-larger"));
            tablet.click("#kiosk-larger-text");

            // The tablet's credential opens no staff page.
            for (String path : List.of("/elections", "/audit", "/kiosks", "/")) {
                tablet.open(path);
                tablet.waitForPath("/login");
                assertThat(tablet.pageText()).doesNotContain(title, name);
            }
            tablet.open("/kiosk");
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");

            organiser.open("/kiosks");
            assertThat(card(organiser, name).getText()).contains("Đã đăng ký", "liên lạc lần cuối");
            menu(organiser, name, "Thu hồi");
            organiser.find("#confirm-revoke");
            assertThat(tablet.isShown("#kiosk-idle")).as("nothing happens before the confirmation").isTrue();
            organiser.click(organiser.find("#confirm-revoke").findElement(By.cssSelector("[slot='confirm-button']")));
            organiser.waitForText("#kiosks", "Đã thu hồi");
            PhoneLayout.assertFits(organiser, "the tablets' list");
            organiser.screenshot(shot(360, 640, "kiosks-list"));
            long revokedAt = System.nanoTime();

            // The open kiosk page learns it by itself, without a reload.
            new WebDriverWait((WebDriver) tablet.driver(), Duration.ofSeconds(15)).until(d -> tablet.isShown("#kiosk-revoked"));
            long seconds = Duration.ofNanos(System.nanoTime() - revokedAt).toSeconds();
            assertThat(seconds).as("seconds until the kiosk page showed the revocation").isLessThanOrEqualTo(8);
            assertThat(tablet.find("#kiosk-content").getText()).contains("Máy này đã bị thu hồi");
            assertThat(tablet.isShown("#kiosk-idle")).isFalse();
            tablet.screenshot(shot(width, height, "kiosk-revoked"));
            tablet.open("/kiosk");
            tablet.waitForText("#kiosk-content", "Máy này đã bị thu hồi");
        }
    }

    @Test
    void a_signed_in_admin_is_no_kiosk_and_a_spent_code_says_so() {
        String admin = Staff.create(accounts, "kiosk-staff", Role.ADMIN);
        ElectionId conference = KioskConferences.open(elections, accounts, "Hội nghị quản trị " + UUID.randomUUID());
        EnrollmentCode code;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            code = kiosks.add("Bàn đã dùng", conference);
        }
        kiosks.enroll(code.code());
        try (var browser = new Browser(base(), 360, 640)) {
            Staff.signIn(browser, admin);
            browser.open("/kiosk");
            browser.waitForText("#kiosk-content", "Máy này chưa được đăng ký làm máy bỏ phiếu");
            assertThat(browser.isShown("#kiosk-idle")).isFalse();
            assertThat(browser.pageText()).doesNotContain("Quét mã phiếu");
            PhoneLayout.assertFits(browser, "the kiosk page, not enrolled");
            browser.screenshot(shot(360, 640, "kiosk-not-enrolled"));

            browser.open(code.path());
            browser.waitForPath("/kiosk");
            browser.waitForText("#kiosk-notice", "Mã đăng ký này đã được dùng");
            browser.waitForText("#kiosk-content", "Máy này chưa được đăng ký làm máy bỏ phiếu");
        }
    }

    @Test
    void a_tablet_enrolled_by_its_typed_code_waits_for_the_polls_and_follows_them_opening_and_closing_by_itself() {
        ElectionId conference = KioskConferences.ready(elections, accounts, "Hội nghị chờ mở " + UUID.randomUUID());
        EnrollmentCode code;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            code = kiosks.add("Bàn chờ", conference);
        }
        try (var tablet = new Browser(base(), 800, 1280)) {
            // Enrolled by typing the code on the kiosk page (an iPad's Home Screen app has no other way).
            tablet.open("/kiosk");
            tablet.waitForText("#kiosk-content", "Máy này chưa được đăng ký");
            tablet.screenshot(shot(800, 1280, "kiosk-not-enrolled"));
            tablet.type("#kiosk-enroll-code", code.code().toUpperCase(java.util.Locale.ROOT));
            tablet.click("#kiosk-enroll");
            tablet.waitForText("#kiosk-content", "Cuộc bỏ phiếu chưa mở");
            assertThat(tablet.find("#kiosk-notice").getText()).contains("Bàn chờ");
            tablet.screenshot(shot(800, 1280, "kiosk-not-open"));
            String teller;
            try (var organiser = Acting.as("organiser", "ADMIN")) {
                teller = elections.tallyBoard().tellers(conference).getFirst().account().orElseThrow();
            }
            try (var board = Acting.as(teller, "TELLER")) {
                elections.milestones().recordKeyMade(conference, "e5".repeat(32));
                elections.lifecycle().moveTo(conference, vn.tinnhiem.election.ElectionStatus.OPEN);
            }
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            KioskConferences.close(elections, conference);
            tablet.waitForText("#kiosk-content", "Cuộc bỏ phiếu đã kết thúc");
            tablet.screenshot(shot(800, 1280, "kiosk-closed"));
            // The voter's language: English at a tap, Vietnamese first.
            tablet.click(".kiosk-header #language");
            tablet.click(tablet.findAll("vaadin-select-item").stream().filter(i -> i.getText().contains("English"))
                    .findFirst().orElseThrow());
            tablet.waitForText("#kiosk-content", "The polls are closed");
            assertThat(tablet.find("#kiosk-larger-text").getText()).isEqualTo("Larger text");
        }
    }

    @Test
    void chromium_finds_the_kiosk_page_installable_as_its_own_full_screen_app() {
        try (var tablet = new Browser(base(), 800, 1280)) {
            tablet.open("/kiosk");
            var chrome = (org.openqa.selenium.chrome.ChromeDriver) tablet.driver();
            @SuppressWarnings("unchecked")
            var manifest = (Map<String, Object>) new WebDriverWait(chrome, Duration.ofSeconds(10)).until(d -> {
                var m = chrome.executeCdpCommand("Page.getAppManifest", Map.of());
                return m.get("data") == null || m.get("data").toString().isEmpty() ? null : m;
            });
            assertThat(manifest.get("url").toString()).endsWith("/kiosk/manifest.webmanifest");
            assertThat((List<?>) manifest.get("errors")).isEmpty();
            @SuppressWarnings("unchecked")
            var parsed = (Map<String, Object>) chrome.executeCdpCommand("Page.getAppManifest", Map.of()).get("manifest");
            assertThat(parsed).as("the manifest as Chromium parsed it").isNotNull();
            assertThat(parsed.get("startUrl").toString()).endsWith("/kiosk");
            // Chromium names it after its enum: kFullscreen.
            assertThat(parsed.get("display").toString()).endsWithIgnoringCase("fullscreen");
            @SuppressWarnings("unchecked")
            var installability = (List<Map<String, Object>>) chrome.executeCdpCommand("Page.getInstallabilityErrors",
                    Map.of()).get("installabilityErrors");
            assertThat(installability).as("Chromium's reasons the kiosk could not be installed").isEmpty();
        }
    }

    /** Body text of at least 18 px, targets of at least 48 px, nothing wider than the screen. */
    private static void assertKioskSized(Browser tablet) {
        assertThat(fontSize(tablet, ".kiosk-text")).isGreaterThanOrEqualTo(18);
        @SuppressWarnings("unchecked")
        var small = (List<String>) tablet.script("""
                return Array.from(document.querySelectorAll('.kiosk vaadin-button, .kiosk vaadin-select'))
                  .map(e => { const r = (e.shadowRoot && e.shadowRoot.querySelector('[part=input-field]') || e)
                      .getBoundingClientRect(); return [e.id || e.localName, r.width, r.height]; })
                  .filter(([id, w, h]) => w < 48 || h < 48).map(x => x.join(' '));""");
        assertThat(small).as("kiosk targets smaller than 48 px").isEmpty();
        @SuppressWarnings("unchecked")
        var cut = (List<String>) tablet.script("""
                return Array.from(document.querySelectorAll('.kiosk vaadin-button, .kiosk vaadin-select, .kiosk-title'))
                  .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth + 0.5; })
                  .map(e => e.id || e.localName);""");
        assertThat(cut).as("kiosk controls cut by the screen's edge").isEmpty();
        PhoneLayout.assertFits(tablet, "the kiosk's idle screen");
    }

    private static double fontSize(Browser browser, String css) {
        return ((Number) browser.script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", browser.find(css)))
                .doubleValue();
    }

    private static WebElement card(Browser browser, String name) {
        return browser.find(".kiosk-card[data-kiosk='" + name + "']");
    }

    /** Opens a tablet's "⋮" menu and taps one of its items. */
    private static void menu(Browser browser, String name, String item) {
        WebElement button = card(browser, name).findElements(By.cssSelector("vaadin-menu-bar-button")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElseThrow();
        browser.click(button);
        WebElement entry = new WebDriverWait((WebDriver) browser.driver(), Duration.ofSeconds(10)).until(d -> d.findElements(
                By.xpath("//*[self::vaadin-menu-bar-item or self::vaadin-context-menu-item][normalize-space()='" + item + "']"))
                .stream().filter(i -> ((Map<?, ?>) browser.script("const r = arguments[0].getBoundingClientRect();"
                        + " return {h: r.height};", i)).get("h") instanceof Number h && h.doubleValue() > 0)
                .findFirst().orElse(null));
        // The phone's menu is a sheet that slides up: tap it once it stands still.
        new WebDriverWait((WebDriver) browser.driver(), Duration.ofSeconds(5)).until(d -> {
            Object top = browser.script("return arguments[0].getBoundingClientRect().top", entry);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return top.equals(browser.script("return arguments[0].getBoundingClientRect().top", entry));
        });
        new org.openqa.selenium.interactions.Actions((WebDriver) browser.driver()).moveToElement(entry).click().perform();
        browser.waitForVaadin();
    }
}
