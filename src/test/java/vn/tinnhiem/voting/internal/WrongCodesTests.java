package vn.tinnhiem.voting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** The slow-down of a tablet that reads wrong codes, on a clock the test moves. */
class WrongCodesTests {

    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-22T01:00:00Z");

        void pass(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Ho_Chi_Minh");
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
    void five_wrong_codes_in_a_minute_pause_the_tablet_and_each_next_one_doubles_the_wait_up_to_five_minutes() {
        MovingClock clock = new MovingClock();
        WrongCodes codes = new WrongCodes(clock);
        for (int i = 0; i < 4; i++) {
            assertThat(codes.wrong("a")).isZero();
            clock.pass(Duration.ofSeconds(10));
        }
        assertThat(codes.secondsToWait("a")).isEmpty();
        assertThat(codes.wrong("a")).as("the fifth starts a burst, reported once").isEqualTo(5);
        assertThat(codes.secondsToWait("a")).isEqualTo(OptionalInt.of(5));
        assertThat(codes.secondsToWait("b")).as("other tablets go on").isEmpty();

        int[] expected = {10, 20, 40, 80, 160, 300, 300};
        for (int wait : expected) {
            clock.pass(Duration.ofSeconds(codes.secondsToWait("a").orElse(0)));
            assertThat(codes.secondsToWait("a")).isEmpty();
            assertThat(codes.wrong("a")).as("the same burst is not reported again").isZero();
            assertThat(codes.secondsToWait("a")).isEqualTo(OptionalInt.of(wait));
        }
        assertThat(codes.totals()).containsEntry("a", 12);

        // A quiet minute after the last wait ends the burst: four free wrong codes again, then a new report.
        clock.pass(Duration.ofSeconds(300 + 61));
        for (int i = 0; i < 4; i++) {
            assertThat(codes.wrong("a")).isZero();
        }
        assertThat(codes.secondsToWait("a")).isEmpty();
        assertThat(codes.wrong("a")).isEqualTo(5);
        assertThat(codes.secondsToWait("a")).isEqualTo(OptionalInt.of(5));
    }

    @Test
    void wrong_codes_spread_over_more_than_a_minute_never_pause_the_tablet() {
        MovingClock clock = new MovingClock();
        WrongCodes codes = new WrongCodes(clock);
        for (int i = 0; i < 20; i++) {
            assertThat(codes.wrong("a")).isZero();
            assertThat(codes.secondsToWait("a")).isEmpty();
            clock.pass(Duration.ofSeconds(16));
        }
        assertThat(codes.totals()).containsEntry("a", 20);
    }
}
