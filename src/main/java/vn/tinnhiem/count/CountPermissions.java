package vn.tinnhiem.count;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;

/**
 * What the signed-in person may do in the count, here and now, with the reasons when not: the one place the
 * count's screens ask (the organiser reads, a teller on the board acts; each step in its state). The steps
 * themselves check again when taken ({@link PollsClose}, {@link BoxCheck}, {@link TotalsUnsealing},
 * {@link CountFinish}). Reads only.
 */
@Service
public class CountPermissions {

    private final Elections elections;
    private final TallyBoard tallyBoard;
    private final CountRepository repository;
    private final BoxCheck boxCheck;
    private final TotalsUnsealing unsealing;

    CountPermissions(Elections elections, TallyBoard tallyBoard, CountRepository repository, BoxCheck boxCheck,
            TotalsUnsealing unsealing) {
        this.elections = elections;
        this.tallyBoard = tallyBoard;
        this.repository = repository;
        this.boxCheck = boxCheck;
        this.unsealing = unsealing;
    }

    /** The count's screen of a conference that exists. */
    @Transactional(readOnly = true)
    public CountPage page(ElectionId electionId) {
        Election election = elections.find(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        boolean onBoard = onBoard(electionId);
        Permission view = CurrentStaff.hasRole(Roles.ADMIN) || onBoard ? Permission.allowed() : Permission.notYours();
        boolean acts = onBoard && CurrentStaff.hasRole(Roles.TELLER);
        ElectionStatus status = election.status();
        boolean opened = status.ordinal() >= ElectionStatus.OPEN.ordinal();
        Refusal notClosed = Refusal.of("count.error.notClosed", "status." + status.name());
        Optional<CountRepository.BoxRow> box = repository.box(electionId.value());
        boolean counted = repository.result(electionId.value()).isPresent();

        Permission close = !acts ? Permission.notYours() : status == ElectionStatus.OPEN ? Permission.allowed()
                : Permission.notNow(Refusal.of("count.refuse.notOpen", "status." + status.name()));
        Permission check = !acts ? Permission.notYours() : status != ElectionStatus.CLOSED ? Permission.notNow(notClosed)
                : box.isPresent() ? Permission.notNow(Refusal.of("count.refuse.boxChecked")) : Permission.allowed();
        Permission finish = !acts ? Permission.notYours()
                : status != ElectionStatus.CLOSED ? Permission.notNow(notClosed)
                : box.isEmpty() ? Permission.notNow(Refusal.of("count.error.boxFirst"))
                : counted ? Permission.notNow(Refusal.of("count.error.alreadyCounted")) : Permission.allowed();
        // Unsealing is finishing's step with ballots to decrypt (an empty box is finished at once).
        Permission unseal = finish.isAllowed() && box.get().tally() == null
                ? Permission.notNow(Refusal.of("count.error.nothingToDecrypt")) : finish;
        return new CountPage(view, opened, opened && status != ElectionStatus.OPEN, close, check, unseal, finish);
    }

    /** The hall's projector: the organiser, or a teller on this conference's board. */
    @Transactional(readOnly = true)
    public Permission projector(ElectionId electionId) {
        return CurrentStaff.hasRole(Roles.ADMIN) || onBoard(electionId) ? Permission.allowed() : Permission.notYours();
    }

    /** The count's documents (minutes, report, table, record): staff who read the count, once it is counted. */
    @Transactional(readOnly = true)
    public Permission documents(ElectionId electionId) {
        boolean counted = elections.find(electionId).map(e -> e.status() == ElectionStatus.TALLIED).orElse(false);
        if (!CurrentStaff.hasRole(Roles.ADMIN) && !CurrentStaff.hasRole(Roles.TELLER)) {
            return Permission.notYours();
        }
        return counted ? Permission.allowed() : Permission.notNow(Refusal.of("count.error.notCounted"));
    }

    /**
     * The count's part of the home card, from the polls' opening to the minutes: the next step read from the
     * count's own state, in the organiser's or the board's words. Empty before the polls open, and for staff who
     * do not read the count.
     */
    @Transactional(readOnly = true)
    public Optional<CountHomeStep> home(ElectionId electionId) {
        boolean admin = CurrentStaff.hasRole(Roles.ADMIN);
        if (!admin && !CurrentStaff.hasRole(Roles.TELLER)) {
            return Optional.empty();
        }
        Optional<Election> election = elections.find(electionId);
        if (election.isEmpty()) {
            return Optional.empty();
        }
        String prefix = "home.count." + (admin ? "admin" : "teller") + ".";
        Permission none = Permission.notYours();
        return switch (election.get().status()) {
            case OPEN -> Optional.of(new CountHomeStep(prefix + "open", List.of(), none, none));
            case CLOSED -> Optional.of(closedStep(election.get(), prefix));
            case TALLIED -> Optional.of(new CountHomeStep(prefix + "tallied", List.of(), Permission.allowed(),
                    Permission.allowed()));
            default -> Optional.empty();
        };
    }

    /** After the close: the box to check, then the cards to bring, counted as they come in. */
    private CountHomeStep closedStep(Election election, String prefix) {
        ElectionId electionId = election.id();
        Permission projector = Permission.allowed();
        if (boxCheck.boxVerdict(electionId).isEmpty()) {
            // k and n as the lists fixed them: the unsealing's own figures need the key, read once the box is checked.
            return new CountHomeStep(prefix + "checkBox",
                    List.of(election.thresholdK(), tallyBoard.tellers(electionId).size()), Permission.notYours(), projector);
        }
        Unsealing state = unsealing.unsealing(electionId);
        if (state.noBallots()) {
            return new CountHomeStep(prefix + "noBallots", List.of(), Permission.notYours(), projector);
        }
        return new CountHomeStep(prefix + "unseal", List.of(state.k(), state.n(), state.accepted()),
                Permission.notYours(), projector);
    }

    private boolean onBoard(ElectionId electionId) {
        return tallyBoard.boardsOfCurrentTeller().stream().anyMatch(e -> e.id().equals(electionId));
    }
}
