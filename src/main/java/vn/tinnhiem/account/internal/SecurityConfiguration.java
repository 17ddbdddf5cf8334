package vn.tinnhiem.account.internal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

import vn.tinnhiem.account.ui.LoginView;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.shared.SecurityHeaders;

/** Vaadin's view-based access control, form sign-in, method security on the services. */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccountSessions sessions) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/images/**", "/icons/**", "/styles.css").permitAll());
        http.addFilterAfter(new ActiveAccountFilter(sessions), AnonymousAuthenticationFilter.class);
        SecurityHeaders.apply(http);
        // An address no rule names (a mistyped one) needs a signed-in person, who then gets the app's own
        // not-found page; Vaadin 25's default, deny, answered an empty 403 that Chromium shows as a broken page.
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .anyRequest(any -> any.authenticated())).build();
    }

    /** Password sign-in behind the per-address throttle: the only way in. */
    @Bean
    AuthenticationProvider staffAuthenticationProvider(StaffUserDetailsService users, PasswordEncoder encoder,
            AddressThrottle throttle, AuditLog audit) {
        return new StaffAuthenticationProvider(users, encoder, throttle, audit);
    }

    /** Argon2id with Spring Security's current parameters (16 MiB, 2 passes), at most 4 at once. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BoundedPasswordEncoder(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), 4, java.time.Duration.ofSeconds(5));
    }

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        return new DefaultAuthenticationEventPublisher(publisher);
    }
}
