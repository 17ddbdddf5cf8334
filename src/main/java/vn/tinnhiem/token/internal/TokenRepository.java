package vn.tinnhiem.token.internal;

import static vn.tinnhiem.db.Tables.TOKEN;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The token table: keyed hashes and states, nothing else; only inside the token service's transactions. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class TokenRepository {

    public static final String PRINTED = "PRINTED";
    public static final String ACTIVATED = "ACTIVATED";
    public static final String SPENT = "SPENT";
    public static final String VOID = "VOID";
    /** A spare card activated for checking tablets: checks any number of times, never casts. */
    public static final String CHECK = "CHECK";

    private final DSLContext db;

    TokenRepository(DSLContext db) {
        this.db = db;
    }

    public void insertPrinted(long electionId, List<byte[]> hashes) {
        var insert = db.insertInto(TOKEN, TOKEN.ELECTION_ID, TOKEN.TOKEN_HASH, TOKEN.STATE);
        for (byte[] hash : hashes) {
            insert = insert.values(electionId, hash, PRINTED);
        }
        insert.execute();
    }

    /** Cards per state. */
    public Map<String, Integer> counts(long electionId) {
        return db.select(TOKEN.STATE, org.jooq.impl.DSL.count()).from(TOKEN).where(TOKEN.ELECTION_ID.eq(electionId))
                .groupBy(TOKEN.STATE).fetch().stream()
                .collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
    }

    /**
     * Moves the card from one of the states to another in one conditional statement: 1 if it moved, 0 if
     * it was in no such state (or another transaction moved it first; InnoDB re-reads the row after the
     * wait, so of two racing moves exactly one succeeds).
     */
    public int move(long electionId, byte[] hash, List<String> from, String to) {
        return db.update(TOKEN).set(TOKEN.STATE, to)
                .where(TOKEN.ELECTION_ID.eq(electionId).and(TOKEN.TOKEN_HASH.eq(hash)).and(TOKEN.STATE.in(from)))
                .execute();
    }

    /** The card's state; a locking read, so it sees what a racing transaction just committed. */
    public Optional<String> stateLatest(long electionId, byte[] hash) {
        return db.select(TOKEN.STATE).from(TOKEN).where(TOKEN.ELECTION_ID.eq(electionId).and(TOKEN.TOKEN_HASH.eq(hash)))
                .forShare().fetchOptional(TOKEN.STATE);
    }

    public Optional<String> state(long electionId, byte[] hash) {
        return db.select(TOKEN.STATE).from(TOKEN).where(TOKEN.ELECTION_ID.eq(electionId).and(TOKEN.TOKEN_HASH.eq(hash)))
                .fetchOptional(TOKEN.STATE);
    }

    /** Whether the card belongs to some other conference. */
    public boolean elsewhere(long electionId, byte[] hash) {
        return db.fetchExists(TOKEN, TOKEN.TOKEN_HASH.eq(hash).and(TOKEN.ELECTION_ID.ne(electionId)));
    }
}
