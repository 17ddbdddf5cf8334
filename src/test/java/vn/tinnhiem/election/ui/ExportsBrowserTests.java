package vn.tinnhiem.election.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The download links as the organiser meets them: on the conference screen, the roll's import box and
 * the audit screen; each a finger-sized target whose address, fetched in the signed-in browser, returns
 * the file.
 */
@IntegrationTest
@Tag("browser")
class ExportsBrowserTests {

    /** "%PDF" and the "PK\3\4" that opens a zip (an .xlsx), in hex. */
    private static final String PDF = "25504446";
    private static final String ZIP = "504b0304";

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    Elections elections;

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void the_organiser_downloads_the_roll_the_template_and_the_audit_log(int width, int height) {
        String username = "exports." + width;
        long electionId;
        String oneTime;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            oneTime = accounts.create(username, "Phòng Nội vụ", Role.ADMIN).oneTimePassword();
            electionId = elections.createDemo().value();
        }
        try (var browser = new Browser("http://localhost:" + port, width, height)) {
            browser.open("/login");
            browser.type("vaadin-login-form vaadin-text-field[name='username']", username);
            browser.type("vaadin-login-form vaadin-password-field[name='password']", oneTime);
            browser.click("vaadin-login-form vaadin-button");
            browser.waitForPath("/password");
            browser.type("#current-password", oneTime);
            browser.type("#new-password", "mat-khau-xuat-2026");
            browser.type("#new-password-again", "mat-khau-xuat-2026");
            browser.click("#save-password");
            browser.waitForVaadin();

            browser.open("/elections/" + electionId);
            browser.click("#exports-menu vaadin-details-summary");
            assertFingerSized(browser.find("#export-ROLL-PDF"));
            assertFingerSized(browser.find("#export-BALLOT_PREVIEW-PDF"));
            browser.screenshot(Path.of("target", "screenshots", "exports", width + "x" + height + "-menu.png"));
            assertThat(fetch(browser, "#export-ROLL-PDF")).containsEntry("type", "application/pdf")
                    .containsEntry("start", PDF);
            assertThat(fetch(browser, "#export-CHECKLIST-XLSX")).containsEntry("start", ZIP);

            browser.clickTab("Người ghi phiếu");
            assertFingerSized(browser.find("#import-template-XLSX"));
            assertThat(fetch(browser, "#import-template-CSV")).containsEntry("start", "efbbbf53");

            browser.open("/audit");
            assertFingerSized(browser.find("#export-audit-PDF"));
            assertThat(fetch(browser, "#export-audit-PDF")).containsEntry("start", PDF);
        }
    }

    private static void assertFingerSized(WebElement link) {
        assertThat(link.getSize().getHeight()).as(link.getAttribute("id")).isGreaterThanOrEqualTo(44);
        assertThat(link.getSize().getWidth()).as(link.getAttribute("id")).isGreaterThanOrEqualTo(44);
    }

    /** Fetches the link's address with the browser's own session, as a click would: type and first bytes (hex). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetch(Browser browser, String css) {
        WebElement link = browser.find(css);
        return (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0].href, {credentials: 'same-origin'}).then(async r => {
                  const bytes = new Uint8Array(await r.arrayBuffer());
                  const start = Array.from(bytes.slice(0, 4)).map(b => b.toString(16).padStart(2, '0')).join('');
                  done({status: String(r.status), type: (r.headers.get('content-type') || '').split(';')[0],
                        start: start, size: String(bytes.length)});
                }).catch(e => done({error: String(e)}));
                """, link);
    }
}
