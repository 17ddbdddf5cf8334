package vn.tinnhiem.election.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;
import static vn.tinnhiem.db.Tables.STAFF_ACCOUNT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Spreadsheets;

/**
 * The organiser's whole first session in a real browser, on a phone and on a desktop: first sign-in and
 * the forced password change, a new conference, candidates, a roll import with a bad row, the tally
 * board, READY, and editing refused afterwards.
 */
@IntegrationTest
@Tag("browser")
class ConferenceSetupBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    DSLContext db;

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void organiser_sets_up_a_conference_from_first_sign_in_to_ready(int width, int height) throws Exception {
        // A first start: no account at all, so the application makes the administrator and its one-time password.
        db.deleteFrom(STAFF_ACCOUNT).execute();
        String oneTime = accounts.createFirstAdminIfNone().orElseThrow().oneTimePassword();
        Path shots = Path.of("target", "screenshots", width + "x" + height);

        try (var browser = new Browser("http://localhost:" + port, width, height)) {
            browser.open("/login");
            browser.type("vaadin-login-form vaadin-text-field[name='username']", "admin");
            browser.type("vaadin-login-form vaadin-password-field[name='password']", oneTime);
            browser.click("vaadin-login-form vaadin-button");
            browser.waitForPath("/password");

            browser.type("#current-password", oneTime);
            browser.type("#new-password", "mat-khau-moi-2026");
            browser.type("#new-password-again", "mat-khau-moi-2026");
            browser.click("#save-password");
            browser.click("#home-elections");
            browser.waitForPath("/elections");

            browser.click("#new-election");
            browser.waitForPath("/elections/");
            browser.type("#election-title", "Hội nghị lấy phiếu tín nhiệm năm 2026");
            browser.click("#save-details");
            browser.waitForText(".election-heading", "Hội nghị lấy phiếu tín nhiệm năm 2026");

            browser.clickTab("Người được lấy phiếu");
            for (var c : List.of(List.of("Trần Minh Khoa", "Phó Chủ tịch UBND huyện"),
                    List.of("Lê Văn Phúc", "Trưởng phòng Nội vụ"))) {
                browser.type("#candidate-name", c.get(0));
                browser.type("#candidate-title", c.get(1));
                browser.click("#add-candidate");
            }
            assertThat(browser.gridText("#candidates")).contains("Trần Minh Khoa", "Lê Văn Phúc", "Trưởng phòng Nội vụ");
            browser.screenshot(shots.resolve("candidates.png"));

            browser.clickTab("Người ghi phiếu");
            Path roll = Files.createTempFile("danh-sach", ".xlsx");
            Files.write(roll, Spreadsheets.xlsx(List.of(List.of("STT", "Họ và tên", "Chức vụ", "Đơn vị"),
                    List.of(1, "Nguyễn Văn An", "Chủ tịch", "UBND xã Mỹ Hòa"),
                    List.of(2, "", "Hiệu trưởng", "Trường THCS Mỹ An"),
                    List.of(3, "Phạm Thị Cúc", "Giám đốc", "Trung tâm Văn hóa"))));
            browser.upload("#roll-upload", roll);
            browser.waitForText("#import-report", "Dòng 3");
            assertThat(browser.find("#import-report").getText()).contains("thiếu họ và tên");
            assertThat(browser.find("#voter-count").getText()).contains("có 0 người");
            browser.screenshot(shots.resolve("import-refused.png"));

            browser.type("#voter-name", "Nguyễn Văn An");
            browser.type("#voter-organisation", "UBND xã Mỹ Hòa");
            browser.click("#add-voter");
            browser.waitForText("#voter-count", "có 1 người");

            browser.clickTab("Ban Kiểm phiếu");
            browser.type("#teller-name", "Ngô Thị Hạnh");
            browser.click("#add-teller");
            assertThat(browser.gridText("#tellers")).contains("Ngô Thị Hạnh", "Trưởng ban");

            browser.clickTab("Trạng thái");
            browser.click("#to-ready");
            browser.waitForText("#election-status", "Đã chốt");
            assertThat(browser.find("#locked-notice").getText()).contains("không thể sửa");

            browser.clickTab("Người được lấy phiếu");
            assertThat(browser.isShown("#add-candidate")).isFalse();
            assertThat(browser.isShown("#candidate-name")).isFalse();
            browser.clickTab("Thông tin");
            assertThat(browser.find("#save-details").getAttribute("disabled")).isNotNull();
            browser.screenshot(shots.resolve("ready-locked.png"));

            // Every step above is in the audit log, and the chain checks out on the screen.
            browser.open("/audit");
            browser.click("#check-chain");
            browser.waitForText("#chain-result", "Chuỗi nhật ký nguyên vẹn");
            // A conference that does not exist is said so, in Vietnamese, with a way back.
            browser.open("/elections/987654321");
            browser.waitForText("#not-found", "Không tìm thấy trang");
            browser.click("#sign-out");
            browser.waitForPath("/login");
        }
        var actions = db.select(AUDIT_ENTRY.ACTION).from(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID.desc()).limit(15)
                .fetch(AUDIT_ENTRY.ACTION);
        assertThat(actions).contains("account.signOut", "election.status", "teller.add", "voter.add",
                "voter.import.refused", "candidate.add", "election.update", "election.create", "account.changePassword");
    }
}
