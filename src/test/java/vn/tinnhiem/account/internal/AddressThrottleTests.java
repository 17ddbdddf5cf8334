package vn.tinnhiem.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class AddressThrottleTests {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-05-01T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void an_address_is_paused_after_ten_failures_and_the_pause_doubles() {
        var clock = new HandClock();
        var throttle = new AddressThrottle(clock);
        for (int i = 1; i < AddressThrottle.FREE_ATTEMPTS; i++) {
            assertThat(throttle.failure("10.0.0.1")).isEmpty();
            assertThat(throttle.refuse("10.0.0.1")).isFalse();
        }
        var block = throttle.failure("10.0.0.1").orElseThrow();
        assertThat(block.until()).isEqualTo(clock.now.plusSeconds(30));
        assertThat(throttle.refuse("10.0.0.1")).isTrue();
        assertThat(throttle.refuse("10.0.0.2")).as("another tablet").isFalse();

        clock.now = clock.now.plusSeconds(31);
        assertThat(throttle.refuse("10.0.0.1")).isFalse();
        var next = throttle.failure("10.0.0.1").orElseThrow();
        assertThat(next.until()).isEqualTo(clock.now.plusSeconds(60));
        assertThat(next.refusedDuringLastBlock()).isEqualTo(1);
        assertThat(AddressThrottle.blockFor(40)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void a_success_forgets_the_address_and_memory_stays_bounded() {
        var throttle = new AddressThrottle(new HandClock());
        for (int i = 0; i < AddressThrottle.FREE_ATTEMPTS - 1; i++) {
            throttle.failure("10.0.0.1");
        }
        throttle.success("10.0.0.1");
        assertThat(throttle.failure("10.0.0.1")).isEmpty();

        for (int i = 0; i < AddressThrottle.MAX_ADDRESSES + 500; i++) {
            throttle.failure("fd00::" + Integer.toHexString(i));
        }
        assertThat(throttle.size()).isEqualTo(AddressThrottle.MAX_ADDRESSES);
    }
}
