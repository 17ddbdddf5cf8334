package vn.tinnhiem.account;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.account.internal.AccountRepository;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.UserFacingException;

/** Creates accounts, changes passwords; every change is audited (never with the password). */
@Service
public class AccountService {

    static final int MIN_PASSWORD_LENGTH = 10;
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    AccountService(AccountRepository accounts, PasswordEncoder encoder, AuditLog audit) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
    }

    @RolesAllowed("ADMIN")
    @Transactional(readOnly = true)
    public List<StaffAccount> list() {
        return accounts.all();
    }

    @RolesAllowed("ADMIN")
    @Transactional
    public NewAccount create(String username, String displayName, Role role) {
        String name = username.trim().toLowerCase(java.util.Locale.ROOT);
        if (!name.matches("[a-z0-9._-]{3,64}")) {
            throw new UserFacingException("account.error.username");
        }
        if (displayName.isBlank()) {
            throw new UserFacingException("account.error.displayName");
        }
        if (accounts.findByUsername(name).isPresent()) {
            throw new UserFacingException("account.error.exists", name);
        }
        String password = oneTimePassword();
        long id = accounts.insert(name, displayName.trim(), role, encoder.encode(password));
        audit.record("account.create", "account:" + name, "role=" + role);
        return new NewAccount(accounts.findById(id).orElseThrow(), password);
    }

    @RolesAllowed("ADMIN")
    @Transactional
    public NewAccount resetPassword(long id) {
        StaffAccount account = accounts.findById(id).orElseThrow(() -> new UserFacingException("account.error.missing"));
        String password = oneTimePassword();
        accounts.setPassword(id, encoder.encode(password), true);
        accounts.unlock(id);
        audit.record("account.resetPassword", "account:" + account.username(), "");
        return new NewAccount(account, password);
    }

    @RolesAllowed("ADMIN")
    @Transactional
    public void setEnabled(long id, boolean enabled) {
        StaffAccount account = accounts.findById(id).orElseThrow(() -> new UserFacingException("account.error.missing"));
        if (!enabled && CurrentStaff.username().map(account.username()::equals).orElse(false)) {
            throw new UserFacingException("account.error.disableSelf");
        }
        if (!enabled && account.role() == Role.ADMIN
                && accounts.all().stream().filter(a -> a.role() == Role.ADMIN && a.enabled()).count() <= 1) {
            throw new UserFacingException("account.error.lastAdmin");
        }
        accounts.setEnabled(id, enabled);
        audit.record(enabled ? "account.enable" : "account.disable", "account:" + account.username(), "");
    }

    /** The signed-in user's own change; the old password is required even when a change is forced. */
    @PermitAll
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        String username = CurrentStaff.username().orElseThrow(() -> new UserFacingException("account.error.missing"));
        String hash = accounts.passwordHash(username).orElseThrow(() -> new UserFacingException("account.error.missing"));
        if (!encoder.matches(currentPassword, hash)) {
            // Audited like a failed sign-in: an unattended console is no place to guess a password.
            audit.recordRefusalAs(username, "account.changePasswordFailed", "account:" + username, "");
            throw new UserFacingException("account.error.currentPassword");
        }
        if (newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new UserFacingException("account.error.tooShort", MIN_PASSWORD_LENGTH);
        }
        if (newPassword.equals(currentPassword)) {
            throw new UserFacingException("account.error.samePassword");
        }
        long id = accounts.findByUsername(username).orElseThrow().id();
        accounts.setPassword(id, encoder.encode(newPassword), false);
        audit.recordAs(username, "account.changePassword", "account:" + username, "");
    }

    @PermitAll
    @Transactional(readOnly = true)
    public Optional<StaffAccount> find(String username) {
        return accounts.findByUsername(username);
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
        audit.recordAs("system", "account.create", "account:admin", "role=ADMIN first start");
        return Optional.of(new NewAccount(accounts.findById(id).orElseThrow(), password));
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
