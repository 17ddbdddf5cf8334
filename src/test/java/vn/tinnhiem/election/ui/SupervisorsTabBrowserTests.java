package vn.tinnhiem.election.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
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
 * The organiser names a conference's supervisors on a phone: chosen from the SUPERVISOR accounts (an
 * empty choice refused at the field), shown as cards, removed only after a confirmation.
 */
@IntegrationTest
@Tag("browser")
class SupervisorsTabBrowserTests {

    private static final Path SHOTS = Path.of("target", "screenshots", "360x640");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;

    @Test
    void the_organiser_names_a_supervisor_and_removes_them_after_a_confirmation_on_a_phone() {
        String organiser = Staff.create(accounts, "tochuc-gs", Role.ADMIN);
        String supervisor = "gs.thu." + System.nanoTime() % 1_000_000;
        ElectionId id = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, Conferences.uniqueTitle("Hội nghị có giám sát"),
                ElectionStatus.READY);
        try (var admin = Acting.as("organiser", "ADMIN")) {
            accounts.create(supervisor, "Phạm Thu Giám", Role.SUPERVISOR);
        }
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            Staff.signIn(browser, organiser);
            browser.open("/elections/" + id + "?tab=supervisors");
            browser.waitForText("#supervisors", "Chưa có giám sát viên");
            assertThat(browser.find("vaadin-tab[selected]").getText().trim()).isEqualTo("Giám sát viên");

            // Nothing chosen: the refusal is at the field, not a pop-up.
            browser.click("#add-supervisor");
            WebElement field = browser.find("#supervisor-account");
            new WebDriverWait((WebDriver) browser.driver(), Duration.ofSeconds(10))
                    .until(d -> field.getAttribute("invalid") != null);
            assertThat(browser.script("return arguments[0].errorMessage", field))
                    .isEqualTo("Hãy chọn một tài khoản Giám sát.");

            browser.click("#supervisor-account");
            WebElement choice = new WebDriverWait((WebDriver) browser.driver(), Duration.ofSeconds(10))
                    .until(d -> browser.findAll("vaadin-select-item").stream()
                            .filter(i -> i.getText().contains(supervisor)).findFirst().orElse(null));
            browser.click(choice);
            browser.click("#add-supervisor");
            browser.waitForText("#supervisors", "Phạm Thu Giám");
            assertThat(browser.find("#supervisors").getText()).contains("Tài khoản: " + supervisor);
            try (var named = Acting.as(supervisor, "SUPERVISOR")) {
                assertThat(elections.supervisors().maySupervise(id)).isTrue();
            }
            PhoneLayout.assertFits(browser, "the supervisors tab");
            browser.script("document.querySelector('#supervisor-account').scrollIntoView({block: 'start'})");
            browser.screenshot(SHOTS.resolve("supervisors-tab.png"));

            // Removing asks first; cancelling keeps them.
            openCardMenu(browser, "Phạm Thu Giám");
            clickMenuItem(browser, "Xóa");
            browser.waitForText("#confirm-dialog", "Xóa “Phạm Thu Giám” khỏi danh sách giám sát viên?");
            PhoneLayout.assertFits(browser, "the removal's confirmation");
            browser.screenshot(SHOTS.resolve("supervisors-remove-confirm.png"));
            browser.click("#confirm-dialog vaadin-button[slot='cancel-button']");
            browser.waitForText("#supervisors", "Phạm Thu Giám");
            try (var admin = Acting.as("organiser", "ADMIN")) {
                assertThat(elections.supervisors().named(id)).containsExactly(supervisor);
            }
            openCardMenu(browser, "Phạm Thu Giám");
            clickMenuItem(browser, "Xóa");
            browser.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("#supervisors", "Chưa có giám sát viên");
        }
        try (var admin = Acting.as("organiser", "ADMIN")) {
            assertThat(elections.supervisors().named(id)).isEmpty();
        }
    }

    private static void openCardMenu(Browser browser, String cardText) {
        WebElement card = browser.findAll("#supervisors .election-card").stream()
                .filter(c -> c.getText().contains(cardText)).findFirst().orElseThrow();
        browser.click(card.findElement(By.cssSelector("vaadin-menu-bar-button")));
    }

    private static void clickMenuItem(Browser browser, String label) {
        WebElement item = new WebDriverWait((WebDriver) browser.driver(), Duration.ofSeconds(10)).until(d -> {
            @SuppressWarnings("unchecked")
            var items = (List<WebElement>) browser.script("""
                    const found = [];
                    const walk = root => root.querySelectorAll('*').forEach(e => {
                      if (e.localName === 'vaadin-menu-bar-item' && e.getClientRects().length > 0) found.push(e);
                      if (e.shadowRoot) walk(e.shadowRoot);
                    });
                    walk(document);
                    return found;
                    """);
            return items.stream().filter(i -> i.getText().trim().equals(label)).findFirst().orElse(null);
        });
        browser.click(item);
    }
}
