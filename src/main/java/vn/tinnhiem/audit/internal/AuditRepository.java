package vn.tinnhiem.audit.internal;

import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;
import static vn.tinnhiem.db.Tables.AUDIT_HEAD;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.audit.AuditEntry;

/** The audit tables; runs only inside the audit service's transaction. Times are stored in UTC. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class AuditRepository {

    private final DSLContext db;

    AuditRepository(DSLContext db) {
        this.db = db;
    }

    /** Locks the head row until the transaction ends, so appends are strictly one after another. */
    public String lockHead() {
        return db.select(AUDIT_HEAD.LAST_HASH).from(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq((byte) 1)).forUpdate()
                .fetchSingle(AUDIT_HEAD.LAST_HASH);
    }

    public String head() {
        return db.select(AUDIT_HEAD.LAST_HASH).from(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq((byte) 1))
                .fetchSingle(AUDIT_HEAD.LAST_HASH);
    }

    public long insertPending(Instant at, String actor, String action, String subject, String details,
            String detailsDigest, String previousHash) {
        return db.insertInto(AUDIT_ENTRY)
                .set(AUDIT_ENTRY.OCCURRED_AT, LocalDateTime.ofInstant(at, ZoneOffset.UTC))
                .set(AUDIT_ENTRY.ACTOR, actor)
                .set(AUDIT_ENTRY.ACTION, action)
                .set(AUDIT_ENTRY.SUBJECT, subject)
                .set(AUDIT_ENTRY.DETAILS, details)
                .set(AUDIT_ENTRY.DETAILS_DIGEST, detailsDigest)
                .set(AUDIT_ENTRY.PREVIOUS_HASH, previousHash)
                .set(AUDIT_ENTRY.ENTRY_HASH, "")
                .returningResult(AUDIT_ENTRY.ID)
                .fetchSingle(AUDIT_ENTRY.ID);
    }

    public void complete(long id, String entryHash) {
        db.update(AUDIT_ENTRY).set(AUDIT_ENTRY.ENTRY_HASH, entryHash).where(AUDIT_ENTRY.ID.eq(id)).execute();
        db.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_HASH, entryHash).where(AUDIT_HEAD.ID.eq((byte) 1)).execute();
    }

    public List<AuditEntry> all() {
        return db.selectFrom(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID).fetch(AuditRepository::toEntry);
    }

    public List<AuditEntry> newest(int limit) {
        return db.selectFrom(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID.desc()).limit(limit).fetch(AuditRepository::toEntry);
    }

    private static AuditEntry toEntry(Record r) {
        return new AuditEntry(r.get(AUDIT_ENTRY.ID), r.get(AUDIT_ENTRY.OCCURRED_AT).toInstant(ZoneOffset.UTC),
                r.get(AUDIT_ENTRY.ACTOR), r.get(AUDIT_ENTRY.ACTION), r.get(AUDIT_ENTRY.SUBJECT),
                r.get(AUDIT_ENTRY.DETAILS), r.get(AUDIT_ENTRY.DETAILS_DIGEST), r.get(AUDIT_ENTRY.PREVIOUS_HASH),
                r.get(AUDIT_ENTRY.ENTRY_HASH));
    }
}
