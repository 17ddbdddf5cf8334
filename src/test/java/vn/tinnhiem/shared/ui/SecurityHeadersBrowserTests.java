package vn.tinnhiem.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.shared.SecurityHeaders;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.CameraTest;
import vn.tinnhiem.support.FakeCamera;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Staff;

/**
 * The response headers every page carries (Content-Security-Policy, Referrer-Policy) and the session cookie's
 * SameSite, as a client sees them over HTTP; and the app's pages in Chromium under that policy, with the
 * violations the browser reports counted (none allowed): the sign-in, the console's screens, the public
 * verification page, the kiosk page and the QR scanner with its camera and jsQR.
 */
@IntegrationTest
@Tag("browser")
class SecurityHeadersBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String base() {
        return "http://localhost:" + port;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.uri().toString())
                .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("Referrer-Policy")).as(response.uri().toString()).hasValue("same-origin");
    }

    @Test
    void every_kind_of_address_sends_the_policy_and_no_referrer_to_other_sites_and_the_session_cookie_is_same_site_strict()
            throws Exception {
        HttpResponse<String> login = get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertHeaders(login);
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.headers().map()));
        assertThat(session).contains("HttpOnly", "SameSite=Strict");
        // The policy names no other origin; what Vaadin needs to start is all it loosens.
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).contains("default-src 'self'", "object-src 'none'",
                "frame-ancestors 'self'", "form-action 'self'", "base-uri 'self'").doesNotContain("*", "http");

        // A staff page asked without a session (sent to sign in), the public page, the kiosk's own chain, a
        // static file.
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isBetween(200, 399);
        assertHeaders(home);
        assertHeaders(get("/verify"));
        assertHeaders(get("/kiosk/manifest.webmanifest"));
        assertHeaders(get("/styles.css"));
    }

    @Test
    void the_console_the_public_pages_and_the_kiosk_run_under_the_policy_and_the_signed_in_cookie_is_strict() {
        String admin = Staff.create(accounts, "csp-admin", Role.ADMIN);
        try (var browser = new Browser(base(), 1280, 800)) {
            Staff.signIn(browser, admin);
            var cookie = ((WebDriver) browser.driver()).manage().getCookieNamed("JSESSIONID");
            assertThat(cookie).isNotNull();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(cookie.isHttpOnly()).isTrue();

            browser.open("/accounts");
            browser.find("#accounts");
            browser.open("/elections");
            browser.waitForVaadin();
            browser.open("/audit");
            browser.waitForVaadin();
            browser.open("/verify");
            browser.find("#verify-upload");
            browser.open("/kiosk");
            browser.waitForVaadin();
            assertThat(browser.cspViolations()).as("Content-Security-Policy violations").isEmpty();
        }
    }

    @CameraTest
    @Test
    void the_qr_scanner_reads_a_card_by_the_camera_with_jsqr_under_the_policy() {
        String card = "TN-" + UUID.randomUUID();
        try (var browser = Browser.withCamera(base(), 360, 640, FakeCamera.qr(card))) {
            browser.open("/test/qr-scanner");
            browser.waitForCameraRead("a read under the policy", Duration.ofSeconds(45),
                    () -> browser.findAll("#reads .read").size() >= 1);
            assertThat(browser.find("#reads").getText()).contains(card);
            assertThat(browser.cspViolations()).as("Content-Security-Policy violations").isEmpty();
        }
    }
}
