package vn.tinnhiem.shared;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for the whole application, so tests can fix time. Its zone is the hall's, never the
 * machine's: a server set to UTC must still date the checklist and show times as the hall reads them.
 * Screens and services take "today" and "now" from this clock ({@code LocalDate.now(clock)}).
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock(@Value("${tinnhiem.hall.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
