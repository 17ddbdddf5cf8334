package vn.tinnhiem.voting.internal;

import static vn.tinnhiem.db.Tables.CHECKED_BALLOT;

import java.util.HexFormat;
import java.util.List;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.voting.CheckedBallot;

/** The checked_ballot table: the ballot's own random id, its sealed bytes and its opening; no time, no order. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class CheckedBallotRepository {

    private final DSLContext db;

    CheckedBallotRepository(DSLContext db) {
        this.db = db;
    }

    public void insert(long electionId, SealedBallot ballot, byte[] opening) {
        db.insertInto(CHECKED_BALLOT, CHECKED_BALLOT.ELECTION_ID, CHECKED_BALLOT.ID, CHECKED_BALLOT.SEALED,
                CHECKED_BALLOT.OPENING).values(electionId, HexFormat.of().parseHex(ballot.id()), ballot.encode(), opening)
                .execute();
    }

    public boolean exists(long electionId, String ballotId) {
        return db.fetchExists(CHECKED_BALLOT, CHECKED_BALLOT.ELECTION_ID.eq(electionId)
                .and(CHECKED_BALLOT.ID.eq(HexFormat.of().parseHex(ballotId))));
    }

    /** Every checked ballot of the conference, in the table's (random) key order. */
    public List<CheckedBallot> all(long electionId) {
        return db.select(CHECKED_BALLOT.SEALED, CHECKED_BALLOT.OPENING).from(CHECKED_BALLOT)
                .where(CHECKED_BALLOT.ELECTION_ID.eq(electionId)).orderBy(CHECKED_BALLOT.ID)
                .fetch(r -> new CheckedBallot(SealedBallot.of(r.value1()), r.value2()));
    }
}
