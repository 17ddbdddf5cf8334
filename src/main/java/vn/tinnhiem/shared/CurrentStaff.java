package vn.tinnhiem.shared;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is signed in on this thread, asked in one place rather than dug out of the security context. */
public final class CurrentStaff {

    /**
     * The only authority of a staff member who must still replace a one-time password: not a role, so
     * every service guarded by a role refuses them until the change is made.
     */
    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    /**
     * The authority of the server's own scheduled readers (the live figures' poller): no sign-in ever grants
     * it. Such a reader reads what every watcher of a page may see; each page then hides what its viewer may not.
     */
    public static final String SYSTEM_READER = "SYSTEM_READER";

    private CurrentStaff() {
    }

    /** The signed-in staff member's user name; empty when nobody (or only an anonymous visitor) is. */
    public static Optional<String> username() {
        return signedIn().map(Authentication::getName);
    }

    /** Whether the signed-in staff member holds the role (ADMIN, TELLER, SUPERVISOR). */
    public static boolean hasRole(String role) {
        return hasAuthority(Roles.authority(role));
    }

    /** The signed-in staff member's role ({@link Roles#ALL}, the first held), to show; empty when they hold none. */
    public static Optional<String> role() {
        return Roles.ALL.stream().filter(CurrentStaff::hasRole).findFirst();
    }

    /** Whether the signed-in staff member must replace a one-time password before anything else. */
    public static boolean mustChangePassword() {
        return hasAuthority(PASSWORD_CHANGE_REQUIRED);
    }

    /** Whether this thread is one of the server's own scheduled readers, not a person. */
    public static boolean isSystemReader() {
        return hasAuthority(SYSTEM_READER);
    }

    private static boolean hasAuthority(String authority) {
        return signedIn().stream().flatMap(a -> a.getAuthorities().stream())
                .anyMatch(a -> authority.equals(a.getAuthority()));
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
