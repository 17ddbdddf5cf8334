package vn.tinnhiem.supervision.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.supervision.LiveConferences;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;

/**
 * The supervision page in a real browser beside a real kiosk in another: a vote cast on the tablet shows on
 * the supervisor's phone within two seconds without a reload; a tablet whose browser closes turns offline with
 * an alert; the quorum flips as voters are ticked present; the hall screen shows the numbers and no control.
 */
@IntegrationTest
@Tag("browser")
class SupervisionBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    KioskService kiosks;

    private String base() {
        return "http://localhost:" + port;
    }

    private LiveConferences conferences() {
        return new LiveConferences(elections, accounts, ceremonies, tokens, kiosks);
    }

    private static Path shot(String name) {
        return Path.of("target", "screenshots", "supervision", name + ".png");
    }

    private static <T> T within(Browser browser, Duration time, Function<WebDriver, T> until) {
        return new WebDriverWait((WebDriver) browser.driver(), time, Duration.ofMillis(50)).until(until);
    }

    /** The element's text as shown, read in one script call (the panel redraws its content when pushed). */
    private static String text(Browser browser, String css) {
        Object text = browser.script("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : ''",
                css);
        return text == null ? "" : text.toString();
    }

    /** The organiser names the supervisor for the conference in its set-up, as the Giám sát viên tab does. */
    private void name(ElectionId conference, String supervisor) {
        try (var organiser = vn.tinnhiem.support.Acting.as("organiser", "ADMIN")) {
            elections.supervisors().addSupervisor(conference, supervisor);
        }
    }

    /** A supervisor signed in on a phone, on the conference's page, marked so that a reload would show. */
    private Browser supervisorOn(ElectionId conference) {
        String supervisor = Staff.create(accounts, "giamsat", Role.SUPERVISOR);
        name(conference, supervisor);
        var phone = new Browser(base(), 360, 640);
        Staff.signIn(phone, supervisor);
        phone.open("/supervise/" + conference);
        phone.find("#live-figures");
        phone.script("window.__sameDocument = true");
        return phone;
    }

    private static void assertNotReloaded(Browser page) {
        assertThat(page.script("return window.__sameDocument === true")).as("the page was not reloaded").isEqualTo(true);
    }

    @Test
    void a_vote_cast_on_a_kiosk_shows_on_the_supervisors_phone_within_two_seconds_without_reload() {
        var conference = conferences().open(3);
        conferences().present(conference, 3);
        String code = conferences().activated(conference, 1).getFirst();
        try (var phone = supervisorOn(conference.id()); var tablet = new Browser(base(), 800, 1280)) {
            assertThat(text(phone, "#live-cast-value")).isEqualTo("0");
            assertThat(text(phone, "#live-turnout-value")).isEqualTo("0,00%");
            conferences().enroll(tablet, conference.id(), "Bàn 1");
            within(phone, Duration.ofSeconds(8), d -> text(phone, "#live-kiosks").contains("Bàn 1")
                    && text(phone, "#live-kiosks").contains("Sẵn sàng"));
            // A voter on the ballot: the tablet's next heartbeat (every 5 s) says it is in use.
            LiveConferences.scan(tablet, code);
            within(phone, Duration.ofSeconds(9), d -> phone.findAll(".live-kiosk[data-state='IN_USE']").size() == 1);
            LiveConferences.confirm(tablet);
            long stored = System.nanoTime();
            within(phone, Duration.ofSeconds(5), d -> text(phone, "#live-cast-value").equals("1"));
            double seconds = (System.nanoTime() - stored) / 1e9;
            assertThat(seconds).as("seconds from the stored vote to the supervisor's page").isLessThan(2);
            assertThat(text(phone, "#live-turnout-value")).isEqualTo("33,33%");
            assertThat(text(phone, "#live-activated-value")).isEqualTo("1");
            assertThat(text(phone, "#live-fresh")).startsWith("Số liệu lúc ");
            assertNotReloaded(phone);
            // Counts only: nothing about what was voted, nor by whom.
            assertThat(phone.pageText()).doesNotContain("Nguyễn Văn An", "Tín nhiệm cao", "Không tín nhiệm", "Đại biểu số");
            PhoneLayout.assertFits(phone, "supervision page");
            phone.screenshot(shot("supervise-360x640"));
        }
    }

    @Test
    void a_kiosk_whose_browser_closes_shows_offline_with_an_alert() {
        var conference = conferences().open(2);
        try (var phone = supervisorOn(conference.id())) {
            var tablet = new Browser(base(), 800, 1280);
            try {
                conferences().enroll(tablet, conference.id(), "Bàn sẽ tắt");
                within(phone, Duration.ofSeconds(8), d -> phone.findAll(".live-kiosk[data-state='IDLE']").size() == 1);
            } finally {
                tablet.close();
            }
            // Three missed heartbeats (5 s each) and the poller's next second.
            within(phone, Duration.ofSeconds(25), d -> phone.findAll(".live-kiosk[data-state='OFFLINE']").size() == 1);
            assertThat(text(phone, "#live-kiosks")).contains("Bàn sẽ tắt", "Mất kết nối", "Liên lạc lần cuối lúc");
            assertThat(text(phone, "#live-alerts")).contains("Máy “Bàn sẽ tắt” mất kết nối");
            assertNotReloaded(phone);
        }
    }

    @Test
    void the_quorum_flips_when_the_two_thirds_line_is_crossed_and_the_page_says_when_it_reconnects() {
        var conference = conferences().open(3);
        conferences().present(conference, 1);
        try (var phone = supervisorOn(conference.id())) {
            assertThat(text(phone, "#live-quorum-value")).isEqualTo("Chưa đủ 2/3");
            conferences().present(conference, 2);
            within(phone, Duration.ofSeconds(3), d -> text(phone, "#live-quorum-value").equals("Đủ 2/3"));
            assertThat(phone.script("return document.querySelector('#live-quorum').dataset.met")).isEqualTo("true");
            assertThat(text(phone, "#live-present-value")).isEqualTo("2");
            try (var teller = Acting.as(conference.teller(), "TELLER")) {
                long voter = elections.deskPresence().deskRoll(conference.id(), "", 0, 10).entries().get(1).voter().id();
                elections.deskPresence().markPresent(conference.id(), voter, false);
            }
            within(phone, Duration.ofSeconds(3), d -> text(phone, "#live-quorum-value").equals("Chưa đủ 2/3"));
            assertNotReloaded(phone);

            // The connection drops (Vaadin says it is reconnecting): the page says so, and stops saying it after.
            assertThat(phone.isShown("#live-reconnecting")).isFalse();
            phone.script("window.Vaadin.connectionState.state = 'reconnecting'");
            within(phone, Duration.ofSeconds(3), d -> phone.isShown("#live-reconnecting"));
            assertThat(text(phone, "#live-reconnecting")).isEqualTo("Đang kết nối lại…");
            phone.script("window.Vaadin.connectionState.state = 'connected'");
            within(phone, Duration.ofSeconds(3), d -> !phone.isShown("#live-reconnecting"));
        }
    }

    @Test
    void the_hall_screen_shows_the_numbers_large_with_no_control() {
        var conference = conferences().open(3);
        conferences().present(conference, 2);
        String supervisor = Staff.create(accounts, "hoitruong", Role.SUPERVISOR);
        name(conference.id(), supervisor);
        try (var projector = new Browser(base(), 1280, 800)) {
            Staff.signIn(projector, supervisor);
            projector.open("/supervise/" + conference.id() + "/hall");
            projector.find("#live-figures");
            assertThat(text(projector, "#live-summoned-value")).isEqualTo("3");
            assertThat(text(projector, "#live-present-value")).isEqualTo("2");
            assertThat(text(projector, "#live-cast-value")).isEqualTo("0");
            assertThat(text(projector, "#live-quorum-value")).isEqualTo("Đủ 2/3");
            assertThat(projector.isShown("#live-chart")).isTrue();
            assertThat(projector.findAll("vaadin-button, button, a[href], input, vaadin-text-field")).as("no control")
                    .isEmpty();
            double size = Double.parseDouble(((String) projector.script(
                    "return getComputedStyle(document.querySelector('#live-cast-value')).fontSize")).replace("px", ""));
            assertThat(size).as("the numbers' size in px").isGreaterThanOrEqualTo(48);
            assertThat(projector.script("return getComputedStyle(document.querySelector('#supervise-hall')).backgroundColor"))
                    .isEqualTo("rgb(0, 0, 0)");
            projector.screenshot(shot("hall-1280x800"));
        }
    }

    @Test
    void the_organisers_status_tab_shows_the_figures_and_the_audit_logs_tail_as_entries_arrive() {
        var conference = conferences().open(3);
        String organiser = Staff.create(accounts, "tochuc", Role.ADMIN);
        try (var console = new Browser(base(), 1280, 800)) {
            Staff.signIn(console, organiser);
            console.open("/elections/" + conference.id());
            console.clickTab("Trạng thái");
            console.find("#live-figures");
            assertThat(text(console, "#live-summoned-value")).isEqualTo("3");
            assertThat(text(console, "#live-audit")).contains("Chuyển hội nghị");
            assertThat(text(console, "#live-audit")).doesNotContain("In 4 thẻ bỏ phiếu mới");
            console.script("window.__sameDocument = true");
            conferences().activated(conference, 1);
            within(console, Duration.ofSeconds(3), d -> text(console, "#live-audit").contains("In 4 thẻ bỏ phiếu mới"));
            within(console, Duration.ofSeconds(3), d -> text(console, "#live-activated-value").equals("1"));
            assertNotReloaded(console);
        }
    }

    @Test
    void a_teller_off_the_board_is_refused_the_page() {
        var conference = conferences().open(2);
        String stranger = Staff.create(accounts, "kiemphieu", Role.TELLER);
        try (var phone = new Browser(base(), 360, 640)) {
            Staff.signIn(phone, stranger);
            phone.open("/supervise/" + conference.id());
            assertThat(phone.findAll("#live-figures")).isEmpty();
            assertThat(List.of(phone.pageText())).noneMatch(t -> t.contains(conference.title()));
        }
    }
}
