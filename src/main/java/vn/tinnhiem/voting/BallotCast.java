package vn.tinnhiem.voting;

import static vn.tinnhiem.voting.VotingService.ALREADY_USED;
import static vn.tinnhiem.voting.VotingService.BUSY;
import static vn.tinnhiem.voting.VotingService.CHECK_ONLY;
import static vn.tinnhiem.voting.VotingService.DATABASE_DOWN;
import static vn.tinnhiem.voting.VotingService.FAULT_COPY;
import static vn.tinnhiem.voting.VotingService.NOT_ACTIVATED;
import static vn.tinnhiem.voting.VotingService.OTHER_CONFERENCE;
import static vn.tinnhiem.voting.VotingService.POLLS_NOT_OPEN;
import static vn.tinnhiem.voting.VotingService.TOO_MANY_ATTEMPTS;
import static vn.tinnhiem.voting.VotingService.TRY_AGAIN;
import static vn.tinnhiem.voting.VotingService.UNKNOWN_CODE;
import static vn.tinnhiem.voting.VotingService.VOID;

import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.DatabaseBusyException;
import vn.tinnhiem.shared.database.DatabaseRetry;
import vn.tinnhiem.shared.database.DatabaseUnavailableException;
import vn.tinnhiem.token.SpendResult;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.OpenManifests.Prepared;
import vn.tinnhiem.voting.internal.BallotRepository;

/**
 * The cast ({@link VotingService#cast}): in one short transaction under {@link OpenPolls#whileOpen}, the
 * card spent and the committed ballot stored, both or neither; of many casts of one card exactly one spends it.
 * A failure in flight is answered by whether the ballot's random id is in the box. No log line, no audit entry.
 */
final class BallotCast {

    private final OpenManifests manifests;
    private final VoterRefusals refusals;
    private final OpenPolls openPolls;
    private final TokenService tokens;
    private final BallotRepository ballots;
    private final TransactionTemplate transaction;
    private final TransactionTemplate reading;
    /** The crash test's fault point ({@link VotingService#HALT_AFTER_CAST_COMMIT_PROPERTY}). */
    private final boolean haltAfterCommit;

    BallotCast(OpenManifests manifests, VoterRefusals refusals, OpenPolls openPolls, TokenService tokens,
            BallotRepository ballots, TransactionTemplate transaction, TransactionTemplate reading,
            boolean haltAfterCommit) {
        this.manifests = manifests;
        this.refusals = refusals;
        this.openPolls = openPolls;
        this.tokens = tokens;
        this.ballots = ballots;
        this.transaction = transaction;
        this.reading = reading;
        this.haltAfterCommit = haltAfterCommit;
    }

