package vn.tinnhiem.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;

/**
 * A supervisor sees no set-up or tally screen, not even of the conference they supervise: each address
 * shows the refusal in words and nothing of the conference (no name on the roll, no candidate, no
 * figure of the count). Their home lists the conferences they are named for, and only those.
 */
@IntegrationTest
@Tag("browser")
class SupervisorAccessBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;

    @Test
    void a_supervisor_is_refused_every_set_up_and_tally_screen_and_sees_only_their_conference_at_home() {
        String supervisor = Staff.create(accounts, "gs-refused", Role.SUPERVISOR);
        String mineTitle = Conferences.uniqueTitle("Hội nghị tôi giám sát");
        ElectionId mine = Conferences.demo(elections, DemoKind.DISTRICT_COMMITTEE, mineTitle, ElectionStatus.READY);
        String otherTitle = Conferences.uniqueTitle("Hội nghị không phải của tôi");
        ElectionId other = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, otherTitle, ElectionStatus.READY);
        String voter;
        String candidate;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            elections.supervisors().addSupervisor(mine, supervisor);
            voter = elections.voterRoll().voters(mine).getFirst().fullName();
            candidate = elections.candidates().list(mine).getFirst().fullName();
        }
        List<String> refused = List.of("/elections", "/elections/" + mine, "/elections/" + mine + "?tab=roll",
                "/elections/" + mine + "?tab=supervisors", "/board/" + mine, "/desk/" + mine, "/count/" + mine,
                "/projector/" + mine, "/ceremony/" + mine, "/cards/" + mine, "/kiosks", "/accounts");
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            Staff.signIn(browser, supervisor);

            // Home: the one conference they supervise, with the way to its live figures; not the other.
            WebElement card = browser.findAll(".home-card").stream().filter(c -> c.getText().contains(mineTitle))
                    .findFirst().orElseThrow(() -> new AssertionError("No card on the home: " + browser.pageText()));
            assertThat(browser.findAll(".home-card")).hasSize(1);
            assertThat(browser.pageText()).contains("Hội nghị bạn giám sát").doesNotContain(otherTitle);
            assertThat(card.findElements(By.cssSelector("a"))).singleElement().satisfies(a -> {
                assertThat(a.getText()).isEqualTo("Xem số liệu trực tiếp");
                assertThat(a.getAttribute("href")).endsWith("/supervise/" + mine);
            });
            assertThat(browser.find("#main-menu").getAttribute("textContent"))
                    .doesNotContain("Hội nghị", "Tài khoản", "Máy tính bảng");
            PhoneLayout.assertFits(browser, "a supervisor's home");
            browser.screenshot(Path.of("target", "screenshots", "360x640", "supervisor-home.png"));

            for (String path : refused) {
                browser.open(path);
                browser.waitForText("#access-denied", "Trang này không dành cho vai trò của bạn");
                assertThat(browser.find("#access-denied").getText()).as(path).contains("Giám sát");
                assertThat(browser.pageText()).as(path).doesNotContain(mineTitle, voter, candidate, "Không tìm thấy");
                assertThat(browser.findAll("#election-tabs, #desk-search, #close-polls, #results, #new-election"))
                        .as(path).isEmpty();
            }
            PhoneLayout.assertFits(browser, "the refusal");
            browser.screenshot(Path.of("target", "screenshots", "360x640", "supervisor-refused.png"));
            // Another conference's set-up is refused the same way: the address says nothing about it.
            browser.open("/elections/" + other);
            browser.waitForText("#access-denied", "Trang này không dành cho vai trò của bạn");
        }
    }
}
