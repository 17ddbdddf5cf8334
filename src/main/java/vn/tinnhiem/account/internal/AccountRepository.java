package vn.tinnhiem.account.internal;

import vn.tinnhiem.shared.database.LockFirst;
import static vn.tinnhiem.db.Tables.SIGN_IN_FAILURE;
import static vn.tinnhiem.db.Tables.STAFF_ACCOUNT;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
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

    /** Forgets every pair's failures and lock of this account (the organiser's unlock, a password reset). */
    public void unlock(String username) {
        db.deleteFrom(SIGN_IN_FAILURE).where(SIGN_IN_FAILURE.USERNAME.eq(username)).execute();
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

    /** The failures of one (account, address) pair; none when it never failed or signed in since. */
    public Optional<PairFailures> pair(String username, String address) {
        return db.selectFrom(SIGN_IN_FAILURE)
                .where(SIGN_IN_FAILURE.USERNAME.eq(username).and(SIGN_IN_FAILURE.ADDRESS.eq(address)))
                .fetchOptional(AccountRepository::toPair);
    }

    /** The same, write-locked: taken after the account's row, before the audit head. */
    public Optional<PairFailures> lockPair(String username, String address) {
        return db.selectFrom(SIGN_IN_FAILURE)
                .where(SIGN_IN_FAILURE.USERNAME.eq(username).and(SIGN_IN_FAILURE.ADDRESS.eq(address))).forUpdate()
                .fetchOptional(AccountRepository::toPair);
    }

    /** Every pair of the account, for the organiser: which addresses are paused, how many refusals. */
    public List<PairFailures> pairs(String username) {
        return db.selectFrom(SIGN_IN_FAILURE).where(SIGN_IN_FAILURE.USERNAME.eq(username))
                .orderBy(SIGN_IN_FAILURE.ADDRESS).fetch(AccountRepository::toPair);
    }

    /** The latest end of a pause over the account's pairs, for the accounts screen. */
    public Map<String, LocalDateTime> latestLocks() {
        return db.select(SIGN_IN_FAILURE.USERNAME, DSL.max(SIGN_IN_FAILURE.LOCKED_UNTIL)).from(SIGN_IN_FAILURE)
                .where(SIGN_IN_FAILURE.LOCKED_UNTIL.isNotNull()).groupBy(SIGN_IN_FAILURE.USERNAME)
                .fetchMap(SIGN_IN_FAILURE.USERNAME, DSL.max(SIGN_IN_FAILURE.LOCKED_UNTIL));
    }

    /**
     * A wrong password from the pair; with a lock time the pair is paused and its count of refusals starts
     * again. The caller holds the account's row lock, so two failures of one pair cannot both insert.
     */
    public void recordFailure(String username, String address, int attempts, Optional<LocalDateTime> lockedUntil) {
        var insert = db.insertInto(SIGN_IN_FAILURE)
                .set(SIGN_IN_FAILURE.USERNAME, username)
                .set(SIGN_IN_FAILURE.ADDRESS, address)
                .set(SIGN_IN_FAILURE.FAILED_ATTEMPTS, attempts)
                .set(SIGN_IN_FAILURE.LOCKED_UNTIL, lockedUntil.orElse(null))
                .set(SIGN_IN_FAILURE.REFUSED_WHILE_LOCKED, 0)
                .onDuplicateKeyUpdate()
                .set(SIGN_IN_FAILURE.FAILED_ATTEMPTS, attempts);
        if (lockedUntil.isPresent()) {
            insert.set(SIGN_IN_FAILURE.LOCKED_UNTIL, lockedUntil.get()).set(SIGN_IN_FAILURE.REFUSED_WHILE_LOCKED, 0)
                    .execute();
        } else {
            insert.execute();
        }
    }

    /** An attempt from a paused pair: counted here, written to the audit log once. */
    public void countRefusedWhileLocked(String username, String address) {
        db.update(SIGN_IN_FAILURE).set(SIGN_IN_FAILURE.REFUSED_WHILE_LOCKED, SIGN_IN_FAILURE.REFUSED_WHILE_LOCKED.plus(1))
                .where(SIGN_IN_FAILURE.USERNAME.eq(username).and(SIGN_IN_FAILURE.ADDRESS.eq(address))).execute();
    }

    /** The right password from the pair: its count starts again (other addresses' pauses stay). */
    public void recordSuccess(String username, String address) {
        db.deleteFrom(SIGN_IN_FAILURE)
                .where(SIGN_IN_FAILURE.USERNAME.eq(username).and(SIGN_IN_FAILURE.ADDRESS.eq(address))).execute();
    }

    /** Without its lock: the caller adds the latest pause of its pairs ({@link #latestLocks()}). */
    private static StaffAccount toAccount(Record r) {
        return new StaffAccount(r.get(STAFF_ACCOUNT.ID), r.get(STAFF_ACCOUNT.USERNAME), r.get(STAFF_ACCOUNT.DISPLAY_NAME),
                Role.valueOf(r.get(STAFF_ACCOUNT.ROLE)), Boolean.TRUE.equals(r.get(STAFF_ACCOUNT.MUST_CHANGE_PASSWORD)),
                Boolean.TRUE.equals(r.get(STAFF_ACCOUNT.ENABLED)), Optional.empty());
    }

    private static PairFailures toPair(Record r) {
        return new PairFailures(r.get(SIGN_IN_FAILURE.ADDRESS), r.get(SIGN_IN_FAILURE.FAILED_ATTEMPTS),
                Optional.ofNullable(r.get(SIGN_IN_FAILURE.LOCKED_UNTIL)).map(t -> t.toInstant(ZoneOffset.UTC)),
                r.get(SIGN_IN_FAILURE.REFUSED_WHILE_LOCKED));
    }

    private static Credentials toCredentials(Record r) {
        return new Credentials(r.get(STAFF_ACCOUNT.USERNAME), r.get(STAFF_ACCOUNT.PASSWORD_HASH),
                Role.valueOf(r.get(STAFF_ACCOUNT.ROLE)), Boolean.TRUE.equals(r.get(STAFF_ACCOUNT.ENABLED)),
                Boolean.TRUE.equals(r.get(STAFF_ACCOUNT.MUST_CHANGE_PASSWORD)),
                r.get(STAFF_ACCOUNT.CREDENTIALS_VERSION));
    }

    /** Sign-in data; stays inside this module. */
    public record Credentials(String username, String passwordHash, Role role, boolean enabled,
            boolean mustChangePassword, int credentialsVersion) {
    }

    /** One (account, address) pair's wrong passwords in a row, its pause, and the attempts refused during it. */
    public record PairFailures(String address, int failedAttempts, Optional<Instant> lockedUntil,
            int refusedWhileLocked) {

        public boolean lockedAt(Instant now) {
            return lockedUntil.filter(now::isBefore).isPresent();
        }
    }
}
