package vn.tinnhiem.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The audit screen as an organiser meets it on a phone and on a desktop: actions in words, a search
 * that narrows the log on the server, times in the hall's zone, and an integrity check that says the
 * log is intact and shows the full head hash to copy into the minutes.
 */
@IntegrationTest
@Tag("browser")
class AuditBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    Elections elections;
    @Autowired
    Candidates candidates;
    @Autowired
    AuditLog audit;

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void the_log_reads_in_words_narrows_by_search_and_checks_out_with_the_full_head(int width, int height) {
        String user = "audit.viewer." + width;
        String title = "Hội nghị nhật ký " + width;
        String password;
        AuditEntry created;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            password = accounts.create(user, "Người xem nhật ký", Role.ADMIN).oneTimePassword();
            ElectionId id = elections.create(new ElectionDetails(title, "HĐND xã Mỹ Hòa", "Hội trường UBND xã",
                    LocalDateTime.of(2026, 12, 21, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
            candidates.addCandidate(id, "Trần Minh Khoa", "Phó Chủ tịch UBND xã");
            // As a lifecycle step would: the check below then has an anchor to compare with.
            audit.anchorAfterCommit("test");
            created = audit.newest(10).stream().filter(e -> e.action().equals("election.create")
                    && e.subject().equals("election:" + id)).findFirst().orElseThrow();
        }
        Path shots = Path.of("target", "screenshots", width + "x" + height);

        try (var browser = new Browser("http://localhost:" + port, width, height)) {
            firstSignIn(browser, user, password, "mat-khau-nhat-ky-2026");

            browser.open("/audit");
            browser.waitForText("#audit-log", "Tạo hội nghị “" + title + "”");
            String log = shownRows(browser);
            assertThat(log).contains("Thêm người được lấy phiếu số 1 “Trần Minh Khoa” vào hội nghị “" + title + "”")
                    .contains("“" + user + "” đăng nhập")
                    .doesNotContain("title=", "DRAFT->READY", "role=", "election:");
            // The hall's time, whatever the server's zone.
            String hallTime = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy")
                    .format(created.occurredAt().atZone(ZoneId.of("Asia/Ho_Chi_Minh")));
            assertThat(log).contains(hallTime);
            browser.screenshot(shots.resolve("audit.png"));

            browser.type("#audit-search", title);
            String found = narrowed(browser);
            assertThat(found).contains("Tạo hội nghị “" + title + "”", "Trần Minh Khoa")
                    .doesNotContain("đăng nhập", "Hội nghị nhật ký " + (width == 360 ? 1280 : 360));

            browser.click("#check-chain");
            browser.waitForText("#chain-result", "Chuỗi nhật ký nguyên vẹn");
            String head;
            try (var organiser = Acting.as("organiser", "ADMIN")) {
                head = audit.head().grouped();
            }
            assertThat(head).matches("([0-9a-f]{4} ){15}[0-9a-f]{4}");
            assertThat(browser.find("#head-hash").getAttribute("textContent").replaceAll("\\s+", " ").strip()).isEqualTo(head);
            assertThat(browser.find("#chain-result").getText()).contains("Đã đối chiếu với").doesNotContain("Không tìm thấy");
            browser.screenshot(shots.resolve("audit-checked.png"));

            var js = (JavascriptExecutor) browser.driver();
            @SuppressWarnings("unchecked")
            var layout = (Map<String, Object>) js.executeScript("""
                    const grid = document.querySelector('#audit-log');
                    const table = grid.shadowRoot.querySelector('#table');
                    const heads = [...grid.shadowRoot.querySelectorAll('#header tr th')].filter(c => !c.hidden);
                    const row = [...grid.shadowRoot.querySelectorAll('#items tr')].find(r => !r.hidden);
                    const cells = [...row.querySelectorAll('td')].filter(c => !c.hidden);
                    const fields = [...document.querySelectorAll('#audit-toolbar vaadin-text-field, #audit-toolbar vaadin-combo-box')]
                        .map(f => f.shadowRoot.querySelector('[part=input-field]').getBoundingClientRect().height);
                    const buttons = [...document.querySelectorAll('#audit-toolbar vaadin-button')]
                        .map(b => b.getBoundingClientRect().height);
                    return {pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
                        gridOverflow: table.scrollWidth - table.clientWidth,
                        columns: heads.length,
                        misaligned: Math.max(0, ...heads.map((h, i) => Math.abs(h.getBoundingClientRect().left
                            - cells[i].getBoundingClientRect().left))),
                        smallest: Math.min(...fields, ...buttons)};
                    """);
            assertThat(((Number) layout.get("pageOverflow")).doubleValue()).as("page scrolls sideways").isLessThanOrEqualTo(0);
            assertThat(((Number) layout.get("gridOverflow")).doubleValue()).as("log scrolls sideways").isLessThanOrEqualTo(1);
            assertThat(((Number) layout.get("misaligned")).doubleValue()).as("headers offset from cells").isLessThan(1);
            assertThat(((Number) layout.get("smallest")).doubleValue()).as("smallest touch target").isGreaterThanOrEqualTo(44);
            assertThat(((Number) layout.get("columns")).intValue()).as("cards on a phone, columns on a desktop")
                    .isEqualTo(width < 700 ? 1 : 5);
            if (width < 700) {
                // A card: the action in words, who and when beneath.
                assertThat(found).contains("organiser · ");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void a_lifecycle_step_confirms_with_the_full_head_of_the_log() {
        String user = "audit.step";
        String password;
        long id;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            password = accounts.create(user, "Người chốt danh sách", Role.ADMIN).oneTimePassword();
            id = elections.createDemo().value();
        }
        try (var browser = new Browser("http://localhost:" + port, 1280, 800)) {
            firstSignIn(browser, user, password, "mat-khau-chot-2026");
            browser.open("/elections/" + id);
            browser.clickTab("Trạng thái");
            browser.click("#to-ready");
            browser.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("#election-status", "Đã chốt");
            String head;
            try (var organiser = Acting.as("organiser", "ADMIN")) {
                head = audit.head().grouped();
            }
            browser.find("#lifecycle-head-hash");
            assertThat(browser.find("#lifecycle-head-hash").getAttribute("textContent")).isEqualTo(head);
            browser.screenshot(Path.of("target", "screenshots", "1280x800", "ready-head.png"));
            browser.click("#lifecycle-head-close");
        }
    }

    /** The search runs once the typing pauses: waits until the sign-ins have left the log. */
    private static String narrowed(Browser browser) {
        long until = System.nanoTime() + 10_000_000_000L;
        String text = shownRows(browser);
        while (text.contains("đăng nhập") && System.nanoTime() < until) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            browser.waitForVaadin();
            text = shownRows(browser);
        }
        return text;
    }

    /** The text of the rows the grid shows now (rows it no longer needs keep their old cells, hidden). */
    private static String shownRows(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver()).executeScript("""
                const grid = document.querySelector('#audit-log');
                return [...grid.shadowRoot.querySelectorAll('#items tr')].filter(r => !r.hidden)
                    .map(r => [...r.querySelectorAll('td')].filter(c => !c.hidden)
                        .map(c => c.querySelector('slot').assignedElements().map(e => e.textContent).join(' '))
                        .join(' | '))
                    .join('\\n');
                """);
    }

    /** A first sign-in with the one-time password, changed at once; done once the organiser's home shows. */
    private static void firstSignIn(Browser browser, String user, String oneTime, String newPassword) {
        browser.open("/login");
        browser.type("vaadin-login-form vaadin-text-field[name='username']", user);
        browser.type("vaadin-login-form vaadin-password-field[name='password']", oneTime);
        browser.click("vaadin-login-form vaadin-button");
        browser.waitForPath("/password");
        browser.type("#current-password", oneTime);
        browser.type("#new-password", newPassword);
        browser.type("#new-password-again", newPassword);
        browser.click("#save-password");
        browser.find("#home-elections");
    }
}
