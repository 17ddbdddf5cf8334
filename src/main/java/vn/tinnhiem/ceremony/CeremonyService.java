package vn.tinnhiem.ceremony;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.ceremony.internal.KeyRepository;
import vn.tinnhiem.ceremony.internal.KeyRepository.StoredKey;
import vn.tinnhiem.ceremony.internal.RunningDealings;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.Roles;

/**
 * The key ceremony of a READY conference, at the console with the tally board present, or on an offline
 * laptop. At the console: {@link #start} makes the key (k of n) and freezes the manifest; {@link #issueCard}
 * prints each seat's card once, destroying that seat's share at once and the whole dealing after the last
 * card; each teller then {@link #checkCard checks their own card back}, and when every card is good the key
 * is reported to the lifecycle (the KEY_MADE milestone, carrying the manifest hash), so the polls may open.
 * Offline: {@link #request} is carried to the laptop, and {@link #importKeyFile} takes back only K and the
 * commitments; the cards are then checked back the same way. The server stores K and the commitments only.
 *
 * <p>This class is the module's face: it holds each step's role and transaction, and the reads. The steps are
 * their own classes: {@link ConsoleDealing}, {@link CardCheckBack}, {@link OfflineKeyImport}, on the conference
 * as {@link CeremonyLists} gives it.
 */
@Service
public class CeremonyService {

    static final String CONSOLE = "CONSOLE";
    static final String OFFLINE = "OFFLINE";
    /** A key file is a few kilobytes; anything far larger is refused before it is parsed. */
    public static final int MAX_KEY_FILE = 1 << 20;

    private final Elections elections;
    private final Candidates candidates;
    private final TallyBoard tallyBoard;
    private final KeyRepository keys;
    private final RunningDealings dealings;
    private final CeremonyLists lists;
    private final ConsoleDealing dealing;
    private final CardCheckBack checkBack;
    private final OfflineKeyImport offline;

    CeremonyService(Elections elections, Candidates candidates, TallyBoard tallyBoard, KeyRepository keys, RunningDealings dealings, CeremonyLists lists,
            ConsoleDealing dealing, CardCheckBack checkBack, OfflineKeyImport offline) {
        this.elections = elections;
        this.candidates = candidates;
        this.tallyBoard = tallyBoard;
        this.keys = keys;
        this.dealings = dealings;
        this.lists = lists;
        this.dealing = dealing;
        this.checkBack = checkBack;
        this.offline = offline;
    }

    /** Where the conference's ceremony stands, seat by seat. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public CeremonyStatus status(ElectionId electionId) {
        Election election = lists.existing(electionId);
        List<Teller> board = tallyBoard.tellers(electionId);
        Optional<StoredKey> stored = keys.find(electionId.value()).filter(k -> lists.current(election, board, k));
        if (stored.isEmpty()) {
            List<SeatCard> seats = board.stream()
                    .map(t -> new SeatCard(t.seat(), t.fullName(), t.head(), t.account(), false, false, false)).toList();
            return new CeremonyStatus(electionId, CeremonyStage.NOT_STARTED, election.thresholdK(), board.size(),
                    Optional.empty(), Optional.empty(), false, seats);
        }
        StoredKey key = stored.get();
        List<SeatCard> seats = seats(board, keys.seats(electionId.value()));
        boolean allIssued = seats.stream().allMatch(SeatCard::issued);
        boolean allChecked = seats.stream().allMatch(SeatCard::checked);
        CeremonyStage stage;
        if (allChecked) {
            stage = CeremonyStage.COMPLETE;
        } else if (allIssued) {
            stage = CeremonyStage.CHECKING;
        } else {
            stage = dealings.get(electionId, key.manifestHash()).isPresent() ? CeremonyStage.PRINTING
                    : CeremonyStage.INTERRUPTED;
        }
        return new CeremonyStatus(electionId, stage, key.k(), key.n(), Optional.of(key.manifestHash()),
                Optional.of(KeyFingerprint.of(key.electionKey())), key.origin().equals(OFFLINE), seats);
    }

    /**
     * Whether the ceremony may run on this conference now: only while it is READY; otherwise why not (its lists
     * not fixed yet, or the polls opened since), with its status's name to show.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Permission mayRun(ElectionId electionId) {
        ElectionStatus now = lists.existing(electionId).status();
        if (now == ElectionStatus.READY) {
            return Permission.allowed();
        }
        return Permission.notNow(Refusal.of(now == ElectionStatus.DRAFT ? "ceremony.notReady.DRAFT"
                : "ceremony.notReady.after", "status." + now.name()));
    }

    /**
     * The ceremony on a conference's home card, until it is complete: for the organiser and the tellers while the
     * conference is READY, empty otherwise (for anyone else, in another status, or once every card is checked).
     */
    @Transactional(readOnly = true)
    public Optional<CeremonyOnCard> onHomeCard(ElectionId electionId) {
        boolean organiser = CurrentStaff.hasRole(Roles.ADMIN);
        if (!organiser && !CurrentStaff.hasRole(Roles.TELLER)
                || lists.existing(electionId).status() != ElectionStatus.READY) {
            return Optional.empty();
        }
        CeremonyStatus ceremony = status(electionId);
        if (ceremony.stage() == CeremonyStage.COMPLETE) {
            return Optional.empty();
        }
        return Optional.of(new CeremonyOnCard(ceremony, organiser ? Permission.allowed() : Permission.notYours()));
    }

