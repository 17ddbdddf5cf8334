package vn.tinnhiem.kiosk;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.vaadin.flow.server.VaadinRequest;

import jakarta.servlet.http.Cookie;

/**
 * Which enrolled tablet the current Vaadin request comes from: the kiosk module owns the cookie that
 * carries the credential (HttpOnly, SameSite=Strict, Secure over HTTPS). Inject it into a view and ask
 * {@link #current()} on every step that matters (showing a ballot, casting): each call reads the
 * credential's hash from the database, so a revoked tablet is refused at once. A staff sign-in never
 * makes a browser a kiosk, and the kiosk cookie never signs anyone in.
 */
@Component
public class KioskSession {

    /** The cookie holding a tablet's credential. */
    public static final String COOKIE = "tinnhiem-kiosk";

    private final KioskService kiosks;

    KioskSession(KioskService kiosks) {
        this.kiosks = kiosks;
    }

    /** The enrolled, unrevoked tablet of the current request; empty for any other browser. */
    public Optional<Kiosk> current() {
        return credential().flatMap(kiosks::current);
    }

    /** The tablet of the current request whatever its status, so a revoked one can be told so. */
    public Optional<Kiosk> lookup() {
        return credential().flatMap(kiosks::lookup);
    }

    private static Optional<String> credential() {
        VaadinRequest request = VaadinRequest.getCurrent();
        Cookie[] cookies = request == null ? null : request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName())).map(Cookie::getValue)
                .filter(v -> v != null && !v.isBlank()).findFirst();
    }
}
