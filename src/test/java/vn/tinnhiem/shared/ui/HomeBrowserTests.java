package vn.tinnhiem.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.nio.file.Path;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;

/**
 * Each role's home says what it can do now and what comes at the conference: no empty menu, no "choose
 * an item on the left" dead end.
 */
@IntegrationTest
@Tag("browser")
class HomeBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;

    private Browser browser(int width, int height) {
        return new Browser("http://localhost:" + port, width, height);
    }

    private static Path shot(int width, int height, String name) {
        return Path.of("target", "screenshots", width + "x" + height, name + ".png");
    }

    private static WebElement card(Browser browser, String title) {
        return browser.findAll(".home-card").stream().filter(c -> c.getText().contains(title)).findFirst()
                .orElseThrow(() -> new AssertionError("No card for " + title + " on the home: " + browser.pageText()));
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void the_organisers_home_lists_each_conference_with_its_next_step_and_opens_it(int width, int height) {
        String admin = Staff.create(accounts, "home-admin", Role.ADMIN);
        String ready = Conferences.uniqueTitle("Hội nghị đã chốt");
        String draft = Conferences.uniqueTitle("Hội nghị còn thiếu người");
        ElectionId readyId = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, ready, ElectionStatus.READY);
        ElectionId draftId;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            draftId = elections.elections().create(new ElectionDetails(draft, "Hội đồng nhân dân xã Phú Lợi", "",
                    LocalDateTime.of(2030, 5, 4, 8, 0), BallotKind.THREE_LEVEL,
                    RuleSet.NQ_96_2023));
        }
        try (var browser = browser(width, height)) {
            Staff.signIn(browser, admin);
            assertThat(browser.currentPath()).isIn("/", "");
            assertThat(browser.find("#home-role").getText()).contains("Ban tổ chức");
            assertThat(browser.pageText()).contains("Việc bạn làm được bây giờ", "lễ lập khóa bầu cử", "kiểm phiếu, biên bản")
                    .doesNotContain("Chọn một mục trong trình đơn").doesNotContain("bản sau");
            // Fixed, with no key yet: the ceremony is the next step, at its console.
            assertThat(card(browser, ready).getText()).contains("Đã chốt", "Tiếp theo: lập khóa bầu cử cùng Ban Kiểm phiếu");
            assertThat(card(browser, ready).findElement(By.cssSelector("a[href='ceremony/" + readyId + "']"))
                    .getText()).isEqualTo("Lễ lập khóa");
            assertThat(card(browser, draft).getText()).contains("Dự thảo", "Trước khi chốt danh sách",
                    "Chưa có người được lấy phiếu nào", "Danh sách người ghi phiếu đang trống");
            if (width < 600) {
                PhoneLayout.assertFits(browser, "the organiser's home");
            }
            browser.screenshot(shot(width, height, "home-admin"));

            browser.click(card(browser, draft).findElement(By.cssSelector("a.link-button")));
            browser.waitForPath("/elections/" + draftId);
            browser.waitForText(".election-heading", draft);
            browser.open("/");
            browser.click("#home-elections");
            browser.waitForPath("/elections");
            browser.find("#new-election");
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void a_tellers_home_lists_the_locked_conferences_and_what_the_tally_board_will_do_there(int width, int height) {
        String teller = Staff.create(accounts, "home-teller", Role.TELLER);
        String ready = Conferences.uniqueTitle("Hội nghị cho Ban Kiểm phiếu");
        String draft = Conferences.uniqueTitle("Hội nghị đang soạn");
        String otherBoard = Conferences.uniqueTitle("Hội nghị của ban khác");
        ElectionId readyId = Conferences.demo(elections, DemoKind.DISTRICT_COMMITTEE, ready, ElectionStatus.READY);
        ElectionId draftId = Conferences.demo(elections, DemoKind.DISTRICT_COMMITTEE, draft, ElectionStatus.DRAFT);
        Conferences.demo(elections, DemoKind.DISTRICT_COMMITTEE, otherBoard, ElectionStatus.READY);
        // The teller sits on the first two boards; the third conference's board is other people.
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            for (ElectionId id : List.of(readyId, draftId)) {
                elections.tallyBoard().setSeatAccount(id, elections.tallyBoard().tellers(id).getFirst().id(), java.util.Optional.of(teller));
            }
        }
        try (var browser = browser(width, height)) {
            Staff.signIn(browser, teller);
            assertThat(browser.find("#home-role").getText()).contains("Ban Kiểm phiếu");
            String page = browser.pageText();
            assertThat(page).contains(ready, "bàn phát phiếu, kiểm phiếu, biên bản và màn hình chiếu")
                    .doesNotContain(draft).doesNotContain(otherBoard).doesNotContain("Chọn một mục trong trình đơn")
                    .doesNotContain("bản sau");
            assertThat(card(browser, ready).getText()).contains("Đã chốt", "Tiếp theo: lễ lập khóa bầu cử");
            // The teller's links lead to the board's screen of this conference, where the board's steps are, and its desk.
            assertThat(card(browser, ready).findElements(By.cssSelector("a"))).extracting(a -> a.getAttribute("href"))
                    .satisfiesExactly(h -> assertThat(h).endsWith("/board/" + readyId),
                            h -> assertThat(h).endsWith("/desk/" + readyId));
            assertThat(browser.find("#main-menu").getAttribute("textContent")).contains("Trang đầu");
            if (width < 600) {
                PhoneLayout.assertFits(browser, "a teller's home");
            }
            browser.screenshot(shot(width, height, "home-teller"));
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void a_supervisors_home_lists_the_conferences_they_supervise_with_a_link_to_the_live_figures(int width, int height) {
        String supervisor = Staff.create(accounts, "home-super", Role.SUPERVISOR);
        String ready = Conferences.uniqueTitle("Hội nghị được giám sát");
        ElectionId readyId = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, ready, ElectionStatus.READY);
        String other = Conferences.uniqueTitle("Hội nghị người khác giám sát");
        Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, other, ElectionStatus.READY);
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            elections.supervisors().addSupervisor(readyId, supervisor);
        }
        try (var browser = browser(width, height)) {
            Staff.signIn(browser, supervisor);
            assertThat(browser.find("#home-role").getText()).contains("Giám sát");
            assertThat(browser.pageText()).contains("Số liệu trực tiếp", "Không bao giờ có nội dung lá phiếu")
                    .doesNotContain("Chọn một mục trong trình đơn", other);
            assertThat(card(browser, ready).getText()).contains("Đã chốt", "Chưa bỏ phiếu", "đủ 2/3");
            assertThat(card(browser, ready).findElements(By.cssSelector("a"))).singleElement()
                    .satisfies(a -> assertThat(a.getAttribute("href")).endsWith("/supervise/" + readyId));
            if (width < 600) {
                PhoneLayout.assertFits(browser, "a supervisor's home");
            }
            browser.screenshot(shot(width, height, "home-supervisor"));
            browser.click("#home-audit");
            browser.waitForPath("/audit");
        }
    }

    @Test
    void the_phone_header_shows_the_whole_language_and_the_menu_opens_with_large_items() {
        String admin = Staff.create(accounts, "shell-admin", Role.ADMIN);
        try (var browser = browser(360, 640)) {
            browser.open("/login");
            browser.screenshot(shot(360, 640, "login"));
            assertThat(PhoneLayout.problems(browser)).as("the sign-in page").isEmpty();
            Staff.signIn(browser, admin);
            // The header had room only for "Tiếng Việ…": now it shows the language's code, whole.
            Object cut = browser.script("""
                    const b = document.querySelector('.app-header #language vaadin-select-value-button');
                    const v = b.querySelector('vaadin-select-item') || b;
                    return {text: v.innerText.trim(), cut: v.scrollWidth > v.clientWidth + 1
                        || b.scrollWidth > b.clientWidth + 1};
                    """);
            assertThat(cut).hasToString("{cut=false, text=VI}");
            browser.screenshot(shot(360, 640, "shell"));
            browser.click("vaadin-drawer-toggle");
            browser.find("#main-menu");
            PhoneLayout.assertFits(browser, "the shell with its menu open");
            assertThat(browser.find("#drawer-user").getText()).contains(admin, "Ban tổ chức");
            browser.screenshot(shot(360, 640, "shell-menu"));
            browser.click(browser.findAll("vaadin-side-nav-item").stream()
                    .filter(i -> i.getText().contains("Nhật ký")).findFirst().orElseThrow());
            browser.waitForPath("/audit");
            // The short header still switches the language, and the home speaks English.
            browser.click(".app-header #language");
            browser.click(browser.findAll("vaadin-select-item").stream()
                    .filter(i -> i.getText().contains("English")).findFirst().orElseThrow());
            browser.open("/");
            browser.waitForText("#home", "What you can do now");
            assertThat(browser.find(".app-header #language vaadin-select-value-button").getText()).isEqualTo("EN");
            assertThat(browser.find("#home-role").getText()).contains("You are signed in as");
            browser.screenshot(shot(360, 640, "home-admin-en"));
            browser.click("#sign-out");
            browser.waitForPath("/login");
        }
    }
}
