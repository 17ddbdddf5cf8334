package vn.tinnhiem.account.internal;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import vn.tinnhiem.shared.database.DatabaseFailure;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.i18n.Translations;

/**
 * A role is read once at sign-in and kept in the session, and Vaadin keeps an open tab's session
 * alive: so on every request, a session whose account has since been disabled (or removed), or whose
 * password has since been changed or reset elsewhere, ends at once, and the next request lands on the
 * sign-in page.
 */
final class ActiveAccountFilter extends OncePerRequestFilter {

    private final AccountSessions sessions;

    ActiveAccountFilter(AccountSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var username = CurrentStaff.username();
        if (username.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        boolean valid;
        try {
            valid = sessions.stillValid(username.get(), versionOf(SecurityContextHolder.getContext().getAuthentication()));
        } catch (RuntimeException e) {
            if (!DatabaseFailure.of(e).isDatabase()) {
                throw e;
            }
            // Fail closed: with the database down or without quorum the account cannot be checked, so the request
            // is not served at all (a request let through could act the moment the database came back, for an
            // account disabled meanwhile). The screen's connection indicator shows it; the next request checks again.
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println(Translations.translate("error.databaseUnavailable", Languages.VIETNAMESE));
            response.getWriter().println(Translations.translate("error.databaseUnavailable", Languages.ENGLISH));
            return;
        }
        if (!valid) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    /** The credentials version the session signed in with; -1 for a principal that carries none. */
    private static int versionOf(Authentication authentication) {
        return authentication.getPrincipal() instanceof StaffPrincipal p ? p.credentialsVersion() : -1;
    }
}
