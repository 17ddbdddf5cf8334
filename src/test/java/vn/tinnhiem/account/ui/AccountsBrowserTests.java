package vn.tinnhiem.account.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The accounts screen as an administrator meets it on a phone: create, the one-time password, the row
 * menu (unlock, disable with confirmation); and the screen refused to other roles. Each test makes its
 * own accounts and depends on no other test.
 */
@IntegrationTest
@Tag("browser")
class AccountsBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    AuthenticationConfiguration authentication;
    @Autowired
    org.jooq.DSLContext db;

    /** An account that has already chosen its own password, ready to sign in. */
    private String staff(String username, Role role) {
        String oneTime;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            oneTime = accounts.create(username, "Cán bộ " + username, role).oneTimePassword();
        }
        String own = "own-password-of-" + username;
        try (var self = Acting.as(username, role.name())) {
            accounts.changeOwnPassword(oneTime, own);
        }
        return own;
    }

    private StaffAccount account(String username) {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            return accounts.find(username).orElseThrow();
        }
    }

    private void signIn(Browser browser, String username, String password) {
        browser.open("/login");
        browser.type("vaadin-login-form vaadin-text-field[name='username']", username);
        browser.type("vaadin-login-form vaadin-password-field[name='password']", password);
        browser.click("vaadin-login-form vaadin-button");
        wait(browser).until(d -> !browser.currentPath().startsWith("/login"));
        browser.waitForVaadin();
    }

    private static WebDriverWait wait(Browser browser) {
        return new WebDriverWait((WebDriver) browser.driver(), Duration.ofSeconds(20));
    }

    private static Object js(Browser browser, String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    /** The "⋮" button a finger taps (the menu bar also holds a hidden overflow button). */
    private static WebElement menuButton(Browser browser, String username) {
        WebElement bar = browser.find("[id='account-menu-" + username + "']");
        var buttons = bar.findElements(By.cssSelector("vaadin-menu-bar-button"));
        assertThat(buttons).as("one visible button, not folded into an overflow button").hasSize(2)
                .filteredOn(WebElement::isDisplayed).hasSize(1);
        return buttons.stream().filter(WebElement::isDisplayed).findFirst().orElseThrow();
    }

    /** Opens an account's "⋮" menu and taps one of its items. */
    private static void menu(Browser browser, String username, String item) {
        browser.click(menuButton(browser, username));
        WebElement entry;
        try {
            entry = wait(browser).until(d -> d.findElements(By.xpath(
                    "//*[self::vaadin-menu-bar-item or self::vaadin-context-menu-item][normalize-space()='" + item + "']"))
                    .stream().filter(i -> hasArea(browser, i)).findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot(Path.of("target/screenshots/accounts-menu-missing-" + username + ".png"));
            throw new IllegalStateException("No item «" + item + "» in the menu of " + username + "; items: "
                    + js(browser, "return Array.from(document.querySelectorAll('vaadin-menu-bar-item, vaadin-context-menu-item'))"
                            + ".map(i => i.textContent.trim() + (i.offsetParent ? '' : ' (hidden)')).join(' | ')"), e);
        }
        // The sheet slides and scales in: measure and tap it at rest, not half way.
        vn.tinnhiem.support.PhoneLayout.settle(browser);
        @SuppressWarnings("unchecked")
        var size = (Map<String, Number>) js(browser, "const r = arguments[0].getBoundingClientRect();"
                + " return {w: r.width, h: r.height};", entry);
        assertThat(size.get("h").doubleValue()).as("menu item height").isGreaterThanOrEqualTo(44 - 0.01); // layout in fractions of a pixel: 43.99997 is 44
        // A tap where the item is drawn (the phone's sheet lies in the top layer, which Selenium's
        // visibility check does not see into).
        new org.openqa.selenium.interactions.Actions((WebDriver) browser.driver()).moveToElement(entry).click().perform();
        browser.waitForVaadin();
    }

    /** The text of one account's card (other tests' accounts may be locked or disabled too). */
    private static String card(Browser browser, String username) {
        return browser.gridText("#accounts").lines().filter(l -> l.contains(username + " · ")).findFirst().orElse("");
    }

    private static boolean hasArea(Browser browser, WebElement element) {
        return Boolean.TRUE.equals(js(browser, "const r = arguments[0].getBoundingClientRect();"
                + " return r.width > 0 && r.height > 0 && document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)"
                + " !== null;", element));
    }

    private void lockBySignIns(String username) {
        try {
            var manager = authentication.getAuthenticationManager();
            for (int i = 0; i < 5; i++) {
                var request = UsernamePasswordAuthenticationToken.unauthenticated(username, "wrong-" + i);
                request.setDetails(new WebAuthenticationDetails("10.88.0.1", null));
                try {
                    manager.authenticate(request);
                } catch (AuthenticationException expected) {
                    // wrong passwords from one device pause the account there
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // The first lock lasts 30 seconds; stretch it so it cannot run out while a slow machine loads the screens.
        db.execute("UPDATE sign_in_failure SET locked_until = locked_until + INTERVAL 1 HOUR WHERE username = ?", username);
    }

    @Test
    void the_administrator_creates_an_account_keeps_its_password_unlocks_and_disables_on_a_phone() {
        String password = staff("screen.admin", Role.ADMIN);
        staff("screen.locked", Role.TELLER);
        lockBySignIns("screen.locked");
        assertThat(account("screen.locked").lockedUntil()).isPresent();

        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            signIn(browser, "screen.admin", password);
            browser.open("/accounts");
            browser.waitForText("#accounts", "screen.locked");
            assertThat(card(browser, "screen.locked")).contains("Tạm khóa đăng nhập đến");

            browser.type("#account-username", "screen.new");
            browser.type("#account-display-name", "Người mới");
            browser.click("#create-account");
            String oneTime = browser.find("#one-time-password").getText();
            assertThat(oneTime).matches("[ACDEFGHJKMNPQRTUVWXY34679]{4}(-[ACDEFGHJKMNPQRTUVWXY34679]{4}){2}");
            assertThat(browser.isShown("#print-password")).isTrue();
            browser.click("#copy-password");
            browser.waitForText("#copy-password", "Đã sao chép");

            // Esc does not lose the password: it asks first, and "back" keeps it on the screen.
            new org.openqa.selenium.interactions.Actions((WebDriver) browser.driver()).sendKeys(Keys.ESCAPE).perform();
            browser.waitForVaadin();
            wait(browser).until(d -> browser.isShown("#keep-password-open"));
            assertThat(browser.find("#one-time-password").getText()).isEqualTo(oneTime);
            browser.screenshot(Path.of("target/screenshots/accounts-one-time-password-question-360.png"));
            browser.click("#keep-password-open");
            assertThat(browser.isShown("#one-time-password")).isTrue();
            browser.click("#close-dialog");
            wait(browser).until(d -> !browser.isShown("#one-time-password"));
            browser.waitForText("#accounts", "screen.new");
            assertThat(card(browser, "screen.new")).contains("Chưa đổi mật khẩu dùng một lần");

            // The "⋮" is a finger's size, and the page does not scroll sideways.
            @SuppressWarnings("unchecked")
            var size = (Map<String, Number>) js(browser, "const r = arguments[0].getBoundingClientRect();"
                    + " return {w: r.width, h: r.height};", menuButton(browser, "screen.new"));
            assertThat(size.get("w").doubleValue()).isGreaterThanOrEqualTo(44);
            assertThat(size.get("h").doubleValue()).isGreaterThanOrEqualTo(44);
            @SuppressWarnings("unchecked")
            var field = (Map<String, Number>) js(browser, "const r = arguments[0].shadowRoot"
                    + ".querySelector(\"[part~='input-field']\").getBoundingClientRect(); return {w: r.width, h: r.height};",
                    browser.find("#account-username"));
            assertThat(field.get("h").doubleValue()).as("a text field's height").isGreaterThanOrEqualTo(44);
            assertThat((Boolean) js(browser, "return document.documentElement.scrollWidth"
                    + " <= document.documentElement.clientWidth")).isTrue();
            browser.screenshot(Path.of("target/screenshots/accounts-cards-360.png"));

            menu(browser, "screen.locked", "Mở khóa đăng nhập");
            wait(browser).until(d -> !card(browser, "screen.locked").contains("Tạm khóa đăng nhập đến"));
            assertThat(account("screen.locked").lockedUntil()).isEmpty();
            // The unlock's notification sits at the foot of a phone's screen: when this run's accounts end near
            // it, it covers the next card's "⋮" until it closes.
            wait(browser).until(d -> !browser.isShown("vaadin-notification-card"));

            menu(browser, "screen.new", "Ngừng hoạt động");
            wait(browser).until(d -> browser.isShown("#confirm-action"));
            assertThat(account("screen.new").enabled()).as("nothing happens before the confirmation").isTrue();
            browser.screenshot(Path.of("target/screenshots/accounts-disable-confirm-360.png"));
            browser.click("#confirm-action");
            wait(browser).until(d -> card(browser, "screen.new").contains("Đã ngừng hoạt động"));
            assertThat(account("screen.new").enabled()).isFalse();
        }
    }

    @Test
    void a_teller_and_a_supervisor_are_refused_the_accounts_screen() {
        for (Role role : new Role[] {Role.TELLER, Role.SUPERVISOR}) {
            String username = "refused." + role.name().toLowerCase(java.util.Locale.ROOT);
            String password = staff(username, role);
            try (var browser = new Browser("http://localhost:" + port, 1280, 800)) {
                signIn(browser, username, password);
                browser.open("/accounts");
                assertThat(browser.findAll("#account-username")).as(role.name()).isEmpty();
                assertThat(browser.findAll("#accounts")).as(role.name()).isEmpty();
                assertThat(browser.pageText()).as(role.name()).doesNotContain("Tạo tài khoản");
            }
        }
    }

    @Test
    void a_signed_in_user_reaches_the_password_change_from_the_top_bar() {
        String password = staff("topbar.teller", Role.TELLER);
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            signIn(browser, "topbar.teller", password);
            browser.click("#change-password");
            browser.waitForPath("/password");
            // A wrong current password is marked at its field, not in a pop-up over the form.
            browser.type("#current-password", "not-my-password");
            browser.type("#new-password", "a-brand-new-password");
            browser.type("#new-password-again", "a-brand-new-password");
            browser.click("#save-password");
            wait(browser).until(d -> browser.find("#current-password").getAttribute("invalid") != null);
            assertThat(browser.find("#current-password").getText()).contains("Mật khẩu hiện tại không đúng");
            assertThat(browser.isShown(".error-notification")).isFalse();

            browser.type("#current-password", password);
            browser.click("#save-password");
            wait(browser).until(d -> !browser.currentPath().startsWith("/password"));
            // The session that made the change goes on with its role.
            browser.open("/password");
            assertThat(browser.isShown("#current-password")).isTrue();
        }
    }
}
