package vn.tinnhiem.election.internal;

import static vn.tinnhiem.db.Tables.OPEN_GATE;

import java.security.SecureRandom;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import vn.tinnhiem.shared.ElectionId;

/**
 * The open gate of a conference (V20__open_gate.sql): rows that every piece of work done while the polls are
 * OPEN writes one of, and that leaving OPEN writes all of. On one server the election row's share lock already
 * orders that work against the close; on a Galera cluster, where locks are local to a node, these writes are
 * what certification compares, so a cast committed through another node than the close's cannot slip past it:
 * one of the two is aborted with error 1213 and, retried, sees the other.
 */
@Repository
public class OpenGate {

    static final int SLOTS = 32;

    private final DSLContext db;
    private final SecureRandom random = new SecureRandom();

    OpenGate(DSLContext db) {
        this.db = db;
    }

    /** Makes the conference's gate as its polls open (it may exist from an earlier opening: then it is reopened). */
    public void open(ElectionId electionId) {
        for (int slot = 0; slot < SLOTS; slot++) {
            db.insertInto(OPEN_GATE, OPEN_GATE.ELECTION_ID, OPEN_GATE.SLOT).values(electionId.value(), (byte) slot)
                    .onDuplicateKeyUpdate().set(OPEN_GATE.SHUT, false).execute();
        }
    }

    /**
     * The last write of a piece of work done while OPEN (the caller holds the election row in share mode): one
     * slot at random, so concurrent casts seldom wait on each other, and nothing about the slot dates or orders
     * the work. Taken last so that no transaction holds a slot while it waits for another lock.
     */
    public void passThrough(ElectionId electionId) {
        // An upsert, like shut's: a conference opened before its gate existed gets the row now, and the row's
        // key is what certification compares, whether the statement inserted it or changed it.
        db.insertInto(OPEN_GATE, OPEN_GATE.ELECTION_ID, OPEN_GATE.SLOT, OPEN_GATE.PASSES)
                .values(electionId.value(), (byte) random.nextInt(SLOTS), 1L)
                .onDuplicateKeyUpdate().set(OPEN_GATE.PASSES, OPEN_GATE.PASSES.plus(1)).execute();
    }

    /**
     * As the close begins (the caller holds the election row for update, and has read nothing else yet): every
     * slot written in one statement, so a cast through another node applied from now on meets these row locks.
     */
    public void shut(ElectionId electionId) {
        var insert = db.insertInto(OPEN_GATE, OPEN_GATE.ELECTION_ID, OPEN_GATE.SLOT, OPEN_GATE.SHUT);
        for (int slot = 0; slot < SLOTS; slot++) {
            insert = insert.values(electionId.value(), (byte) slot, true);
        }
        // Not a no-op on a conference shut before (a close retried): passes changes too, so the row is written.
        insert.onDuplicateKeyUpdate().set(OPEN_GATE.SHUT, true).set(OPEN_GATE.PASSES, OPEN_GATE.PASSES.plus(1)).execute();
    }
}
