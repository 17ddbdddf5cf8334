package vn.tinnhiem.ceremony;

import java.security.SecureRandom;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.internal.KeyRepository;
import vn.tinnhiem.ceremony.internal.KeyRepository.StoredKey;
import vn.tinnhiem.ceremony.internal.RunningDealings;
import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;

/**
 * The ceremony at the console ({@link CeremonyService#start}, {@link CeremonyService#issueCard}): the key made
 * k of n in this process's memory, each seat's card printed once for its own teller, each share destroyed once its
 * card is taken and the whole dealing after the last. Each step runs in the service's transaction, the
 * conference locked first.
 */
@Component
class ConsoleDealing {

    private final CeremonyLists lists;
    private final TallyBoard tallyBoard;
    private final AuditLog audit;
    private final KeyRepository keys;
    private final RunningDealings dealings;
    private final SeatHolders holders;
    private final SecureRandom random = new SecureRandom();

    ConsoleDealing(CeremonyLists lists, TallyBoard tallyBoard, AuditLog audit, KeyRepository keys,
            RunningDealings dealings, SeatHolders holders) {
        this.lists = lists;
        this.tallyBoard = tallyBoard;
        this.audit = audit;
        this.keys = keys;
        this.dealings = dealings;
        this.holders = holders;
    }

    /**
     * Makes the election key at the console and freezes the manifest. Run again while the conference is READY,
     * it voids the earlier key and every card printed for it.
     */
    void start(ElectionId electionId) {
        Election election = lists.lockedReady(electionId);
        CeremonyRequest request = lists.request(election);
        boolean again = lists.voidEarlierKey(electionId);
        Ceremony.Dealing dealing = Ceremony.deal(request.k(), request.n(), random);
        Manifest manifest = request.manifest(dealing.electionKey(), dealing.commitments());
        String hash = manifest.hashHex();
        keys.replace(new StoredKey(electionId.value(), hash, dealing.electionKey(), dealing.commitments(), request.k(),
                request.n(), CeremonyService.CONSOLE), false);
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
        audit.record("ceremony.started", CeremonyLists.subject(electionId), AuditFields.of("k", request.k()).with("n", request.n())
                .with("again", again).with("manifest", hash));
    }

    /**
     * Prints the card of one seat: the PDF to hand to its teller, and to no one else. The teller is the person
     * whose TELLER account is tied to the seat, confirmed by {@link SeatHolders}: signed in, or typing their own
     * account's {@code holderPassword} at the console (the organiser alone cannot take a seat's card).
     * {@code passphrase} (null for none) is the teller's own, typed by them; neither is kept. The seat's share
     * stays in memory until the PDF is {@link #cardTaken taken} (then it is destroyed, and the whole dealing
     * after the last card), so that a card never taken can be {@link #withdrawCard withdrawn} and printed again.
     */
    byte[] issueCard(ElectionId electionId, int seat, char @Nullable [] passphrase, char @Nullable [] holderPassword) {
        Election election = lists.lockedReady(electionId);
        CeremonyRequest request = lists.request(election);
        StoredKey key = lists.currentKey(election, request);
        if (passphrase != null) {
            Optional<String> problem = CardPassphrase.problem(passphrase);
            if (problem.isPresent()) {
                throw new UserFacingException(problem.get(), CardPassphrase.MIN_LENGTH);
            }
        }
        CeremonyRequest.Seat teller = request.tellers().stream().filter(t -> t.seat() == seat).findFirst()
                .orElseThrow(() -> new UserFacingException("ceremony.error.noSuchSeat", seat));
        if (keys.seats(electionId.value()).stream().anyMatch(s -> s.seat() == seat && s.issued())) {
            throw new UserFacingException("ceremony.error.alreadyIssued", seat);
        }
        RunningDealings.Running running = dealings.get(electionId, key.manifestHash())
                .orElseThrow(() -> new UserFacingException("ceremony.error.interrupted"));
        Teller board = tallyBoard.tellers(electionId).stream().filter(t -> t.seat() == seat).findFirst().orElseThrow();
        // Before anything is marked or made: a refused holder leaves the seat as it was.
        String holder = holders.confirm(electionId, board, holderPassword, "ceremony.holderRefused");
        if (running.dealing().shares().get(seat - 1).isDestroyed() || !keys.markIssued(electionId.value(), seat,
                passphrase != null)) {
            throw new UserFacingException("ceremony.error.alreadyIssued", seat);
        }
        Manifest manifest = request.manifest(key.electionKey(), key.commitments());
        String card = running.dealing().card(seat, manifest.hash(), passphrase, random);
        byte[] pdf = ShareCardPdf.render(request.face(teller, manifest, passphrase != null), card);
        audit.record("ceremony.cardIssued", CeremonyLists.subject(electionId), AuditFields.of("seat", seat)
                .with("passphrase", passphrase != null).with("holder", holder));
        return pdf;
    }

    /**
     * The seat's card was taken (its PDF served, once): the seat's share is destroyed now, and the whole
     * dealing once every seat's card is out and taken. Called by the download itself, so a card served is never
     * printed again.
     */
    void cardTaken(ElectionId electionId, int seat) {
        dealings.destroyShare(electionId, seat);
        if (keys.seats(electionId.value()).stream().allMatch(KeyRepository.SeatCard::issued) && dealings.allDestroyed(electionId)) {
            dealings.destroy(electionId);
        }
    }

    /**
     * A card made but never taken (its dialog closed before the PDF was downloaded, the bytes zeroed): the seat
     * counts as not printed, and may be printed again while the dealing is in memory. The other seats' cards
     * stand. False (and nothing changes) when the share is no longer here: that card was taken, or the dealing
     * was lost, and the ceremony is started again.
     */
    boolean withdrawCard(ElectionId electionId, int seat) {
        Election election = lists.lockedReady(electionId);
        StoredKey key = lists.currentKey(election, lists.request(election));
        Optional<RunningDealings.Running> running = dealings.get(electionId, key.manifestHash());
        if (running.isEmpty() || seat < 1 || seat > key.n() || running.get().dealing().shares().get(seat - 1)
                .isDestroyed() || !keys.unmarkIssued(electionId.value(), seat)) {
            return false;
        }
        audit.record("ceremony.cardWithdrawn", CeremonyLists.subject(electionId), AuditFields.of("seat", seat));
        return true;
    }
}
