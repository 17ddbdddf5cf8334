package vn.tinnhiem.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;

/**
 * Every screen the organiser reaches with a demo conference, on a 360x640 phone: no sideways scroll,
 * nothing to tap under 44x44 px. Each screen is its own test, so a failure names the screen.
 */
@IntegrationTest
@Tag("browser")
class PhoneLayoutBrowserTests {

    private static final List<String> TABS = List.of("Thông tin", "Người được lấy phiếu", "Người ghi phiếu",
            "Ban Kiểm phiếu", "Giám sát viên", "Tiến độ chuẩn bị", "Trạng thái");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;

    private Browser phoneSignedInAsOrganiser() {
        String admin = Staff.create(accounts, "phone-admin", Role.ADMIN);
        var browser = new Browser("http://localhost:" + port, 360, 640);
        Staff.signIn(browser, admin);
        return browser;
    }

    private static Path shot(String name) {
        return Path.of("target", "screenshots", "360x640", name + ".png");
    }

    @Test
    void the_home_and_the_shell_fit_a_phone() {
        try (var browser = phoneSignedInAsOrganiser()) {
            PhoneLayout.assertFits(browser, "home");
            browser.click("vaadin-drawer-toggle");
            browser.find("#main-menu");
            PhoneLayout.assertFits(browser, "the menu");
        }
    }

    @Test
    void the_conference_list_fits_a_phone() {
        Conferences.demo(elections, DemoKind.DISTRICT_COMMITTEE, Conferences.uniqueTitle("Hội nghị trong danh sách"),
                ElectionStatus.DRAFT);
        try (var browser = phoneSignedInAsOrganiser()) {
            browser.open("/elections");
            browser.find("#new-election");
            browser.screenshot(shot("elections"));
            PhoneLayout.assertFits(browser, "the conference list");
        }
    }

    @Test
    void every_tab_of_both_demo_conferences_fits_a_phone() {
        List<String> problems = new ArrayList<>();
        try (var browser = phoneSignedInAsOrganiser()) {
            for (DemoKind kind : DemoKind.values()) {
                ElectionId id = Conferences.demo(elections, kind, Conferences.uniqueTitle("Hội nghị mẫu"), ElectionStatus.DRAFT);
                browser.open("/elections/" + id);
                for (String tab : TABS) {
                    browser.clickTab(tab);
                    browser.screenshot(shot("tab-" + TABS.indexOf(tab) + "-" + kind));
                    PhoneLayout.problems(browser).forEach(p -> problems.add(kind + ", " + tab + ": " + p));
                }
            }
        }
        assertThat(problems).as("the tabs of the demo conferences").isEmpty();
    }

    @Test
    void the_audit_log_fits_a_phone() {
        try (var browser = phoneSignedInAsOrganiser()) {
            browser.open("/audit");
            browser.find("#check-chain");
            browser.screenshot(shot("audit"));
            PhoneLayout.assertFits(browser, "the audit log");
        }
    }

    @Test
    void the_accounts_screen_fits_a_phone() {
        try (var browser = phoneSignedInAsOrganiser()) {
            browser.open("/accounts");
            browser.find("#create-account");
            browser.screenshot(shot("accounts"));
            PhoneLayout.assertFits(browser, "the accounts screen");
        }
    }

    /**
     * The touch targets come from the shell's global styles (buttons, row menus, checkboxes, fields,
     * tabs), so they are checked on every screen now, while the grids that still scroll sideways wait
     * for their screens' branches (the tests above).
     */
    @Test
    void every_touch_target_on_every_screen_is_at_least_44_px() {
        ElectionId id = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, Conferences.uniqueTitle("Hội nghị mẫu"),
                ElectionStatus.DRAFT);
        List<String> problems = new ArrayList<>();
        try (var browser = phoneSignedInAsOrganiser()) {
            for (String path : List.of("/", "/elections", "/audit", "/accounts", "/password", "/elections/987654321")) {
                browser.open(path);
                PhoneLayout.problems(browser).forEach(p -> problems.add(path + ": " + p));
                browser.screenshot(shot("screen" + path.replace('/', '-')));
            }
            browser.open("/elections/" + id);
            for (String tab : TABS) {
                browser.clickTab(tab);
                PhoneLayout.problems(browser).forEach(p -> problems.add(tab + ": " + p));
            }
        }
        assertThat(problems).filteredOn(p -> p.contains("touch target")).isEmpty();
    }

    /** The helper itself: a button behind a dialog cannot be tapped, and the test that tries fails. */
    @Test
    void a_button_covered_by_a_dialog_cannot_be_clicked_and_the_demo_asks_which_kind() {
        int before;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            before = elections.elections().list().size();
        }
        try (var browser = phoneSignedInAsOrganiser()) {
            browser.open("/elections");
            browser.click("#demo-election");
            browser.find("#demo-kind");
            // The list behind the dialog is another screen's; here only the dialog's own targets count.
            assertThat(PhoneLayout.problems(browser)).filteredOn(p -> p.contains("radio") || p.contains("-demo"))
                    .isEmpty();
            browser.screenshot(shot("demo-dialog"));
            assertThatThrownBy(() -> browser.click("#new-election")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("A finger cannot reach vaadin-button#new-election");
            try (var organiser = Acting.as("organiser", "ADMIN")) {
                assertThat(elections.elections().list()).hasSize(before);
            }
            browser.click(browser.findAll("#demo-kind vaadin-radio-button").stream()
                    .filter(r -> r.getText().contains("Hội đồng nhân dân xã")).findFirst().orElseThrow());
            browser.click("#create-demo");
            browser.waitForText(".election-heading", "Kỳ họp Hội đồng nhân dân xã Phú Lợi");
        }
    }
}
