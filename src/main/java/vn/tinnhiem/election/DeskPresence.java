package vn.tinnhiem.election;

import static vn.tinnhiem.election.internal.ConferenceRows.subject;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.internal.ConferenceRows;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.election.internal.SearchText;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.RetriedWhenBusy;

/**
 * The desk: who is present. Roll data, kept apart from the cards: nothing ties a tick to a card. A tick holds
 * the conference's row in share mode, like a cast: ticks go on side by side, and the close waits for them.
 */
@Service
@RetriedWhenBusy
public class DeskPresence {

    private final ElectionRepository repository;
    private final ConferenceRows rows;
    private final AuditLog audit;

    DeskPresence(ElectionRepository repository, ConferenceRows rows, AuditLog audit) {
        this.repository = repository;
        this.rows = rows;
        this.audit = audit;
    }

    /**
     * The roll at the desk: voters whose name contains the text (diacritics optional, as
     * {@link VoterRoll#searchVoters}), each ticked present or not, and the present count of the whole roll. For the
     * organiser (the desk read only) and the tellers on this conference's board: a teller of another board is
     * refused (the desk does not open for them, and its search finds nobody), and the refusal is on the record.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public DeskRoll deskRoll(ElectionId electionId, String text, int offset, int limit) {
        SearchText.checkPage(offset, limit);
        rows.existing(electionId);
        if (!CurrentStaff.hasRole(Roles.ADMIN)) {
            Optional<String> me = CurrentStaff.username();
            if (me.isEmpty() || !repository.boardsOf(me.get()).contains(electionId)) {
                // What was searched is not written: a name typed at the wrong desk stays off the record.
                audit.recordRefusal("desk.refused", subject(electionId), AuditFields.of("action", "roll")
                        .with("reason", "notOnBoard"));
                throw new UserFacingException("desk.error.notOnBoard");
            }
        }
        String folded = SearchText.fold(text == null ? "" : text);
        return new DeskRoll(repository.searchRollEntries(electionId.value(), folded, offset, limit),
                repository.countVoters(electionId.value(), folded), repository.voterCount(electionId.value()),
                repository.presentCount(electionId.value()));
    }

    /**
     * Ticks a voter present at the desk (or takes the tick back), by a teller on this conference's board,
     * while the conference is READY (the quorum is counted before the polls open) or OPEN. Not audited one by
     * one (only a refusal is): the count of those present is anchored at intervals instead. Nothing here is
     * about a card: the card is activated in a separate step that names no voter.
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public void markPresent(ElectionId electionId, long voterId, boolean present) {
        // Share mode, like a cast: ticks go on side by side, and closing waits for them. The lock comes first,
        // so that a tick is either in what the close freezes or refused after it.
        Election election = rows.lockedShared(electionId);
        Optional<String> me = CurrentStaff.username();
        if (me.isEmpty() || !repository.boardsOf(me.get()).contains(electionId)) {
            audit.recordRefusal("voter.presenceRefused", subject(electionId), AuditFields.of("voter", voterId)
                    .with("reason", "notOnBoard"));
            throw new UserFacingException("desk.error.notOnBoard");
        }
        if (election.status() != ElectionStatus.READY && election.status() != ElectionStatus.OPEN) {
            throw new UserFacingException("desk.error.presenceStatus", "status." + election.status().name());
        }
        if (repository.setPresent(electionId.value(), voterId, present) == 0) {
            boolean onRoll = repository.voters(electionId.value()).stream().anyMatch(v -> v.id() == voterId);
            throw new UserFacingException(!onRoll ? "voter.error.missing"
                    : present ? "desk.error.alreadyPresent" : "desk.error.notPresent");
        }
        // No audit entry per tick: a per-voter row written next to each card's activation would link the two in
        // the database's logs. The quorum needs counts, and the desk's counts are anchored in the audit chain at
        // intervals and at the close (count.DeskCounts), so a tick changed behind the desk's back is still seen.
    }

    /** Voters summoned and present now, and so whether the quorum is met. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public Attendance attendance(ElectionId electionId) {
        rows.existing(electionId);
        return new Attendance(repository.voterCount(electionId.value()), repository.presentCount(electionId.value()));
    }
}
