package vn.tinnhiem.count;

import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;

/**
 * The checks every step of the count makes before it acts or reads: who may (the organiser reads, a teller on
 * this conference's board acts), in which state (closed), and with which key (the ceremony's manifest). Shared
 * by the count's services so that each says the same refusal with the same message key.
 */
@Component
class CountGuards {

    private final Elections elections;
    private final TallyBoard tallyBoard;
    private final CeremonyService ceremony;
    private final AuditLog audit;

    CountGuards(Elections elections, TallyBoard tallyBoard, CeremonyService ceremony, AuditLog audit) {
        this.elections = elections;
        this.tallyBoard = tallyBoard;
        this.ceremony = ceremony;
        this.audit = audit;
    }

    Manifest manifest(ElectionId electionId) {
        return ceremony.manifest(electionId).orElseThrow(() -> new UserFacingException("count.error.noKey"));
    }

    /** The organiser, or a teller sitting on this conference's board. */
    Election readable(ElectionId electionId) {
        Election election = elections.find(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (!CurrentStaff.hasRole(Roles.ADMIN)) {
            onBoard(electionId);
        }
        return election;
    }

    /** Whether the signed-in account sits on this conference's tally board; no refusal is recorded. */
    boolean isOnBoard(ElectionId electionId) {
        Optional<String> me = CurrentStaff.username();
        return tallyBoard.tellers(electionId).stream().anyMatch(t -> t.account().isPresent() && t.account().equals(me));
    }

    /** Refuses, and records the refusal, unless the signed-in account sits on this conference's tally board. */
    void onBoard(ElectionId electionId) {
        if (!isOnBoard(electionId)) {
            audit.recordRefusal("count.notOnBoard", subject(electionId), AuditFields.none());
            throw new UserFacingException("lifecycle.refuse.notOnBoard");
        }
    }

    void closed(ElectionId electionId) {
        ElectionStatus status = elections.find(electionId).map(Election::status)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (status != ElectionStatus.CLOSED) {
            throw new UserFacingException("count.error.notClosed", "status." + status.name());
        }
    }

    static String subject(ElectionId electionId) {
        return "election:" + electionId;
    }
}
