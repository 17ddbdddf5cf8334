package vn.tinnhiem.account.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
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

import vn.tinnhiem.shared.database.RetriedWhenBusy;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;

/**
 * After {@value #FREE_ATTEMPTS} wrong passwords in a row from one client address, the account is paused on
 * that address for 30 seconds, doubling with each further failure up to 30 minutes; a successful sign-in
 * from that address resets its count. The same account from another address is not paused: five wrong
 * passwords typed on one device cannot shut a member of the tally board out of the board (the device is
 * held back by the per-address throttle, {@link AddressThrottle}, after ten failures on any accounts).
 * <p>
 * The audit log gets one entry per pause (with the address and the count of attempts that led to it), not
 * one per attempt: attempts while paused are counted in the pair's row and written with the next pause, the
 * next sign-in from the pair or the administrator's unlock. Every handler locks the account row first, then
 * the pair's row, and writes to the audit log last, the one lock order of the whole application.
 */
@Component
public class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    private static final Duration LONGEST_LOCK = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final AccountRepository accounts;
    private final AddressThrottle addresses;
    private final AuditLog audit;
    private final Clock clock;

    LoginThrottle(AccountRepository accounts, AddressThrottle addresses, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.addresses = addresses;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    @RetriedWhenBusy
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        failure(nameOf(event.getAuthentication()), StaffAuthenticationProvider.addressOf(event.getAuthentication()));
    }

    /**
     * Whether a password typed at {@code address} for {@code username} is to be refused unchecked: the pair is
     * paused, or the address is (after too many failures on any accounts), exactly as at the sign-in page.
     */
    @Transactional(readOnly = true)
    public boolean paused(String username, String address) {
        if (addresses.refuse(address)) {
            return true;
        }
        return accounts.pair(username, address).filter(p -> p.lockedAt(clock.instant())).isPresent();
    }

    /**
     * A wrong password typed to confirm who one is at someone else's session ({@code AccountService
     * #confirmPassword}): counted like a failed sign-in from that session's address, for the pair and for the
     * address, in a transaction of its own, since the caller's transaction rolls back with its refusal.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void wrongPassword(String username, String address) {
        failure(username, address);
        addresses.failure(address).ifPresent(block -> StaffAuthenticationProvider.recordBlock(audit, block));
    }

    /** A confirmation tried while paused: counted in the pair's row, like a sign-in attempt. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @RetriedWhenBusy
    public void refusedWhileLocked(String username, String address) {
        if (accounts.lockCredentials(username).isPresent()) {
            accounts.countRefusedWhileLocked(username, address);
        }
    }

    /**
     * The right password typed to confirm: the pair's count of wrong ones starts again, as after a sign-in.
     * Nothing is written to the audit log here; the caller records what the confirmation was for.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @RetriedWhenBusy
    public void rightPassword(String username, String address) {
        if (accounts.lockCredentials(username).isPresent()) {
            accounts.recordSuccess(username, address);
        }
        addresses.success(address);
    }

    private void failure(String username, String address) {
        if (accounts.lockCredentials(username).isEmpty()) {
            return;
        }
        var pair = accounts.lockPair(username, address);
        int attempts = pair.map(AccountRepository.PairFailures::failedAttempts).orElse(0) + 1;
        Duration lock = lockFor(attempts);
        if (lock.isZero()) {
            accounts.recordFailure(username, address, attempts, Optional.empty());
            return;
        }
        accounts.recordFailure(username, address, attempts,
                Optional.of(LocalDateTime.ofInstant(clock.instant().plus(lock), ZoneOffset.UTC)));
        log.warn("Sign-in for {} from {} paused after {} failed attempts", username, address, attempts);
        audit.recordAs("system", "account.locked", "account:" + username,
                refused(AuditFields.of("attempts", attempts).with("address", address),
                        pair.map(AccountRepository.PairFailures::refusedWhileLocked).orElse(0)));
    }

    /**
     * An attempt from a paused pair is counted in its row (written once, later); one on a disabled account is
     * a refusal on the record, kept whatever happens to the transaction around it.
     */
    @EventListener
    @Transactional
    @RetriedWhenBusy
    public void onLocked(AuthenticationFailureLockedEvent event) {
        if (event.getException() instanceof AddressThrottledException) {
            return;
        }
        String username = nameOf(event.getAuthentication());
        if (accounts.lockCredentials(username).isPresent()) {
            accounts.countRefusedWhileLocked(username, StaffAuthenticationProvider.addressOf(event.getAuthentication()));
        }
    }

    @EventListener
    public void onDisabled(AuthenticationFailureDisabledEvent event) {
        String username = nameOf(event.getAuthentication());
        audit.recordRefusalAs("system", "account.signInRefused", "account:" + username, AuditFields.of("why", "disabled"));
    }

    @RetriedWhenBusy
    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        if (accounts.lockCredentials(username).isEmpty()) {
            return;
        }
        String address = StaffAuthenticationProvider.addressOf(event.getAuthentication());
        var pair = accounts.lockPair(username, address);
        accounts.recordSuccess(username, address);
        int failed = pair.map(AccountRepository.PairFailures::failedAttempts).orElse(0);
        audit.recordAs(username, "account.signIn", "account:" + username,
                refused(failed > 0 ? AuditFields.of("failedAttempts", failed) : AuditFields.none(),
                        pair.map(AccountRepository.PairFailures::refusedWhileLocked).orElse(0)));
    }

    @EventListener
    @Transactional
    public void onSignOut(LogoutSuccessEvent event) {
        String username = event.getAuthentication().getName();
        audit.recordAs(username, "account.signOut", "account:" + username, AuditFields.none());
    }

    /** The client address of a sign-in attempt, or the address a signed-in session signed in from. */
    public static String addressOf(@Nullable Authentication authentication) {
        return StaffAuthenticationProvider.addressOf(authentication);
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
