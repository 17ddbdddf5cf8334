package vn.tinnhiem.account.internal;

import static vn.tinnhiem.db.Tables.STAFF_ACCOUNT;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.account.Role;
import vn.tinnhiem.account.StaffAccount;

/** The staff_account table. Times in UTC. */
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

    public void setPassword(long id, String hash, boolean mustChange) {
        db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.PASSWORD_HASH, hash)
                .set(STAFF_ACCOUNT.MUST_CHANGE_PASSWORD, mustChange).where(STAFF_ACCOUNT.ID.eq(id)).execute();
    }

    public void setEnabled(long id, boolean enabled) {
        db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.ENABLED, enabled).where(STAFF_ACCOUNT.ID.eq(id)).execute();
    }

    public void unlock(long id) {
        db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.FAILED_ATTEMPTS, 0).setNull(STAFF_ACCOUNT.LOCKED_UNTIL)
                .where(STAFF_ACCOUNT.ID.eq(id)).execute();
    }

    /** Everything sign-in needs, in one read. */
    public Optional<Credentials> credentials(String username) {
        return db.select(STAFF_ACCOUNT.USERNAME, STAFF_ACCOUNT.PASSWORD_HASH, STAFF_ACCOUNT.ROLE, STAFF_ACCOUNT.ENABLED,
                        STAFF_ACCOUNT.LOCKED_UNTIL, STAFF_ACCOUNT.FAILED_ATTEMPTS)
                .from(STAFF_ACCOUNT).where(STAFF_ACCOUNT.USERNAME.eq(username))
                .fetchOptional(r -> new Credentials(r.value1(), r.value2(), Role.valueOf(r.value3()),
                        Boolean.TRUE.equals(r.value4()), Optional.ofNullable(r.value5()), r.value6()));
    }

    public int recordFailure(String username, LocalDateTime lockedUntilIfOver, int threshold) {
        db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.FAILED_ATTEMPTS, STAFF_ACCOUNT.FAILED_ATTEMPTS.plus(1))
                .where(STAFF_ACCOUNT.USERNAME.eq(username)).execute();
        int attempts = db.select(STAFF_ACCOUNT.FAILED_ATTEMPTS).from(STAFF_ACCOUNT)
                .where(STAFF_ACCOUNT.USERNAME.eq(username)).fetchOptional(STAFF_ACCOUNT.FAILED_ATTEMPTS).orElse(0);
        if (attempts >= threshold) {
            db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.LOCKED_UNTIL, lockedUntilIfOver)
                    .where(STAFF_ACCOUNT.USERNAME.eq(username)).execute();
        }
        return attempts;
    }

    public void recordSuccess(String username) {
        db.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.FAILED_ATTEMPTS, 0).setNull(STAFF_ACCOUNT.LOCKED_UNTIL)
                .where(STAFF_ACCOUNT.USERNAME.eq(username)).execute();
    }

    private static StaffAccount toAccount(Record r) {
        return new StaffAccount(r.get(STAFF_ACCOUNT.ID), r.get(STAFF_ACCOUNT.USERNAME), r.get(STAFF_ACCOUNT.DISPLAY_NAME),
                Role.valueOf(r.get(STAFF_ACCOUNT.ROLE)), Boolean.TRUE.equals(r.get(STAFF_ACCOUNT.MUST_CHANGE_PASSWORD)),
                Boolean.TRUE.equals(r.get(STAFF_ACCOUNT.ENABLED)));
    }

    /** Sign-in data; stays inside this module. */
    public record Credentials(String username, String passwordHash, Role role, boolean enabled,
            Optional<LocalDateTime> lockedUntil, int failedAttempts) {
    }
}
