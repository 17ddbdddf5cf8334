package vn.tinnhiem.supervision.internal;

import static vn.tinnhiem.db.tables.TurnoutStep.TURNOUT_STEP;

import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The turnout_step table: ballots cast by the end of each coarse step, per conference. Written by the
 * sampler only, never by a cast; two instances sampling one step agree (the larger count stays).
 */
@Repository
public class TurnoutRepository {

    private final DSLContext db;

    TurnoutRepository(DSLContext db) {
        this.db = db;
    }

    @Transactional
    public void record(long electionId, int step, int cast) {
        db.insertInto(TURNOUT_STEP).set(TURNOUT_STEP.ELECTION_ID, electionId).set(TURNOUT_STEP.STEP, step)
                .set(TURNOUT_STEP.CAST, cast).onDuplicateKeyUpdate()
                .set(TURNOUT_STEP.CAST, DSL.greatest(TURNOUT_STEP.CAST, DSL.val(cast))).execute();
    }

    /** Cast by step number, oldest step first. */
    @Transactional(readOnly = true)
    public Map<Integer, Integer> steps(long electionId) {
        return db.select(TURNOUT_STEP.STEP, TURNOUT_STEP.CAST).from(TURNOUT_STEP)
                .where(TURNOUT_STEP.ELECTION_ID.eq(electionId)).orderBy(TURNOUT_STEP.STEP)
                .fetchMap(TURNOUT_STEP.STEP, TURNOUT_STEP.CAST);
    }
}
