package vn.tinnhiem.kiosk.internal;

import static vn.tinnhiem.db.Tables.ENROLLMENT_DEADLINE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * When each pending enrollment code expires, in the database (table {@code enrollment_deadline}, never the
 * voter-side kiosk table), so a code shown through one application instance can be used through another, or
 * after a failover, within its ten minutes. A row lives while a code is pending: using the code, revoking the
 * tablet or showing a new code replaces or deletes it. Times come from {@link KioskMemory#now()} (tests move it).
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class EnrollmentDeadlines {

    private final DSLContext db;
    private final KioskMemory clock;

    EnrollmentDeadlines(DSLContext db, KioskMemory clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Opens the kiosk's enrollment for the given time; an earlier code's deadline is replaced. */
    public Instant open(String kioskId, Duration validity) {
        Instant deadline = clock.now().plus(validity);
        LocalDateTime at = LocalDateTime.ofInstant(deadline, ZoneOffset.UTC);
        db.insertInto(ENROLLMENT_DEADLINE).set(ENROLLMENT_DEADLINE.KIOSK_ID, Secrets.unhex(kioskId))
                .set(ENROLLMENT_DEADLINE.EXPIRES_AT, at).onDuplicateKeyUpdate().set(ENROLLMENT_DEADLINE.EXPIRES_AT, at)
                .execute();
        return deadline;
    }

    /** Whether the kiosk's code may still be used; read after the caller locked the kiosk's row. */
    public boolean isOpen(String kioskId) {
        return db.select(ENROLLMENT_DEADLINE.EXPIRES_AT).from(ENROLLMENT_DEADLINE)
                .where(ENROLLMENT_DEADLINE.KIOSK_ID.eq(Secrets.unhex(kioskId))).fetchOptional(ENROLLMENT_DEADLINE.EXPIRES_AT)
                .filter(at -> clock.now().isBefore(at.toInstant(ZoneOffset.UTC))).isPresent();
    }

    public void close(String kioskId) {
        db.deleteFrom(ENROLLMENT_DEADLINE).where(ENROLLMENT_DEADLINE.KIOSK_ID.eq(Secrets.unhex(kioskId))).execute();
    }
}
