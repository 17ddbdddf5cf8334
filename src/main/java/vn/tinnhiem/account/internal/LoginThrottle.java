package vn.tinnhiem.account.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.audit.AuditLog;

/**
 * After {@value #FREE_ATTEMPTS} wrong passwords in a row an account is locked for 30 seconds, doubling
 * with each further failure up to 30 minutes; a successful sign-in resets the count.
 */
@Component
class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    private static final Duration LONGEST_LOCK = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Clock clock;

    LoginThrottle(AccountRepository accounts, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getName()).trim().toLowerCase(Locale.ROOT);
        var credentials = accounts.credentials(username);
        if (credentials.isEmpty()) {
            return;
        }
        int attempts = credentials.get().failedAttempts() + 1;
        audit.recordAs("system", "account.signInFailed", "account:" + username, "attempt=" + attempts);
        LocalDateTime until = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plus(lockFor(attempts));
        accounts.recordFailure(username, until, FREE_ATTEMPTS);
        if (attempts >= FREE_ATTEMPTS) {
            log.warn("Sign-in for {} locked after {} failed attempts", username, attempts);
            audit.recordAs("system", "account.locked", "account:" + username, "attempts=" + attempts);
        }
    }

    /** Attempts on a locked or disabled account are not counted again, but are on the record. */
    @EventListener
    @Transactional
    public void onRefusedAccount(AbstractAuthenticationFailureEvent event) {
        if (event instanceof AuthenticationFailureLockedEvent || event instanceof AuthenticationFailureDisabledEvent) {
            String username = String.valueOf(event.getAuthentication().getName()).trim().toLowerCase(Locale.ROOT);
            audit.recordAs("system", "account.signInRefused", "account:" + username,
                    event instanceof AuthenticationFailureLockedEvent ? "locked" : "disabled");
        }
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        if (accounts.credentials(username).isEmpty()) {
            return;
        }
        accounts.recordSuccess(username);
        audit.recordAs(username, "account.signIn", "account:" + username, "");
    }

    @EventListener
    @Transactional
    public void onSignOut(LogoutSuccessEvent event) {
        String username = event.getAuthentication().getName();
        audit.recordAs(username, "account.signOut", "account:" + username, "");
    }

    static Duration lockFor(int attempts) {
        if (attempts < FREE_ATTEMPTS) {
            return Duration.ZERO;
        }
        int doublings = Math.min(attempts - FREE_ATTEMPTS, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }
}
