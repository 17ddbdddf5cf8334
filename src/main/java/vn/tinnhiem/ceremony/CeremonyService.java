package vn.tinnhiem.ceremony;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.internal.KeyRepository;
import vn.tinnhiem.ceremony.internal.KeyRepository.StoredKey;
import vn.tinnhiem.ceremony.internal.RunningDealings;
import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.Milestone;
import vn.tinnhiem.election.Teller;
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
    private final Milestones milestones;
    private final OpenPolls openPolls;
    private final AuditLog audit;
    private final KeyRepository keys;
    private final RunningDealings dealings;
    private final SeatHolders holders;
    private final SecureRandom random = new SecureRandom();

    CeremonyService(Elections elections, Candidates candidates, TallyBoard tallyBoard, Milestones milestones,
            OpenPolls openPolls, AuditLog audit, KeyRepository keys, RunningDealings dealings,
            SeatHolders holders) {
        this.elections = elections;
        this.candidates = candidates;
        this.tallyBoard = tallyBoard;
        this.milestones = milestones;
        this.openPolls = openPolls;
        this.audit = audit;
        this.keys = keys;
        this.dealings = dealings;
        this.holders = holders;
    }

    /** Where the conference's ceremony stands, seat by seat. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public CeremonyStatus status(long electionId) {
        Election election = existing(electionId);
        List<Teller> board = tallyBoard.tellers(electionId);
        Optional<StoredKey> stored = keys.find(electionId).filter(k -> current(election, board, k));
        if (stored.isEmpty()) {
            List<SeatCard> seats = board.stream()
                    .map(t -> new SeatCard(t.seat(), t.fullName(), t.head(), t.account(), false, false, false)).toList();
            return new CeremonyStatus(electionId, CeremonyStage.NOT_STARTED, election.thresholdK(), board.size(),
                    Optional.empty(), Optional.empty(), false, seats);
        }
        StoredKey key = stored.get();
        List<SeatCard> seats = seats(board, keys.seats(electionId));
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
     * Makes the election key at the console and freezes the manifest. Run again while the conference is READY,
     * it voids the earlier key and every card printed for it.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public CeremonyStatus start(long electionId) {
        Election election = lockedReady(electionId);
        CeremonyRequest request = request(election);
        boolean again = voidEarlierKey(electionId);
        Ceremony.Dealing dealing = Ceremony.deal(request.k(), request.n(), random);
        Manifest manifest = request.manifest(dealing.electionKey(), dealing.commitments());
        String hash = manifest.hashHex();
        keys.replace(new StoredKey(electionId, hash, dealing.electionKey(), dealing.commitments(), request.k(),
                request.n(), CONSOLE), false);
        dealings.put(electionId, dealing, hash);
        // Should this transaction not commit, the dealing it made must not outlive it.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    dealings.destroy(electionId);
                }
            }
        });
        audit.record("ceremony.started", subject(electionId), AuditFields.of("k", request.k()).with("n", request.n())
                .with("again", again).with("manifest", hash));
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
    public byte[] issueCard(long electionId, int seat, char @Nullable [] passphrase, char @Nullable [] holderPassword) {
        Election election = lockedReady(electionId);
        CeremonyRequest request = request(election);
        StoredKey key = currentKey(election, request);
        if (passphrase != null) {
            Optional<String> problem = CardPassphrase.problem(passphrase);
            if (problem.isPresent()) {
                throw new UserFacingException(problem.get(), CardPassphrase.MIN_LENGTH);
            }
        }
        CeremonyRequest.Seat teller = request.tellers().stream().filter(t -> t.seat() == seat).findFirst()
                .orElseThrow(() -> new UserFacingException("ceremony.error.noSuchSeat", seat));
        if (keys.seats(electionId).stream().anyMatch(s -> s.seat() == seat && s.issued())) {
            throw new UserFacingException("ceremony.error.alreadyIssued", seat);
        }
        RunningDealings.Running running = dealings.get(electionId, key.manifestHash())
                .orElseThrow(() -> new UserFacingException("ceremony.error.interrupted"));
        Teller board = tallyBoard.tellers(electionId).stream().filter(t -> t.seat() == seat).findFirst().orElseThrow();
        // Before anything is marked or made: a refused holder leaves the seat as it was.
        String holder = holders.confirm(electionId, board, holderPassword, "ceremony.holderRefused");
        if (running.dealing().shares().get(seat - 1).isDestroyed() || !keys.markIssued(electionId, seat,
                passphrase != null)) {
            throw new UserFacingException("ceremony.error.alreadyIssued", seat);
        }
        Manifest manifest = request.manifest(key.electionKey(), key.commitments());
        String card = running.dealing().card(seat, manifest.hash(), passphrase, random);
        byte[] pdf = ShareCardPdf.render(request.face(teller, manifest, passphrase != null), card);
        audit.record("ceremony.cardIssued", subject(electionId), AuditFields.of("seat", seat)
                .with("passphrase", passphrase != null).with("holder", holder));
        return pdf;
    }

    /**
     * The seat's card was taken (its PDF served, once): the seat's share is destroyed now, and the whole
     * dealing once every seat's card is out and taken. Called by the download itself, so a card served is never
     * printed again.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional(readOnly = true)
    public void cardTaken(long electionId, int seat) {
        dealings.destroyShare(electionId, seat);
        if (keys.seats(electionId).stream().allMatch(KeyRepository.SeatCard::issued) && dealings.allDestroyed(electionId)) {
            dealings.destroy(electionId);
        }
    }

    /**
     * A card made but never taken (its dialog closed before the PDF was downloaded, the bytes zeroed): the seat
     * counts as not printed, and may be printed again while the dealing is in memory. The other seats' cards
     * stand. False (and nothing changes) when the share is no longer here: that card was taken, or the dealing
     * was lost, and the ceremony is started again.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public boolean withdrawCard(long electionId, int seat) {
        Election election = lockedReady(electionId);
        StoredKey key = currentKey(election, request(election));
        Optional<RunningDealings.Running> running = dealings.get(electionId, key.manifestHash());
        if (running.isEmpty() || seat < 1 || seat > key.n() || running.get().dealing().shares().get(seat - 1)
                .isDestroyed() || !keys.unmarkIssued(electionId, seat)) {
            return false;
        }
        audit.record("ceremony.cardWithdrawn", subject(electionId), AuditFields.of("seat", seat));
        return true;
    }

    /**
     * A teller checks their own card back (scanned, or typed) against the commitments. When the last card is
     * good, the key is recorded for the lifecycle and the polls may open. The share read from the card is
     * destroyed at once.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public CardCheck checkCard(long electionId, int seat, String cardText, char @Nullable [] passphrase) {
        Election election = lockedReady(electionId);
        CeremonyRequest request = request(election);
        StoredKey key = currentKey(election, request);
        Map<Integer, KeyRepository.SeatCard> seats = new java.util.HashMap<>();
        keys.seats(electionId).forEach(s -> seats.put(s.seat(), s));
        KeyRepository.SeatCard card = seats.get(seat);
        if (card == null) {
            throw new UserFacingException("ceremony.error.noSuchSeat", seat);
        }
        if (!card.issued()) {
            throw new UserFacingException("ceremony.error.notIssued", seat);
        }
        // A typed code is tidied (spaces, case, the prefix); anything else with a prefix, such as a voting card, is
        // read as it is, so that it is refused for what it is.
        String text = cardText.strip();
        if (!text.contains(":") || text.toUpperCase(java.util.Locale.ROOT).startsWith(ShareCards.PREFIX)) {
            text = ShareCardText.fromTyped(text);
        }
        ShareCards.Result read = ShareCards.read(text, HexFormat.of().parseHex(key.manifestHash()),
                key.commitments(), key.n(), passphrase);
        ShareCardText.Refusal refusal = null;
        if (read instanceof ShareCards.Rejected rejected) {
            refusal = ShareCardText.refusal(cardText, rejected.reason());
        } else if (read instanceof ShareCards.Accepted accepted) {
            int index = accepted.share().index();
            accepted.share().destroy();
            if (index != seat) {
                refusal = new ShareCardText.Refusal("ceremony.check.otherSeat", List.of());
            }
        }
        if (refusal != null) {
            audit.recordRefusal("ceremony.cardRefused", subject(electionId), AuditFields.of("seat", seat).with("reason", refusal.key()));
            return CardCheck.refused(refusal.key(), refusal.args());
        }
        keys.markChecked(electionId, seat);
        boolean complete = keys.allChecked(electionId);
        if (complete) {
            milestones.recordKeyMade(electionId, key.manifestHash());
        }
        audit.record("ceremony.cardChecked", subject(electionId), AuditFields.of("seat", seat));
        if (complete) {
            audit.record("ceremony.completed", subject(electionId), AuditFields.of("manifest", key.manifestHash()));
        }
        return CardCheck.accepted(complete);
    }

    /** The request file for the offline laptop: the frozen lists, k, n and the board, no secret. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public CeremonyRequest request(long electionId) {
        CeremonyRequest request = request(ready(electionId));
        audit.record("ceremony.requestExported", subject(electionId), AuditFields.of("k", request.k()).with("n", request.n()));
        return request;
    }

    /**
     * Takes the public file the offline laptop wrote: checked against this server's own lists (the manifest
     * hash) and the commitments' shape. Then every card counts as handed out, and each teller checks theirs back.
     * Voids any earlier key of this conference.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public CeremonyStatus importKeyFile(long electionId, byte[] content) {
        Election election = lockedReady(electionId);
        CeremonyRequest request = request(election);
        Parsed.Refused<ElectionKeyFile> refused = null;
        ElectionKeyFile file = null;
        if (content.length > MAX_KEY_FILE) {
            refused = new Parsed.Refused<>("ceremony.file.tooLarge", MAX_KEY_FILE / 1024);
        } else {
            switch (ElectionKeyFile.parse(content)) {
                case Parsed.Ok<ElectionKeyFile> ok -> {
                    file = ok.value();
                    refused = file.refusalAgainst(request.manifest(file.electionKey(), file.commitments())).orElse(null);
                }
                case Parsed.Refused<ElectionKeyFile> r -> refused = r;
            }
        }
        if (refused != null || file == null) {
            String why = refused == null ? "ceremony.file.notAKeyFile" : refused.reasonKey();
            audit.recordRefusal("ceremony.importRefused", subject(electionId), AuditFields.of("reason", why));
            throw new UserFacingException(why, refused == null ? new Object[0] : refused.args().toArray());
        }
        boolean again = voidEarlierKey(electionId);
        keys.replace(new StoredKey(electionId, file.manifestHash(), file.electionKey(), file.commitments(), file.k(),
                file.n(), OFFLINE), true);
        audit.record("ceremony.imported", subject(electionId), AuditFields.of("k", file.k()).with("n", file.n())
                .with("again", again).with("manifest", file.manifestHash()));
        return status(electionId);
    }

    /**
     * The manifest the ballots are sealed under: only once the ceremony is complete and its key is the one the
     * lifecycle recorded. Not a supervisor's: it lists the ballot, and supervisors watch figures only.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Optional<Manifest> manifest(long electionId) {
        Election election = existing(electionId);
        CeremonyRequest request = request(election);
        return keys.find(electionId).filter(k -> current(election, tallyBoard.tellers(electionId), k))
                .filter(k -> keys.allChecked(electionId))
                .map(k -> request.manifest(k.electionKey(), k.commitments()));
    }

    /**
     * The manifest an OPEN conference's ballots are sealed under, for the kiosks: public values only, no staff
     * role (a kiosk is an enrolled device, not a staff session; the kiosk module authorises its caller). Present
     * only when the polls are open with a key whose every card was checked, made for exactly these lists.
     */
    @Transactional(readOnly = true)
    public Optional<Manifest> openManifest(long electionId) {
        Optional<Election> found = elections.findForKiosk(electionId);
        if (found.isEmpty() || found.get().status() != ElectionStatus.OPEN) {
            return Optional.empty();
        }
        Election election = found.get();
        var d = election.details();
        List<Manifest.Candidate> candidates = onBallot(this.candidates.ballotForKiosk(electionId));
        Optional<StoredKey> key = keys.find(electionId).filter(k -> keys.allChecked(electionId));
        return key.map(k -> new Manifest(Long.toString(electionId), d.title(), candidates, d.ballotKind(),
                d.ruleSet().name(), k.electionKey(), k.commitments(), k.k(), k.n()))
                .filter(m -> m.hashHex().equals(key.get().manifestHash()));
    }

    // The key counts only for the lists it was made for, and only until the lifecycle voids it.

    /**
     * Whether the stored key still belongs to this conference as it is: made for exactly these lists (the
     * manifest hash), and, once every card was checked, still the one the lifecycle recorded (going back to
     * DRAFT voids it).
     */
    private boolean current(Election election, List<Teller> board, StoredKey key) {
        if (election.status() == ElectionStatus.DRAFT || board.size() != key.n()) {
            return false;
        }
        Manifest manifest = request(election, board).manifest(key.electionKey(), key.commitments());
        if (!manifest.hashHex().equals(key.manifestHash())) {
            return false;
        }
        String recorded = milestones.reported(election.id()).get(Milestone.KEY_MADE);
        boolean allChecked = keys.allChecked(election.id());
        return allChecked ? key.manifestHash().equals(recorded) : recorded == null;
    }

    private StoredKey currentKey(Election election, CeremonyRequest request) {
        StoredKey key = keys.find(election.id()).orElseThrow(() -> new UserFacingException("ceremony.error.notStarted"));
        if (!current(election, tallyBoard.tellers(election.id()), key)) {
            throw new UserFacingException("ceremony.error.voided");
        }
        return key;
    }

    /** Voids the key the lifecycle recorded (its cards with it) and drops any dealing; whether there was one. */
    private boolean voidEarlierKey(long electionId) {
        boolean had = keys.find(electionId).isPresent();
        if (milestones.reported(electionId).containsKey(Milestone.KEY_MADE)) {
            milestones.voidKey(electionId);
            had = true;
        }
        dealings.destroy(electionId);
        keys.delete(electionId);
        return had;
    }

    private Election existing(long electionId) {
        return elections.find(electionId).orElseThrow(() -> new UserFacingException("election.error.missing"));
    }

    /**
     * The conference locked for update as this transaction's first statement, and READY: two cards checked back at
     * once are taken one after the other, so the last one sees every other and the key is recorded exactly once.
     */
    private Election lockedReady(long electionId) {
        Election election = openPolls.lockFirst(electionId);
        if (election.status() != ElectionStatus.READY) {
            throw new UserFacingException("ceremony.error.notReady", "status." + election.status().name());
        }
        return election;
    }

    private Election ready(long electionId) {
        Election election = existing(electionId);
        if (election.status() != ElectionStatus.READY) {
            throw new UserFacingException("ceremony.error.notReady", "status." + election.status().name());
        }
        return election;
    }

    private CeremonyRequest request(Election election) {
        return request(election, tallyBoard.tellers(election.id()));
    }

    private CeremonyRequest request(Election election, List<Teller> board) {
        if (board.isEmpty()) {
            throw new UserFacingException("lifecycle.refuse.noTellers");
        }
        List<Manifest.Candidate> candidates = onBallot(this.candidates.list(election.id()));
        List<CeremonyRequest.Seat> seats = board.stream()
                .map(t -> new CeremonyRequest.Seat(t.seat(), t.fullName(), t.head())).toList();
        var d = election.details();
        return new CeremonyRequest(Long.toString(election.id()), d.title(), d.body(), d.place(), d.startsAt(),
                d.ballotKind(), d.ruleSet().name(), candidates, election.thresholdK(), board.size(), seats);
    }

    /** The candidates as the manifest names them: the stored id, the ballot order, name and position. */
    private static List<Manifest.Candidate> onBallot(List<vn.tinnhiem.election.Candidate> candidates) {
        return candidates.stream()
                .map(c -> new Manifest.Candidate(Long.toString(c.id()), c.ordinal(), c.fullName(), c.jobTitle()))
                .toList();
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

    private static String subject(long electionId) {
        return "election:" + electionId;
    }
}
