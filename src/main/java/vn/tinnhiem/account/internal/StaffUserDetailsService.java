package vn.tinnhiem.account.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads a staff member for sign-in; a throttled account reports itself locked until its time is up. */
@Service
class StaffUserDetailsService implements UserDetailsService {

    private final AccountRepository accounts;
    private final Clock clock;

    StaffUserDetailsService(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        var credentials = accounts.credentials(username.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UsernameNotFoundException("unknown"));
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        boolean locked = credentials.lockedUntil().map(until -> until.isAfter(now)).orElse(false);
        return User.withUsername(credentials.username())
                .password(credentials.passwordHash())
                .authorities(List.of(new SimpleGrantedAuthority("ROLE_" + credentials.role().name())))
                .disabled(!credentials.enabled())
                .accountLocked(locked)
                .build();
    }
}
