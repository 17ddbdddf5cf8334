package vn.tinnhiem.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Staff;

/**
 * One language at a time: the page says which it is in, Vaadin's own labels (the menu toggle, the password's
 * eye, the upload's buttons) speak it too, and a mistyped address shows the app's own not-found page with a
 * title, in that language, instead of an empty error.
 */
@IntegrationTest
@Tag("browser")
class OneLanguageBrowserTests {

    /** What Vaadin's components say when nobody translated them. */
    private static final List<String> VAADIN_ENGLISH = List.of("Toggle navigation panel", "Navigation panel",
            "Show password", "Remove", "Retry", "Start", "Drop file here", "Upload File...");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;

    /** Every accessible name and title the screen gives its controls, inside the components' shadow roots too. */
    @SuppressWarnings("unchecked")
    private static List<String> spokenNames(Browser browser) {
        return (List<String>) browser.script("""
                const names = [];
                const walk = root => root.querySelectorAll('*').forEach(e => {
                  for (const a of ['aria-label', 'title']) { if (e.getAttribute(a)) names.push(e.getAttribute(a)); }
                  if (e.shadowRoot) walk(e.shadowRoot);
                });
                walk(document);
                const upload = document.querySelector('vaadin-upload');
                if (upload && upload.i18n) {
                  names.push(upload.i18n.file.remove, upload.i18n.file.retry, upload.i18n.file.start);
                }
                document.querySelectorAll('vaadin-password-field').forEach(p => p.i18n && names.push(p.i18n.reveal));
                return names;
                """);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({ "360, 640", "1280, 800" })
    void a_vietnamese_screen_speaks_vietnamese_and_an_english_one_english(int width, int height) {
        ElectionId id = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, Conferences.uniqueTitle("Hội nghị một ngôn ngữ"),
                ElectionStatus.DRAFT);
        String admin = Staff.create(accounts, "lang-admin", Role.ADMIN);
        try (var browser = new Browser("http://localhost:" + port, width, height)) {
            Staff.signIn(browser, admin);
            assertThat(browser.script("return document.documentElement.lang;")).isEqualTo("vi");
            assertThat(browser.find("vaadin-drawer-toggle").getAttribute("aria-label")).isEqualTo("Mở hoặc đóng trình đơn");
            browser.open("/password");
            browser.find("vaadin-password-field");
            browser.waitForVaadin();
            assertThat(spokenNames(browser)).contains("Hiện mật khẩu").doesNotContainAnyElementsOf(VAADIN_ENGLISH);
            browser.open("/elections/" + id);
            browser.clickTab("Người ghi phiếu");
            browser.find("vaadin-upload");
            assertThat(spokenNames(browser)).contains("Bỏ tệp này").doesNotContainAnyElementsOf(VAADIN_ENGLISH);

            browser.click("#language");
            browser.click(browser.findAll("vaadin-select-item").stream()
                    .filter(i -> i.getText().contains("English")).findFirst().orElseThrow());
            browser.waitForText("body", "Voter roll");
            assertThat(browser.script("return document.documentElement.lang;")).isEqualTo("en");
            assertThat(browser.find("vaadin-drawer-toggle").getAttribute("aria-label")).isEqualTo("Open or close the menu");
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({ "360, 640", "1280, 800" })
    void a_mistyped_address_shows_the_apps_own_not_found_page_with_a_title(int width, int height) {
        String admin = Staff.create(accounts, "lang-404", Role.ADMIN);
        try (var browser = new Browser("http://localhost:" + port, width, height)) {
            Staff.signIn(browser, admin);
            browser.open("/hoi-nghi-go-nham");
            browser.waitForText("#not-found", "Không tìm thấy");
            assertThat(String.valueOf(browser.script("return document.title;"))).isNotBlank();
            assertThat(browser.find("#not-found a").getText()).isNotBlank();
            browser.open("/elections/999999999/khong-co");
            browser.waitForText("#not-found", "Không tìm thấy");
        }
    }
}
