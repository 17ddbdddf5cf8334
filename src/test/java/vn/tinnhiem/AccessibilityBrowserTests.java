package vn.tinnhiem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.count.BoxCheck;
import vn.tinnhiem.count.PollsClose;
import vn.tinnhiem.count.TalliedConferences;
import vn.tinnhiem.count.TotalsUnsealing;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.supervision.LiveConferences;
import vn.tinnhiem.support.Axe;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.VotingService;

/**
 * axe-core on every main screen of every role, at the phone's and the console's size (the kiosk also at the
 * tablet's): no critical or serious violation anywhere. Each screen's figures land in target/axe/screens.tsv.
 * All screens of a role are visited before the test fails, so one run names every screen that breaks a rule.
 */
@IntegrationTest
@Tag("browser")
class AccessibilityBrowserTests {

    private static final List<String> TABS = List.of("Thông tin", "Người được lấy phiếu", "Người ghi phiếu",
            "Ban Kiểm phiếu", "Giám sát viên", "Tiến độ chuẩn bị", "Trạng thái");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    VotingService voting;
    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;
    @Autowired
    TotalsUnsealing totalsUnsealing;
    @Autowired
    KioskService kiosks;

    /*
     * The conferences the screens show, made once for the class and shared by every size and role: a visit changes
     * none of them (the screens are only looked at), and making them through the services, a key ceremony and a
     * count each, took a third of this class's time when every test made its own.
     */
    private static TalliedConferences.Counted counted;
    private static TalliedConferences.Counted closed;
    private static LiveConferences.Open open;
    private static LiveConferences.Open votingAt;
    private static final java.util.concurrent.atomic.AtomicInteger VOTERS = new java.util.concurrent.atomic.AtomicInteger();

    /** Counted by the board: the count, minutes, projector and tracking screens have something to show. */
    private synchronized TalliedConferences.Counted counted() {
        if (counted == null) {
            counted = new TalliedConferences(elections, accounts, ceremonies, tokens, voting, pollsClose, boxCheck,
                    totalsUnsealing).tallied(3, 5, 5, 4);
        }
        return counted;
    }

    /** Closed, not counted yet: the count screen at its first step. */
    private synchronized TalliedConferences.Counted closed() {
        if (closed == null) {
            closed = new TalliedConferences(elections, accounts, ceremonies, tokens, voting, pollsClose, boxCheck,
                    totalsUnsealing).closed(2, 4, 4, 3);
        }
        return closed;
    }

    /** Open, two of six present: the board's, the desk's and the supervisor's live screens. */
    private synchronized LiveConferences.Open open() {
        if (open == null) {
            var live = new LiveConferences(elections, accounts, ceremonies, tokens, kiosks);
            var made = live.open(6);
            live.present(made, 2);
            open = made;
        }
        return open;
    }

    /** Open, three on the roll, for the kiosk: each size (three) votes with its own card. */
    private synchronized LiveConferences.Open votingAt() {
        if (votingAt == null) {
            votingAt = new LiveConferences(elections, accounts, ceremonies, tokens, kiosks).open(3);
        }
        return votingAt;
    }

    private Browser browser(int width, int height) {
        return new Browser("http://localhost:" + port, width, height);
    }

    private static void visit(Browser browser, String screen, String path, String ready, List<String> problems) {
        browser.open(path);
        browser.find(ready);
        check(browser, screen, problems);
    }