    CastOutcome cast(String kioskId, ElectionId electionId, String scannedText, Committed ballot) {
        if (!ballot.electionId().equals(electionId)) {
            throw new IllegalArgumentException("the ballot was committed for another conference");
        }
        if (ballot.checked()) {
            throw new IllegalStateException("a checked ballot is never cast");
        }
        OptionalInt wait = refusals.secondsToWait(kioskId);
        if (wait.isPresent()) {
            return new CastOutcome.Refused(TOO_MANY_ATTEMPTS, wait.getAsInt());
        }
        Optional<Prepared> found = manifests.cached(electionId);
        if (found.isEmpty() || !found.get().manifestHash().equals(ballot.manifestHash())) {
            return new CastOutcome.Refused(POLLS_NOT_OPEN);
        }
        SealedBallot sealed = ballot.ballot();
        SpendResult spent;
        try {
            // Retried when the database lost a race or the connection (a failover); before each retry, whether
            // the last attempt was stored after all (committed, only its answer lost): then it is not run again.
            // A retry can neither store twice nor spend twice (one ballot id, one spend per card) nor spend
            // without storing (both in one transaction): the look-up only gives the right answer sooner.
            int[] attempts = {0};
            spent = DatabaseRetry.inTransaction(transaction, status -> openPolls.whileOpen(electionId, () -> {
                attempts[0]++;
                if (ballot.checked()) {
                    // Opened for a check by a racing request: the voter marks again.
                    throw new IllegalStateException("a checked ballot is never cast");
                }
                SpendResult result = tokens.spendInCast(electionId, scannedText);
                if (result.spent()) {
                    ballots.insert(electionId.value(), sealed);
                }
                return result;
            }), () -> storedAfterAll(electionId, sealed));
            if (attempts[0] > 1 && spent == SpendResult.ALREADY_SPENT && storedAfterAll(electionId, sealed).isPresent()) {
                // An earlier attempt of this cast committed, though its answer and the look-up were lost.
                spent = SpendResult.SPENT;
            }
        } catch (DatabaseBusyException e) {
            return new CastOutcome.Refused(BUSY);
        } catch (DatabaseUnavailableException e) {
            return new CastOutcome.Refused(DATABASE_DOWN);
        } catch (UserFacingException e) {
            return new CastOutcome.Refused(POLLS_NOT_OPEN);
        } catch (DataIntegrityViolationException | org.jooq.exception.IntegrityConstraintViolationException e) {
            // A ballot of this id stored since the commitment: the tablet sent one ballot twice. Nothing spent.
            refusals.recordFault(kioskId, electionId, "COPY");
            return new CastOutcome.Refused(FAULT_COPY);
        } catch (org.springframework.dao.DataAccessException | org.jooq.exception.DataAccessException
                | TransactionException e) {
            return inDoubt(electionId, sealed);
        }
        if (haltAfterCommit && spent == SpendResult.SPENT) {
            Runtime.getRuntime().halt(VotingService.HALT_AFTER_CAST_COMMIT_STATUS);
        }
        return switch (spent) {
            case SPENT -> new CastOutcome.Recorded(sealed.trackingCode());
            case NOT_ACTIVATED -> new CastOutcome.Refused(NOT_ACTIVATED);
            case ALREADY_SPENT -> new CastOutcome.Refused(ALREADY_USED);
            case VOID -> new CastOutcome.Refused(VOID);
            case CHECK_ONLY -> new CastOutcome.Refused(CHECK_ONLY);
            case UNKNOWN -> new CastOutcome.Refused(refusals.wrong(kioskId, electionId, UNKNOWN_CODE));
            case OTHER_CONFERENCE -> new CastOutcome.Refused(refusals.wrong(kioskId, electionId, OTHER_CONFERENCE));
        };
    }

    /**
     * The transaction failed, perhaps only its answer was lost: the spend and the ballot commit together, so
     * the ballot's presence says which. If even that cannot be read, the voter tries again; a card that was in
     * fact spent then reads "already used", and its ballot is in the count.
     */
    private CastOutcome inDoubt(ElectionId electionId, SealedBallot sealed) {
        try {
            Boolean stored = reading.execute(status -> ballots.exists(electionId.value(), sealed.id()));
            return Boolean.TRUE.equals(stored) ? new CastOutcome.Recorded(sealed.trackingCode())
                    : new CastOutcome.Refused(TRY_AGAIN);
        } catch (RuntimeException e) {
            return new CastOutcome.Refused(TRY_AGAIN);
        }
    }

    /** For a retry: whether this ballot is in the box after all (the previous attempt committed); empty if unknown. */
    private Optional<SpendResult> storedAfterAll(ElectionId electionId, SealedBallot sealed) {
        try {
            return Boolean.TRUE.equals(reading.execute(status -> ballots.exists(electionId.value(), sealed.id())))
                    ? Optional.of(SpendResult.SPENT) : Optional.empty();
        } catch (RuntimeException unknown) {
            // The retry runs anyway: it cannot store twice, and it finds the card spent if the first one counted.
            return Optional.empty();
        }
    }
}
