package vn.tinnhiem.account.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;

/**
 * After {@value #FREE_ATTEMPTS} wrong passwords in a row an account is locked for 30 seconds, doubling
 * with each further failure up to 30 minutes; a successful sign-in resets the count.
 * <p>
 * The audit log gets one entry per lock (with the count of attempts that led to it), not one per
 * attempt: attempts while locked are counted in the account's row and written with the next lock,
 * the next sign-in or the administrator's unlock. Every handler locks the account row first and writes
 * to the audit log last, the one lock order of the whole application.
 */
@Component
public class LoginThrottle {

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
        failure(nameOf(event.getAuthentication()));
    }

    /**
     * A wrong password typed to confirm who one is at someone else's session ({@code AccountService
     * #confirmPassword}): counted like a failed sign-in, in a transaction of its own, since the caller's
     * transaction rolls back with its refusal.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void wrongPassword(String username) {
        failure(username);
    }

    /** A confirmation tried while the account is locked: counted in its row, like a sign-in attempt. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refusedWhileLocked(String username) {
        if (accounts.lockCredentials(username).isPresent()) {
            accounts.countRefusedWhileLocked(username);
        }
    }

    /**
     * The right password typed to confirm: the count of wrong ones starts again, as after a sign-in. Nothing is
     * written to the audit log here; the caller records what the confirmation was for.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void rightPassword(String username) {
        if (accounts.lockCredentials(username).isPresent()) {
            accounts.recordSuccess(username);
        }
    }

    private void failure(String username) {
        var credentials = accounts.lockCredentials(username);
        if (credentials.isEmpty()) {
            return;
        }
        int attempts = credentials.get().failedAttempts() + 1;
        Duration lock = lockFor(attempts);
        if (lock.isZero()) {
            accounts.recordFailure(username, attempts, Optional.empty());
            return;
        }
        accounts.recordFailure(username, attempts,
                Optional.of(LocalDateTime.ofInstant(clock.instant().plus(lock), ZoneOffset.UTC)));
        log.warn("Sign-in for {} locked after {} failed attempts", username, attempts);
        audit.recordAs("system", "account.locked", "account:" + username,
                refused(AuditFields.of("attempts", attempts), credentials.get().refusedWhileLocked()));
    }

    /**
     * An attempt on a locked account is counted in its row (written once, later); one on a disabled
     * account is a refusal on the record, kept whatever happens to the transaction around it.
     */
    @EventListener
    @Transactional
    public void onLocked(AuthenticationFailureLockedEvent event) {
        if (event.getException() instanceof AddressThrottledException) {
            return;
        }
        String username = nameOf(event.getAuthentication());
        if (accounts.lockCredentials(username).isPresent()) {
            accounts.countRefusedWhileLocked(username);
        }
    }

    @EventListener
    public void onDisabled(AuthenticationFailureDisabledEvent event) {
        String username = nameOf(event.getAuthentication());
        audit.recordRefusalAs("system", "account.signInRefused", "account:" + username, AuditFields.of("why", "disabled"));
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        var credentials = accounts.lockCredentials(username);
        if (credentials.isEmpty()) {
            return;
        }
        accounts.recordSuccess(username);
        int failed = credentials.get().failedAttempts();
        audit.recordAs(username, "account.signIn", "account:" + username,
                refused(failed > 0 ? AuditFields.of("failedAttempts", failed) : AuditFields.none(),
                        credentials.get().refusedWhileLocked()));
    }

    @EventListener
    @Transactional
    public void onSignOut(LogoutSuccessEvent event) {
        String username = event.getAuthentication().getName();
        audit.recordAs(username, "account.signOut", "account:" + username, AuditFields.none());
    }

    private static String nameOf(Authentication attempt) {
        return String.valueOf(attempt.getName()).trim().toLowerCase(Locale.ROOT);
    }

    /** The fields, with the attempts refused while the account was locked if there were any. */
    static AuditFields refused(AuditFields fields, int refusedWhileLocked) {
        return refusedWhileLocked > 0 ? fields.with("refusedWhileLocked", refusedWhileLocked) : fields;
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
