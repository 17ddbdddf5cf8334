package vn.tinnhiem.account.internal;

import vn.tinnhiem.shared.database.LockFirst;
import static vn.tinnhiem.db.Tables.STAFF_ACCOUNT;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.account.Role;
import vn.tinnhiem.account.StaffAccount;

/**
 * The staff_account table. Times in UTC. The {@code lock...} reads take the rows' write locks: every
 * change to an account locks its row first, so that the audit head is always the last lock taken.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class AccountRepository {

    private final DSLContext db;

    AccountRepository(DSLContext db) {
        this.db = db;
    }

    public long count() {
        return db.fetchCount(STAFF_ACCOUNT);
    }

    public List<StaffAccount> all() {
        return db.selectFrom(STAFF_ACCOUNT).orderBy(STAFF_ACCOUNT.USERNAME).fetch(AccountRepository::toAccount);
    }

    public Optional<StaffAccount> findById(long id) {
        return db.selectFrom(STAFF_ACCOUNT).where(STAFF_ACCOUNT.ID.eq(id)).fetchOptional(AccountRepository::toAccount);
    }

    public Optional<StaffAccount> findByUsername(String username) {
        return db.selectFrom(STAFF_ACCOUNT).where(STAFF_ACCOUNT.USERNAME.eq(username))
                .fetchOptional(AccountRepository::toAccount);
    }

    /** Reads and write-locks one account row. */
    public Optional<StaffAccount> lockById(long id) {
        return db.selectFrom(STAFF_ACCOUNT).where(STAFF_ACCOUNT.ID.eq(id)).forUpdate()
                .fetchOptional(AccountRepository::toAccount);
    }

    /**
     * Write-locks every enabled administrator, in id order (so two callers cannot deadlock), and returns
     * their ids as committed now: two administrators disabling each other at once are serialised here,
     * and the second sees that only one is left.
     */
    public List<Long> lockEnabledAdmins() {
        LockFirst.beforeLock("admins");
        return db.select(STAFF_ACCOUNT.ID).from(STAFF_ACCOUNT)
                .where(STAFF_ACCOUNT.ROLE.eq(Role.ADMIN.name()).and(STAFF_ACCOUNT.ENABLED.isTrue()))
                .orderBy(STAFF_ACCOUNT.ID).forUpdate().fetch(STAFF_ACCOUNT.ID);
    }

    public Optional<String> passwordHash(String username) {
        return db.select(STAFF_ACCOUNT.PASSWORD_HASH).from(STAFF_ACCOUNT).where(STAFF_ACCOUNT.USERNAME.eq(username))
                .fetchOptional(STAFF_ACCOUNT.PASSWORD_HASH);
    }

    public long insert(String username, String displayName, Role role, String passwordHash) {
        return db.insertInto(STAFF_ACCOUNT)
                .set(STAFF_ACCOUNT.USERNAME, username)
                .set(STAFF_ACCOUNT.DISPLAY_NAME, displayName)
                .set(STAFF_ACCOUNT.ROLE, role.name())
                .set(STAFF_ACCOUNT.PASSWORD_HASH, passwordHash)
                .set(STAFF_ACCOUNT.MUST_CHANGE_PASSWORD, true)
                .returningResult(STAFF_ACCOUNT.ID)
                .fetchSingle(STAFF_ACCOUNT.ID);
    }

    /** A new password also raises the credentials version, which ends the account's other sessions. */
    public int setPassword(long id, String hash, boolean mustChange) {
        db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.PASSWORD_HASH, hash)
                .set(STAFF_ACCOUNT.MUST_CHANGE_PASSWORD, mustChange)
                .set(STAFF_ACCOUNT.CREDENTIALS_VERSION, STAFF_ACCOUNT.CREDENTIALS_VERSION.plus(1))
                .where(STAFF_ACCOUNT.ID.eq(id)).execute();
        return db.select(STAFF_ACCOUNT.CREDENTIALS_VERSION).from(STAFF_ACCOUNT).where(STAFF_ACCOUNT.ID.eq(id))
                .fetchSingle(STAFF_ACCOUNT.CREDENTIALS_VERSION);
    }

    public void setEnabled(long id, boolean enabled) {
        db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.ENABLED, enabled).where(STAFF_ACCOUNT.ID.eq(id)).execute();
    }

    public void unlock(long id) {
        db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.FAILED_ATTEMPTS, 0).setNull(STAFF_ACCOUNT.LOCKED_UNTIL)
                .set(STAFF_ACCOUNT.REFUSED_WHILE_LOCKED, 0).where(STAFF_ACCOUNT.ID.eq(id)).execute();
    }

    /** Everything sign-in needs, in one read. */
    public Optional<Credentials> credentials(String username) {
        return db.selectFrom(STAFF_ACCOUNT).where(STAFF_ACCOUNT.USERNAME.eq(username))
                .fetchOptional(AccountRepository::toCredentials);
    }

    /** The same, write-locking the row: the first lock a sign-in's bookkeeping takes. */
    public Optional<Credentials> lockCredentials(String username) {
        return db.selectFrom(STAFF_ACCOUNT).where(STAFF_ACCOUNT.USERNAME.eq(username)).forUpdate()
                .fetchOptional(AccountRepository::toCredentials);
    }

    /** A wrong password; with a lock time the account is locked and its count of refusals starts again. */
    public void recordFailure(String username, int attempts, Optional<LocalDateTime> lockedUntil) {
        var update = db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.FAILED_ATTEMPTS, attempts);
        if (lockedUntil.isPresent()) {
            update.set(STAFF_ACCOUNT.LOCKED_UNTIL, lockedUntil.get()).set(STAFF_ACCOUNT.REFUSED_WHILE_LOCKED, 0)
                    .where(STAFF_ACCOUNT.USERNAME.eq(username)).execute();
        } else {
            update.where(STAFF_ACCOUNT.USERNAME.eq(username)).execute();
        }
    }

    /** An attempt on a locked account: counted here, written to the audit log once. */
    public void countRefusedWhileLocked(String username) {
        db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.REFUSED_WHILE_LOCKED, STAFF_ACCOUNT.REFUSED_WHILE_LOCKED.plus(1))
                .where(STAFF_ACCOUNT.USERNAME.eq(username)).execute();
    }

    public void recordSuccess(String username) {
        db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.FAILED_ATTEMPTS, 0).setNull(STAFF_ACCOUNT.LOCKED_UNTIL)
                .set(STAFF_ACCOUNT.REFUSED_WHILE_LOCKED, 0).where(STAFF_ACCOUNT.USERNAME.eq(username)).execute();
    }

    private static StaffAccount toAccount(Record r) {
        LocalDateTime lockedUntil = r.get(STAFF_ACCOUNT.LOCKED_UNTIL);
        return new StaffAccount(r.get(STAFF_ACCOUNT.ID), r.get(STAFF_ACCOUNT.USERNAME), r.get(STAFF_ACCOUNT.DISPLAY_NAME),
                Role.valueOf(r.get(STAFF_ACCOUNT.ROLE)), Boolean.TRUE.equals(r.get(STAFF_ACCOUNT.MUST_CHANGE_PASSWORD)),
                Boolean.TRUE.equals(r.get(STAFF_ACCOUNT.ENABLED)),
                Optional.ofNullable(lockedUntil).map(t -> t.toInstant(ZoneOffset.UTC)));
    }

    private static Credentials toCredentials(Record r) {
        return new Credentials(r.get(STAFF_ACCOUNT.USERNAME), r.get(STAFF_ACCOUNT.PASSWORD_HASH),
                Role.valueOf(r.get(STAFF_ACCOUNT.ROLE)), Boolean.TRUE.equals(r.get(STAFF_ACCOUNT.ENABLED)),
                Boolean.TRUE.equals(r.get(STAFF_ACCOUNT.MUST_CHANGE_PASSWORD)),
                Optional.ofNullable(r.get(STAFF_ACCOUNT.LOCKED_UNTIL)).map(t -> t.toInstant(ZoneOffset.UTC)),
                r.get(STAFF_ACCOUNT.FAILED_ATTEMPTS), r.get(STAFF_ACCOUNT.REFUSED_WHILE_LOCKED),
                r.get(STAFF_ACCOUNT.CREDENTIALS_VERSION));
    }

    /** Sign-in data; stays inside this module. */
    public record Credentials(String username, String passwordHash, Role role, boolean enabled,
            boolean mustChangePassword, Optional<Instant> lockedUntil, int failedAttempts, int refusedWhileLocked,
            int credentialsVersion) {
    }
}
