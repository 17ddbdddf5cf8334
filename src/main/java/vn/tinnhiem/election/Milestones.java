package vn.tinnhiem.election;

import static vn.tinnhiem.election.internal.ConferenceRows.subject;

import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.internal.ConferenceRows;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.RetriedWhenBusy;

/**
 * What other modules report about a conference: the key made (ceremony), the polls closed and the count done
 * (count), each with the digest that pins it. A report locks the conference's row for update (after any cast in
 * flight) and checks its status first; each is reported once and audited.
 */
@Service
@RetriedWhenBusy
public class Milestones {

    private final ElectionRepository repository;
    private final ConferenceRows rows;
    private final AuditLog audit;

    Milestones(ElectionRepository repository, ConferenceRows rows, AuditLog audit) {
        this.repository = repository;
        this.rows = rows;
        this.audit = audit;
    }

    /** The milestones reported so far, each with its digest. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Map<Milestone, String> reported(ElectionId electionId) {
        rows.existing(electionId);
        return repository.milestones(electionId.value());
    }

    /**
     * The key ceremony made the election key for this READY conference; {@code manifestHash} (64 hex) binds
     * the key to the lists. From now on the conference may open and may not go back to DRAFT until the key
     * is {@link #voidKey voided}. Joins the caller's transaction.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional
    public void recordKeyMade(ElectionId electionId, String manifestHash) {
        reportMilestone(electionId, Milestone.KEY_MADE, ElectionStatus.READY, manifestHash);
    }

    /**
     * Forgets the key of a READY conference (a ceremony to be run again, or lists to be corrected): the
     * polls can no longer open with it, and the organiser may take the conference back to DRAFT.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional
    public void voidKey(ElectionId electionId) {
        lockedIn(electionId, ElectionStatus.READY);
        String manifestHash = repository.milestones(electionId.value()).get(Milestone.KEY_MADE);
        if (manifestHash == null) {
            throw new UserFacingException("milestone.error.missing", "milestone." + Milestone.KEY_MADE.name());
        }
        repository.deleteMilestone(electionId.value(), Milestone.KEY_MADE);
        audit.record("election.keyVoided", subject(electionId), AuditFields.of("digest", manifestHash));
    }

    /** The polls are CLOSED and the ballot box is sealed; {@code boxDigest} (64 hex) pins what it holds. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional
    public void recordPollsClosed(ElectionId electionId, String boxDigest) {
        reportMilestone(electionId, Milestone.POLLS_CLOSED, ElectionStatus.CLOSED, boxDigest);
    }

    /** The count of a CLOSED conference is done; {@code resultsDigest} (64 hex) pins the results. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional
    public void recordCounted(ElectionId electionId, String resultsDigest) {
        reportMilestone(electionId, Milestone.COUNTED, ElectionStatus.CLOSED, resultsDigest);
    }

    private void reportMilestone(ElectionId electionId, Milestone milestone, ElectionStatus required, String digest) {
        if (digest == null || !digest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("A milestone's digest is 64 lower-case hex characters");
        }
        lockedIn(electionId, required);
        if (repository.milestones(electionId.value()).containsKey(milestone)) {
            throw new UserFacingException("milestone.error.already", "milestone." + milestone.name());
        }
        repository.insertMilestone(electionId.value(), milestone, digest);
        audit.record("election.milestone", subject(electionId), AuditFields.of("milestone", milestone)
                .with("digest", digest));
    }

    /** Locks the row for update (after any cast in flight) and checks the status. */
    private Election lockedIn(ElectionId electionId, ElectionStatus required) {
        Election election = rows.locked(electionId);
        if (election.status() != required) {
            throw new UserFacingException("milestone.error.status", "status." + election.status().name());
        }
        return election;
    }
}
