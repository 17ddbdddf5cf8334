package vn.tinnhiem.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    @Test
    void the_first_attempts_are_free_then_the_pause_doubles_up_to_half_an_hour() {
        assertThat(LoginThrottle.lockFor(4)).isEqualTo(Duration.ZERO);
        assertThat(LoginThrottle.lockFor(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(LoginThrottle.lockFor(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(LoginThrottle.lockFor(8)).isEqualTo(Duration.ofMinutes(4));
        assertThat(LoginThrottle.lockFor(40)).isEqualTo(Duration.ofMinutes(30));
    }
}
