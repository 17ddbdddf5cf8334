package vn.tinnhiem.election;

import static vn.tinnhiem.election.internal.ConferenceRows.subject;
import static vn.tinnhiem.election.internal.TypedText.MAX_NAME;
import static vn.tinnhiem.election.internal.TypedText.required;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.internal.ConferenceRows;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.RetriedWhenBusy;

/**
 * The tally board of a conference: its seats (names, the head teller), the threshold k of n share cards that
 * unseal the count, and the TELLER account tied to each seat. Seats and k change only in DRAFT; a seat's account
 * until the election key is made, since the key is dealt to those accounts. Each change locks the conference's
 * row first and is audited.
 */
@Service
@RetriedWhenBusy
public class TallyBoard {

    static final int MAX_SEATS = 15;

    private final ElectionRepository repository;
    private final ConferenceRows rows;
    private final AccountService accounts;
    private final AuditLog audit;

    TallyBoard(ElectionRepository repository, ConferenceRows rows, AccountService accounts, AuditLog audit) {
        this.repository = repository;
        this.rows = rows;
        this.accounts = accounts;
        this.audit = audit;
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public List<Teller> tellers(ElectionId electionId) {
        return repository.tellers(electionId.value());
    }

    /** The conferences on whose tally board the signed-in teller sits. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<Election> boardsOfCurrentTeller() {
        List<ElectionId> mine = CurrentStaff.username().map(repository::boardsOf).orElse(List.of());
        return repository.all().stream().filter(e -> mine.contains(e.id())).toList();
    }

    /**
     * Whether the signed-in person may open the board's screen of this conference: the organiser (to look), or a
     * teller who sits on its board; a teller of another board is not shown it.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Permission boardScreen(ElectionId electionId) {
        if (CurrentStaff.hasRole(Roles.ADMIN)) {
            return Permission.allowed();
        }
        List<ElectionId> mine = CurrentStaff.username().map(repository::boardsOf).orElse(List.of());
        return mine.contains(electionId) ? Permission.allowed() : Permission.notYours();
    }

    /**
     * Whether the seats' accounts may be tied now ({@link #setSeatAccount}, which checks again): while the lists
     * can change and until the election key is made.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional(readOnly = true)
    public Permission seatAccounts(ElectionId electionId) {
        Election election = rows.existing(electionId);
        return seatsOpen(election) ? Permission.allowed() : seatLocked(election);
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void addTeller(ElectionId electionId, String fullName, boolean head) {
        rows.editable(electionId);
        String name = required(fullName, MAX_NAME, "teller.error.name");
        List<Teller> tellers = repository.tellers(electionId.value());
        if (tellers.size() >= MAX_SEATS) {
            throw new UserFacingException("teller.error.tooMany", MAX_SEATS);
        }
        repository.insertTeller(electionId.value(), tellers.size() + 1, name, false);
        if (head || tellers.isEmpty()) {
            long id = repository.tellers(electionId.value()).getLast().id();
            repository.setHead(electionId.value(), id);
        }
        audit.record("teller.add", subject(electionId), AuditFields.of("seat", tellers.size() + 1).with("name", name));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void removeTeller(ElectionId electionId, long tellerId) {
        Election election = rows.editable(electionId);
        if (repository.deleteTeller(electionId.value(), tellerId) == 0) {
            throw new UserFacingException("teller.error.missing");
        }
        List<Teller> rest = repository.tellers(electionId.value());
        // Seats are renumbered in two steps: the unique (election, seat) key forbids a swap in one.
        for (Teller t : rest) {
            repository.setTellerSeat(t.id(), 1000 + t.seat());
        }
        for (int i = 0; i < rest.size(); i++) {
            repository.setTellerSeat(rest.get(i).id(), i + 1);
        }
        if (!rest.isEmpty() && rest.stream().noneMatch(Teller::head)) {
            repository.setHead(electionId.value(), rest.getFirst().id());
        }
        int k = Math.min(election.thresholdK(), Math.max(1, rest.size()));
        repository.setThreshold(electionId.value(), k);
        audit.record("teller.remove", subject(electionId), AuditFields.of("teller", tellerId).with("k", k)
                .with("n", rest.size()));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void setHeadTeller(ElectionId electionId, long tellerId) {
        rows.editable(electionId);
        if (repository.tellers(electionId.value()).stream().noneMatch(t -> t.id() == tellerId)) {
            throw new UserFacingException("teller.error.missing");
        }
        repository.setHead(electionId.value(), tellerId);
        audit.record("teller.head", subject(electionId), AuditFields.of("teller", tellerId));
    }

    /** How many tellers must bring their share cards to unseal: 1 <= k <= n. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void setThreshold(ElectionId electionId, int k) {
        rows.editable(electionId);
        int n = repository.tellers(electionId.value()).size();
        if (k < 1 || k > Math.max(1, n)) {
            throw new UserFacingException("teller.error.threshold", k, n);
        }
        repository.setThreshold(electionId.value(), k);
        audit.record("teller.threshold", subject(electionId), AuditFields.of("k", k).with("n", n));
    }

    /**
     * Ties a seat to the TELLER account of the person who sits there (or unties it, with an empty name).
     * Allowed while the lists can change and until the election key is made: the key is dealt to these
     * seats. The seat list itself (names, head, k) stays DRAFT-only.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void setSeatAccount(ElectionId electionId, long tellerId, Optional<String> username) {
        Election election = rows.locked(electionId);
        if (!seatsOpen(election)) {
            Refusal locked = seatLocked(election).reasons().getFirst();
            throw new UserFacingException(locked.key(), locked.args().toArray());
        }
        List<Teller> board = repository.tellers(electionId.value());
        Teller seat = board.stream().filter(t -> t.id() == tellerId).findFirst()
                .orElseThrow(() -> new UserFacingException("teller.error.missing"));
        if (username.isPresent()) {
            StaffAccount account = accounts.find(username.get())
                    .filter(a -> a.role() == Role.TELLER && a.enabled())
                    .orElseThrow(() -> new UserFacingException("teller.error.notATeller", username.get()));
            if (board.stream().anyMatch(t -> t.id() != tellerId && t.account().equals(username))) {
                throw new UserFacingException("teller.error.alreadySeated", account.username());
            }
        }
        repository.setTellerAccount(electionId.value(), tellerId, username);
        audit.record("teller.account", subject(electionId), AuditFields.of("seat", seat.seat())
                .with("account", username.orElse("-")));
    }

    /** Who sits on a seat may still change after the lists are fixed, until the key is dealt to the seats. */
    private boolean seatsOpen(Election election) {
        boolean keyMade = repository.milestones(election.id().value()).containsKey(Milestone.KEY_MADE);
        return (election.status() == ElectionStatus.DRAFT || election.status() == ElectionStatus.READY) && !keyMade;
    }

    private static Permission seatLocked(Election election) {
        return Permission.notNow(Refusal.of("teller.error.seatLocked", "status." + election.status().name()));
    }
}
