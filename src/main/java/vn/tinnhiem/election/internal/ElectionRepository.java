package vn.tinnhiem.election.internal;

import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.database.LockFirst;
import static vn.tinnhiem.db.Tables.CANDIDATE;
import static vn.tinnhiem.db.Tables.CHECKLIST_ITEM;
import static vn.tinnhiem.db.Tables.ELECTION;
import static vn.tinnhiem.db.Tables.ELECTION_MILESTONE;
import static vn.tinnhiem.db.Tables.ELECTION_SUPERVISOR;
import static vn.tinnhiem.db.Tables.TELLER;
import static vn.tinnhiem.db.Tables.VOTER;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.Candidate;
import vn.tinnhiem.election.ChecklistItem;
import vn.tinnhiem.election.ChecklistStep;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.Milestone;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.election.Voter;

/** The election tables; only inside the election service's transactions. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class ElectionRepository {

    private final DSLContext db;
    private final Clock clock;

    ElectionRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stored times are UTC (every connection runs in UTC); the instant is the hall clock's, not the machine's. */
    private LocalDateTime nowUtc() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public long insert(ElectionDetails d, int thresholdK) {
        long id = db.insertInto(ELECTION)
                .set(ELECTION.TITLE, d.title()).set(ELECTION.BODY, d.body()).set(ELECTION.PLACE, d.place())
                .set(ELECTION.STARTS_AT, d.startsAt()).set(ELECTION.BALLOT_KIND, d.ballotKind().name())
                .set(ELECTION.RULE_SET, d.ruleSet().name()).set(ELECTION.STATUS, ElectionStatus.DRAFT.name())
                .set(ELECTION.THRESHOLD_K, thresholdK)
                .returningResult(ELECTION.ID).fetchSingle(ELECTION.ID);
        // The new row is this transaction's until it commits: locking it again later in it is not a late lock.
        LockFirst.holding("election:" + id);
        return id;
    }

    public void update(long id, ElectionDetails d) {
        db.update(ELECTION)
                .set(ELECTION.TITLE, d.title()).set(ELECTION.BODY, d.body()).set(ELECTION.PLACE, d.place())
                .set(ELECTION.STARTS_AT, d.startsAt()).set(ELECTION.BALLOT_KIND, d.ballotKind().name())
                .set(ELECTION.RULE_SET, d.ruleSet().name()).set(ELECTION.UPDATED_AT, nowUtc())
                .where(ELECTION.ID.eq(id)).execute();
    }

    /** Reads the election and locks its row, so no edit slips past a concurrent status change. */
    public Optional<Election> lock(long id) {
        LockFirst.beforeLock("election:" + id);
        return db.selectFrom(ELECTION).where(ELECTION.ID.eq(id)).forUpdate().fetchOptional(ElectionRepository::toElection);
    }

    /**
     * Reads the election and locks its row in share mode: many such readers may hold it at once, while a
     * status change (which takes the row {@link #lock for update}) waits for all of them to end.
     */
    public Optional<Election> lockShared(long id) {
        LockFirst.beforeLock("election:" + id);
        return db.selectFrom(ELECTION).where(ELECTION.ID.eq(id)).forShare().fetchOptional(ElectionRepository::toElection);
    }

    public Optional<Election> find(long id) {
        return db.selectFrom(ELECTION).where(ELECTION.ID.eq(id)).fetchOptional(ElectionRepository::toElection);
    }

    /** When the row last changed status (or, while DRAFT, details): UTC, as {@link #setStatus} writes it. */
    public Optional<LocalDateTime> updatedAt(long id) {
        return db.select(ELECTION.UPDATED_AT).from(ELECTION).where(ELECTION.ID.eq(id)).fetchOptional(ELECTION.UPDATED_AT);
    }

    public List<Election> all() {
        return db.selectFrom(ELECTION).orderBy(ELECTION.STARTS_AT.desc(), ELECTION.ID.desc())
                .fetch(ElectionRepository::toElection);
    }

    /** Candidates, roll, tally board and checklist go with it (ON DELETE CASCADE). */
    public void delete(long id) {
        db.deleteFrom(ELECTION).where(ELECTION.ID.eq(id)).execute();
    }

    /** Returns the moment written (UTC, to the microsecond the column keeps), for the step's audit entry. */
    public LocalDateTime setStatus(long id, ElectionStatus status) {
        LocalDateTime at = nowUtc().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        db.update(ELECTION).set(ELECTION.STATUS, status.name())
                .set(ELECTION.UPDATED_AT, at).where(ELECTION.ID.eq(id)).execute();
        return at;
    }

    public void setThreshold(long id, int k) {
        db.update(ELECTION).set(ELECTION.THRESHOLD_K, k).where(ELECTION.ID.eq(id)).execute();
    }

    // What other modules reported: one digest per milestone.

    public Map<Milestone, String> milestones(long electionId) {
        Map<Milestone, String> found = new EnumMap<>(Milestone.class);
        db.selectFrom(ELECTION_MILESTONE).where(ELECTION_MILESTONE.ELECTION_ID.eq(electionId))
                .forEach(r -> found.put(Milestone.valueOf(r.getMilestone()), r.getDigest()));
        return found;
    }

    public void insertMilestone(long electionId, Milestone milestone, String digest) {
        db.insertInto(ELECTION_MILESTONE).set(ELECTION_MILESTONE.ELECTION_ID, electionId)
                .set(ELECTION_MILESTONE.MILESTONE, milestone.name()).set(ELECTION_MILESTONE.DIGEST, digest).execute();
    }

    public int deleteMilestone(long electionId, Milestone milestone) {
        return db.deleteFrom(ELECTION_MILESTONE).where(ELECTION_MILESTONE.ELECTION_ID.eq(electionId)
                .and(ELECTION_MILESTONE.MILESTONE.eq(milestone.name()))).execute();
    }

    // Candidates, in ballot order.

    public List<Candidate> candidates(long electionId) {
        return db.selectFrom(CANDIDATE).where(CANDIDATE.ELECTION_ID.eq(electionId)).orderBy(CANDIDATE.ORDINAL)
                .fetch(r -> new Candidate(r.getId(), r.getOrdinal(), r.getFullName(), r.getJobTitle()));
    }

    public void insertCandidate(long electionId, int ordinal, String name, String title) {
        db.insertInto(CANDIDATE).set(CANDIDATE.ELECTION_ID, electionId).set(CANDIDATE.ORDINAL, ordinal)
                .set(CANDIDATE.FULL_NAME, name).set(CANDIDATE.JOB_TITLE, title).execute();
    }

    public int updateCandidate(long electionId, long id, String name, String title) {
        return db.update(CANDIDATE).set(CANDIDATE.FULL_NAME, name).set(CANDIDATE.JOB_TITLE, title)
                .where(CANDIDATE.ID.eq(id).and(CANDIDATE.ELECTION_ID.eq(electionId))).execute();
    }

    public int deleteCandidate(long electionId, long id) {
        return db.deleteFrom(CANDIDATE).where(CANDIDATE.ID.eq(id).and(CANDIDATE.ELECTION_ID.eq(electionId))).execute();
    }

    public void setCandidateOrdinal(long electionId, long id, int ordinal) {
        db.update(CANDIDATE).set(CANDIDATE.ORDINAL, ordinal)
                .where(CANDIDATE.ID.eq(id).and(CANDIDATE.ELECTION_ID.eq(electionId))).execute();
    }

    // The voter roll.

    public List<Voter> voters(long electionId) {
        return db.selectFrom(VOTER).where(VOTER.ELECTION_ID.eq(electionId)).orderBy(VOTER.ORDINAL)
                .fetch(r -> new Voter(r.getId(), r.getOrdinal(), r.getFullName(), r.getJobTitle(), r.getOrganisation()));
    }

    /**
     * Voters whose name contains the folded text. The columns' collation (utf8mb4_unicode_ci) already
     * ignores case and the diacritics that decompose; đ does not, so it is mapped to d on both sides.
     */
    public List<Voter> searchVoters(long electionId, String folded, int offset, int limit) {
        return db.selectFrom(VOTER).where(nameContains(electionId, folded)).orderBy(VOTER.ORDINAL)
                .offset(offset).limit(limit)
                .fetch(r -> new Voter(r.getId(), r.getOrdinal(), r.getFullName(), r.getJobTitle(), r.getOrganisation()));
    }

    public List<vn.tinnhiem.election.RollEntry> searchRollEntries(long electionId, String folded, int offset, int limit) {
        return db.selectFrom(VOTER).where(nameContains(electionId, folded)).orderBy(VOTER.ORDINAL)
                .offset(offset).limit(limit)
                .fetch(r -> new vn.tinnhiem.election.RollEntry(new Voter(r.getId(), r.getOrdinal(), r.getFullName(),
                        r.getJobTitle(), r.getOrganisation()), Boolean.TRUE.equals(r.getPresent())));
    }

    public int presentCount(long electionId) {
        return db.fetchCount(VOTER, VOTER.ELECTION_ID.eq(electionId).and(VOTER.PRESENT.isTrue()));
    }

    /** 1 if the tick changed; 0 if the voter is not on this roll or was already so (two tellers, one voter). */
    public int setPresent(long electionId, long voterId, boolean present) {
        return db.update(VOTER).set(VOTER.PRESENT, present)
                .where(VOTER.ID.eq(voterId).and(VOTER.ELECTION_ID.eq(electionId)).and(VOTER.PRESENT.ne(present)))
                .execute();
    }

    public int countVoters(long electionId, String folded) {
        return db.fetchCount(VOTER, nameContains(electionId, folded));
    }

    private static org.jooq.Condition nameContains(long electionId, String folded) {
        var condition = VOTER.ELECTION_ID.eq(electionId);
        if (folded.isEmpty()) {
            return condition;
        }
        var name = org.jooq.impl.DSL.replace(org.jooq.impl.DSL.replace(VOTER.FULL_NAME, "đ", "d"), "Đ", "d");
        String pattern = "%" + folded.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return condition.and(name.like(pattern, '!'));
    }

    public int voterCount(long electionId) {
        return db.fetchCount(VOTER, VOTER.ELECTION_ID.eq(electionId));
    }

    public void insertVoters(long electionId, int firstOrdinal, List<NewVoter> voters) {
        var insert = db.insertInto(VOTER, VOTER.ELECTION_ID, VOTER.ORDINAL, VOTER.FULL_NAME, VOTER.JOB_TITLE,
                VOTER.ORGANISATION);
        int ordinal = firstOrdinal;
        for (NewVoter v : voters) {
            insert = insert.values(electionId, ordinal++, v.fullName(), v.jobTitle(), v.organisation());
        }
        insert.execute();
    }

    public int deleteVoter(long electionId, long id) {
        return db.deleteFrom(VOTER).where(VOTER.ID.eq(id).and(VOTER.ELECTION_ID.eq(electionId))).execute();
    }

    public void deleteAllVoters(long electionId) {
        db.deleteFrom(VOTER).where(VOTER.ELECTION_ID.eq(electionId)).execute();
    }

    public void setVoterOrdinal(long id, int ordinal) {
        db.update(VOTER).set(VOTER.ORDINAL, ordinal).where(VOTER.ID.eq(id)).execute();
    }

    // The tally board.

    public List<Teller> tellers(long electionId) {
        return db.selectFrom(TELLER).where(TELLER.ELECTION_ID.eq(electionId)).orderBy(TELLER.SEAT)
                .fetch(r -> new Teller(r.getId(), r.getSeat(), r.getFullName(), Boolean.TRUE.equals(r.getIsHead()),
                        Optional.ofNullable(r.getAccountUsername())));
    }

    public void setTellerAccount(long electionId, long tellerId, Optional<String> username) {
        db.update(TELLER).set(TELLER.ACCOUNT_USERNAME, username.orElse(null))
                .where(TELLER.ID.eq(tellerId).and(TELLER.ELECTION_ID.eq(electionId))).execute();
    }

    /** The conferences on whose board this account sits. */
    public List<ElectionId> boardsOf(String username) {
        return db.select(TELLER.ELECTION_ID).from(TELLER).where(TELLER.ACCOUNT_USERNAME.eq(username))
                .fetch(TELLER.ELECTION_ID).stream().map(ElectionId::of).toList();
    }

    // The supervisors named for a conference, by account user name.

    public List<String> supervisors(long electionId) {
        return db.select(ELECTION_SUPERVISOR.ACCOUNT_USERNAME).from(ELECTION_SUPERVISOR)
                .where(ELECTION_SUPERVISOR.ELECTION_ID.eq(electionId)).orderBy(ELECTION_SUPERVISOR.ACCOUNT_USERNAME)
                .fetch(ELECTION_SUPERVISOR.ACCOUNT_USERNAME);
    }

    /** False when the account is already named for the conference. */
    public boolean insertSupervisor(long electionId, String username) {
        return db.insertInto(ELECTION_SUPERVISOR).set(ELECTION_SUPERVISOR.ELECTION_ID, electionId)
                .set(ELECTION_SUPERVISOR.ACCOUNT_USERNAME, username).set(ELECTION_SUPERVISOR.NAMED_AT, nowUtc())
                .onDuplicateKeyIgnore().execute() == 1;
    }

    public int deleteSupervisor(long electionId, String username) {
        return db.deleteFrom(ELECTION_SUPERVISOR).where(ELECTION_SUPERVISOR.ELECTION_ID.eq(electionId)
                .and(ELECTION_SUPERVISOR.ACCOUNT_USERNAME.eq(username))).execute();
    }

    /** The conferences this account is named to supervise. */
    public List<ElectionId> supervisedBy(String username) {
        return db.select(ELECTION_SUPERVISOR.ELECTION_ID).from(ELECTION_SUPERVISOR)
                .where(ELECTION_SUPERVISOR.ACCOUNT_USERNAME.eq(username)).fetch(ELECTION_SUPERVISOR.ELECTION_ID)
                .stream().map(ElectionId::of).toList();
    }

    public void insertTeller(long electionId, int seat, String name, boolean head) {
        db.insertInto(TELLER).set(TELLER.ELECTION_ID, electionId).set(TELLER.SEAT, seat).set(TELLER.FULL_NAME, name)
                .set(TELLER.IS_HEAD, head).execute();
    }

    public int deleteTeller(long electionId, long id) {
        return db.deleteFrom(TELLER).where(TELLER.ID.eq(id).and(TELLER.ELECTION_ID.eq(electionId))).execute();
    }

    public void setTellerSeat(long id, int seat) {
        db.update(TELLER).set(TELLER.SEAT, seat).where(TELLER.ID.eq(id)).execute();
    }

    public void setHead(long electionId, long tellerId) {
        db.update(TELLER).set(TELLER.IS_HEAD, TELLER.ID.eq(tellerId)).where(TELLER.ELECTION_ID.eq(electionId)).execute();
    }

    // The preparation checklist.

    public List<ChecklistItem> checklist(long electionId) {
        return db.selectFrom(CHECKLIST_ITEM).where(CHECKLIST_ITEM.ELECTION_ID.eq(electionId))
                .orderBy(CHECKLIST_ITEM.DUE_DATE, CHECKLIST_ITEM.ID)
                .fetch(r -> new ChecklistItem(ChecklistStep.valueOf(r.getStep()), r.getDueDate(),
                        Optional.ofNullable(r.getDoneAt()).map(t -> t.toInstant(ZoneOffset.UTC)),
                        Optional.ofNullable(r.getDoneBy())));
    }

    public void putChecklistDue(long electionId, ChecklistStep step, LocalDate due) {
        db.insertInto(CHECKLIST_ITEM).set(CHECKLIST_ITEM.ELECTION_ID, electionId).set(CHECKLIST_ITEM.STEP, step.name())
                .set(CHECKLIST_ITEM.DUE_DATE, due)
                .onDuplicateKeyUpdate().set(CHECKLIST_ITEM.DUE_DATE, due).execute();
    }

    public void setChecklistDone(long electionId, ChecklistStep step, Optional<Instant> at, Optional<String> by) {
        db.update(CHECKLIST_ITEM)
                .set(CHECKLIST_ITEM.DONE_AT, at.map(t -> LocalDateTime.ofInstant(t, ZoneOffset.UTC)).orElse(null))
                .set(CHECKLIST_ITEM.DONE_BY, by.orElse(null))
                .where(CHECKLIST_ITEM.ELECTION_ID.eq(electionId).and(CHECKLIST_ITEM.STEP.eq(step.name()))).execute();
    }

    private static Election toElection(Record r) {
        var details = new ElectionDetails(r.get(ELECTION.TITLE), r.get(ELECTION.BODY), r.get(ELECTION.PLACE),
                r.get(ELECTION.STARTS_AT), BallotKind.valueOf(r.get(ELECTION.BALLOT_KIND)),
                RuleSet.valueOf(r.get(ELECTION.RULE_SET)));
        return new Election(ElectionId.of(r.get(ELECTION.ID)), details, ElectionStatus.valueOf(r.get(ELECTION.STATUS)),
                r.get(ELECTION.THRESHOLD_K));
    }
}
