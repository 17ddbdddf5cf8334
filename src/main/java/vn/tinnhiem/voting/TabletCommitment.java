package vn.tinnhiem.voting;

import static vn.tinnhiem.voting.VotingService.FAULT_COPY;
import static vn.tinnhiem.voting.VotingService.FAULT_MANIFEST;
import static vn.tinnhiem.voting.VotingService.FAULT_PROOF;
import static vn.tinnhiem.voting.VotingService.FAULT_SIZE;
import static vn.tinnhiem.voting.VotingService.FAULT_TRACKING_CODE;
import static vn.tinnhiem.voting.VotingService.POLLS_NOT_OPEN;
import static vn.tinnhiem.voting.VotingService.TOO_MANY_ATTEMPTS;

import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.crypto.BallotCheck;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.OpenManifests.Prepared;
import vn.tinnhiem.voting.internal.BallotRepository;
import vn.tinnhiem.voting.internal.CheckedBallotRepository;

/**
 * The first step of a turn ({@link VotingService#commit}): the sealed ballot a tablet sends is checked and kept
 * as a {@link Committed} ballot; nothing is spent or stored. The card first, then the tablet's work, cheapest
 * check first; a failure there is the tablet's fault, audited without the ballot or the card.
 */
final class TabletCommitment {

    private final OpenManifests manifests;
    private final VoterRefusals refusals;
    private final Elections elections;
    private final TokenService tokens;
    private final BallotRepository ballots;
    private final CheckedBallotRepository checkedBallots;
    private final TransactionTemplate reading;

    TabletCommitment(OpenManifests manifests, VoterRefusals refusals, Elections elections, TokenService tokens,
            BallotRepository ballots, CheckedBallotRepository checkedBallots, TransactionTemplate reading) {
        this.manifests = manifests;
        this.refusals = refusals;
        this.elections = elections;
        this.tokens = tokens;
        this.ballots = ballots;
        this.checkedBallots = checkedBallots;
        this.reading = reading;
    }

    Commitment commit(String kioskId, ElectionId electionId, String scannedText, String manifestHashHex,
            byte[] sealedBallot, String trackingCode) {
        OptionalInt wait = refusals.secondsToWait(kioskId);
        if (wait.isPresent()) {
            return new Commitment.Refused(TOO_MANY_ATTEMPTS, wait.getAsInt());
        }
        Optional<Prepared> found;
        @org.jspecify.annotations.Nullable CardCheck card;
        try {
            found = manifests.cached(electionId);
            // One read-only transaction: the polls still open, and the card.
            card = found.isEmpty() ? null : reading.execute(status -> pollsOpen(electionId)
                    ? tokens.check(electionId, scannedText) : null);
            if (card == null) {
                return new Commitment.Refused(POLLS_NOT_OPEN);
            }
        } catch (RuntimeException e) {
            return new Commitment.Refused(VoterRefusals.ofDatabase(e).orElseThrow(() -> e));
        }
        Prepared p = found.get();
        Optional<String> refused = refusals.ofCard(kioskId, electionId, card);
        if (refused.isPresent()) {
            return new Commitment.Refused(refused.get());
        }
        boolean checkOnly = card == CardCheck.CHECK;
        // The tablet's work, cheapest check first.
        if (sealedBallot.length != SealedBallot.expectedSize(p.candidates(), p.levels())) {
            return fault(kioskId, electionId, FAULT_SIZE, "SIZE");
        }
        if (!p.manifestHash().equals(manifestHashHex)) {
            return fault(kioskId, electionId, FAULT_MANIFEST, "MANIFEST");
        }
        SealedBallot sealed = SealedBallot.of(sealedBallot);
        if (!sealed.trackingCode().equals(trackingCode)) {
            return fault(kioskId, electionId, FAULT_TRACKING_CODE, "TRACKING_CODE");
        }
        BallotCheck check = p.proofs().check(sealed);
        if (!check.ok()) {
            return fault(kioskId, electionId, FAULT_PROOF, check.failures().get(0).part().name());
        }
        Boolean stored;
        try {
            stored = reading.execute(status -> ballots.exists(electionId.value(), sealed.id())
                    || checkedBallots.exists(electionId.value(), sealed.id()));
        } catch (RuntimeException e) {
            return new Commitment.Refused(VoterRefusals.ofDatabase(e).orElseThrow(() -> e));
        }
        if (Boolean.TRUE.equals(stored)) {
            return fault(kioskId, electionId, FAULT_COPY, "COPY");
        }
        return new Commitment.Accepted(new Committed(electionId, p.manifestHash(), sealed), checkOnly);
    }

    /** Whether the polls are open now (one read; the cast's and the check's transactions hold the real seam). */
    private boolean pollsOpen(ElectionId electionId) {
        return elections.findForKiosk(electionId).map(e -> e.status() == ElectionStatus.OPEN).orElse(false);
    }

    private Commitment fault(String kioskId, ElectionId electionId, String reasonKey, String check) {
        refusals.recordFault(kioskId, electionId, check);
        return new Commitment.Faulty(reasonKey);
    }
}