    /**
     * Makes the election key at the console and freezes the manifest. Run again while the conference is READY,
     * it voids the earlier key and every card printed for it.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public CeremonyStatus start(ElectionId electionId) {
        dealing.start(electionId);
        return status(electionId);
    }

    /**
     * Prints the card of one seat: the PDF to hand to its teller, and to no one else. The teller is the person
     * whose TELLER account is tied to the seat, confirmed by {@link SeatHolders}: signed in, or typing their own
     * account's {@code holderPassword} at the console (the organiser alone cannot take a seat's card).
     * {@code passphrase} (null for none) is the teller's own, typed by them; neither is kept. The seat's share
     * stays in memory until the PDF is {@link #cardTaken taken} (then it is destroyed, and the whole dealing
     * after the last card), so that a card never taken can be {@link #withdrawCard withdrawn} and printed again.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public byte[] issueCard(ElectionId electionId, int seat, char @Nullable [] passphrase, char @Nullable [] holderPassword) {
        return dealing.issueCard(electionId, seat, passphrase, holderPassword);
    }

    /**
     * The seat's card was taken (its PDF served, once): the seat's share is destroyed now, and the whole
     * dealing once every seat's card is out and taken. Called by the download itself, so a card served is never
     * printed again.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional(readOnly = true)
    public void cardTaken(ElectionId electionId, int seat) {
        dealing.cardTaken(electionId, seat);
    }

    /**
     * A card made but never taken (its dialog closed before the PDF was downloaded, the bytes zeroed): the seat
     * counts as not printed, and may be printed again while the dealing is in memory. The other seats' cards
     * stand. False (and nothing changes) when the share is no longer here: that card was taken, or the dealing
     * was lost, and the ceremony is started again.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public boolean withdrawCard(ElectionId electionId, int seat) {
        return dealing.withdrawCard(electionId, seat);
    }

    /**
     * A teller checks their own card back (scanned, or typed) against the commitments. When the last card is
     * good, the key is recorded for the lifecycle and the polls may open. The share read from the card is
     * destroyed at once.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public CardCheck checkCard(ElectionId electionId, int seat, String cardText, char @Nullable [] passphrase) {
        return checkBack.checkCard(electionId, seat, cardText, passphrase);
    }

    /** The request file for the offline laptop: the frozen lists, k, n and the board, no secret. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public CeremonyRequest request(ElectionId electionId) {
        return offline.request(electionId);
    }

    /**
     * Takes the public file the offline laptop wrote: checked against this server's own lists (the manifest
     * hash) and the commitments' shape. Then every card counts as handed out, and each teller checks theirs back.
     * Voids any earlier key of this conference.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public CeremonyStatus importKeyFile(ElectionId electionId, byte[] content) {
        offline.importKeyFile(electionId, content);
        return status(electionId);
    }

    /**
     * The manifest the ballots are sealed under: only once the ceremony is complete and its key is the one the
     * lifecycle recorded. Not a supervisor's: it lists the ballot, and supervisors watch figures only.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Optional<Manifest> manifest(ElectionId electionId) {
        Election election = lists.existing(electionId);
        CeremonyRequest request = lists.request(election);
        return keys.find(electionId.value()).filter(k -> lists.current(election, tallyBoard.tellers(electionId), k))
                .filter(k -> keys.allChecked(electionId.value()))
                .map(k -> request.manifest(k.electionKey(), k.commitments()));
    }

    /**
     * The manifest an OPEN conference's ballots are sealed under, for the kiosks: public values only, no staff
     * role (a kiosk is an enrolled device, not a staff session; the kiosk module authorises its caller). Present
     * only when the polls are open with a key whose every card was checked, made for exactly these lists.
     */
    @Transactional(readOnly = true)
    public Optional<Manifest> openManifest(ElectionId electionId) {
        Optional<Election> found = elections.findForKiosk(electionId);
        if (found.isEmpty() || found.get().status() != ElectionStatus.OPEN) {
            return Optional.empty();
        }
        Election election = found.get();
        var d = election.details();
        List<Manifest.Candidate> candidates = CeremonyLists.onBallot(this.candidates.ballotForKiosk(electionId));
        Optional<StoredKey> key = keys.find(electionId.value()).filter(k -> keys.allChecked(electionId.value()));
        return key.map(k -> new Manifest(electionId.toString(), d.title(), candidates, d.ballotKind(),
                d.ruleSet().name(), k.electionKey(), k.commitments(), k.k(), k.n()))
                .filter(m -> m.hashHex().equals(key.get().manifestHash()));
    }

    private static List<SeatCard> seats(List<Teller> board, List<KeyRepository.SeatCard> stored) {
        List<SeatCard> out = new ArrayList<>();
        for (Teller t : board) {
            var s = stored.stream().filter(c -> c.seat() == t.seat()).findFirst();
            out.add(new SeatCard(t.seat(), t.fullName(), t.head(), t.account(), s.map(KeyRepository.SeatCard::issued).orElse(false),
                    s.map(KeyRepository.SeatCard::passphrase).orElse(false),
                    s.map(KeyRepository.SeatCard::checked).orElse(false)));
        }
        return out;
    }
}
