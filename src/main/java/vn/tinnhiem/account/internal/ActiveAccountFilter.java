package vn.tinnhiem.account.internal;

import java.io.IOException;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.shared.CurrentStaff;

/**
 * A role is read once at sign-in and kept in the session, and Vaadin keeps an open tab's session
 * alive: so on every request, an account that has since been disabled (or removed) loses its
 * session at once, and the next request lands on the sign-in page.
 */
final class ActiveAccountFilter extends OncePerRequestFilter {

    private final AccountService accounts;

    ActiveAccountFilter(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var username = CurrentStaff.username();
        if (username.isPresent() && !accounts.find(username.get()).map(StaffAccount::enabled).orElse(false)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }
}
