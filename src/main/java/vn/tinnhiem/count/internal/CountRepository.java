package vn.tinnhiem.count.internal;

import static vn.tinnhiem.db.Tables.BOX_CHECK;
import static vn.tinnhiem.db.Tables.COUNT_RESULT;
import static vn.tinnhiem.db.Tables.PARTIAL_DECRYPTION;
import static vn.tinnhiem.db.Tables.POLL_CLOSING;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The rows of the count. Each is written once, in the order close, box check, partials, result. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class CountRepository {

    /** The figures frozen at the close. */
    public record Closing(LocalDateTime closedAt, int summoned, int present, int cardsActivated, int cardsSpent,
            int cardsUnspent, int cardsVoided) {}

    /** The verdict on the box: counted ids (16 bytes each, sorted), set-aside and copies as JSON text. */
    public record BoxRow(LocalDateTime checkedAt, int stored, byte[] countedIds, String setAside, String copies,
            byte @Nullable [] tally, String tampering) {}

    /** An accepted partial decryption. */
    public record PartialRow(int seat, int position, String path, byte[] encoded) {}

    /** The decrypted totals. */
    public record ResultRow(LocalDateTime countedAt, String levelCounts, String recordHash, String auditHead) {}

    private final DSLContext db;

    CountRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<Closing> closing(long electionId) {
        return db.selectFrom(POLL_CLOSING).where(POLL_CLOSING.ELECTION_ID.eq(electionId)).fetchOptional(r -> new Closing(
                r.getClosedAt(), r.getSummoned(), r.getPresent(), r.getCardsActivated(), r.getCardsSpent(),
                r.getCardsUnspent(), r.getCardsVoided()));
    }

    public void insertClosing(long electionId, Closing c) {
        db.insertInto(POLL_CLOSING).set(POLL_CLOSING.ELECTION_ID, electionId).set(POLL_CLOSING.CLOSED_AT, c.closedAt())
                .set(POLL_CLOSING.SUMMONED, c.summoned()).set(POLL_CLOSING.PRESENT, c.present())
                .set(POLL_CLOSING.CARDS_ACTIVATED, c.cardsActivated()).set(POLL_CLOSING.CARDS_SPENT, c.cardsSpent())
                .set(POLL_CLOSING.CARDS_UNSPENT, c.cardsUnspent()).set(POLL_CLOSING.CARDS_VOIDED, c.cardsVoided())
                .execute();
    }

    public Optional<BoxRow> box(long electionId) {
        return db.selectFrom(BOX_CHECK).where(BOX_CHECK.ELECTION_ID.eq(electionId)).fetchOptional(r -> new BoxRow(
                r.getCheckedAt(), r.getStored(), r.getCountedIds(), r.getSetAside(), r.getCopies(), r.getTally(),
                r.getTampering()));
    }

    public void insertBox(long electionId, BoxRow b) {
        db.insertInto(BOX_CHECK).set(BOX_CHECK.ELECTION_ID, electionId).set(BOX_CHECK.CHECKED_AT, b.checkedAt())
                .set(BOX_CHECK.STORED, b.stored()).set(BOX_CHECK.COUNTED_IDS, b.countedIds())
                .set(BOX_CHECK.SET_ASIDE, b.setAside()).set(BOX_CHECK.COPIES, b.copies()).set(BOX_CHECK.TALLY, b.tally())
                .set(BOX_CHECK.TAMPERING, b.tampering())
                .execute();
    }

    /** In the order they were accepted. */
    public List<PartialRow> partials(long electionId) {
        return db.selectFrom(PARTIAL_DECRYPTION).where(PARTIAL_DECRYPTION.ELECTION_ID.eq(electionId))
                .orderBy(PARTIAL_DECRYPTION.POSITION)
                .fetch(r -> new PartialRow(r.getSeat(), r.getPosition(), r.getPath(), r.getEncoded()));
    }

    public void insertPartial(long electionId, PartialRow p) {
        db.insertInto(PARTIAL_DECRYPTION).set(PARTIAL_DECRYPTION.ELECTION_ID, electionId)
                .set(PARTIAL_DECRYPTION.SEAT, p.seat()).set(PARTIAL_DECRYPTION.POSITION, p.position())
                .set(PARTIAL_DECRYPTION.PATH, p.path()).set(PARTIAL_DECRYPTION.ENCODED, p.encoded()).execute();
    }

    public Optional<ResultRow> result(long electionId) {
        return db.selectFrom(COUNT_RESULT).where(COUNT_RESULT.ELECTION_ID.eq(electionId)).fetchOptional(r -> new ResultRow(
                r.getCountedAt(), r.getLevelCounts(), r.getRecordHash(), r.getAuditHead()));
    }

    public void insertResult(long electionId, ResultRow r) {
        db.insertInto(COUNT_RESULT).set(COUNT_RESULT.ELECTION_ID, electionId).set(COUNT_RESULT.COUNTED_AT, r.countedAt())
                .set(COUNT_RESULT.LEVEL_COUNTS, r.levelCounts()).set(COUNT_RESULT.RECORD_HASH, r.recordHash())
                .set(COUNT_RESULT.AUDIT_HEAD, r.auditHead()).execute();
    }

    public void setRecordHash(long electionId, String recordHash) {
        db.update(COUNT_RESULT).set(COUNT_RESULT.RECORD_HASH, recordHash).where(COUNT_RESULT.ELECTION_ID.eq(electionId))
                .execute();
    }

    public void setAuditHead(long electionId, String auditHead) {
        db.update(COUNT_RESULT).set(COUNT_RESULT.AUDIT_HEAD, auditHead).where(COUNT_RESULT.ELECTION_ID.eq(electionId))
                .execute();
    }
}
