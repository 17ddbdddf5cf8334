package vn.tinnhiem.supervision;

import java.util.function.Consumer;

import org.springframework.stereotype.Service;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.Supervisors;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.supervision.internal.LiveFeed;
import vn.tinnhiem.shared.Roles;

/**
 * The supervision pages' entry: who may watch a conference, its figures now, and a subscription to their
 * changes. Everything here is counts, tablets' states and the staff's audit entries: nothing reads a ballot,
 * and no result exists before the unsealing (checked by SupervisionReadsNoBallotTests).
 */
@Service
public class SupervisionService {

    private final Elections elections;
    private final TallyBoard tallyBoard;
    private final Supervisors supervisors;
    private final LiveFeed feed;

    SupervisionService(Elections elections, TallyBoard tallyBoard, Supervisors supervisors, LiveFeed feed) {
        this.elections = elections;
        this.tallyBoard = tallyBoard;
        this.supervisors = supervisors;
        this.feed = feed;
    }

    /** Whether the signed-in person may watch this conference (the page asks before it shows anything). */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
    public boolean mayWatch(ElectionId electionId) {
        return elections.find(electionId).isPresent() && allowed(electionId);
    }

    /** The conference's figures now (the poller's last reading while pages are open). */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
    public Live now(ElectionId electionId) {
        require(electionId);
        return feed.now(electionId);
    }

    /**
     * Hands {@code page} each change of the conference's figures, on the poller's thread, until the returned
     * action is run; the page starts from {@link #now}.
     */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
    public Runnable subscribe(ElectionId electionId, Consumer<Live> page) {
        require(electionId);
        return feed.subscribe(electionId, page);
    }

    /**
     * Whether the organiser's status tab shows this conference's live panels: the organiser's only (a teller's
     * board screen keeps its steps alone; the teller has /supervise/&lt;id&gt;), and once the lists are fixed (a
     * DRAFT has nobody present and no card).
     */
    public Permission statusPanels(ElectionId electionId) {
        if (!CurrentStaff.hasRole(Roles.ADMIN) || !mayWatch(electionId)) {
            return Permission.notYours();
        }
        return now(electionId).figures().status() == ElectionStatus.DRAFT
                ? Permission.notNow(Refusal.of("supervise.notYet")) : Permission.allowed();
    }

    /** Whether the live panels show the signed-in person names: a supervisor never reads a candidate's or a voter's. */
    public boolean showsNames() {
        return !CurrentStaff.hasRole(Roles.SUPERVISOR);
    }

    private void require(ElectionId electionId) {
        if (!mayWatch(electionId)) {
            throw new UserFacingException("supervise.error.notAllowed");
        }
    }

    /** The organiser, a supervisor named for this conference in its set-up, or a teller on its board. */
    private boolean allowed(ElectionId electionId) {
        if (supervisors.maySupervise(electionId)) {
            return true;
        }
        return CurrentStaff.hasRole(Roles.TELLER)
                && tallyBoard.boardsOfCurrentTeller().stream().anyMatch(e -> e.id().equals(electionId));
    }
}
