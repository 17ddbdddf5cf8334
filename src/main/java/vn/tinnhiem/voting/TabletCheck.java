package vn.tinnhiem.voting;

import static vn.tinnhiem.voting.VotingService.BUSY;
import static vn.tinnhiem.voting.VotingService.DATABASE_DOWN;
import static vn.tinnhiem.voting.VotingService.POLLS_NOT_OPEN;
import static vn.tinnhiem.voting.VotingService.TOO_MANY_ATTEMPTS;
import static vn.tinnhiem.voting.VotingService.TRY_AGAIN;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;

import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.crypto.BallotOpening;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.DatabaseBusyException;
import vn.tinnhiem.shared.database.DatabaseRetry;
import vn.tinnhiem.shared.database.DatabaseUnavailableException;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.OpenManifests.Prepared;
import vn.tinnhiem.voting.internal.CheckedBallotRepository;

/**
 * "Kiểm tra máy" ({@link VotingService#check}): the tablet reveals a committed ballot's opening; if it opens the
 * ballot, both are stored as a checked ballot under {@link OpenPolls#whileOpen} (no card, no tablet, no
 * time) and the voter sees what was sealed. The card is never spent. No log line, no audit entry per check.
 */
final class TabletCheck {

    private final OpenManifests manifests;
    private final VoterRefusals refusals;
    private final OpenPolls openPolls;
    private final TokenService tokens;
    private final CheckedBallotRepository checkedBallots;
    private final TransactionTemplate transaction;
    private final TransactionTemplate reading;
    private final Semaphore verifying;

    TabletCheck(OpenManifests manifests, VoterRefusals refusals, OpenPolls openPolls, TokenService tokens,
            CheckedBallotRepository checkedBallots, TransactionTemplate transaction, TransactionTemplate reading,
            Semaphore verifying) {
        this.manifests = manifests;
        this.refusals = refusals;
        this.openPolls = openPolls;
        this.tokens = tokens;
        this.checkedBallots = checkedBallots;
        this.transaction = transaction;
        this.reading = reading;
        this.verifying = verifying;
    }

    CheckOutcome check(String kioskId, ElectionId electionId, String scannedText, Committed ballot, byte[] opening) {
        try {
            if (!ballot.electionId().equals(electionId)) {
                throw new IllegalArgumentException("the ballot was committed for another conference");
            }
            OptionalInt wait = refusals.secondsToWait(kioskId);
            if (wait.isPresent()) {
                return new CheckOutcome.Refused(TOO_MANY_ATTEMPTS, wait.getAsInt());
            }
            Optional<Prepared> found = manifests.cached(electionId);
            if (found.isEmpty() || !found.get().manifestHash().equals(ballot.manifestHash())) {
                return new CheckOutcome.Refused(POLLS_NOT_OPEN);
            }
            Prepared p = found.get();
            Optional<String> card;
            try {
                card = refusals.ofCard(kioskId, electionId, tokens.check(electionId, scannedText));
            } catch (RuntimeException e) {
                return new CheckOutcome.Refused(VoterRefusals.ofDatabase(e).orElseThrow(() -> e));
            }
            if (card.isPresent()) {
                return new CheckOutcome.Refused(card.get());
            }
            SealedBallot sealed = ballot.ballot();
            BallotOpening.Result result;
            verifying.acquireUninterruptibly();
            try {
                result = BallotOpening.open(p.context(), sealed, opening);
            } finally {
                verifying.release();
            }
            if (!(result instanceof BallotOpening.Opened opened)) {
                refusals.recordFault(kioskId, electionId, "OPENING");
                return new CheckOutcome.Mismatch();
            }
            int[] choices = opened.choices();
            try {
                List<String> levels = new ArrayList<>(choices.length);
                for (int choice : choices) {
                    levels.add(choice < 0 ? null : p.form().kind().levels().get(choice));
                }
                ballot.markChecked();
                Optional<CheckOutcome> refused = store(electionId, sealed, opening);
                return refused.orElseGet(() -> new CheckOutcome.Opened(sealed.trackingCode(), levels));
            } finally {
                Arrays.fill(choices, 0);
            }
        } finally {
            Arrays.fill(opening, (byte) 0);
        }
    }

    /** Stores the checked ballot with its opening; empty when stored (now or by an attempt whose answer was lost). */
    private Optional<CheckOutcome> store(ElectionId electionId, SealedBallot sealed, byte[] opening) {
        try {
            DatabaseRetry.inTransaction(transaction, status -> openPolls.whileOpen(electionId, () -> {
                if (!checkedBallots.exists(electionId.value(), sealed.id())) {
                    checkedBallots.insert(electionId.value(), sealed, opening);
                }
                return Boolean.TRUE;
            }), () -> checkedAfterAll(electionId, sealed));
        } catch (DatabaseBusyException e) {
            return Optional.of(new CheckOutcome.Refused(BUSY));
        } catch (DatabaseUnavailableException e) {
            return Optional.of(new CheckOutcome.Refused(DATABASE_DOWN));
        } catch (UserFacingException e) {
            return Optional.of(new CheckOutcome.Refused(POLLS_NOT_OPEN));
        } catch (org.springframework.dao.DataAccessException | org.jooq.exception.DataAccessException
                | TransactionException e) {
            Boolean stored = null;
            try {
                stored = reading.execute(status -> checkedBallots.exists(electionId.value(), sealed.id()));
            } catch (RuntimeException again) {
                // unknown: the voter tries again
            }
            if (!Boolean.TRUE.equals(stored)) {
                return Optional.of(new CheckOutcome.Refused(TRY_AGAIN));
            }
        }
        return Optional.empty();
    }

    private Optional<Boolean> checkedAfterAll(ElectionId electionId, SealedBallot sealed) {
        try {
            return Boolean.TRUE.equals(reading.execute(status -> checkedBallots.exists(electionId.value(), sealed.id())))
                    ? Optional.of(Boolean.TRUE) : Optional.empty();
        } catch (RuntimeException unknown) {
            return Optional.empty();
        }
    }
}
