package vn.tinnhiem.shared;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers every filter chain of the app sends (the staff chain and the kiosk's plain addresses).
 * <p>
 * The Content-Security-Policy is the tightest Vaadin Flow 25 runs under: its bootstrap page starts the client
 * engine with an inline script, and the engine runs the expressions the server sends ({@code executeJs}, event
 * data) by building functions, so {@code script-src} needs {@code 'unsafe-inline' 'unsafe-eval'} and
 * {@code style-src} {@code 'unsafe-inline'} (Vaadin's documentation, "Content Security Policy", required
 * settings). What the policy still gives: nothing is loaded from, sent to or framed by any other origin (no
 * script, style, image, font, request, form or frame of another site), no plugin, no {@code <base>} that
 * moves relative addresses. Images and fonts may be {@code data:} (Lumo's icons, the enrollment QR);
 * {@code blob:} images for the PDFs' and QR codes' previews. The camera's stream goes to a {@code <video>}
 * as {@code srcObject}, which no directive governs; jsQR is a module of the app's own bundle, run on the page
 * (no worker).
 * <p>
 * No referrer leaves for another site ({@code same-origin}): the kiosk's enrollment link carries its one-time
 * code in the path (and its own redirect sends {@code no-referrer}). Not {@code no-referrer} everywhere: Vaadin's
 * request cache tells the service worker's own fetches by their {@code Referer}; without it, the worker's fetch
 * of "/" before sign-in was saved as the page to return to, and every sign-in landed on "/?continue".
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "media-src 'self' blob:",
            "worker-src 'self' blob:",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'");

    private SecurityHeaders() {}

    public static void apply(HttpSecurity http) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
    }
}
