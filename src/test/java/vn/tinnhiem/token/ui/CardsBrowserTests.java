package vn.tinnhiem.token.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;

/**
 * The organiser prints the voting cards from the home: the whole roll plus 5% spares by default; a
 * number of spares out of range is refused at the field; the PDF downloads once, and only once.
 */
@IntegrationTest
@Tag("browser")
@WithMockUser(username = "organiser", roles = "ADMIN")
class CardsBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;
    @Autowired
    TokenService tokens;

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void the_organiser_prints_the_roll_plus_spares_and_downloads_the_sheet_once(int width, int height) throws Exception {
        String admin = Staff.create(accounts, "the-in", Role.ADMIN);
        String title = Conferences.uniqueTitle("Hội nghị in thẻ");
        ElectionId id = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, title, ElectionStatus.READY);
        int roll = elections.voterRoll().voters(id).size();
        int spares = TokenService.defaultSpares(roll);
        Path shots = Path.of("target", "screenshots", width + "x" + height);
        try (var browser = new Browser("http://localhost:" + port, width, height)) {
            Staff.signIn(browser, admin);
            browser.click("#home-cards-" + id);
            browser.waitForPath("/cards/" + id);
            browser.waitForText("#cards-counts", "Chưa in thẻ nào.");
            assertThat(browser.find("#cards-spares input").getDomProperty("value")).isEqualTo(String.valueOf(spares));

            browser.type("#cards-spares", "101");
            browser.click("#cards-print");
            assertThat(browser.find("#cards-spares").getDomProperty("errorMessage"))
                    .isEqualTo("Số thẻ dự phòng phải từ 0 đến 100.");
            assertThat(tokens.counts(id).total()).isZero();

            browser.type("#cards-spares", String.valueOf(spares));
            browser.click("#cards-print");
            browser.waitForText("#cards-download-area", "Đã tạo " + (roll + spares) + " thẻ");
            browser.waitForText("#cards-counts", "Đã in " + (roll + spares) + " thẻ");
            if (width < 600) {
                PhoneLayout.assertFits(browser, "printing the cards");
            }
            browser.screenshot(shots.resolve("cards-printed.png"));
            // A real click saves the sheet, whole.
            Path downloads = Files.createTempDirectory("the-bo-phieu");
            ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
            String href = browser.find("#cards-download").getDomProperty("href");
            browser.click("#cards-download");
            Path saved = downloads.resolve("the-bo-phieu.pdf");
            new WebDriverWait((ChromeDriver) browser.driver(), Duration.ofSeconds(20))
                    .until(d -> Files.isRegularFile(saved) && saved.toFile().length() > 0);
            assertThat(new String(Files.readAllBytes(saved), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            // The sheet is held for one download only: the screen says so by itself, and a second click on the same
            // words says plainly why there is no second copy and what to do; its address serves no empty file.
            browser.waitForText("#cards-taken", "Đã tải tệp " + (roll + spares) + " thẻ xuống máy này");
            browser.click("#cards-download-again");
            browser.waitForText("#cards-again", "đã được tải về một lần và không thể tạo lại");
            assertThat(browser.find("#cards-again").getText()).contains("in thêm thẻ dự phòng");
            if (width < 600) {
                PhoneLayout.assertFits(browser, "the cards taken once");
            }
            browser.screenshot(shots.resolve("cards-taken-again.png"));
            String second = (String) browser.script("const x = new XMLHttpRequest(); x.open('GET', arguments[0], false);"
                    + " x.send(); return x.status + ' ' + x.responseText.length;", href);
            assertThat(second).doesNotStartWith("200");
            assertThat(downloads.toFile().list()).containsExactly("the-bo-phieu.pdf");
            assertThat(browser.cspViolations()).as("Content-Security-Policy violations").isEmpty();
        }
        assertThat(tokens.counts(id).total()).isEqualTo(roll + spares);
    }
}
