package vn.tinnhiem.count;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.count.internal.BoxColumns;
import vn.tinnhiem.shared.database.RetriedWhenBusy;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.ceremony.KeyFingerprint;
import vn.tinnhiem.ceremony.SeatHolders;
import vn.tinnhiem.ceremony.ShareCardText;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.count.internal.RecordWriter;
import vn.tinnhiem.crypto.BallotBox;
import vn.tinnhiem.crypto.BallotFailure;
import vn.tinnhiem.crypto.Counts;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.election.Attendance;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.LifecycleMismatch;
import vn.tinnhiem.election.Milestone;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.shared.files.Sha256;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.StoredBallot;
import vn.tinnhiem.voting.VotingService;
import vn.tinnhiem.shared.Roles;

/**
 * The count, step by step: the close (quorum and cards frozen), the check of the ballot box (every proof,
 * copies counted once, the box against the cards spent), the unsealing (a partial decryption per teller, from
 * a card read in the hall or a file from the offline laptop) and, with k of them, the counts. Only sums are
 * ever decrypted. The tally board's members act; the organiser may read.
 */
@Service
public class CountService {

    public static final String HALL = "HALL";
    public static final String OFFLINE = "OFFLINE";
    /** A partial decryption of 44 candidates is about 30 KB of JSON; anything far larger is not one. */
    public static final int MAX_PARTIAL_FILE = 4 << 20;
    /** The audit entry that carries the sorted tracking codes sealed at the close. */
    static final String CODES_ACTION = "count.trackingCodes";

    private final Elections elections;
    private final TallyBoard tallyBoard;
    private final DeskPresence deskPresence;
    private final Lifecycle lifecycle;
    private final Milestones milestones;
    private final OpenPolls openPolls;
    private final CeremonyService ceremony;
    private final SeatHolders holders;
    private final TokenService tokens;
    private final VotingService voting;
    private final CountRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final SecureRandom random = new SecureRandom();

