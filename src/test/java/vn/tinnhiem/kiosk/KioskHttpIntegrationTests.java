package vn.tinnhiem.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The kiosk's addresses as a tablet's browser meets them: the enrollment link sets the credential's
 * cookie once, the cookie opens no staff page, and the kiosk installs as its own web app.
 */
@IntegrationTest
class KioskHttpIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    KioskService kiosks;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private EnrollmentCode added(String name) {
        ElectionId conference = KioskConferences.ready(elections, accounts, "Hội nghị HTTP " + name);
        try (var admin = Acting.as("organiser", "ADMIN")) {
            return kiosks.add(name, conference);
        }
    }

    @Test
    void the_enrollment_link_sets_a_strict_http_only_cookie_once_and_sends_the_tablet_to_the_kiosk_page() throws Exception {
        EnrollmentCode code = added("Bàn HTTP");
        HttpResponse<String> first = get(code.path(), null);
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location")).hasValue("/kiosk?enrolled");
        String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(KioskSession.COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/")
                .contains("Max-Age=");
        // Over plain HTTP (the tests) the cookie cannot be Secure; over the hall's HTTPS it is.
        assertThat(setCookie).doesNotContain("Secure");
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String credential = setCookie.substring(KioskSession.COOKIE.length() + 1, setCookie.indexOf(';'));
        assertThat(kiosks.current(credential)).map(Kiosk::name).contains("Bàn HTTP");

        HttpResponse<String> again = get(code.path(), null);
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location")).hasValue("/kiosk?enrollment=used");
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(get("/kiosk/enroll/nothere", null).headers().firstValue("Location")).hasValue("/kiosk?enrollment=unknown");
    }

    @Test
    void an_enrolled_tablet_without_a_staff_sign_in_is_sent_to_sign_in_from_every_staff_page() throws Exception {
        EnrollmentCode code = added("Bàn không phải cán bộ");
        String cookie = KioskSession.COOKIE + "=" + kiosks.enroll(code.code()).credential();
        for (String path : List.of("/", "/elections", "/audit", "/accounts", "/kiosks", "/password")) {
            HttpResponse<String> page = get(path, cookie);
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).as(path).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
        // The kiosk page itself opens without a staff sign-in.
        assertThat(get("/kiosk", cookie).statusCode()).isEqualTo(200);
    }

    @Test
    void the_kiosk_page_links_its_own_manifest_that_opens_the_kiosk_full_screen_with_icons_that_load() throws Exception {
        HttpResponse<String> page = get("/kiosk", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<link rel=\"manifest\" href=\"kiosk/manifest.webmanifest\">")
                .doesNotContain("href=\"manifest.webmanifest\"");

        HttpResponse<String> manifest = get("/kiosk/manifest.webmanifest", null);
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Content-Type").orElse("")).startsWith("application/manifest+json");
        JsonNode json = new ObjectMapper().readTree(manifest.body());
        assertThat(json.get("name").toString().replace("\"", "")).isEqualTo("TinNhiem — Máy bỏ phiếu");
        assertThat(json.get("start_url").toString().replace("\"", "")).isEqualTo("/kiosk");
        assertThat(json.get("scope").toString().replace("\"", "")).isEqualTo("/kiosk");
        assertThat(json.get("display").toString().replace("\"", "")).isEqualTo("fullscreen");
        for (int size : new int[] {192, 512}) {
            JsonNode icon = null;
            for (JsonNode i : json.get("icons")) {
                if (i.get("sizes").toString().replace("\"", "").equals(size + "x" + size)) {
                    icon = i;
                }
            }
            assertThat(icon).as("icon " + size).isNotNull();
            var png = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + icon.get("src").toString().replace("\"", "")))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(png.statusCode()).as(icon.get("src").toString().replace("\"", "")).isEqualTo(200);
            var image = ImageIO.read(new ByteArrayInputStream(png.body()));
            assertThat(image.getWidth()).isEqualTo(size);
            assertThat(image.getHeight()).isEqualTo(size);
        }
        // The staff app keeps Vaadin's own manifest.
        HttpResponse<String> signIn = get("/login", null);
        assertThat(signIn.body()).contains("href=\"manifest.webmanifest\"").doesNotContain("kiosk/manifest.webmanifest");
    }
}
