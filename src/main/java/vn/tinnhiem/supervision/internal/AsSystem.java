package vn.tinnhiem.supervision.internal;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.Roles;

/**
 * The server's own scheduled reads (the poller, the sampler) run on threads where nobody is signed in; the
 * services they read through still check a role. They read as "system:supervision" with the SUPERVISOR role,
 * which reads counts and the log and changes nothing, and as a system reader, so the log gives it a watched
 * conference's entries whole (a supervisor's page hides the names). Who may watch a conference is checked when a page
 * subscribes, by the signed-in person ({@link vn.tinnhiem.supervision.SupervisionService}).
 */
public final class AsSystem {

    static final String NAME = "system:supervision";

    private AsSystem() {
    }

    public static <T> T read(Supplier<T> reading) {
        var before = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(NAME, null,
                List.of(new SimpleGrantedAuthority(Roles.authority(Roles.SUPERVISOR)),
                        new SimpleGrantedAuthority(CurrentStaff.SYSTEM_READER))));
        SecurityContextHolder.setContext(context);
        try {
            return reading.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
