package vn.tinnhiem.election.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.election.Voter;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Spreadsheets;
import vn.tinnhiem.support.Staff;

/**
 * Where one slip cannot be undone, the screen asks first: the board opening the polls (and told when it is early);
 * a new conference made only with the legal basis chosen, and never sent by Enter in its date or time; a refused
 * roll file cleared from the upload with what to fix; a roll replaced by a file only after naming both counts.
 */
@IntegrationTest
@Tag("browser")
@WithMockUser(username = "organiser", roles = "ADMIN")
class GuardRailsBrowserTests {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    Elections elections;
    @Autowired
    Candidates candidates;
    @Autowired
    VoterRoll voterRoll;
    @Autowired
    TallyBoard tallyBoard;
    @Autowired
    Lifecycle lifecycle;
    @Autowired
    Milestones milestones;
    @Autowired
    Clock clock;

    /** Waits until the roll's upload lists no file and takes a new one. */
    static void awaitEmptyUpload(Browser browser) {
        new WebDriverWait((WebDriver) browser.driver(), Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(browser.script(
                "const u = document.querySelector('#roll-upload'); return u.files.length === 0 && !u.maxFilesReached;")));
    }

    private static String dialogText(Browser browser, String css) {
        return String.valueOf(browser.script("const d = document.querySelector(arguments[0]); return (d && d.message) || '';",
                css));
    }

    /** Opens the select by its value button (the field's centre may be its helper text) and picks the item. */
    static void choose(Browser browser, String selectCss, String label) {
        browser.click(selectCss + " vaadin-select-value-button");
        var item = new WebDriverWait((WebDriver) browser.driver(), Duration.ofSeconds(20)).until(d -> browser
                .findAll("vaadin-select-item").stream().filter(i -> i.isDisplayed() && i.getText().contains(label))
                .findFirst().orElse(null));
        browser.click(item);
    }

    /** Types into the input and presses Enter, as someone finishing a date would. */
    private static void typeAndEnter(Browser browser, String inputCss, String text) {
        var input = browser.find(inputCss);
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
        browser.waitForVaadin();
    }

