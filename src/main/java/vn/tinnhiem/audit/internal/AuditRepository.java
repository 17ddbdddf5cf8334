package vn.tinnhiem.audit.internal;

import static vn.tinnhiem.db.Tables.AUDIT_ENTRY;
import static vn.tinnhiem.db.Tables.AUDIT_HEAD;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditHead;

/** The audit tables; runs only inside the audit service's transaction. Times are stored in UTC. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class AuditRepository {

    /** Rows fetched per round trip while the check streams the log: memory stays flat however long it is. */
    static final int FETCH_SIZE = 500;

    private final DSLContext db;

    AuditRepository(DSLContext db) {
        this.db = db;
    }

    /** Locks the head row until the transaction ends, so appends are strictly one after another. */
    public AuditHead lockHead() {
        return db.select(AUDIT_HEAD.ENTRY_COUNT, AUDIT_HEAD.LAST_HASH).from(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq((byte) 1))
                .forUpdate().fetchSingle(AuditRepository::toHead);
    }

    public AuditHead head() {
        return db.select(AUDIT_HEAD.ENTRY_COUNT, AUDIT_HEAD.LAST_HASH).from(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq((byte) 1))
                .fetchSingle(AuditRepository::toHead);
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
        db.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_HASH, entryHash)
                .set(AUDIT_HEAD.ENTRY_COUNT, AUDIT_HEAD.ENTRY_COUNT.plus(1L))
                .where(AUDIT_HEAD.ID.eq((byte) 1)).execute();
    }

    /**
     * Every entry from the first, read a page of rows at a time from an open cursor rather than loaded
     * whole. The caller must close the stream (try-with-resources) before using the connection again.
     */
    public Stream<AuditEntry> inOrder() {
        return db.selectFrom(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID).fetchSize(FETCH_SIZE).fetchStream()
                .map(AuditRepository::toEntry);
    }

    /** The entries this scope covers, in chain order, as {@link #inOrder()} reads them (for the exports). */
    public Stream<AuditEntry> inOrder(AuditScope scope) {
        return db.selectFrom(AUDIT_ENTRY).where(within(scope)).orderBy(AUDIT_ENTRY.ID).fetchSize(FETCH_SIZE)
                .fetchStream().map(AuditRepository::toEntry);
    }

    public List<AuditEntry> newest(AuditScope scope, int limit) {
        return db.selectFrom(AUDIT_ENTRY).where(within(scope)).orderBy(AUDIT_ENTRY.ID.desc()).limit(limit)
                .fetch(AuditRepository::toEntry);
    }

    /** The newest entry of this action about this subject, within the scope. */
    public Optional<AuditEntry> latest(AuditScope scope, String action, String subject) {
        return db.selectFrom(AUDIT_ENTRY).where(within(scope)).and(AUDIT_ENTRY.ACTION.eq(action))
                .and(AUDIT_ENTRY.SUBJECT.eq(subject))
                .orderBy(AUDIT_ENTRY.ID.desc()).limit(1).fetchOptional(AuditRepository::toEntry);
    }

    /** Every entry of these actions about this subject, within the scope, in chain order. */
    public List<AuditEntry> history(AuditScope scope, String subject, Collection<String> actions) {
        return db.selectFrom(AUDIT_ENTRY).where(within(scope)).and(AUDIT_ENTRY.SUBJECT.eq(subject))
                .and(AUDIT_ENTRY.ACTION.in(actions)).orderBy(AUDIT_ENTRY.ID).fetch(AuditRepository::toEntry);
    }

    /**
     * Newest first, within the scope. The text is looked for in the actor, the subject and (unless names are
     * hidden from this reader, where a hit would tell a hidden name) the details, as typed and as the typed
     * fields store it (accent- and case-insensitive, as the column's collation is); or it matches one of the
     * given subjects.
     */
    public List<AuditEntry> search(AuditScope scope, String text, String actor, String action,
            Collection<String> subjects, int offset, int limit) {
        Condition where = within(scope);
        if (!text.isBlank()) {
            Condition inText = AUDIT_ENTRY.ACTOR.contains(text).or(AUDIT_ENTRY.SUBJECT.contains(text));
            if (!scope.hideNames()) {
                inText = inText.or(AUDIT_ENTRY.DETAILS.contains(text))
                        .or(AUDIT_ENTRY.DETAILS.contains(AuditFields.escape(text)));
            }
            where = where.and(subjects.isEmpty() ? inText : inText.or(AUDIT_ENTRY.SUBJECT.in(subjects)));
        }
        if (!actor.isBlank()) {
            where = where.and(AUDIT_ENTRY.ACTOR.eq(actor));
        }
        if (!action.isBlank()) {
            where = where.and(AUDIT_ENTRY.ACTION.eq(action));
        }
        return db.selectFrom(AUDIT_ENTRY).where(where).orderBy(AUDIT_ENTRY.ID.desc()).offset(offset).limit(limit)
                .fetch(AuditRepository::toEntry);
    }

    public List<String> actors(AuditScope scope) {
        return db.selectDistinct(AUDIT_ENTRY.ACTOR).from(AUDIT_ENTRY).where(within(scope)).orderBy(AUDIT_ENTRY.ACTOR)
                .fetch(AUDIT_ENTRY.ACTOR);
    }

    public List<String> actions(AuditScope scope) {
        return db.selectDistinct(AUDIT_ENTRY.ACTION).from(AUDIT_ENTRY).where(within(scope))
                .orderBy(AUDIT_ENTRY.ACTION).fetch(AUDIT_ENTRY.ACTION);
    }

    /** Subject and details of the given actions, oldest first. */
    public List<Record2<String, String>> subjectDetails(Collection<String> actions) {
        return db.select(AUDIT_ENTRY.SUBJECT, AUDIT_ENTRY.DETAILS).from(AUDIT_ENTRY).where(AUDIT_ENTRY.ACTION.in(actions))
                .orderBy(AUDIT_ENTRY.ID).fetch();
    }

    /**
     * The entries of the scope's conferences: subject "election:N", or the typed field election=N (a tablet's
     * entries). In the typed encoding a space or '=' inside a value is escaped, so " election=N " can only be
     * that field; entries written before it are matched by their subject only.
     */
    static Condition within(AuditScope scope) {
        if (scope.all()) {
            return DSL.trueCondition();
        }
        Condition any = DSL.falseCondition();
        for (long id : scope.conferences()) {
            any = any.or(AUDIT_ENTRY.SUBJECT.eq("election:" + id))
                    .or(DSL.concat(AUDIT_ENTRY.DETAILS, DSL.inline(" "))
                            .like(AuditFields.MARKER + "% election=" + id + " %"));
        }
        return any;
    }

    private static AuditHead toHead(Record2<Long, String> r) {
        return new AuditHead(r.value1(), r.value2());
    }

    private static AuditEntry toEntry(Record r) {
        return new AuditEntry(r.get(AUDIT_ENTRY.ID), r.get(AUDIT_ENTRY.OCCURRED_AT).toInstant(ZoneOffset.UTC),
                r.get(AUDIT_ENTRY.ACTOR), r.get(AUDIT_ENTRY.ACTION), r.get(AUDIT_ENTRY.SUBJECT),
                r.get(AUDIT_ENTRY.DETAILS), r.get(AUDIT_ENTRY.DETAILS_DIGEST), r.get(AUDIT_ENTRY.PREVIOUS_HASH),
                r.get(AUDIT_ENTRY.ENTRY_HASH));
    }
}
