package vn.tinnhiem.account.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.account.Role;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.database.RetriedWhenBusy;

/**
 * Loads a staff member for sign-in from an address; the account reports itself locked while that (account,
 * address) pair is paused, and only then ({@link LoginThrottle}).
 * An account that must still replace its one-time password gets no role at all, only
 * {@link CurrentStaff#PASSWORD_CHANGE_REQUIRED}: every service but the password change refuses it.
 */
@Service
class StaffUserDetailsService implements UserDetailsService {

    private final AccountRepository accounts;
    private final Clock clock;

    StaffUserDetailsService(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Without an address, as the unknown one: the sign-in path always gives its own ({@link #load}). */
    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return load(username, "unknown");
    }

    @Transactional(readOnly = true)
    @RetriedWhenBusy
    public UserDetails load(String username, String address) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        var credentials = accounts.credentials(name).orElseThrow(() -> new UsernameNotFoundException("unknown"));
        boolean locked = accounts.pair(name, address).filter(p -> p.lockedAt(clock.instant())).isPresent();
        return new StaffPrincipal(credentials.username(), credentials.passwordHash(), credentials.enabled(), locked,
                List.of(new SimpleGrantedAuthority(authority(credentials.role(), credentials.mustChangePassword()))),
                credentials.credentialsVersion());
    }

    static String authority(Role role, boolean mustChangePassword) {
        return mustChangePassword ? CurrentStaff.PASSWORD_CHANGE_REQUIRED : Roles.authority(role.name());
    }
}