    private static void check(Browser browser, String screen, List<String> problems) {
        String size = String.valueOf(browser.script("return window.innerWidth + 'x' + window.innerHeight;"));
        browser.screenshot(Path.of("target", "screenshots", size, "axe-" + screen + ".png"));
        String title = String.valueOf(browser.script("return document.title;"));
        if (title.isBlank()) {
            problems.add(screen + " at " + size + ": the page has no title");
        }
        Axe.check(browser, screen).stream().filter(v -> v.impact().equals("critical") || v.impact().equals("serious"))
                .forEach(v -> problems.add(screen + " at " + size + ": " + v));
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({ "360, 640", "1280, 800" })
    void the_organisers_screens_break_no_serious_rule(int width, int height) {
        var counted = counted();
        String admin = Staff.create(accounts, "axe-admin", Role.ADMIN);
        List<String> problems = new ArrayList<>();
        try (var browser = browser(width, height)) {
            visit(browser, "login", "/login", "vaadin-login-form", problems);
            Staff.signIn(browser, admin);
            check(browser, "home-organiser", problems);
            visit(browser, "elections", "/elections", "#new-election", problems);
            browser.click("#new-election");
            browser.find("#new-election-dialog");
            check(browser, "new-conference-dialog", problems);
            browser.open("/elections/" + counted.id());
            for (String tab : TABS) {
                browser.clickTab(tab);
                check(browser, "conference-tab-" + (TABS.indexOf(tab) + 1), problems);
            }
            ElectionId draft = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, Conferences.uniqueTitle("Hội nghị axe"),
                    ElectionStatus.DRAFT);
            browser.open("/elections/" + draft);
            browser.clickTab("Trạng thái");
            browser.click("#delete-election");
            browser.find("#confirm-dialog");
            check(browser, "confirm-dialog", problems);
            browser.click("#confirm-dialog vaadin-button[slot='cancel-button']");
            visit(browser, "accounts", "/accounts", "#create-account", problems);
            visit(browser, "audit", "/audit", "#check-chain", problems);
            visit(browser, "password", "/password", "vaadin-password-field", problems);
            visit(browser, "kiosks", "/kiosks", "#kiosk-name", problems);
            visit(browser, "ceremony", "/ceremony/" + counted.id(), "#ceremony-conference", problems);
            visit(browser, "cards", "/cards/" + counted.id(), "#cards-counts", problems);
            visit(browser, "count-organiser", "/count/" + counted.id(), "#count-status", problems);
            visit(browser, "not-found", "/khong-co-trang-nay", "#not-found", problems);
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({ "360, 640", "1280, 800" })
    void the_boards_and_the_supervisors_screens_break_no_serious_rule(int width, int height) {
        var counted = counted();
        var closed = closed();
        var open = open();
        String supervisor = open.supervisor();
        List<String> problems = new ArrayList<>();
        try (var browser = browser(width, height)) {
            Staff.signIn(browser, open.teller());
            check(browser, "home-teller", problems);
            visit(browser, "board", "/board/" + open.id(), "#board-status", problems);
            visit(browser, "desk", "/desk/" + open.id(), "#desk-status", problems);
        }
        try (var browser = browser(width, height)) {
            Staff.signIn(browser, closed.tellers().getFirst());
            check(browser, "home-teller-closed", problems);
            visit(browser, "count-closed", "/count/" + closed.id(), "#count-status", problems);
        }
        try (var browser = browser(width, height)) {
            Staff.signIn(browser, counted.tellers().getFirst());
            check(browser, "home-teller-counted", problems);
            visit(browser, "count-tallied", "/count/" + counted.id(), "#count-status", problems);
            visit(browser, "projector", "/projector/" + counted.id(), "#projector", problems);
        }
        try (var browser = browser(width, height)) {
            Staff.signIn(browser, supervisor);
            check(browser, "home-supervisor", problems);
            visit(browser, "supervise-open", "/supervise/" + open.id(), "#supervise", problems);
            visit(browser, "supervise-hall", "/supervise/" + open.id() + "/hall", "#supervise-hall", problems);
            visit(browser, "audit-supervisor", "/audit", "#check-chain", problems);
        }
        try (var browser = browser(width, height)) {
            visit(browser, "verify", "/verify", "#verify-upload", problems);
            visit(browser, "tracking", "/tracking/" + counted.id(), "#tracking", problems);
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({ "360, 640", "800, 1280", "1280, 800" })
    void the_voters_screens_break_no_serious_rule(int width, int height) {
        var live = new LiveConferences(elections, accounts, ceremonies, tokens, kiosks);
        var open = votingAt();
        // One more voter present for each size, as the desk ticks each voter before their card.
        live.present(open, VOTERS.incrementAndGet());
        String code = live.activated(open, 1).getFirst();
        List<String> problems = new ArrayList<>();
        try (var tablet = browser(width, height)) {
            visit(tablet, "kiosk-not-enrolled", "/kiosk", "#kiosk-content", problems);
            live.enroll(tablet, open.id(), "Máy axe " + width);
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            check(tablet, "kiosk-idle", problems);
            LiveConferences.scan(tablet, code);
            check(tablet, "kiosk-ballot", problems);
            tablet.click("#kiosk-candidate-1 .kiosk-choice[data-level='CONFIDENCE']");
            tablet.click("#kiosk-review");
            tablet.waitForText("#kiosk-content", "Sửa lại");
            check(tablet, "kiosk-review", problems);
            tablet.click("#kiosk-confirm");
            // Sealed in the page and committed: the voter casts it.
            tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
            check(tablet, "kiosk-cast-or-check", problems);
            tablet.click("#kiosk-cast");
            tablet.waitForText("#kiosk-content", "Phiếu của bạn đã được ghi nhận");
            check(tablet, "kiosk-done", problems);
        }
        assertThat(problems).isEmpty();
    }
}
