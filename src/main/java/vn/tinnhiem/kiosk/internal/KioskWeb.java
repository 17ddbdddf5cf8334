package vn.tinnhiem.kiosk.internal;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import vn.tinnhiem.kiosk.Enrollment;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.kiosk.KioskSession;
import vn.tinnhiem.shared.UserFacingException;

/**
 * The two plain HTTP answers of the kiosk: the enrollment link a tablet opens from the QR (it sets the
 * credential's cookie and sends the tablet on to the kiosk page) and the kiosk's web app manifest.
 */
@RestController
class KioskWeb {

    /** Browsers keep a cookie at most about 400 days; a tablet is enrolled again after that. */
    static final Duration CREDENTIAL_LIFETIME = Duration.ofDays(400);

    private final KioskService kiosks;

    KioskWeb(KioskService kiosks) {
        this.kiosks = kiosks;
    }

    @GetMapping("/kiosk/enroll/{code}")
    ResponseEntity<Void> enroll(@PathVariable String code, HttpServletRequest request) {
        var redirect = ResponseEntity.status(HttpStatus.SEE_OTHER).cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer");
        try {
            Enrollment enrollment = kiosks.enroll(code);
            ResponseCookie cookie = ResponseCookie.from(KioskSession.COOKIE, enrollment.credential())
                    .path("/").httpOnly(true).secure(request.isSecure()).sameSite("Strict")
                    .maxAge(CREDENTIAL_LIFETIME).build();
            return redirect.header(HttpHeaders.SET_COOKIE, cookie.toString())
                    .header(HttpHeaders.LOCATION, request.getContextPath() + "/kiosk?enrolled").build();
        } catch (UserFacingException e) {
            // kiosk.enroll.used -> ?enrollment=used: the kiosk page says it in the tablet's language.
            String reason = e.key().substring(e.key().lastIndexOf('.') + 1);
            return redirect.header(HttpHeaders.LOCATION, request.getContextPath() + "/kiosk?enrollment=" + reason).build();
        }
    }

    /** The kiosk installs as its own web app, opening the kiosk page full screen (the staff app keeps Vaadin's). */
    @GetMapping(value = "/kiosk/manifest.webmanifest", produces = "application/manifest+json")
    ResponseEntity<String> manifest() {
        String json = """
                {
                  "name": "TinNhiem — Máy bỏ phiếu",
                  "short_name": "Bỏ phiếu",
                  "lang": "vi",
                  "id": "/kiosk",
                  "start_url": "/kiosk",
                  "scope": "/kiosk",
                  "display": "fullscreen",
                  "orientation": "any",
                  "background_color": "#ffffff",
                  "theme_color": "#0b3d91",
                  "icons": [
                    {"src": "/kiosk/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
                    {"src": "/kiosk/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
                    {"src": "/kiosk/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"}
                  ]
                }
                """;
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/manifest+json;charset=UTF-8"))
                .body(json);
    }
}
