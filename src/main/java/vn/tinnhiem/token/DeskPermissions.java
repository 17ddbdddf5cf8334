package vn.tinnhiem.token;

import java.util.Optional;
import org.springframework.stereotype.Service;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;

/**
 * What the signed-in person may do with the cards and at the desk, here and now, with the reasons when not: the
 * one place the desk and the home card ask. A teller of the board acts (presence once the lists are fixed, cards
 * while the polls are open); the organiser looks at the desk and prints the cards. The services check again when
 * the step is taken.
 */
@Service
public class DeskPermissions {

    /** Asked before an activation that would leave more cards handed out than voters ticked present. */
    public record OverPresent(int handedOut, int present) {
    }

    private final Elections elections;
    private final TallyBoard tallyBoard;
    private final DeskPresence deskPresence;
    private final TokenService tokens;

    DeskPermissions(Elections elections, TallyBoard tallyBoard, DeskPresence deskPresence, TokenService tokens) {
        this.elections = elections;
        this.tallyBoard = tallyBoard;
        this.deskPresence = deskPresence;
        this.tokens = tokens;
    }

    /** The desk of a conference that exists, for someone its service lets in. */
    public DeskActions desk(ElectionId electionId) {
        Election election = elections.find(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        boolean canAct = CurrentStaff.hasRole(Roles.TELLER)
                && tallyBoard.boardsOfCurrentTeller().stream().anyMatch(e -> e.id().equals(electionId));
        ElectionStatus status = election.status();
        boolean open = status == ElectionStatus.OPEN;
        boolean presenceOpen = open || status == ElectionStatus.READY;
        Refusal notOpen = Refusal.of("desk.notOpen", "status." + status.name());
        Permission presence = !canAct ? Permission.notYours()
                : presenceOpen ? Permission.allowed() : Permission.notNow(notOpen);
        Permission cards = !canAct ? Permission.notYours() : open ? Permission.allowed() : Permission.notNow(notOpen);
        return new DeskActions(open, presence, cards);
    }

    /**
     * Whether to ask before activating this card: only a card that would be activated (a used, voided or mistyped
     * one is refused at once) and that would leave more cards handed out than voters ticked present. Asked, not
     * refused: ticking and activating are separate steps, often at two desks, and a tick made a moment late at the
     * other desk must not stop the queue.
     */
    public Optional<OverPresent> askBeforeActivating(ElectionId electionId, String text) {
        int present = deskPresence.deskRoll(electionId, "", 0, 1).present();
        int handedOut = tokens.counts(electionId).handedOut();
        if (handedOut + 1 > present && tokens.check(electionId, text) == CardCheck.PRINTED) {
            return Optional.of(new OverPresent(handedOut, present));
        }
        return Optional.empty();
    }

    /** The cards' part of the home card: shown to the organiser and the tellers once the lists are fixed. */
    public CardsHomeActions home(ElectionId electionId) {
        boolean admin = CurrentStaff.hasRole(Roles.ADMIN);
        boolean teller = !admin && CurrentStaff.hasRole(Roles.TELLER);
        ElectionStatus status = elections.find(electionId).map(Election::status).orElse(ElectionStatus.DRAFT);
        boolean fixed = status == ElectionStatus.READY || status == ElectionStatus.OPEN;
        if (!admin && !teller || !fixed) {
            return new CardsHomeActions(Permission.notYours(), Permission.notYours(), false);
        }
        boolean noneYet = tokens.counts(electionId).total() == 0;
        return new CardsHomeActions(Permission.allowed(), admin ? Permission.allowed() : Permission.notYours(),
                admin && noneYet && status == ElectionStatus.READY);
    }
}
