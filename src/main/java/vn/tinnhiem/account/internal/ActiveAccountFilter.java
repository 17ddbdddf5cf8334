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
        if (username.isPresent() && !stillValid(username.get())) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether the session's account still stands. With the database down or without quorum nothing can be read:
     * the request goes on, so that the screen says the database is unavailable instead of the server failing the
     * request; everything the session could do needs that database too, and the check runs again on the next one.
     */
    private boolean stillValid(String username) {
        try {
            return sessions.stillValid(username, versionOf(SecurityContextHolder.getContext().getAuthentication()));
        } catch (RuntimeException e) {
            if (DatabaseFailure.of(e).isDatabase()) {
                return true;
            }
            throw e;
        }
    }

    /** The credentials version the session signed in with; -1 for a principal that carries none. */
    private static int versionOf(Authentication authentication) {
        return authentication.getPrincipal() instanceof StaffPrincipal p ? p.credentialsVersion() : -1;
    }
}
