package vn.tinnhiem.account.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;

/** Sign-in as a teller would meet it: the English switch, a wrong password, and the pause after too many. */
@IntegrationTest
@Tag("browser")
class SignInBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    AuditLog audit;

    private String createTeller(String username) {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            return accounts.create(username, "Thành viên Ban Kiểm phiếu", Role.TELLER).oneTimePassword();
        }
    }

    private static void signIn(Browser browser, String username, String password) {
        browser.type("vaadin-login-form vaadin-text-field[name='username']", username);
        browser.type("vaadin-login-form vaadin-password-field[name='password']", password);
        browser.click("vaadin-login-form vaadin-button");
    }

    @Test
    void the_sign_in_page_speaks_vietnamese_and_switches_to_english() {
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            browser.open("/login");
            assertThat(browser.pageText()).contains("Đăng nhập", "Tên đăng nhập", "Mật khẩu");
            browser.click("#language");
            browser.click(browser.findAll("vaadin-select-item").stream()
                    .filter(i -> i.getText().contains("English")).findFirst().orElseThrow());
            browser.waitForText("vaadin-login-form", "User name");
            assertThat(browser.pageText()).contains("Sign in", "Password").doesNotContain("Mật khẩu");
            browser.open("/login");
            assertThat(browser.pageText()).contains("User name");
        }
    }

    @Test
    void a_wrong_password_is_refused_and_too_many_pause_the_account_even_for_the_right_one() {
        String password = createTeller("teller.lock");
        try (var browser = new Browser("http://localhost:" + port, 1280, 800)) {
            browser.open("/login");
            signIn(browser, "teller.lock", "wrong-password");
            browser.waitForText("vaadin-login-form", "Sai tên đăng nhập hoặc mật khẩu");
            // The name stays in its field after a refusal; only the password is typed again.
            new org.openqa.selenium.support.ui.WebDriverWait((org.openqa.selenium.WebDriver) browser.driver(),
                    java.time.Duration.ofSeconds(10)).until(d -> "teller.lock".equals(((org.openqa.selenium.JavascriptExecutor) d)
                            .executeScript("return document.querySelector(\"vaadin-login-form vaadin-text-field[name='username']\").value")));
            for (int i = 0; i < 4; i++) {
                signIn(browser, "teller.lock", "wrong-password-" + i);
            }
            signIn(browser, "teller.lock", password);
            // The same words as for a wrong password or an unknown name: the page never confirms a name.
            browser.waitForText("vaadin-login-form", "Sai tên đăng nhập hoặc mật khẩu");
            assertThat(browser.currentPath()).startsWith("/login");
            String lockedPage = browser.pageText();
            signIn(browser, "no.such.person", "wrong-password");
            browser.waitForText("vaadin-login-form", "Sai tên đăng nhập hoặc mật khẩu");
            assertThat(browser.pageText()).isEqualTo(lockedPage);
        }
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            assertThat(audit.newest(20)).anyMatch(e -> e.action().equals("account.locked")
                    && e.subject().equals("account:teller.lock"));
        }
    }
}
