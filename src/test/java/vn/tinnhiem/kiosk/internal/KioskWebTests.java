package vn.tinnhiem.kiosk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;

import vn.tinnhiem.kiosk.Enrollment;
import vn.tinnhiem.kiosk.Kiosk;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.kiosk.KioskStatus;
import vn.tinnhiem.shared.ElectionId;

/** Over the hall's HTTPS the credential's cookie is Secure too (the HTTP tests cannot see that). */
class KioskWebTests {

    @Test
    void over_https_the_credential_cookie_is_secure_http_only_and_strict() {
        KioskService kiosks = mock(KioskService.class);
        when(kiosks.enroll("code")).thenReturn(new Enrollment(new Kiosk("00".repeat(16), "Bàn 1", ElectionId.of(1), KioskStatus.ACTIVE),
                "credential"));
        var request = new MockHttpServletRequest("GET", "/kiosk/enroll/code");
        request.setSecure(true);
        var response = new KioskWeb(kiosks).enroll("code", request);
        String cookie = response.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
        assertThat(cookie).startsWith("tinnhiem-kiosk=credential;").contains("Secure", "HttpOnly", "SameSite=Strict");
        assertThat(response.getHeaders().getLocation()).hasToString("/kiosk?enrolled");
    }
}
