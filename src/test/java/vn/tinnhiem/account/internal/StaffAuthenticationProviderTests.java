package vn.tinnhiem.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

class StaffAuthenticationProviderTests {

    /**
     * Counts the password checks: the costly step whose absence would give a name away by its speed.
     * Spring Security checks the password of a locked account too, and still answers "locked".
     */
    private static final class CountingEncoder implements PasswordEncoder {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return "{plain}" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return encoded.equals("{plain}" + raw);
        }
    }

    private static UsernamePasswordAuthenticationToken attempt(String name) {
        var request = UsernamePasswordAuthenticationToken.unauthenticated(name, "a-guess");
        request.setDetails(new WebAuthenticationDetails("10.90.0.1", null));
        return request;
    }

    @Test
    void a_locked_account_costs_a_password_check_like_an_unknown_name_so_its_speed_tells_nothing() {
        var encoder = new CountingEncoder();
        var provider = new StaffAuthenticationProvider(name -> {
            if (!name.equals("locked.one")) {
                throw new UsernameNotFoundException("unknown");
            }
            return new StaffPrincipal("locked.one", "{plain}secret", true, true,
                    List.of(new SimpleGrantedAuthority("ROLE_TELLER")), 0);
        }, encoder, new AddressThrottle(Clock.systemUTC()), null);

        assertThatThrownBy(() -> provider.authenticate(attempt("nobody"))).isInstanceOf(BadCredentialsException.class);
        int forUnknown = encoder.checks.getAndSet(0);
        assertThatThrownBy(() -> provider.authenticate(attempt("locked.one"))).isInstanceOf(LockedException.class);
        assertThat(encoder.checks.get()).isEqualTo(forUnknown).isPositive();

    }
}
