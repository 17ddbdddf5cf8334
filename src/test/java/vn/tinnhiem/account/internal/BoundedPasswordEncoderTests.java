package vn.tinnhiem.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTests {

    /** A stand-in for Argon2 that holds its permit until released. */
    private static final class SlowEncoder implements PasswordEncoder {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String encode(CharSequence raw) {
            return raw.toString();
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return raw.toString().equals(encoded);
        }
    }

    @Test
    void checks_beyond_the_bound_are_turned_away_as_busy_instead_of_piling_up() throws Exception {
        var slow = new SlowEncoder();
        var bounded = new BoundedPasswordEncoder(slow, 1, Duration.ofMillis(200));
        var first = new Thread(() -> bounded.matches("a", "a"));
        first.start();
        assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> bounded.matches("b", "b")).isInstanceOf(AuthenticationServiceException.class);

        slow.release.countDown();
        first.join(5000);
        assertThat(bounded.matches("c", "c")).isTrue();
        assertThat(bounded.matches("c", "d")).isFalse();
    }
}
