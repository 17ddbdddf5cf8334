package vn.tinnhiem.token.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.election.ElectionService;
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
    ElectionService elections;
    @Autowired
    TokenService tokens;

    /** Fetches the link's file as the browser would, returning its first bytes and its length. */
    private static String fetch(Browser browser, String css) {
        return (String) browser.script("""
                const x = new XMLHttpRequest();
                x.open('GET', arguments[0].href, false);
                x.overrideMimeType('text/plain; charset=x-user-defined');
                x.send();
                return x.status + ' ' + x.responseText.length + ' ' + x.responseText.substring(0, 5);
                """, browser.find(css));
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void the_organiser_prints_the_roll_plus_spares_and_downloads_the_sheet_once(int width, int height) {
        String admin = Staff.create(accounts, "the-in", Role.ADMIN);
        String title = Conferences.uniqueTitle("Hội nghị in thẻ");
        long id = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, title, ElectionStatus.READY);
        int roll = elections.voters(id).size();
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
            String first = fetch(browser, "#cards-download");
            assertThat(first).startsWith("200 ").endsWith("%PDF-");
            // The sheet is held for one download only: a second fetch gets nothing.
            assertThat(fetch(browser, "#cards-download")).startsWith("200 0");
            assertThat(browser.cspViolations()).as("Content-Security-Policy violations").isEmpty();
        }
        assertThat(tokens.counts(id).total()).isEqualTo(roll + spares);
    }
}
