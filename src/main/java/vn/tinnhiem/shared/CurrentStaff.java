package vn.tinnhiem.shared;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is signed in on this thread, asked in one place rather than dug out of the security context. */
public final class CurrentStaff {

    private CurrentStaff() {
    }

    /** The signed-in staff member's user name; empty when nobody (or only an anonymous visitor) is. */
    public static Optional<String> username() {
        return signedIn().map(Authentication::getName);
    }

    /** Whether the signed-in staff member holds the role (ADMIN, TELLER, SUPERVISOR). */
    public static boolean hasRole(String role) {
        return signedIn().stream().flatMap(a -> a.getAuthorities().stream())
                .anyMatch(a -> ("ROLE_" + role).equals(a.getAuthority()));
    }

    private static Optional<Authentication> signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                || auth.getName() == null) {
            return Optional.empty();
        }
        return Optional.of(auth);
    }
}
