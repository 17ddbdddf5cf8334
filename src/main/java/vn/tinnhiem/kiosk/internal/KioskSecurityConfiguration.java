package vn.tinnhiem.kiosk.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import vn.tinnhiem.shared.SecurityHeaders;

/**
 * The kiosk's few plain addresses, open without a staff sign-in: the enrollment link (its one-time code
 * is the authorisation), the web app manifest and its icons, the kiosk page's stylesheet. They run in a
 * chain of their own, before the staff chain, which keeps every other address behind the staff sign-in;
 * the kiosk page itself is a Vaadin view allowed to anonymous visitors (its content depends on the
 * kiosk cookie, checked on every request). Only GET is served here, so CSRF has nothing to protect.
 */
@Configuration
class KioskSecurityConfiguration {

    static final String[] OPEN_PATHS = {"/kiosk/enroll/*", "/kiosk/manifest.webmanifest", "/kiosk/icon-*.png",
            "/kiosk/kiosk.css"};

    @Bean
    @Order(1)
    SecurityFilterChain kioskAddresses(HttpSecurity http) throws Exception {
        http.securityMatcher(OPEN_PATHS)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        SecurityHeaders.apply(http);
        return http.build();
    }
}
