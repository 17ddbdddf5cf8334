package vn.tinnhiem.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

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
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;

/**
 * A teller or a supervisor who opens the set-up screens is refused in words (not "page not found,
 * maybe the conference was deleted"), never shown the set-up, and led home.
 */
@IntegrationTest
@Tag("browser")
class AccessDeniedBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TELLER, Ban Kiểm phiếu", "SUPERVISOR, Giám sát"})
    void the_set_up_screens_are_refused_in_words_and_lead_home(Role role, String roleName) {
        String user = Staff.create(accounts, "denied-" + role.name().toLowerCase(java.util.Locale.ROOT), role);
        ElectionId id = Conferences.demo(elections, DemoKind.DISTRICT_COMMITTEE, Conferences.uniqueTitle("Hội nghị có thật"),
                ElectionStatus.READY);
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            Staff.signIn(browser, user);
            for (String path : new String[] {"/elections", "/elections/" + id}) {
                browser.open(path);
                browser.waitForText("#access-denied", "Trang này không dành cho vai trò của bạn");
                assertThat(browser.find("#access-denied").getText()).contains(roleName);
                assertThat(browser.pageText()).doesNotContain("Không tìm thấy", "bị xóa");
                assertThat(browser.findAll("#new-election, #demo-election, #election-tabs, #save-details")).isEmpty();
            }
            PhoneLayout.assertFits(browser, "the refusal");
            browser.screenshot(Path.of("target", "screenshots", "360x640", "refused-" + role.name().toLowerCase(
                    java.util.Locale.ROOT) + ".png"));
            browser.click("#access-denied-home");
            browser.find("#home");
        }
    }
}
