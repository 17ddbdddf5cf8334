package vn.tinnhiem.support;

import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs part of a test as another signed-in staff member, then puts back whoever was signed in. */
public final class Acting implements AutoCloseable {

    private final Authentication previous;

    private Acting(Authentication previous) {
        this.previous = previous;
    }

    /** {@code try (var as = Acting.as("teller", "TELLER")) { ... }} */
    public static Acting as(String username, String role) {
        var context = SecurityContextHolder.getContext();
        var acting = new Acting(context.getAuthentication());
        context.setAuthentication(new UsernamePasswordAuthenticationToken(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role))));
        return acting;
    }

    @Override
    public void close() {
        SecurityContextHolder.getContext().setAuthentication(previous);
    }
}
