package vn.tinnhiem.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.shared.database.RetriedWhenBusy;
import vn.tinnhiem.account.internal.AccountRepository;
import vn.tinnhiem.account.internal.LoginThrottle;
import vn.tinnhiem.account.internal.StaffPrincipal;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.Roles;

/**
 * Creates accounts, changes passwords; every change is audited (never with the password). Every
 * change locks the account's row first and writes the audit entry last.
 */
@Service
@RetriedWhenBusy
public class AccountService {

    static final int MIN_PASSWORD_LENGTH = 10;
    /**
     * Read aloud and typed from a slip: upper case and digits only, none that look alike (0/O, 1/I/L,
     * 2/Z, 5/S, 8/B).
     */
    static final String PASSWORD_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
    /** Names that stand for something other than a person in the audit log, or that look like one. */
    static final Set<String> RESERVED_NAMES = Set.of("system", "root", "anonymous", "anonymoususer", "unknown",
            "admin.system", "mysql", "mariadb");

    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final SecureRandom random = new SecureRandom();

    AccountService(AccountRepository accounts, PasswordEncoder encoder, AuditLog audit, Clock clock,
            LoginThrottle throttle) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
    }

    /** Every account; a lock whose time is up no longer shows. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional(readOnly = true)
    public List<StaffAccount> list() {
        var locks = accounts.latestLocks();
        return accounts.all().stream().map(a -> withCurrentLock(a, locks)).toList();
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public NewAccount create(String username, String displayName, Role role) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9._-]{3,64}")) {
            throw new UserFacingException("account.error.username");
        }
        if (RESERVED_NAMES.contains(name)) {
            throw new UserFacingException("account.error.reserved", name);
        }
        if (displayName.isBlank()) {
            throw new UserFacingException("account.error.displayName");
        }
        if (accounts.findByUsername(name).isPresent()) {
            throw new UserFacingException("account.error.exists", name);
        }
        String password = oneTimePassword();
        long id = accounts.insert(name, displayName.trim(), role, encoder.encode(password));
        audit.record("account.create", "account:" + name, AuditFields.of("role", role));
        return new NewAccount(accounts.findById(id).orElseThrow(), password);
    }

    /**
     * A new one-time password; it unlocks the account and ends its open sessions. Not for one's own
     * account: that would end the session that shows the new password.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public NewAccount resetPassword(long id) {
        StaffAccount account = accounts.lockById(id).orElseThrow(() -> new UserFacingException("account.error.missing"));
        if (isSelf(account)) {
            throw new UserFacingException("account.error.resetSelf");
        }
        String password = oneTimePassword();
        accounts.setPassword(id, encoder.encode(password), true);
        accounts.unlock(account.username());
        audit.record("account.resetPassword", "account:" + account.username(), AuditFields.none());
        return new NewAccount(account, password);
    }

    /**
     * Lets a locked account sign in again at once, from every address it was paused on (the counts of
     * wrong and refused attempts, summed over those addresses, go on the record with how many there were).
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void unlock(long id) {
        StaffAccount account = accounts.lockById(id).orElseThrow(() -> new UserFacingException("account.error.missing"));
        var pairs = accounts.pairs(account.username());
        int failed = pairs.stream().mapToInt(AccountRepository.PairFailures::failedAttempts).sum();
        int refused = pairs.stream().mapToInt(AccountRepository.PairFailures::refusedWhileLocked).sum();
        accounts.unlock(account.username());
        AuditFields fields = AuditFields.of("failedAttempts", failed).with("addresses", pairs.size());
        audit.record("account.unlock", "account:" + account.username(),
                refused > 0 ? fields.with("refusedWhileLocked", refused) : fields);
    }

    /**
     * Disabling ends the account's sessions at their next request. The enabled administrators are
     * locked first (in id order), so two administrators disabling each other at the same instant are
     * taken one after the other, and the second is refused as the last one.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void setEnabled(long id, boolean enabled) {
        List<Long> enabledAdmins = enabled ? List.of() : accounts.lockEnabledAdmins();
        StaffAccount account = accounts.lockById(id).orElseThrow(() -> new UserFacingException("account.error.missing"));
        if (!enabled && isSelf(account)) {
            audit.recordRefusal("account.disableRefused", "account:" + account.username(), AuditFields.of("why", "self"));
            throw new UserFacingException("account.error.disableSelf");
        }
        if (!enabled && account.role() == Role.ADMIN && account.enabled() && enabledAdmins.size() <= 1) {
            audit.recordRefusal("account.disableRefused", "account:" + account.username(), AuditFields.of("why", "lastAdmin"));
            throw new UserFacingException("account.error.lastAdmin");
        }
        accounts.setEnabled(id, enabled);
        audit.record(enabled ? "account.enable" : "account.disable", "account:" + account.username(), AuditFields.none());
    }

    /**
     * The signed-in user's own change; the old password is required even when a change is forced. The
     * account's other sessions end; this one goes on, now with its role.
     */
    @PermitAll
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        String username = CurrentStaff.username().orElseThrow(() -> new UserFacingException("account.error.missing"));
        String hash = accounts.passwordHash(username).orElseThrow(() -> new UserFacingException("account.error.missing"));
        if (!encoder.matches(currentPassword, hash)) {
            // Audited like a failed sign-in: an unattended console is no place to guess a password.
            audit.recordRefusalAs(username, "account.changePasswordFailed", "account:" + username, AuditFields.none());
            throw new UserFacingException("account.error.currentPassword");
        }
        if (newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new UserFacingException("account.error.tooShort", MIN_PASSWORD_LENGTH);
        }
        if (newPassword.equals(currentPassword)) {
            throw new UserFacingException("account.error.samePassword");
        }
        StaffAccount account = accounts.findByUsername(username).orElseThrow();
        accounts.lockById(account.id());
        int version = accounts.setPassword(account.id(), encoder.encode(newPassword), false);
        keepThisSession(account, version);
        audit.recordAs(username, "account.changePassword", "account:" + username, AuditFields.none());
    }

    /**
     * A person at a console signed in as someone else proves they are {@code username} (of {@code role}) by
     * typing that account's password: a teller taking their seat's share card from the organiser's console, or
     * handing it in at the count from a colleague's session. A wrong password counts exactly as a failed
     * sign-in from the session's address does: towards the pause of the (account, address) pair and towards
     * that address's throttle, and a paused pair or address is refused without checking; so this can never be
     * used to guess a password faster than the sign-in page allows, and five wrong passwords typed at one
     * console do not keep the teller from signing in at their own device. The throttle's bookkeeping is
     * committed on its own: the caller refuses, and its transaction rolls back, right after a wrong password.
     * The array is not kept; the caller clears it.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public PasswordConfirmation confirmPassword(String username, Role role, char[] password) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        var credentials = accounts.credentials(name);
        if (credentials.isEmpty() || !credentials.get().enabled() || credentials.get().role() != role) {
            return PasswordConfirmation.NOT_ALLOWED;
        }
        String address = LoginThrottle.addressOf(SecurityContextHolder.getContext().getAuthentication());
        if (throttle.paused(name, address)) {
            throttle.refusedWhileLocked(name, address);
            return PasswordConfirmation.LOCKED;
        }
        boolean matches;
        try {
            matches = encoder.matches(java.nio.CharBuffer.wrap(password), credentials.get().passwordHash());
        } catch (AuthenticationServiceException busy) {
            return PasswordConfirmation.BUSY;
        }
        if (!matches) {
            throttle.wrongPassword(name, address);
            return PasswordConfirmation.WRONG;
        }
        if (credentials.get().mustChangePassword()) {
            // Checked after the password, so that this answer tells nothing to someone who does not know it.
            return PasswordConfirmation.MUST_CHANGE_PASSWORD;
        }
        throttle.rightPassword(name, address);
        return PasswordConfirmation.CONFIRMED;
    }

    /** Any signed-in staff member (not one who must still change a one-time password). */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public Optional<StaffAccount> find(String username) {
        return accounts.findByUsername(username).map(a -> withCurrentLock(a, accounts.latestLocks()));
    }

    /**
     * On first start there is no account at all: create one ADMIN with a one-time password that the
     * caller prints to the console; it must be changed at first sign-in.
     */
    @Transactional
    public Optional<NewAccount> createFirstAdminIfNone() {
        if (accounts.count() > 0) {
            return Optional.empty();
        }
        String password = oneTimePassword();
        long id = accounts.insert("admin", "Quản trị viên", Role.ADMIN, encoder.encode(password));
        audit.recordAs("system", "account.create", "account:admin", AuditFields.of("role", Role.ADMIN).with("first", true));
        return Optional.of(new NewAccount(accounts.findById(id).orElseThrow(), password));
    }

    /** The session that changed its password carries the new version, and its role from now on. */
    private static void keepThisSession(StaffAccount account, int version) {
        var context = SecurityContextHolder.getContext();
        var current = context.getAuthentication();
        if (current == null || !account.username().equals(current.getName())) {
            return;
        }
        var authorities = List.of(new SimpleGrantedAuthority(Roles.authority(account.role().name())));
        var principal = new StaffPrincipal(account.username(), "", true, false, authorities, version);
        var refreshed = UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        refreshed.setDetails(current.getDetails());
        context.setAuthentication(refreshed);
    }

    private static boolean isSelf(StaffAccount account) {
        return CurrentStaff.username().map(account.username()::equals).orElse(false);
    }

    /** The latest pause of any of the account's addresses, while it lasts. */
    private StaffAccount withCurrentLock(StaffAccount a, java.util.Map<String, java.time.LocalDateTime> locks) {
        var lock = Optional.ofNullable(locks.get(a.username())).map(t -> t.toInstant(java.time.ZoneOffset.UTC))
                .filter(until -> until.isAfter(clock.instant()));
        return new StaffAccount(a.id(), a.username(), a.displayName(), a.role(), a.mustChangePassword(), a.enabled(),
                lock);
    }

    private String oneTimePassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            if (i > 0 && i % 5 == 4) {
                sb.append('-');
                continue;
            }
            sb.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }
}
