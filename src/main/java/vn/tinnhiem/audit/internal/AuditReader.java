package vn.tinnhiem.audit.internal;

import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;

import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.audit.AuditEntry;

/**
 * Reads the whole log oldest first, a page at a time (by id, so each page is an index range scan), for
 * exports: memory stays bounded however long the log grows. Runs inside the caller's transaction.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class AuditReader {

    static final int PAGE = 500;

    private final DSLContext db;

    AuditReader(DSLContext db) {
        this.db = db;
    }

    /** Hands every entry to {@code each}, in chain order; returns how many there were. */
    public long forEachOldestFirst(Consumer<AuditEntry> each) {
        long after = 0;
        long count = 0;
        while (true) {
            List<AuditEntry> page = db.selectFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.ID.gt(after)).orderBy(AUDIT_ENTRY.ID)
                    .limit(PAGE).fetch(AuditReader::toEntry);
            for (AuditEntry e : page) {
                each.accept(e);
            }
            count += page.size();
            if (page.size() < PAGE) {
                return count;
            }
            after = page.getLast().id();
        }
    }

    private static AuditEntry toEntry(Record r) {
        return new AuditEntry(r.get(AUDIT_ENTRY.ID), r.get(AUDIT_ENTRY.OCCURRED_AT).toInstant(ZoneOffset.UTC),
                r.get(AUDIT_ENTRY.ACTOR), r.get(AUDIT_ENTRY.ACTION), r.get(AUDIT_ENTRY.SUBJECT),
                r.get(AUDIT_ENTRY.DETAILS), r.get(AUDIT_ENTRY.DETAILS_DIGEST), r.get(AUDIT_ENTRY.PREVIOUS_HASH),
                r.get(AUDIT_ENTRY.ENTRY_HASH));
    }
}
