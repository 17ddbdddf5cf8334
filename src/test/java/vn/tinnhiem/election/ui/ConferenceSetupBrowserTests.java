package vn.tinnhiem.election.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Spreadsheets;
import vn.tinnhiem.support.Staff;

/**
 * The organiser's conference screens in a real browser, on a phone and on a desktop: a new conference
 * through its form, candidates, a roll import with a bad row, the tally board, the checklist, fixing the
 * lists after a confirmation; deleting a draft and a candidate only after a confirmation; the open tab
 * in the address; the roll searched without diacritics. At 360x640 no screen scrolls sideways and no
 * touch target is under 44 px.
 */
@IntegrationTest
@Tag("browser")
@WithMockUser(username = "organiser", roles = "ADMIN")
class ConferenceSetupBrowserTests {

    private static final AtomicInteger ORGANISERS = new AtomicInteger();
    private static final String PASSWORD = "mat-khau-moi-2026";

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;
    @Autowired
    DSLContext db;
    @Autowired
    java.time.Clock clock;

    /** A fresh organiser account for each test, so that no test depends on another's accounts. */
    private String newOrganiser() {
        String username = "tochuc-" + ProcessHandle.current().pid() + "-" + ORGANISERS.incrementAndGet();
        String oneTime;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            oneTime = accounts.create(username, "Phòng Nội vụ", Role.ADMIN).oneTimePassword();
        }
        return username + "\n" + oneTime;
    }

    private Browser signedIn(int width, int height) {
        String[] account = newOrganiser().split("\n");
        var browser = new Browser("http://localhost:" + port, width, height);
        browser.open("/login");
        browser.type("vaadin-login-form vaadin-text-field[name='username']", account[0]);
        browser.type("vaadin-login-form vaadin-password-field[name='password']", account[1]);
        browser.click("vaadin-login-form vaadin-button");
        browser.waitForPath("/password");
        browser.type("#current-password", account[1]);
        browser.type("#new-password", PASSWORD);
        browser.type("#new-password-again", PASSWORD);
        browser.click("#save-password");
        // The organiser's home comes first now; the conference list is one tap away.
        browser.click("#home-elections");
        browser.waitForPath("/elections");
        return browser;
    }

    /**
     * An organiser whose one-time password was already changed (through the service), signed in on the conference
     * list: the tests of one screen each. The first sign-in with its password change is walked through once, by
     * {@link #organiser_sets_up_a_conference_and_fixes_the_lists} (and by the sign-in's own tests).
     */
    private Browser signedInOnTheList(int width, int height) {
        String username = Staff.create(accounts, "tochuc", Role.ADMIN);
        var browser = new Browser("http://localhost:" + port, width, height);
        Staff.signIn(browser, username);
        browser.click("#home-elections");
        browser.waitForPath("/elections");
        return browser;
    }

    private ElectionId conferenceWithCandidates(String title, String... candidates) {
        try (var admin = Acting.as("organiser", "ADMIN")) {
            ElectionId id = elections.elections().create(new ElectionDetails(title, "UBND xã Mỹ Hòa", "Hội trường xã",
                    LocalDateTime.of(2026, 12, 20, 7, 30), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
            for (String c : candidates) {
                elections.candidates().addCandidate(id, c, "Trưởng phòng");
            }
            return id;
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void organiser_sets_up_a_conference_and_fixes_the_lists(int width, int height) throws Exception {
        Path shots = Path.of("target", "screenshots", width + "x" + height);
        boolean phone = width < 600;
        try (var browser = signedIn(width, height)) {
            int before = elections.elections().list().size();
            browser.click("#new-election");
            browser.find("#new-election-dialog");
            // An empty form creates nothing and says so at the field, not in a pop-up.
            browser.click("#create-election");
            browser.waitForText("#new-election-title", "Hãy nhập tên hội nghị");
            assertThat(browser.find("#new-election-title").getAttribute("invalid")).isNotNull();
            assertThat(browser.isShown(".error-notification")).isFalse();
            browser.screenshot(shots.resolve("new-election-error.png"));
            assertThat(elections.elections().list()).hasSize(before);
            browser.type("#new-election-title", "Hội nghị lấy phiếu tín nhiệm năm 2026");
            browser.type("#new-election-body", "Ủy ban nhân dân xã Mỹ Hòa");
            GuardRailsBrowserTests.choose(browser, "#new-election-rules", "Quy định 96-QĐ/TW");
            browser.click("#create-election");
            browser.waitForPath("/elections/");
            browser.waitForText(".election-heading", "Hội nghị lấy phiếu tín nhiệm năm 2026");
            assertThat(elections.elections().list()).hasSize(before + 1);
            // The time picker offers quarter hours, not whole hours only.
            assertThat(browser.find("#election-starts-at").getDomProperty("step")).isEqualTo("900");
            screen(browser, phone, shots.resolve("details.png"));

            browser.clickTab("Người được lấy phiếu");
            browser.click("#add-candidate");
            browser.waitForText("#candidate-name", "Hãy nhập họ và tên người được lấy phiếu");
            for (var c : List.of(List.of("Trần Minh Khoa", "Phó Chủ tịch UBND xã"),
                    List.of("Lê Văn Phúc", "Công chức Văn phòng - Thống kê"))) {
                browser.type("#candidate-name", c.get(0));
                browser.type("#candidate-title", c.get(1));
                browser.click("#add-candidate");
            }
            browser.waitForText("#candidates", "Lê Văn Phúc");
            assertThat(browser.find("#candidates").getText()).contains("1. Trần Minh Khoa", "2. Lê Văn Phúc",
                    "Công chức Văn phòng - Thống kê");
            screen(browser, phone, shots.resolve("candidates.png"));
            if (phone) {
                openRowMenu(browser, "#candidates", "Trần Minh Khoa");
                assertMenuItemsAreLargeEnough(browser);
                browser.screenshot(shots.resolve("candidates-menu.png"));
                closeMenu(browser);
            }

            browser.clickTab("Người ghi phiếu");
            Path roll = Files.createTempFile("danh-sach", ".xlsx");
            Files.write(roll, Spreadsheets.xlsx(List.of(List.of("STT", "Họ và tên", "Chức vụ", "Đơn vị"),
                    List.of(1, "Nguyễn Văn An", "Chủ tịch", "UBND xã Mỹ Hòa"),
                    List.of(2, "", "Hiệu trưởng", "Trường THCS Mỹ An"),
                    List.of(3, "Phạm Thị Cúc", "Giám đốc", "Trung tâm Văn hóa"))));
            browser.upload("#roll-upload", roll);
            browser.waitForText("#import-report", "Dòng 3");
            assertThat(browser.find("#import-report").getText()).contains("thiếu họ và tên");
            // The refused file is not left listed (with a tick) blocking the next one.
            GuardRailsBrowserTests.awaitEmptyUpload(browser);
            assertThat(browser.find("#voter-count").getText()).contains("có 0 người");
            browser.type("#voter-name", "Nguyễn Văn An");
            browser.type("#voter-organisation", "UBND xã Mỹ Hòa");
            browser.click("#add-voter");
            browser.waitForText("#voter-count", "có 1 người");
            screen(browser, phone, shots.resolve("roll.png"));

            browser.clickTab("Ban Kiểm phiếu");
            browser.type("#teller-name", "Ngô Thị Hạnh");
            browser.click("#add-teller");
            browser.waitForText("#tellers", "Ngô Thị Hạnh");
            assertThat(browser.find("#tellers").getText()).contains("Trưởng ban");
            assertThat(browser.find("#threshold-help").getText()).contains("cần 1 trong 1 thành viên")
                    .doesNotContain(" k ", " n ");
            screen(browser, phone, shots.resolve("tellers.png"));

            browser.clickTab("Tiến độ chuẩn bị");
            browser.waitForText("#checklist", "Hạn:");
            screen(browser, phone, shots.resolve("checklist.png"));

            browser.clickTab("Trạng thái");
            // The organiser is not offered the tally board's step, and is told what it still needs.
            assertThat(browser.isShown("#to-open")).isFalse();
            screen(browser, phone, shots.resolve("status-draft.png"));
            browser.click("#to-ready");
            browser.waitForText("#confirm-dialog", "Chốt danh sách?");
            browser.screenshot(shots.resolve("status-confirm.png"));
            browser.click("#confirm-dialog vaadin-button[slot='cancel-button']");
            assertThat(browser.find("#election-status").getText()).contains("Dự thảo");
            browser.click("#to-ready");
            browser.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("#election-status", "Đã chốt");
            assertThat(browser.find("#locked-notice").getText()).contains("không thể sửa");
            assertThat(browser.find("#step-open").getText()).contains("Ban Kiểm phiếu", "lễ lập khóa bầu cử");
            assertThat(browser.isShown("#to-open")).isFalse();
            screen(browser, phone, shots.resolve("status-ready.png"));
            // The confirmation names the full head of the log for the minutes and stays until closed.
            assertThat(browser.find("#lifecycle-head-hash").getText().replaceAll("\\s", "")).matches("[0-9a-f]{64}");
            browser.click("#lifecycle-head-close");

            browser.clickTab("Người được lấy phiếu");
            assertThat(browser.isShown("#add-candidate")).isFalse();
            assertThat(browser.isShown("#candidate-name")).isFalse();
            assertThat(browser.isShown("#candidates .row-menu")).isFalse();
            browser.clickTab("Thông tin");
            assertThat(browser.find("#save-details").getAttribute("disabled")).isNotNull();

            browser.open("/elections");
            browser.waitForText("#elections", "Hội nghị lấy phiếu tín nhiệm năm 2026");
            screen(browser, phone, shots.resolve("elections.png"));
        }
        var actions = db.select(AUDIT_ENTRY.ACTION).from(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID.desc()).limit(15)
                .fetch(AUDIT_ENTRY.ACTION);
        assertThat(actions).contains("election.status", "teller.add", "voter.add", "voter.import.refused",
                "candidate.add", "election.create");
    }

    @Test
    void the_checklist_marks_what_is_overdue_by_the_hall_clock() {
        ElectionId id;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            id = elections.elections().create(new ElectionDetails("Hội nghị thử hạn chót", "UBND xã Mỹ Hòa", "",
                    java.time.LocalDate.now(clock).plusDays(5).atTime(8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
        }
        try (var browser = signedInOnTheList(360, 640)) {
            browser.open("/elections/" + id + "?tab=checklist");
            browser.waitForText("#checklist", "Hạn:");
            var cards = browser.findAll("#checklist .election-card");
            // Reports are due 20 days before the conference: already past. The results report comes after it.
            assertThat(cards.getFirst().getText()).contains("Quá hạn");
            assertThat(cards.getLast().getText()).doesNotContain("Quá hạn");
            screen(browser, true, Path.of("target", "screenshots", "360x640", "checklist-overdue.png"));
        }
    }

    @Test
    void a_draft_conference_is_deleted_only_after_confirmation() {
        ElectionId id = conferenceWithCandidates("Hội nghị sẽ bị xóa " + System.nanoTime(), "Trần Văn Xóa");
        String title = elections.elections().find(id).orElseThrow().title();
        try (var browser = signedInOnTheList(360, 640)) {
            browser.waitForText("#elections", title);
            openRowMenu(browser, "#elections", title);
            clickMenuItem(browser, "Xóa hội nghị");
            browser.waitForText("#confirm-dialog", "Không thể hoàn tác");
            browser.screenshot(Path.of("target", "screenshots", "360x640", "delete-confirm.png"));
            browser.click("#confirm-dialog vaadin-button[slot='cancel-button']");
            assertThat(elections.elections().find(id)).isPresent();
            assertThat(browser.find("#elections").getText()).contains(title);

            openRowMenu(browser, "#elections", title);
            clickMenuItem(browser, "Xóa hội nghị");
            browser.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("vaadin-notification-card", "Đã xóa hội nghị");
            assertThat(elections.elections().find(id)).isEmpty();
            assertThat(browser.find("#elections").getText()).doesNotContain(title);
        }
    }

    @Test
    void a_candidate_removal_is_cancelled_then_confirmed() {
        ElectionId id = conferenceWithCandidates("Hội nghị thử xóa người được lấy phiếu", "Trần Minh Khoa", "Lê Văn Phúc");
        try (var browser = signedInOnTheList(360, 640)) {
            browser.open("/elections/" + id + "?tab=candidates");
            browser.waitForText("#candidates", "Lê Văn Phúc");
            openRowMenu(browser, "#candidates", "Trần Minh Khoa");
            clickMenuItem(browser, "Xóa");
            browser.waitForText("#confirm-dialog", "Xóa “Trần Minh Khoa”");
            browser.click("#confirm-dialog vaadin-button[slot='cancel-button']");
            assertThat(elections.candidates().list(id)).hasSize(2);

            openRowMenu(browser, "#candidates", "Trần Minh Khoa");
            clickMenuItem(browser, "Xóa");
            browser.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("#candidates", "1. Lê Văn Phúc");
            assertThat(browser.find("#candidates").getText()).doesNotContain("Trần Minh Khoa");
            assertThat(elections.candidates().list(id)).extracting(c -> c.fullName()).containsExactly("Lê Văn Phúc");
        }
    }

    @Test
    void the_open_tab_is_in_the_address_and_survives_a_reload() {
        ElectionId id = conferenceWithCandidates("Hội nghị thử tải lại trang", "Trần Minh Khoa");
        try (var browser = signedInOnTheList(1280, 800)) {
            browser.open("/elections/" + id);
            browser.clickTab("Ban Kiểm phiếu");
            waitForPathToEnd(browser, "?tab=tellers");
            browser.open(browser.currentPath());
            browser.find("#teller-name");
            assertThat(selectedTab(browser)).isEqualTo("Ban Kiểm phiếu");
            browser.clickTab("Tiến độ chuẩn bị");
            waitForPathToEnd(browser, "?tab=checklist");
            browser.open(browser.currentPath());
            browser.find("#checklist");
            assertThat(selectedTab(browser)).isEqualTo("Tiến độ chuẩn bị");

            // Not ready yet: no button that could only be refused, but what is missing, in words.
            browser.clickTab("Trạng thái");
            browser.waitForText("#step-ready", "Chưa thể");
            assertThat(browser.find("#step-ready").getText()).contains("Danh sách người ghi phiếu đang trống",
                    "Chưa có thành viên Ban Kiểm phiếu");
            assertThat(browser.isShown("#to-ready")).isFalse();
        }
    }

    @Test
    void the_roll_is_paged_and_searched_without_diacritics() {
        ElectionId id;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            id = elections.elections().createDemo();
        }
        try (var browser = signedInOnTheList(360, 640)) {
            browser.open("/elections/" + id + "?tab=roll");
            browser.waitForText("#voter-count", "có 30 người");
            assertThat(browser.find("#voter-count").getText()).contains("1–20 trong 30");
            assertThat(browser.findAll("#voters .election-card")).hasSize(20);
            browser.click("#voters-next");
            browser.screenshot(Path.of("target", "screenshots", "360x640", "roll-page-2.png"));
            waitForTextContent(browser, "#voter-count", "21–30 trong 30");
            assertThat(browser.findAll("#voters .election-card")).hasSize(10);
            long height = (Long) ((JavascriptExecutor) browser.driver()).executeScript(
                    "return document.documentElement.scrollHeight");
            assertThat(height).isLessThan(4000);

            var first = elections.voterRoll().voters(id).getFirst();
            String plain = java.text.Normalizer.normalize(first.fullName(), java.text.Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D').toLowerCase();
            ((JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0)");
            browser.click("#voter-search");
            browser.type("#voter-search", plain);
            browser.waitForText("#voter-count", "Tìm thấy");
            assertThat(browser.find("#voters").getText()).contains(first.fullName());
            screen(browser, true, Path.of("target", "screenshots", "360x640", "roll-search.png"));
        }
    }

    @Test
    void a_second_tap_on_the_demo_says_one_exists_and_cancel_creates_nothing() {
        try (var browser = signedInOnTheList(360, 640)) {
            int before = elections.elections().list().size();
            browser.click("#demo-election");
            browser.find("#demo-kind");
            browser.click("#cancel-demo");
            assertThat(elections.elections().list()).hasSize(before);
            browser.click("#demo-election");
            browser.click("#create-demo");
            browser.waitForPath("/elections/");
            assertThat(elections.elections().list()).hasSize(before + 1);
            browser.open("/elections");
            browser.click("#demo-election");
            browser.waitForText("#demo-exists", "Đã có");
            browser.screenshot(Path.of("target", "screenshots", "360x640", "demo-again.png"));
            browser.click("#cancel-demo");
            assertThat(elections.elections().list()).hasSize(before + 1);
        }
    }

    @Test
    void a_seat_is_tied_to_its_tellers_account_from_the_card_menu_after_the_lists_are_fixed() {
        String username = "ghe.kiem." + System.nanoTime() % 1_000_000;
        ElectionId id;
        String firstSeat;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            accounts.create(username, "Ngô Thị Kiểm", Role.TELLER);
            id = vn.tinnhiem.support.Conferences.demo(elections, vn.tinnhiem.election.DemoKind.DISTRICT_COMMITTEE,
                    vn.tinnhiem.support.Conferences.uniqueTitle("Hội nghị gắn ghế"), vn.tinnhiem.election.ElectionStatus.READY);
            firstSeat = elections.tallyBoard().tellers(id).getFirst().fullName();
        }
        try (var browser = signedInOnTheList(360, 640)) {
            browser.open("/elections/" + id + "?tab=tellers");
            browser.waitForText("#tellers", "Chưa gắn tài khoản");
            openRowMenu(browser, "#tellers", firstSeat);
            clickMenuItem(browser, "Gắn tài khoản");
            browser.click("#seat-account");
            browser.click(browser.findAll("vaadin-select-item").stream()
                    .filter(i -> i.getText().contains(username)).findFirst().orElseThrow());
            screen(browser, true, Path.of("target", "screenshots", "360x640", "seat-account.png"));
            browser.click("#save-seat-account");
            browser.waitForText("#tellers", "Tài khoản: " + username);
            screen(browser, true, Path.of("target", "screenshots", "360x640", "tellers-seated.png"));
        }
        assertThat(elections.tallyBoard().tellers(id).getFirst().account()).contains(username);
    }

    // Helpers: what a finger does with the cards' "⋮" menus, and what a phone must never show.

    private static void openRowMenu(Browser browser, String listCss, String cardText) {
        WebElement card = browser.findShowing(listCss + " .election-card", cardText);
        browser.click(card.findElement(org.openqa.selenium.By.cssSelector("vaadin-menu-bar-button")));
    }

    private static List<WebElement> visibleMenuItems(Browser browser) {
        @SuppressWarnings("unchecked")
        var items = (List<WebElement>) ((JavascriptExecutor) browser.driver()).executeScript("""
                const found = [];
                const walk = root => root.querySelectorAll('*').forEach(e => {
                  if (e.localName === 'vaadin-menu-bar-item' && e.getClientRects().length > 0) found.push(e);
                  if (e.shadowRoot) walk(e.shadowRoot);
                });
                walk(document);
                return found;
                """);
        return items;
    }

    private static void clickMenuItem(Browser browser, String label) {
        var wait = new org.openqa.selenium.support.ui.WebDriverWait((org.openqa.selenium.WebDriver) browser.driver(),
                java.time.Duration.ofSeconds(10));
        WebElement item = wait.until(d -> visibleMenuItems(browser).stream()
                .filter(i -> i.getText().trim().equals(label)).findFirst().orElse(null));
        browser.click(item);
    }

    private static void closeMenu(Browser browser) {
        ((org.openqa.selenium.WebDriver) browser.driver()).switchTo().activeElement()
                .sendKeys(org.openqa.selenium.Keys.ESCAPE);
        browser.waitForVaadin();
    }

    private static void assertMenuItemsAreLargeEnough(Browser browser) {
        var wait = new org.openqa.selenium.support.ui.WebDriverWait((org.openqa.selenium.WebDriver) browser.driver(),
                java.time.Duration.ofSeconds(10));
        wait.until(d -> !visibleMenuItems(browser).isEmpty());
        for (WebElement item : visibleMenuItems(browser)) {
            assertThat(item.getRect().getHeight()).as("menu item %s", item.getText()).isGreaterThanOrEqualTo(44);
        }
    }

    private static void waitForTextContent(Browser browser, String css, String expected) {
        new org.openqa.selenium.support.ui.WebDriverWait((org.openqa.selenium.WebDriver) browser.driver(),
                java.time.Duration.ofSeconds(10)).until(d -> browser.find(css).getAttribute("textContent").contains(expected));
    }

    private static void waitForPathToEnd(Browser browser, String end) {
        new org.openqa.selenium.support.ui.WebDriverWait((org.openqa.selenium.WebDriver) browser.driver(),
                java.time.Duration.ofSeconds(10)).until(d -> browser.currentPath().endsWith(end));
    }

    private static String selectedTab(Browser browser) {
        return browser.find("vaadin-tab[selected]").getText().trim();
    }

    /** Saves the screen; on a phone also asserts no sideways scroll and no touch target under 44 px. */
    private static void screen(Browser browser, boolean phone, Path file) {
        browser.screenshot(file);
        if (!phone) {
            return;
        }
        var js = (JavascriptExecutor) browser.driver();
        Object widths = js.executeScript("""
                const s = document.querySelector('.election-screen');
                return [document.documentElement.scrollWidth, window.innerWidth, s ? s.scrollWidth : 0,
                        s ? s.clientWidth : 0];
                """);
        @SuppressWarnings("unchecked")
        List<Long> w = (List<Long>) widths;
        assertThat(w.get(0)).as("page width on %s", file.getFileName()).isLessThanOrEqualTo(w.get(1));
        assertThat(w.get(2)).as("screen content width on %s", file.getFileName()).isLessThanOrEqualTo(w.get(3));
        @SuppressWarnings("unchecked")
        var small = (List<String>) js.executeScript("""
                const small = [];
                const root = document.querySelector('.election-screen');
                root.querySelectorAll('vaadin-button, vaadin-checkbox, vaadin-menu-bar-button, vaadin-tab, a')
                  .forEach(e => {
                    const r = e.getBoundingClientRect();
                    if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') return;
                    if (r.width < 44 || r.height < 44)
                      small.push((e.id || e.localName) + ' "' + e.textContent.trim().substring(0, 30) + '" '
                        + Math.round(r.width) + 'x' + Math.round(r.height));
                  });
                return small;
                """);
        assertThat(small).as("touch targets under 44 px on %s", file.getFileName()).isEmpty();
    }
}
