package vn.tinnhiem.ceremony.internal;

import static vn.tinnhiem.db.Tables.ELECTION_KEY;
import static vn.tinnhiem.db.Tables.ELECTION_KEY_SEAT;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.crypto.Point;

/** The public part of each election's key and the state of each seat's card; only in the service's transactions. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class KeyRepository {

    /** What is stored of a key: public values only. */
    public record StoredKey(long electionId, String manifestHash, Point electionKey, List<Point> commitments, int k,
            int n, String origin) {
    }

    /** One seat's card. */
    public record SeatCard(int seat, boolean issued, boolean passphrase, boolean checked) {
    }

    private final DSLContext db;

    KeyRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<StoredKey> find(long electionId) {
        return db.selectFrom(ELECTION_KEY).where(ELECTION_KEY.ELECTION_ID.eq(electionId)).fetchOptional(r -> new StoredKey(
                r.getElectionId(), r.getManifestHash(), Point.fromHex(r.getElectionKey()),
                Arrays.stream(r.getCommitments().split(",")).map(Point::fromHex).toList(), r.getThresholdK(),
                r.getTellersN(), r.getOrigin()));
    }

    /** Replaces any earlier key of this election (and its seats) with this one, every seat's card not yet out. */
    public void replace(StoredKey key, boolean cardsIssued) {
        delete(key.electionId());
        db.insertInto(ELECTION_KEY).set(ELECTION_KEY.ELECTION_ID, key.electionId())
                .set(ELECTION_KEY.MANIFEST_HASH, key.manifestHash())
                .set(ELECTION_KEY.ELECTION_KEY_, key.electionKey().toHex())
                .set(ELECTION_KEY.COMMITMENTS, String.join(",", key.commitments().stream().map(Point::toHex).toList()))
                .set(ELECTION_KEY.THRESHOLD_K, key.k()).set(ELECTION_KEY.TELLERS_N, key.n())
                .set(ELECTION_KEY.ORIGIN, key.origin()).execute();
        for (int seat = 1; seat <= key.n(); seat++) {
            db.insertInto(ELECTION_KEY_SEAT).set(ELECTION_KEY_SEAT.ELECTION_ID, key.electionId())
                    .set(ELECTION_KEY_SEAT.SEAT, seat).set(ELECTION_KEY_SEAT.CARD_ISSUED, cardsIssued).execute();
        }
    }

    public void delete(long electionId) {
        db.deleteFrom(ELECTION_KEY).where(ELECTION_KEY.ELECTION_ID.eq(electionId)).execute();
    }

    public List<SeatCard> seats(long electionId) {
        return db.selectFrom(ELECTION_KEY_SEAT).where(ELECTION_KEY_SEAT.ELECTION_ID.eq(electionId))
                .orderBy(ELECTION_KEY_SEAT.SEAT)
                .fetch(r -> new SeatCard(r.getSeat(), r.getCardIssued(), r.getPassphrase(), r.getCardChecked()));
    }

    /** Marks the seat's card handed out; false when it already was (a second card for one seat is never made). */
    public boolean markIssued(long electionId, int seat, boolean passphrase) {
        return db.update(ELECTION_KEY_SEAT).set(ELECTION_KEY_SEAT.CARD_ISSUED, true)
                .set(ELECTION_KEY_SEAT.PASSPHRASE, passphrase)
                .where(ELECTION_KEY_SEAT.ELECTION_ID.eq(electionId)).and(ELECTION_KEY_SEAT.SEAT.eq(seat))
                .and(ELECTION_KEY_SEAT.CARD_ISSUED.isFalse()).execute() == 1;
    }

    /** A card made but never taken: the seat is open to be printed again; false when it was not marked. */
    public boolean unmarkIssued(long electionId, int seat) {
        return db.update(ELECTION_KEY_SEAT).set(ELECTION_KEY_SEAT.CARD_ISSUED, false)
                .set(ELECTION_KEY_SEAT.PASSPHRASE, false)
                .where(ELECTION_KEY_SEAT.ELECTION_ID.eq(electionId)).and(ELECTION_KEY_SEAT.SEAT.eq(seat))
                .and(ELECTION_KEY_SEAT.CARD_ISSUED.isTrue()).and(ELECTION_KEY_SEAT.CARD_CHECKED.isFalse())
                .execute() == 1;
    }

    /** Whether every seat's card of this election's key has been checked back (false when there is no key). */
    public boolean allChecked(long electionId) {
        List<SeatCard> seats = seats(electionId);
        return !seats.isEmpty() && seats.stream().allMatch(SeatCard::checked);
    }

    public void markChecked(long electionId, int seat) {
        db.update(ELECTION_KEY_SEAT).set(ELECTION_KEY_SEAT.CARD_CHECKED, true)
                .where(ELECTION_KEY_SEAT.ELECTION_ID.eq(electionId)).and(ELECTION_KEY_SEAT.SEAT.eq(seat)).execute();
    }
}
