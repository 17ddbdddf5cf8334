package vn.tinnhiem.shared;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for the whole application, so tests can fix time. The hall is in Vietnam. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    static final ZoneId HALL_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Bean
    Clock clock() {
        return Clock.system(HALL_ZONE);
    }
}