    /** Focuses the field and presses Enter, as a keyboard would, without tapping it. */
    private static void enterIn(Browser browser, String inputCss) {
        browser.script("arguments[0].focus()", browser.find(inputCss));
        new Actions((WebDriver) browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.waitForVaadin();
    }

    private Optional<Election> titled(String title) {
        try (var admin = Acting.as("organiser", "ADMIN")) {
            return elections.list().stream().filter(e -> e.title().equals(title)).findFirst();
        }
    }

    private List<String> roll(ElectionId id) {
        try (var admin = Acting.as("organiser", "ADMIN")) {
            return voterRoll.voters(id).stream().map(Voter::fullName).toList();
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void opening_the_polls_asks_first_and_says_when_it_is_earlier_than_scheduled(int width, int height) {
        Path shots = Path.of("target", "screenshots", width + "x" + height);
        String teller = Staff.create(accounts, "mo-hom", Role.TELLER);
        LocalDateTime scheduled = LocalDate.now(clock).plusDays(3).atTime(LocalTime.of(7, 30));
        ElectionId id;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            id = elections.create(new ElectionDetails(Conferences.uniqueTitle("Kỳ họp mở hòm phiếu"), "HĐND xã Mỹ Hòa",
                    "Hội trường", scheduled, BallotKind.THREE_LEVEL, RuleSet.NQ_96_2023));
            candidates.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
            voterRoll.addVoter(id, new NewVoter("Nguyễn Văn An", "Đại biểu HĐND", "HĐND xã"));
            tallyBoard.addTeller(id, "Ngô Văn Kiểm", true);
            tallyBoard.setSeatAccount(id, tallyBoard.tellers(id).getFirst().id(), Optional.of(teller));
            lifecycle.moveTo(id, ElectionStatus.READY);
        }
        try (var board = Acting.as(teller, "TELLER")) {
            milestones.recordKeyMade(id, "e5".repeat(32));
        }
        try (var browser = new Browser("http://localhost:" + port, width, height)) {
            Staff.signIn(browser, teller);
            browser.open("/board/" + id);
            browser.click("#to-open");
            browser.waitForText("#confirm-dialog", "Bắt đầu bỏ phiếu");
            assertThat(dialogText(browser, "#confirm-dialog")).contains("Bắt đầu bỏ phiếu?",
                    "Không thể đưa hội nghị về trạng thái trước khi bỏ phiếu",
                    "chưa đến giờ đã định, hội nghị được lên lịch lúc " + scheduled.format(WHEN));
            browser.screenshot(shots.resolve("open-polls-confirm.png"));
            if (width < 600) {
                PhoneLayout.assertFits(browser, "the question before opening the polls");
            }
            // Cancelled: nothing opened.
            browser.click("#confirm-dialog vaadin-button[slot='cancel-button']");
            browser.waitForText("#board-status", "Đã chốt");
            try (var board = Acting.as(teller, "TELLER")) {
                assertThat(elections.find(id).orElseThrow().status()).isEqualTo(ElectionStatus.READY);
            }
            browser.click("#to-open");
            browser.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("#board-status", "Đang bỏ phiếu");
        }
        try (var board = Acting.as(teller, "TELLER")) {
            assertThat(elections.find(id).orElseThrow().status()).isEqualTo(ElectionStatus.OPEN);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void a_conference_is_made_with_its_legal_basis_and_its_roll_replaced_only_when_asked(int width, int height)
            throws Exception {
        Path shots = Path.of("target", "screenshots", width + "x" + height);
        String admin = Staff.create(accounts, "bien-ban", Role.ADMIN);
        String title = Conferences.uniqueTitle("Kỳ họp HĐND xã Mỹ Hòa");
        LocalDate day = LocalDate.now(clock).plusDays(30);
        try (var browser = new Browser("http://localhost:" + port, width, height)) {
            Staff.signIn(browser, admin);
            browser.open("/elections");
            browser.click("#new-election");
            browser.find("#new-election-dialog");
            browser.type("#new-election-title", title);
            browser.type("#new-election-body", "Hội đồng nhân dân xã Mỹ Hòa");
            // No basis is assumed: the form says so at the field, and nothing is made.
            assertThat(browser.find("#new-election-rules").getDomProperty("value")).isEmpty();
            browser.click("#create-election");
            new WebDriverWait((WebDriver) browser.driver(), Duration.ofSeconds(20)).until(d -> String.valueOf(
                    browser.find("#new-election-rules").getDomProperty("errorMessage")).contains("Hãy chọn căn cứ"));
            assertThat(browser.find("#new-election-rules").getAttribute("invalid")).isNotNull();
            assertThat(titled(title)).isEmpty();
            browser.screenshot(shots.resolve("new-election-basis-missing.png"));
            choose(browser, "#new-election-rules", "Nghị quyết 96/2023/QH15");

            // Enter in the date and in the time takes the value, and sends nothing.
            String date = "#new-election-starts-at [slot='date-picker'] input";
            String time = "#new-election-starts-at [slot='time-picker'] input";
            if (width >= 600) {
                typeAndEnter(browser, date, day.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
                typeAndEnter(browser, time, "07:30");
            } else {
                // A phone's date field opens its calendar over the form when tapped: Enter from a hardware keyboard
                // in the focused field is what could still send the form.
                enterIn(browser, date);
                enterIn(browser, time);
            }
            assertThat(browser.isShown("#create-election")).isTrue();
            assertThat(titled(title)).isEmpty();
            if (width < 600) {
                PhoneLayout.assertFits(browser, "the new conference's form");
            }
            browser.screenshot(shots.resolve("new-election-basis.png"));
            browser.click("#create-election");
            browser.waitForPath("/elections/");
            Election made = titled(title).orElseThrow();
            assertThat(made.details().ruleSet()).isEqualTo(RuleSet.NQ_96_2023);
            if (width >= 600) {
                assertThat(made.details().startsAt()).isEqualTo(day.atTime(7, 30));
            }

            // A roll of two already; a file with a bad row is refused, cleared from the upload, and says what to fix.
            try (var organiser = Acting.as("organiser", "ADMIN")) {
                voterRoll.addVoter(made.id(), new NewVoter("Đinh Văn Cũ", "Đại biểu", "HĐND xã"));
                voterRoll.addVoter(made.id(), new NewVoter("Hà Thị Cũ", "Đại biểu", "HĐND xã"));
            }
            browser.open("/elections/" + made.id());
            browser.clickTab("Người ghi phiếu");
            browser.waitForText("#voter-count", "có 2 người");
            Path bad = Files.createTempFile("danh-sach-loi", ".xlsx");
            Files.write(bad, Spreadsheets.xlsx(List.of(List.of("STT", "Họ và tên", "Chức vụ", "Đơn vị"),
                    List.of(1, "Nguyễn Văn An", "Đại biểu", "HĐND xã"), List.of(2, "", "Đại biểu", "HĐND xã"))));
            browser.upload("#roll-upload", bad);
            browser.waitForText("#import-report", "Dòng 3");
            assertThat(browser.find("#import-report").getText()).contains("chưa nhập dòng nào", "Sửa các dòng sau",
                    "thiếu họ và tên");
            awaitEmptyUpload(browser);
            assertThat(roll(made.id())).containsExactly("Đinh Văn Cũ", "Hà Thị Cũ");
            browser.screenshot(shots.resolve("roll-refused.png"));

            // A good file over the roll asks, naming both counts; a cancel keeps the roll.
            Path good = Files.createTempFile("danh-sach", ".xlsx");
            Files.write(good, Spreadsheets.xlsx(List.of(List.of("STT", "Họ và tên", "Chức vụ", "Đơn vị"),
                    List.of(1, "Nguyễn Văn An", "Đại biểu", "HĐND xã"), List.of(2, "Phạm Thị Bình", "Đại biểu", "HĐND xã"),
                    List.of(3, "Lê Văn Cường", "Đại biểu", "HĐND xã"))));
            browser.upload("#roll-upload", good);
            browser.waitForText("#import-replace-dialog", "Thay danh sách người ghi phiếu?");
            assertThat(dialogText(browser, "#import-replace-dialog")).startsWith("Thay danh sách 2 người bằng 3 người trong tệp");
            browser.screenshot(shots.resolve("roll-replace-confirm.png"));
            if (width < 600) {
                PhoneLayout.assertFits(browser, "the question before replacing the roll");
            }
            browser.click("#import-replace-dialog vaadin-button[slot='cancel-button']");
            browser.waitForText("#import-report", "danh sách vẫn giữ 2 người");
            awaitEmptyUpload(browser);
            assertThat(roll(made.id())).containsExactly("Đinh Văn Cũ", "Hà Thị Cũ");

            // The dialog cancelled a moment ago leaves the page before the next file is chosen: the next question
            // is then the only one under that id.
            new WebDriverWait((WebDriver) browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.findAll("#import-replace-dialog").isEmpty());
            // The organiser picks the file again (a copy: the browser's file field ignores the very same pick).
            Path again = good.resolveSibling("danh-sach-moi-lan-hai.xlsx");
            Files.copy(good, again, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            browser.upload("#roll-upload", again);
            browser.waitForText("#import-replace-dialog", "Thay danh sách người ghi phiếu?");
            browser.click("#import-replace-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("#voter-count", "có 3 người");
            assertThat(roll(made.id())).containsExactly("Nguyễn Văn An", "Phạm Thị Bình", "Lê Văn Cường");
        }
    }
}
