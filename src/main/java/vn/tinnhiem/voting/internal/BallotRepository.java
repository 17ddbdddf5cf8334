package vn.tinnhiem.voting.internal;

import static vn.tinnhiem.db.Tables.BALLOT;

import java.util.HexFormat;
import java.util.List;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.voting.StoredBallot;

/** The ballot table: a random id, the sealed bytes and the tracking code; nothing else, no order. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class BallotRepository {

    private final DSLContext db;

    BallotRepository(DSLContext db) {
        this.db = db;
    }

    public void insert(long electionId, SealedBallot ballot) {
        db.insertInto(BALLOT, BALLOT.ELECTION_ID, BALLOT.ID, BALLOT.TRACKING_CODE, BALLOT.SEALED)
                .values(electionId, HexFormat.of().parseHex(ballot.id()), ballot.trackingCode(), ballot.encode())
                .execute();
    }

    public boolean exists(long electionId, String ballotId) {
        return db.fetchExists(BALLOT, BALLOT.ELECTION_ID.eq(electionId).and(BALLOT.ID.eq(HexFormat.of().parseHex(ballotId))));
    }

    public int count(long electionId) {
        return db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(electionId));
    }

    /** Every stored ballot of the conference, in the table's (random) key order. */
    public List<SealedBallot> all(long electionId) {
        return db.select(BALLOT.SEALED).from(BALLOT).where(BALLOT.ELECTION_ID.eq(electionId))
                .orderBy(BALLOT.ID).fetch(r -> SealedBallot.of(r.value1()));
    }

    /** Every row as stored, with the row's own id and tracking code (the bytes may say otherwise if tampered). */
    public List<StoredBallot> rows(long electionId) {
        return db.select(BALLOT.ID, BALLOT.TRACKING_CODE, BALLOT.SEALED).from(BALLOT)
                .where(BALLOT.ELECTION_ID.eq(electionId)).orderBy(BALLOT.ID)
                .fetch(r -> new StoredBallot(HexFormat.of().formatHex(r.value1()), r.value2(), SealedBallot.of(r.value3())));
    }
}
