package vn.tinnhiem.voting;

import static vn.tinnhiem.voting.VotingService.ALREADY_USED;
import static vn.tinnhiem.voting.VotingService.BUSY;
import static vn.tinnhiem.voting.VotingService.DATABASE_DOWN;
import static vn.tinnhiem.voting.VotingService.NOT_ACTIVATED;
import static vn.tinnhiem.voting.VotingService.OTHER_CONFERENCE;
import static vn.tinnhiem.voting.VotingService.TRY_AGAIN;
import static vn.tinnhiem.voting.VotingService.UNKNOWN_CODE;
import static vn.tinnhiem.voting.VotingService.VOID;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.transaction.TransactionException;

import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.DatabaseBusyException;
import vn.tinnhiem.shared.database.DatabaseFailure;
import vn.tinnhiem.shared.database.DatabaseUnavailableException;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.voting.internal.WrongCodes;

/**
 * The voter's words for what went wrong, and the two staff alarms a refusal may raise: a burst of wrong codes
 * from one tablet and a tablet fault. Both audit entries name the tablet, never a code, a card or a ballot; no
 * log line is written (docs/architecture.md, "Voter-side tables", rule 5).
 */
final class VoterRefusals {

    /** The audit action of a tablet fault; subject "kiosk:&lt;id&gt;", fields check and election. */
    static final String KIOSK_FAULT_ACTION = "voting.kioskFault";

    private final AuditLog audit;
    private final WrongCodes wrongCodes;

    VoterRefusals(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.wrongCodes = new WrongCodes(clock);
    }

    /** Seconds the tablet must still wait after a burst of wrong codes, if it must. */
    OptionalInt secondsToWait(String kioskId) {
        return wrongCodes.secondsToWait(kioskId);
    }

    /**
     * Why the card may not vote or check here, or empty when it may (activated, or a check card). A wrong code
     * counts against the tablet.
     */
    Optional<String> ofCard(String kioskId, ElectionId electionId, CardCheck card) {
        return Optional.ofNullable(switch (card) {
            case ACTIVATED, CHECK -> null;
            case PRINTED -> NOT_ACTIVATED;
            case SPENT -> ALREADY_USED;
            case VOID -> VOID;
            case UNKNOWN -> wrong(kioskId, electionId, UNKNOWN_CODE);
            case OTHER_CONFERENCE -> wrong(kioskId, electionId, OTHER_CONFERENCE);
        });
    }

    /** A wrong code read by the tablet: counted, and a burst audited once (the count, no code). */
    String wrong(String kioskId, ElectionId electionId, String reason) {
        int burst = wrongCodes.wrong(kioskId);
        if (burst > 0) {
            audit.recordRefusal("voting.wrongCodes", "kiosk:" + kioskId, AuditFields.of("count", burst).with("election", electionId));
        }
        return reason;
    }

    /** A tablet fault: audited (which tablet, which check, which conference; never the ballot or the card). */
    void recordFault(String kioskId, ElectionId electionId, String check) {
        audit.recordRefusal(KIOSK_FAULT_ACTION, "kiosk:" + kioskId,
                AuditFields.of("check", check).with("election", electionId));
    }

    /** Wrong codes per kiosk id since the server started. */
    Map<String, Integer> wrongCodeCounts() {
        return wrongCodes.totals();
    }

    /**
     * The voter's words for a database failure on a path that stores nothing: busy (lost a race, or a connection
     * dropped: press again), or down; empty if the failure is not the database's.
     */
    static Optional<String> ofDatabase(RuntimeException e) {
        if (e instanceof DatabaseBusyException) {
            return Optional.of(BUSY);
        }
        if (e instanceof DatabaseUnavailableException) {
            return Optional.of(DATABASE_DOWN);
        }
        if (e instanceof UserFacingException) {
            return Optional.empty();
        }
        return switch (DatabaseFailure.of(e)) {
            case UNAVAILABLE -> Optional.of(DATABASE_DOWN);
            case CONFLICT, CONNECTION_LOST -> Optional.of(TRY_AGAIN);
            case NONE -> e instanceof org.springframework.dao.DataAccessException
                    || e instanceof org.jooq.exception.DataAccessException || e instanceof TransactionException
                    ? Optional.of(TRY_AGAIN) : Optional.empty();
        };
    }
}
