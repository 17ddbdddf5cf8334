package vn.tinnhiem.count;

import jakarta.annotation.security.RolesAllowed;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.KeyFingerprint;
import vn.tinnhiem.ceremony.SeatHolders;
import vn.tinnhiem.ceremony.ShareCardText;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.files.FileResult;

/**
 * The unsealing of the checked box's totals: a partial decryption per teller, from a card read in the hall or a
 * file from the offline laptop, and with the k-th accepted the counts ({@link CountFinish}). Only sums are ever
 * decrypted. Its lock story: each card or file takes the conference's row lock first, so two read at once are
 * taken one after the other, each seeing the other's; the k-th finishes the count under that same lock.
 */
@Service
public class TotalsUnsealing {

    public static final String HALL = "HALL";
    public static final String OFFLINE = "OFFLINE";
    /** A partial decryption of 44 candidates is about 30 KB of JSON; anything far larger is not one. */
    public static final int MAX_PARTIAL_FILE = 4 << 20;

    private final TallyBoard tallyBoard;
    private final OpenPolls openPolls;
    private final SeatHolders holders;
    private final CountRepository repository;
    private final CountGuards guards;
    private final CountFinish finish;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    TotalsUnsealing(TallyBoard tallyBoard, OpenPolls openPolls, SeatHolders holders, CountRepository repository, CountGuards guards,
            CountFinish finish, AuditLog audit) {
        this.tallyBoard = tallyBoard;
        this.openPolls = openPolls;
        this.holders = holders;
        this.repository = repository;
        this.guards = guards;
        this.finish = finish;
        this.audit = audit;
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Unsealing unsealing(ElectionId electionId) {
        Election election = guards.readable(electionId);
        Manifest manifest = guards.manifest(electionId);
        Map<Integer, String> paths = new java.util.HashMap<>();
        repository.partials(electionId.value()).forEach(p -> paths.put(p.seat(), p.path()));
        List<Unsealing.Seat> seats = tallyBoard.tellers(electionId).stream()
                .map(t -> new Unsealing.Seat(t.seat(), t.fullName(), t.head(), Optional.ofNullable(paths.get(t.seat()))))
                .toList();
        Optional<CountRepository.BoxRow> box = repository.box(electionId.value());
        boolean noBallots = box.map(b -> b.tally() == null).orElse(false);
        EncryptedTally tally = box.filter(b -> b.tally() != null).map(b -> EncryptedTally.decode(b.tally())).orElse(null);
        return new Unsealing(manifest.k(), manifest.n(), seats, noBallots,
                repository.result(electionId.value()).isPresent() || election.status() == ElectionStatus.TALLIED,
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
    public ShareOutcome unsealWithCard(ElectionId electionId, String cardText, char @Nullable [] passphrase,
            char @Nullable [] holderPassword) {
        try {
            // The lock first: two cards read at once are taken one after the other, each seeing the other's.
            openPolls.lockFirst(electionId);
            guards.onBoard(electionId);
            EncryptedTally tally = unsealable(electionId);
            Manifest manifest = guards.manifest(electionId);
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
    public byte[] totalsFile(ElectionId electionId) {
        guards.onBoard(electionId);
        EncryptedTally tally = unsealable(electionId);
        byte[] file = EncryptedTotalsFile.write(guards.manifest(electionId), tally);
        audit.record("count.totalsExported", CountGuards.subject(electionId),
                AuditFields.of("tally", EncryptedTotalsFile.tallyHashHex(tally)));
        return file;
    }

    /**
     * A partial decryption made on the offline laptop: accepted only for this conference, its manifest and its
     * current totals, with every proof holding, and from a seat not yet counted. No share ever enters the server.
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public ShareOutcome importPartial(ElectionId electionId, byte[] file) {
        openPolls.lockFirst(electionId);
        guards.onBoard(electionId);
        EncryptedTally tally = unsealable(electionId);
        if (file.length > MAX_PARTIAL_FILE) {
            return refused(electionId, OFFLINE, "count.error.fileTooLarge", MAX_PARTIAL_FILE / 1024);
        }
        return switch (PartialDecryptionFile.read(file, electionId, guards.manifest(electionId), tally)) {
            case FileResult.Refused<PartialDecryption> r -> refused(electionId, OFFLINE, r.reasonKey(), r.args().toArray());
            case FileResult.Ok<PartialDecryption> ok -> seatDone(electionId, ok.value().teller())
                    ? refused(electionId, OFFLINE, "count.share.alreadyCounted", ok.value().teller())
                    : accept(electionId, ok.value(), OFFLINE, null);
        };
    }

    /** A partial decryption already checked against this conference's totals; stored, audited, and counted at k. */
    /** {@code holder}: the teller account confirmed as holding the card read in the hall; null for a file ("-"). */
    private ShareOutcome accept(ElectionId electionId, PartialDecryption partial, String path, @Nullable String holder) {
        int seat = partial.teller();
        int position = repository.partials(electionId.value()).size() + 1;
        repository.insertPartial(electionId.value(), new CountRepository.PartialRow(seat, position, path, partial.encode()));
        String name = tallyBoard.tellers(electionId).stream().filter(t -> t.seat() == seat).map(Teller::fullName)
                .findFirst().orElse("");
        audit.record("count.shareAccepted", CountGuards.subject(electionId), AuditFields.of("seat", seat).with("path", path)
                .with("holder", holder != null ? holder : "-"));
        boolean counted = position >= guards.manifest(electionId).k() && finish.countIfEnough(electionId);
        return new ShareOutcome.Accepted(seat, name, counted);
    }

    private boolean seatDone(ElectionId electionId, int seat) {
        return repository.partials(electionId.value()).stream().anyMatch(p -> p.seat() == seat);
    }

    private ShareOutcome refused(ElectionId electionId, String path, String key, Object... args) {
        audit.recordRefusal("count.shareRefused", CountGuards.subject(electionId),
                AuditFields.of("path", path).with("reason", key));
        return new ShareOutcome.Refused(key, List.of(args));
    }

    /** The totals to decrypt: only once the box is checked, while not yet counted, and with ballots in it. */
    private EncryptedTally unsealable(ElectionId electionId) {
        guards.closed(electionId);
        CountRepository.BoxRow box = repository.box(electionId.value())
                .orElseThrow(() -> new UserFacingException("count.error.boxFirst"));
        if (repository.result(electionId.value()).isPresent()) {
            throw new UserFacingException("count.error.alreadyCounted");
        }
        if (box.tally() == null) {
            throw new UserFacingException("count.error.nothingToDecrypt");
        }
        return EncryptedTally.decode(box.tally());
    }

}