    CountService(Elections elections, TallyBoard tallyBoard, DeskPresence deskPresence, Lifecycle lifecycle,
            Milestones milestones, OpenPolls openPolls, CeremonyService ceremony, TokenService tokens,
            VotingService voting,
            CountRepository repository, AuditLog audit, Clock clock, PlatformTransactionManager transactions,
            SeatHolders holders) {
        this.elections = elections;
        this.tallyBoard = tallyBoard;
        this.deskPresence = deskPresence;
        this.lifecycle = lifecycle;
        this.milestones = milestones;
        this.openPolls = openPolls;
        this.ceremony = ceremony;
        this.holders = holders;
        this.tokens = tokens;
        this.voting = voting;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    // The close.

    /** Live while the polls are open; frozen as they were at the close afterwards. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public ClosingFigures closingFigures(long electionId) {
        readable(electionId);
        return repository.closing(electionId).map(CountService::figures).orElseGet(() -> live(electionId));
    }

    /**
     * Closes the polls: from the commit on, no tablet can cast (a cast in flight is wholly in or refused), the
     * quorum and the cards are frozen, and the box is sealed by the digest of its tracking codes. On a Galera
     * cluster a cast committed through another node at the same moment fails this transaction's certification
     * (the open gate): it is then retried, and counts that cast.
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    @RetriedWhenBusy
    public ClosingFigures close(long electionId) {
        // The lock first: it waits for every cast, tick and activation in flight, and the figures read after it
        // hold all that committed meanwhile. A read before it would fix a snapshot that misses them.
        openPolls.lockFirst(electionId);
        onBoard(electionId);
        lifecycle.moveTo(electionId, ElectionStatus.CLOSED);
        ClosingFigures live = live(electionId);
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        repository.insertClosing(electionId, new CountRepository.Closing(now, live.summoned(), live.present(),
                live.cardsActivated(), live.cardsSpent(), live.cardsUnspent(), live.cardsVoided()));
        List<String> codes = voting.publishedTrackingCodes(electionId);
        String digest = sha256(String.join("\n", codes));
        milestones.recordPollsClosed(electionId, digest);
        // The desk's counts at the close, the last of their anchors (DeskCounts), with the box's size and seal.
        audit.record("count.closed", subject(electionId), AuditFields.of("summoned", live.summoned())
                .with("present", live.present()).with("quorum", live.quorumMet()).with("activated", live.cardsActivated())
                .with("spent", live.cardsSpent()).with("unspent", live.cardsUnspent()).with("voided", live.cardsVoided())
                .with("digest", digest).with("ballots", codes.size()).with("closedAt", now));
        // Chained right after, in the same transaction: the sorted codes themselves (public from now on), so the
        // box check names each ballot removed or added since, not only a digest that no longer matches. Apart
        // from the close's entry so that entry stays a line a person reads; its digest binds the two.
        audit.record("count.trackingCodes", subject(electionId), AuditFields.of("ballots", codes.size())
                .with("digest", digest).with("codes", String.join(",", codes)));
        return closingFigures(electionId);
    }

    private ClosingFigures live(long electionId) {
        Attendance attendance = deskPresence.attendance(electionId);
        CardCounts cards = tokens.counts(electionId);
        return new ClosingFigures(attendance.summoned(), attendance.present(), cards.handedOut(), cards.spent(),
                cards.activated(), cards.voided(), null);
    }

    private static ClosingFigures figures(CountRepository.Closing c) {
        return new ClosingFigures(c.summoned(), c.present(), c.cardsActivated(), c.cardsSpent(), c.cardsUnspent(),
                c.cardsVoided(), c.closedAt());
    }

    // The ballot box.

    /** The verdict on the box, once checked. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Optional<BoxVerdict> boxVerdict(long electionId) {
        readable(electionId);
        int spent = sealedSpent(electionId, repository.closing(electionId).map(CountRepository.Closing::cardsSpent).orElse(0));
        return repository.box(electionId).map(b -> verdict(b, spent));
    }

    /**
     * Checks every stored ballot's proofs (in batches, on every core; {@code progress} hears how many are
     * done), sets aside those that fail, counts each copy once, sums the rest and stores the verdict. Done
     * once: a second call returns the first verdict. Runs outside any transaction while it checks.
     */
    @RolesAllowed(Roles.TELLER)
    public BoxVerdict checkBox(long electionId, IntConsumer progress) {
        onBoard(electionId);
        Optional<BoxVerdict> done = transaction.execute(s -> boxVerdict(electionId));
        if (done != null && done.isPresent()) {
            return done.get();
        }
        closed(electionId);
        ElectionContext ctx = ElectionContext.of(manifest(electionId));
        List<StoredBallot> rows = voting.ballotBox(electionId);
        Map<SealedBallot, StoredBallot> rowOf = new IdentityHashMap<>();
        rows.forEach(r -> rowOf.put(r.ballot(), r));
        BallotBox.Opened opened = BallotBox.open(ctx, rows.stream().map(StoredBallot::ballot).toList(), random, progress);

        List<BoxVerdict.SetAside> setAside = new ArrayList<>();
        for (BallotBox.SetAside s : opened.setAside()) {
            StoredBallot row = rowOf.get(s.ballot());
            setAside.add(new BoxVerdict.SetAside(row.id(), row.trackingCode(),
                    s.check().failures().stream().map(CountService::reason).toList()));
        }
        List<BoxVerdict.Copy> copies = new ArrayList<>();
        for (BallotBox.Copy c : opened.copies()) {
            StoredBallot row = rowOf.get(c.ballot());
            copies.add(new BoxVerdict.Copy(row.id(), row.trackingCode(), c.copyOf(), c.sameId()));
        }
        List<BoxVerdict.Tampering> found = transaction.execute(s -> tampering(electionId, rows));
        byte[] ids = new byte[16 * opened.counted().size()];
        for (int i = 0; i < opened.counted().size(); i++) {
            System.arraycopy(HexFormat.of().parseHex(opened.counted().get(i).id()), 0, ids, 16 * i, 16);
        }
        EncryptedTally tally = opened.tally();
        CountRepository.BoxRow row = new CountRepository.BoxRow(LocalDateTime.now(clock).withNano(0), opened.stored(),
                ids, BoxColumns.setAside(setAside), BoxColumns.copies(copies), tally == null ? null : tally.encode(),
                BoxColumns.tampering(found == null ? List.of() : found));
        BoxVerdict verdict = transaction.execute(s -> {
            closed(electionId);
            if (repository.box(electionId).isPresent()) {
                return boxVerdict(electionId).orElseThrow();
            }
            repository.insertBox(electionId, row);
            BoxVerdict v = boxVerdict(electionId).orElseThrow();
            for (BoxVerdict.SetAside a : v.setAside()) {
                audit.record("count.ballotSetAside", subject(electionId), AuditFields.of("tracking", a.trackingCode())
                        .with("reasons", String.join(";", a.reasons())));
            }
            for (BoxVerdict.Copy c : v.copies()) {
                audit.record("count.ballotCopied", subject(electionId), AuditFields.of("tracking", c.trackingCode())
                        .with("copyOf", c.copyOf()).with("same", c.sameId() ? "id" : "content"));
            }
            for (BoxVerdict.Tampering t : v.tampering()) {
                audit.record("count.tampering", subject(electionId), AuditFields.of("kind", t.kind())
                        .with("about", t.about()).with("found", t.found()).with("expected", t.expected()));
            }
            if (v.difference() != 0) {
                audit.record("count.boxMismatch", subject(electionId), AuditFields.of("counted", v.counted())
                        .with("spent", v.spentCards()).with("difference", v.difference()));
            }
            audit.record("count.boxChecked", subject(electionId), AuditFields.of("stored", v.stored())
                    .with("counted", v.counted()).with("setAside", v.setAside().size()).with("copies", v.copies().size()));
            return v;
        });
        return verdict;
    }

    /**
     * What changed behind the count's back, found against what cannot be changed unseen: each row's columns against
     * its own bytes, and the frozen figures, the POLLS_CLOSED milestone and the box's tracking codes against the
     * close's entry in the audit chain (whose head is anchored outside the database, so rewriting the entry breaks
     * the chain check). Someone with the database's root account can rewrite poll_closing and the milestone
     * together; not the entry. Each ballot removed or added is named by its code against the codes the close
     * sealed; the conference's status and milestones are held against its audited lifecycle; the desk's counts
     * against their anchors (see {@link #deskCounts}).
     */
    private List<BoxVerdict.Tampering> tampering(long electionId, List<StoredBallot> rows) {
        List<BoxVerdict.Tampering> found = new ArrayList<>();
        for (StoredBallot r : rows) {
            if (!r.columnCode().equals(r.trackingCode())) {
                found.add(new BoxVerdict.Tampering("rowCode", r.trackingCode(), r.columnCode(), r.trackingCode()));
            }
            if (!r.id().equals(r.ballot().id())) {
                found.add(new BoxVerdict.Tampering("rowId", r.trackingCode(), r.id(), r.ballot().id()));
            }
        }
        for (LifecycleMismatch m : lifecycle.auditedLifecycle(electionId)) {
            found.add(new BoxVerdict.Tampering("lifecycle", m.about(), m.found(), m.expected()));
        }
        CountRepository.Closing c = repository.closing(electionId).orElseThrow();
        Optional<AuditEntry> entry = audit.latest("count.closed", subject(electionId));
        if (entry.isEmpty()) {
            found.add(new BoxVerdict.Tampering("closeEntry", "count.closed", "", ""));
            // Without the close's entry the table's figures are all there is to hold the box against.
            deskCounts(electionId, rows.size(), new DeskCounts.Figures(c.present(), c.cardsActivated(),
                    c.cardsSpent(), c.cardsVoided()), null, found);
            return found;
        }
        AuditFields sealed = entry.get().fields();
        Map<String, Integer> frozen = new java.util.LinkedHashMap<>();
        frozen.put("summoned", c.summoned());
        frozen.put("present", c.present());
        frozen.put("activated", c.cardsActivated());
        frozen.put("spent", c.cardsSpent());
        frozen.put("unspent", c.cardsUnspent());
        frozen.put("voided", c.cardsVoided());
        frozen.forEach((name, value) -> {
            String expected = sealed.get(name).orElse("");
            if (!expected.equals(String.valueOf(value))) {
                found.add(new BoxVerdict.Tampering("closeFigure", name, String.valueOf(value), expected));
            }
        });
        sealed.get("closedAt").filter(at -> !sameTime(at, c.closedAt())).ifPresent(at ->
                found.add(new BoxVerdict.Tampering("closeFigure", "closedAt", String.valueOf(c.closedAt()), at)));
        String digest = sealed.get("digest").orElse("");
        String milestone = milestones.reported(electionId).getOrDefault(Milestone.POLLS_CLOSED, "");
        if (!milestone.equals(digest)) {
            found.add(new BoxVerdict.Tampering("closeDigest", "POLLS_CLOSED", milestone, digest));
        }
        List<String> box = rows.stream().map(StoredBallot::trackingCode).sorted().toList();
        String boxDigest = sha256(String.join("\n", box));
        if (!boxDigest.equals(digest)) {
            found.add(new BoxVerdict.Tampering("boxDigest", String.valueOf(rows.size()), boxDigest, digest));
        }
        sealedCodes(electionId, entry.get(), box, found);
        deskCounts(electionId, rows.size(), DeskCounts.read(sealed), entry.get().id(), found);
        return found;
    }

    /**
     * Names every tracking code missing from the box or added to it since the close, against the codes the close
     * chained into the log (a code that appears twice where it was sealed once is an added copy). A close made
     * before the codes were sealed has no such entry and names nothing here (its digest still speaks).
     */
    private void sealedCodes(long electionId, AuditEntry close, List<String> box, List<BoxVerdict.Tampering> found) {
        if (!close.fields().has("ballots")) {
            return;
        }
        Optional<AuditEntry> codes = audit.latest(CODES_ACTION, subject(electionId)).filter(e -> e.id() > close.id());
        String digest = close.fields().get("digest").orElse("");
        if (codes.isEmpty() || !codes.get().fields().get("digest").orElse("").equals(digest)) {
            found.add(new BoxVerdict.Tampering("closeEntry", CODES_ACTION, "", digest));
            return;
        }
        String list = codes.get().fields().get("codes").orElse("");
        if (!sha256(list.replace(',', '\n')).equals(digest)) {
            // The list does not hash to the seal it was written with: it names nothing it could be trusted for.
            found.add(new BoxVerdict.Tampering("closeEntry", CODES_ACTION, sha256(list.replace(',', '\n')), digest));
            return;
        }
        Map<String, Integer> expected = new java.util.TreeMap<>();
        if (!list.isEmpty()) {
            for (String code : list.split(",")) {
                expected.merge(code, 1, Integer::sum);
            }
        }
        Map<String, Integer> present = new java.util.TreeMap<>();
        box.forEach(code -> present.merge(code, 1, Integer::sum));
        for (var e : expected.entrySet()) {
            int here = present.getOrDefault(e.getKey(), 0);
            if (here < e.getValue()) {
                found.add(new BoxVerdict.Tampering("missingBallot", e.getKey(), String.valueOf(here),
                        String.valueOf(e.getValue())));
            }
        }
        for (var p : present.entrySet()) {
            int sealedTimes = expected.getOrDefault(p.getKey(), 0);
            if (p.getValue() > sealedTimes) {
                found.add(new BoxVerdict.Tampering("addedBallot", p.getKey(), String.valueOf(p.getValue()),
                        String.valueOf(sealedTimes)));
            }
        }
    }

    /**
     * The desk's counts held against each other: the anchors taken while the polls were open ({@link DeskCounts}),
     * then the close's, then the cards table now. A card spent, handed over or voided stays so: a count that goes
     * down between two of them was changed behind the desk's back (a spent card set back to ACTIVATED votes
     * twice). And at the close no more cards handed over than voters present, no more spent than handed over, no
     * more ballots in the box than cards spent.
     *
     * @param closeEntry the close's entry number, or null when the figures are the table's (no entry)
     */
    private void deskCounts(long electionId, int ballots, DeskCounts.Figures atClose, @Nullable Long closeEntry,
            List<BoxVerdict.Tampering> found) {
        String closeLabel = closeEntry == null ? "poll_closing" : "#" + closeEntry;
        if (atClose.activated() > atClose.present()) {
            found.add(new BoxVerdict.Tampering("activatedOverPresent", closeLabel, String.valueOf(atClose.activated()),
                    "≤ " + atClose.present()));
        }
        if (atClose.spent() > atClose.activated()) {
            found.add(new BoxVerdict.Tampering("spentOverActivated", closeLabel, String.valueOf(atClose.spent()),
                    "≤ " + atClose.activated()));
        }
        if (ballots > atClose.spent()) {
            found.add(new BoxVerdict.Tampering("ballotsOverSpent", closeLabel, String.valueOf(ballots),
                    "≤ " + atClose.spent()));
        }
        List<Map.Entry<String, DeskCounts.Figures>> series = new ArrayList<>();
        for (AuditEntry a : audit.history(subject(electionId), List.of(DeskCounts.ACTION))) {
            if (closeEntry == null || a.id() < closeEntry) {
                series.add(Map.entry("#" + a.id(), DeskCounts.read(a.fields())));
            }
        }
        series.add(Map.entry(closeLabel, atClose));
        CardCounts now = tokens.counts(electionId);
        series.add(Map.entry("token", new DeskCounts.Figures(0, now.handedOut(), now.spent(), now.voided())));
        // Each figure's highest so far: one finding per figure, at the first place it fell below it.
        String[] names = {"spent", "voided", "issued"};
        int[] highest = {-1, -1, -1};
        String[] highestAt = new String[3];
        boolean[] reported = new boolean[3];
        for (var point : series) {
            DeskCounts.Figures f = point.getValue();
            if (f.spent() < 0 || f.voided() < 0 || f.activated() < 0) {
                continue; // an entry without these figures says nothing
            }
            int[] values = {f.spent(), f.voided(), f.issued()};
            for (int i = 0; i < names.length; i++) {
                if (values[i] < highest[i] && !reported[i]) {
                    found.add(new BoxVerdict.Tampering("countDown", names[i], values[i] + " (" + point.getKey() + ")",
                            "≥ " + highest[i] + " (" + highestAt[i] + ")"));
                    reported[i] = true;
                }
                if (values[i] > highest[i]) {
                    highest[i] = values[i];
                    highestAt[i] = point.getKey();
                }
            }
        }
    }

    private static boolean sameTime(String sealed, LocalDateTime closedAt) {
        try {
            return LocalDateTime.parse(sealed).equals(closedAt);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** The cards spent as the close's audit entry carries them (the poll_closing row could be rewritten). */
    private int sealedSpent(long electionId, int fallback) {
        return audit.latest("count.closed", subject(electionId)).flatMap(e -> e.fields().get("spent"))
                .map(Integer::valueOf).orElse(fallback);
    }

    private static String reason(BallotFailure f) {
        // One word per failure (no spaces): it goes into the audit log's key=value details as it is.
        return f.part().name() + (f.candidate() >= 0 ? "/c" + (f.candidate() + 1) : "")
                + (f.level() >= 0 ? "/l" + (f.level() + 1) : "");
    }

    private static BoxVerdict verdict(CountRepository.BoxRow b, int spent) {
        return new BoxVerdict(b.stored(), b.countedIds().length / 16, spent, BoxColumns.setAside(b.setAside()),
                BoxColumns.copies(b.copies()), BoxColumns.tampering(b.tampering()), b.checkedAt());
    }

    // The unsealing.

    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Unsealing unsealing(long electionId) {
        Election election = readable(electionId);
        Manifest manifest = manifest(electionId);
        Map<Integer, String> paths = new java.util.HashMap<>();
        repository.partials(electionId).forEach(p -> paths.put(p.seat(), p.path()));
        List<Unsealing.Seat> seats = tallyBoard.tellers(electionId).stream()
                .map(t -> new Unsealing.Seat(t.seat(), t.fullName(), t.head(), Optional.ofNullable(paths.get(t.seat()))))
                .toList();
        Optional<CountRepository.BoxRow> box = repository.box(electionId);
        boolean noBallots = box.map(b -> b.tally() == null).orElse(false);
        EncryptedTally tally = box.filter(b -> b.tally() != null).map(b -> EncryptedTally.decode(b.tally())).orElse(null);
        return new Unsealing(manifest.k(), manifest.n(), seats, noBallots,
                repository.result(electionId).isPresent() || election.status() == ElectionStatus.TALLIED,
                tally == null ? 0 : tally.ballots(), KeyFingerprint.of(manifest.electionKey()),
                tally == null ? "" : EncryptedTotalsFile.tallyHashHex(tally));
    }

    /**
     * A teller's card, scanned or typed, with its passphrase if it has one: checked against the commitments,
     * then the partial decryption of every total is made with its proof and the share is destroyed at once.
     * The card is counted only as handed in by the teller of its own seat (the card says which): that teller is
     * signed in, or types their own account's {@code holderPassword} here ({@link SeatHolders}); otherwise
     * {@link ShareOutcome.HolderNeeded} names the seat and nothing is kept. With the k-th accepted, the counts
     * are made. Both arrays are cleared before this returns.
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public ShareOutcome unsealWithCard(long electionId, String cardText, char @Nullable [] passphrase,
            char @Nullable [] holderPassword) {
        try {
            // The lock first: two cards read at once are taken one after the other, each seeing the other's.
            openPolls.lockFirst(electionId);
            onBoard(electionId);
            EncryptedTally tally = unsealable(electionId);
            Manifest manifest = manifest(electionId);
            String text = cardText.strip();
            if (!text.contains(":") || text.toUpperCase(java.util.Locale.ROOT).startsWith(ShareCards.PREFIX)) {
                text = ShareCardText.fromTyped(text);
            }
            ShareCards.Result read = ShareCards.read(text, manifest, passphrase);
            if (read instanceof ShareCards.Rejected rejected) {
                ShareCardText.Refusal why = ShareCardText.refusal(cardText, rejected.reason());
                return refused(electionId, HALL, why.key(), why.args().toArray());
            }
            var share = ((ShareCards.Accepted) read).share();
            PartialDecryption partial;
            String holder;
            try {
                if (seatDone(electionId, share.index())) {
                    return refused(electionId, HALL, "count.share.alreadyCounted", share.index());
                }
                Teller seat = tallyBoard.tellers(electionId).stream().filter(t -> t.seat() == share.index())
                        .findFirst().orElseThrow(() -> new UserFacingException("ceremony.error.noSuchSeat", share.index()));
                try {
                    holder = holders.confirm(electionId, seat, holderPassword, "count.holderRefused");
                } catch (UserFacingException refusedHolder) {
                    // Said at the holder's password field, for this seat; the card is read again with it.
                    return new ShareOutcome.HolderNeeded(seat.seat(), seat.fullName(), refusedHolder.key());
                }
                partial = Decryption.partial(ElectionContext.of(manifest), tally, share, random);
            } finally {
                share.destroy();
            }
            return accept(electionId, partial, HALL, holder);
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
            if (holderPassword != null) {
                Arrays.fill(holderPassword, '\0');
            }
        }
    }

    /** The encrypted totals for the offline laptop (docs/protocol.md 10.1): public values only. */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public byte[] totalsFile(long electionId) {
        onBoard(electionId);
        EncryptedTally tally = unsealable(electionId);
        byte[] file = EncryptedTotalsFile.write(manifest(electionId), tally);
        audit.record("count.totalsExported", subject(electionId), AuditFields.of("tally", EncryptedTotalsFile.tallyHashHex(tally)));
        return file;
    }

    /**
     * A partial decryption made on the offline laptop: accepted only for this conference, its manifest and its
     * current totals, with every proof holding, and from a seat not yet counted. No share ever enters the server.
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public ShareOutcome importPartial(long electionId, byte[] file) {
        openPolls.lockFirst(electionId);
        onBoard(electionId);
        EncryptedTally tally = unsealable(electionId);
        if (file.length > MAX_PARTIAL_FILE) {
            return refused(electionId, OFFLINE, "count.error.fileTooLarge", MAX_PARTIAL_FILE / 1024);
        }
        return switch (PartialDecryptionFile.read(file, electionId, manifest(electionId), tally)) {
            case FileResult.Refused<PartialDecryption> r -> refused(electionId, OFFLINE, r.reasonKey(), r.args().toArray());
            case FileResult.Ok<PartialDecryption> ok -> seatDone(electionId, ok.value().teller())
                    ? refused(electionId, OFFLINE, "count.share.alreadyCounted", ok.value().teller())
                    : accept(electionId, ok.value(), OFFLINE, null);
        };
    }

    /** A partial decryption already checked against this conference's totals; stored, audited, and counted at k. */
    /** {@code holder}: the teller account confirmed as holding the card read in the hall; null for a file ("-"). */
    private ShareOutcome accept(long electionId, PartialDecryption partial, String path, @Nullable String holder) {
        int seat = partial.teller();
        int position = repository.partials(electionId).size() + 1;
        repository.insertPartial(electionId, new CountRepository.PartialRow(seat, position, path, partial.encode()));
        String name = tallyBoard.tellers(electionId).stream().filter(t -> t.seat() == seat).map(Teller::fullName)
                .findFirst().orElse("");
        audit.record("count.shareAccepted", subject(electionId), AuditFields.of("seat", seat).with("path", path)
                .with("holder", holder != null ? holder : "-"));
        boolean counted = position >= manifest(electionId).k() && finishCount(electionId);
        return new ShareOutcome.Accepted(seat, name, counted);
    }

    private boolean seatDone(long electionId, int seat) {
        return repository.partials(electionId).stream().anyMatch(p -> p.seat() == seat);
    }

    private ShareOutcome refused(long electionId, String path, String key, Object... args) {
        audit.recordRefusal("count.shareRefused", subject(electionId), AuditFields.of("path", path).with("reason", key));
        return new ShareOutcome.Refused(key, List.of(args));
    }

    /** The totals to decrypt: only once the box is checked, while not yet counted, and with ballots in it. */
    private EncryptedTally unsealable(long electionId) {
        closed(electionId);
        CountRepository.BoxRow box = repository.box(electionId)
                .orElseThrow(() -> new UserFacingException("count.error.boxFirst"));
        if (repository.result(electionId).isPresent()) {
            throw new UserFacingException("count.error.alreadyCounted");
        }
        if (box.tally() == null) {
            throw new UserFacingException("count.error.nothingToDecrypt");
        }
        return EncryptedTally.decode(box.tally());
    }

    /**
     * Makes the counts from the partial decryptions accepted so far: refused, with the reason, below k (or
     * when the box is empty, makes zeros at once). The count is then final and the conference TALLIED.
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public void finish(long electionId) {
        openPolls.lockFirst(electionId);
        onBoard(electionId);
        closed(electionId);
        if (repository.box(electionId).isEmpty()) {
            throw new UserFacingException("count.error.boxFirst");
        }
        if (!finishCount(electionId)) {
            int have = repository.partials(electionId).size();
            int k = manifest(electionId).k();
            audit.recordRefusal("count.finishRefused", subject(electionId), AuditFields.of("have", have).with("k", k));
            throw new UserFacingException("count.error.tooFew", have, k, k - have);
        }
    }

    /** Combines; false if fewer than k good partials. Stores the counts and moves the conference on. */
    private boolean finishCount(long electionId) {
        if (repository.result(electionId).isPresent()) {
            throw new UserFacingException("count.error.alreadyCounted");
        }
        Manifest manifest = manifest(electionId);
        ElectionContext ctx = ElectionContext.of(manifest);
        CountRepository.BoxRow box = repository.box(electionId).orElseThrow();
        Counts counts;
        if (box.tally() == null) {
            counts = Counts.noBallots(ctx);
        } else {
            EncryptedTally tally = EncryptedTally.decode(box.tally());
            List<PartialDecryption> partials = repository.partials(electionId).stream()
                    .map(p -> PartialDecryption.decode(p.encoded())).toList();
            Decryption.Outcome outcome = Decryption.combine(ctx, tally, partials);
            if (!(outcome instanceof Decryption.Decrypted decrypted)) {
                return false;
            }
            counts = decrypted.counts();
        }
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        repository.insertResult(electionId, new CountRepository.ResultRow(now, levelCounts(counts), "0".repeat(64),
                "0".repeat(64)));
        // The record holds the results but not its own hash: written once the results are stored.
        String recordHash = recordHash(electionId);
        repository.setRecordHash(electionId, recordHash);
        milestones.recordCounted(electionId, recordHash);
        lifecycle.moveTo(electionId, ElectionStatus.TALLIED);
        var entry = audit.record("count.counted", subject(electionId), AuditFields.of("ballots", counts.ballots())
                .with("record", recordHash));
        repository.setAuditHead(electionId, entry.entryHash());
        return true;
    }

    /** "h,m,l;h,m,l;..." per candidate in ballot order. */
    private static String levelCounts(Counts counts) {
        return String.join(";", counts.candidates().stream()
                .map(c -> String.join(",", c.levels().stream().map(String::valueOf).toList())).toList());
    }

    // The results, the record and the documents.

    /** The result table of the rule set, once counted. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Optional<ResultTable> results(long electionId) {
        readable(electionId);
        return repository.result(electionId).map(r -> table(electionId, r));
    }

    /** Everything the documents print, once counted. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Optional<CountSummary> summary(long electionId) {
        Election election = readable(electionId);
        Optional<CountRepository.ResultRow> result = repository.result(electionId);
        if (result.isEmpty()) {
            return Optional.empty();
        }
        var d = election.details();
        CountRepository.Closing c = repository.closing(electionId).orElseThrow();
        BoxVerdict box = boxVerdict(electionId).orElseThrow();
        // Copies name the counted ballot by id; the minutes name it by tracking code (read only when needed: the
        // box of a large conference is hundreds of megabytes).
        Map<String, String> codeOfId = new java.util.HashMap<>();
        if (!box.copies().isEmpty()) {
            voting.ballotBox(electionId).forEach(r -> codeOfId.put(r.ballot().id(), r.trackingCode()));
        }
        return Optional.of(new CountSummary(
                new CountSummary.Conference(d.title(), d.body(), d.place(), d.startsAt()),
                tallyBoard.tellers(electionId).stream().map(t -> new CountSummary.Teller(t.seat(), t.fullName(), t.head()))
                        .toList(),
                new CountSummary.Closing(c.summoned(), c.present(), c.cardsActivated(), c.cardsSpent(),
                        c.cardsUnspent(), c.cardsVoided(), c.closedAt()),
                new CountSummary.Box(box.stored(), box.counted(),
                        box.setAside().stream().map(a -> new CountSummary.SetAside(a.trackingCode(), a.reasons())).toList(),
                        box.copies().stream().map(x -> new CountSummary.Copy(x.trackingCode(),
                                codeOfId.getOrDefault(x.copyOf(), x.copyOf()))).toList(), box.tampering(),
                        checkedBallots(electionId).size()),
                repository.partials(electionId).stream()
                        .map(p -> new CountSummary.Partial(p.seat(), CountSummary.Path.valueOf(p.path()))).toList(),
                table(electionId, result.get()), result.get().countedAt(),
                new CountSummary.Fingerprints(manifest(electionId).hashHex(), result.get().recordHash(),
                        result.get().auditHead())));
    }

    /** The minutes, "BIÊN BẢN KIỂM PHIẾU", in numbered copies (Bản số 1/3 ...), as PDF. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public void writeMinutes(long electionId, java.util.Locale locale, java.io.OutputStream out) {
        MinutesPdf.write(counted(electionId), locale, out);
    }

    /** The report, "BÁO CÁO KẾT QUẢ PHIẾU TÍN NHIỆM", in numbered copies, as PDF. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public void writeReport(long electionId, java.util.Locale locale, java.io.OutputStream out) {
        ReportPdf.write(counted(electionId), locale, out);
    }

    /** One candidate's own result, on a page of its own, to hand to them. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public void writeCandidatePage(long electionId, int order, java.util.Locale locale, java.io.OutputStream out) {
        CandidateResultPdf.write(counted(electionId), order, locale, out);
    }

    /** The result table as a spreadsheet. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public void writeResultsXlsx(long electionId, java.util.Locale locale, java.io.OutputStream out) {
        ResultsXlsx.write(counted(electionId), locale, out);
    }

    private CountSummary counted(long electionId) {
        return summary(electionId).orElseThrow(() -> new UserFacingException("count.error.notCounted"));
    }

    /** Streams the election record (docs/protocol.md 10.2) of a counted conference. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public void writeRecord(long electionId, java.io.OutputStream out) {
        readable(electionId);
        if (repository.result(electionId).isEmpty()) {
            throw new UserFacingException("count.error.notCounted");
        }
        RecordWriter.write(content(electionId), out);
    }

    private String recordHash(long electionId) {
        try {
            MessageDigest sha = Sha256.digest();
            try (var out = new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha)) {
                RecordWriter.write(content(electionId), out);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private RecordWriter.Content content(long electionId) {
        Election election = elections.find(electionId).orElseThrow();
        var d = election.details();
        Manifest manifest = manifest(electionId);
        CountRepository.Closing closing = repository.closing(electionId).orElseThrow();
        CountRepository.BoxRow box = repository.box(electionId).orElseThrow();
        BoxVerdict verdict = verdict(box, sealedSpent(electionId, closing.cardsSpent()));
        Map<String, StoredBallot> byBallotId = new java.util.HashMap<>();
        Map<String, StoredBallot> byRowId = new java.util.HashMap<>();
        for (StoredBallot r : voting.ballotBox(electionId)) {
            byBallotId.putIfAbsent(r.ballot().id(), r);
            byRowId.put(r.id(), r);
        }
        List<SealedBallot> counted = new ArrayList<>();
        byte[] ids = box.countedIds();
        for (int i = 0; i < ids.length / 16; i++) {
            StoredBallot r = byBallotId.get(HexFormat.of().formatHex(ids, 16 * i, 16 * i + 16));
            if (r != null) {
                counted.add(r.ballot());
            }
        }
        List<RecordWriter.Copy> copies = verdict.copies().stream().map(x -> new RecordWriter.Copy(x.id(),
                x.trackingCode(), sealed(byRowId.get(x.id())), x.copyOf())).toList();
        List<RecordWriter.SetAside> setAside = verdict.setAside().stream().map(x -> new RecordWriter.SetAside(x.id(),
                x.trackingCode(), sealed(byRowId.get(x.id())), x.reasons())).toList();
        CountRepository.ResultRow result = repository.result(electionId).orElseThrow();
        return new RecordWriter.Content(manifest, d.body(), d.place(), d.startsAt(), closing, box.stored(), counted,
                closing.cardsSpent(), copies, setAside,
                checkedBallots(electionId),
                box.tally() == null ? null : EncryptedTally.decode(box.tally()),
                repository.partials(electionId), table(electionId, result).toJson(),
                audit.latest("count.closed", subject(electionId))
                        .map(e -> new RecordWriter.CloseEntry(e.id(), e.entryHash())).orElse(null));
    }

    /**
     * The ballots voters and supervisors opened to check a tablet (docs/protocol.md 5.6), as stored: each sealed
     * ballot and its opening. They are not in the box and never counted; the record publishes them and the
     * minutes give their number.
     */
    private List<RecordWriter.Checked> checkedBallots(long electionId) {
        return voting.checkedBallots(electionId).stream()
                .map(x -> new RecordWriter.Checked(x.sealed().encode(), x.opening())).toList();
    }

    private static byte[] sealed(@Nullable StoredBallot row) {
        return row == null ? new byte[0] : row.ballot().encode();
    }

    private ResultTable table(long electionId, CountRepository.ResultRow result) {
        Manifest manifest = manifest(electionId);
        CountRepository.Closing closing = repository.closing(electionId).orElseThrow();
        int ballots = repository.box(electionId).map(b -> b.countedIds().length / 16).orElse(0);
        String[] perCandidate = result.levelCounts().split(";");
        List<Counts.CandidateCount> candidates = new ArrayList<>();
        for (int c = 0; c < perCandidate.length; c++) {
            List<Integer> levels = Arrays.stream(perCandidate[c].split(",")).map(Integer::valueOf).toList();
            int valid = levels.stream().mapToInt(Integer::intValue).sum();
            candidates.add(new Counts.CandidateCount(c, levels, valid, ballots - valid));
        }
        return Results.compute(vn.tinnhiem.election.RuleSet.valueOf(manifest.ruleSet()), manifest.kind(),
                closing.summoned(), closing.cardsActivated(), new Counts(ballots, candidates), manifest.candidates());
    }

    // The published tracking codes.

    /** How many rows the box holds, for the box check's progress (the rows themselves are read by the check). */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    public int storedBallots(long electionId) {
        return voting.storedBallots(electionId);
    }

    /** Every tracking code in the box, sorted; public once the polls are closed. */
    public List<String> publishedCodes(long electionId) {
        return voting.publishedTrackingCodes(electionId);
    }

    /**
     * A voter's own check, with no staff session: is the code typed or scanned in this closed box, and was it
     * counted. Typing slips are forgiven as Crockford base32 forgives them (O for 0, I and L for 1, any case,
     * spaces or no dashes).
     */
    @Transactional(readOnly = true)
    public TrackedBallot track(long electionId, String typed) {
        String code = trackingCode(typed);
        if (code == null || !voting.publishedTrackingCodes(electionId).contains(code)) {
            return TrackedBallot.NOT_FOUND;
        }
        Optional<CountRepository.BoxRow> box = repository.box(electionId);
        if (box.isEmpty()) {
            return TrackedBallot.IN_BOX;
        }
        BoxVerdict v = verdict(box.get(), 0);
        if (v.setAside().stream().anyMatch(a -> a.trackingCode().equals(code))) {
            return TrackedBallot.SET_ASIDE;
        }
        if (v.copies().stream().anyMatch(c -> c.trackingCode().equals(code))) {
            return TrackedBallot.COPY;
        }
        return TrackedBallot.COUNTED;
    }

    /** "7qx2 m0kd rt4b 9hze" or "7QX2M0KDRT4B9HZE" to "7QX2-M0KD-RT4B-9HZE"; null if it cannot be a code. */
    static @Nullable String trackingCode(String typed) {
        String t = typed.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "").replace('O', '0')
                .replace('I', '1').replace('L', '1');
        if (!t.matches("[0-9A-HJKMNP-TV-Z]{16}")) {
            return null;
        }
        return t.substring(0, 4) + "-" + t.substring(4, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12);
    }

    // Guards.

    private Manifest manifest(long electionId) {
        return ceremony.manifest(electionId).orElseThrow(() -> new UserFacingException("count.error.noKey"));
    }

    /** The organiser, or a teller sitting on this conference's board. */
    private Election readable(long electionId) {
        Election election = elections.find(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (!CurrentStaff.hasRole(Roles.ADMIN)) {
            onBoard(electionId);
        }
        return election;
    }

    private void onBoard(long electionId) {
        Optional<String> me = CurrentStaff.username();
        if (tallyBoard.tellers(electionId).stream().noneMatch(t -> t.account().isPresent() && t.account().equals(me))) {
            audit.recordRefusal("count.notOnBoard", subject(electionId), AuditFields.none());
            throw new UserFacingException("lifecycle.refuse.notOnBoard");
        }
    }

    private void closed(long electionId) {
        ElectionStatus status = elections.find(electionId).map(Election::status)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (status != ElectionStatus.CLOSED) {
            throw new UserFacingException("count.error.notClosed", "status." + status.name());
        }
    }

    private static String subject(long electionId) {
        return "election:" + electionId;
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }
}
