package vn.tinnhiem.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;

/**
 * A supervisor's Nhật ký on a phone: the entries of the conference they are named for, in words, with the
 * candidate's and the voter's names hidden; nothing of another conference; the screen says what it leaves out.
 */
@IntegrationTest
@Tag("browser")
class AuditSupervisorBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;

    @Test
    void a_supervisor_reads_their_conference_in_the_log_without_a_name() {
        String supervisor = Staff.create(accounts, "gs-nhatky", Role.SUPERVISOR);
        String mineTitle = Conferences.uniqueTitle("Hội nghị tôi giám sát");
        String otherTitle = Conferences.uniqueTitle("Hội nghị người khác");
        ElectionId mine = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, mineTitle, ElectionStatus.DRAFT);
        ElectionId other = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, otherTitle, ElectionStatus.DRAFT);
        String candidate = "Đinh Công Kínđáo";
        String voter = "Vũ Thị Ẩndanh";
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            elections.candidates().addCandidate(mine, candidate, "Phó Chủ tịch UBND xã");
            elections.voterRoll().addVoter(mine, new NewVoter(voter, "Đại biểu", "HĐND xã"));
            elections.candidates().addCandidate(other, "Trịnh Văn Ngườikhác", "Chủ tịch");
            elections.lifecycle().moveTo(mine, ElectionStatus.READY);
            elections.supervisors().addSupervisor(mine, supervisor);
        }
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            Staff.signIn(browser, supervisor);
            browser.open("/audit");
            browser.waitForText("#audit-log", "[tên đã ẩn]");
            String log = browser.gridText("#audit-log");
            assertThat(log).contains("Thêm người được lấy phiếu số", "Thêm người ghi phiếu số",
                    "Chọn tài khoản “" + supervisor + "” làm giám sát viên của hội nghị “" + mineTitle + "”",
                    "“Đã chốt”")
                    .doesNotContain(candidate, voter, "Kínđáo", "Ẩndanh", otherTitle, "Ngườikhác", "election:" + other);
            assertThat(browser.find("#audit-scoped").getText()).contains("Bạn chỉ thấy các mục của những hội nghị");
            assertThat(browser.pageText()).doesNotContain(candidate, voter, otherTitle);
            PhoneLayout.assertFits(browser, "a supervisor's audit log");
            browser.screenshot(Path.of("target", "screenshots", "360x640", "audit-supervisor.png"));

            // A name typed in the search finds nothing, not even that it is there; their title finds their entries.
            browser.type("#audit-search", "Kínđáo");
            assertThat(shownRowsOnceSettled(browser, rows -> !rows.contains("["))).isEmpty();
            browser.type("#audit-search", mineTitle);
            assertThat(shownRowsOnceSettled(browser, rows -> rows.contains("[tên đã ẩn]")))
                    .contains("[tên đã ẩn]").doesNotContain(candidate, voter, otherTitle);
        }
    }

    /** The rows the grid shows (not the old cells it keeps hidden), once the lazy search has answered. */
    private static String shownRowsOnceSettled(Browser browser, java.util.function.Predicate<String> settled) {
        long until = System.nanoTime() + 10_000_000_000L;
        String rows = shownRows(browser);
        while (!settled.test(rows) && System.nanoTime() < until) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            browser.waitForVaadin();
            rows = shownRows(browser);
        }
        return rows;
    }

    private static String shownRows(Browser browser) {
        return (String) browser.script("""
                const grid = document.querySelector('#audit-log');
                return [...grid.shadowRoot.querySelectorAll('#items tr')].filter(r => !r.hidden)
                    .map(r => [...r.querySelectorAll('td')].filter(c => !c.hidden)
                        .map(c => c.querySelector('slot').assignedElements().map(e => e.textContent).join(' '))
                        .join(' | '))
                    .join('\\n');
                """);
    }
}
