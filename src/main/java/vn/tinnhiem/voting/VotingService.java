package vn.tinnhiem.voting;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotCheck;
import vn.tinnhiem.crypto.BallotOpening;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.DatabaseBusyException;
import vn.tinnhiem.shared.database.DatabaseFailure;
import vn.tinnhiem.shared.database.DatabaseRetry;
import vn.tinnhiem.shared.database.DatabaseUnavailableException;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.SpendResult;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.internal.BallotRepository;
import vn.tinnhiem.voting.internal.CheckedBallotRepository;
import vn.tinnhiem.voting.internal.ProofChecks;
import vn.tinnhiem.voting.internal.WrongCodes;
import vn.tinnhiem.shared.Roles;

/**
 * Casting a ballot the tablet sealed, or checking the tablet with it. The kiosk module authorises the tablet and
 * passes its id; this service needs no staff session and checks no role. The server never sees a choice: the
 * tablet's page seals the marks and sends only the sealed ballot (docs/protocol.md 5, issue 18).
 *
 * <p>Three steps. {@link #commit}: the sealed ballot arrives with the card; before anything is spent the server
 * checks the card (as {@link #admit}) and then the tablet's work: the size for the manifest, the manifest hash
 * the tablet sealed for against the OPEN conference's, the tracking code it shows against the one the bytes give,
 * every proof ({@link BallotVerifier#verify}), and that no ballot of that id is stored already. What fails there is
 * the tablet's fault ({@link Commitment.Faulty}): the voter goes to the desk with a card still usable, and the
 * audit log gets a kiosk fault naming the tablet and the check, never the ballot or the card. Then either
 * {@link #cast}: in one short transaction under {@link OpenPolls#whileOpen}, the card spent and the ballot
 * stored, both or neither; of many casts of one card exactly one spends it. Or {@link #check}: the tablet reveals
 * the ballot's opening, the server confirms it opens the committed ballot and keeps both as a checked ballot
 * (never counted), and the card is not spent.
 *
 * <p>Nothing on these paths writes a log line, and nothing writes an audit entry per ballot or per check
 * (docs/architecture.md, "Voter-side tables", rule 5): the only entries are the staff alarms for a burst of wrong
 * codes and for a tablet fault, which carry no code and no content.
 */
@Service
public class VotingService {

    private static final String REFUSE = "voting.refuse.";
    public static final String UNKNOWN_CODE = REFUSE + "unknownCode";
    public static final String NOT_ACTIVATED = REFUSE + "notActivated";
    public static final String ALREADY_USED = REFUSE + "alreadyUsed";
    public static final String OTHER_CONFERENCE = REFUSE + "otherConference";
    public static final String VOID = REFUSE + "void";
    public static final String POLLS_NOT_OPEN = REFUSE + "pollsNotOpen";
    public static final String TOO_MANY_ATTEMPTS = REFUSE + "tooManyAttempts";
    public static final String TRY_AGAIN = REFUSE + "tryAgain";
    /** The database lost every try to others ({@link DatabaseBusyException}): nothing stored, the card still usable. */
    public static final String BUSY = REFUSE + "busy";
    /** The database is down or has lost its quorum ({@link DatabaseUnavailableException}): nothing stored. */
    public static final String DATABASE_DOWN = REFUSE + "databaseDown";
    /** A check card ({@link CardCheck#CHECK}) offered for a cast: it only checks tablets. */
    public static final String CHECK_ONLY = REFUSE + "checkOnly";

    private static final String FAULT = "voting.fault.";
    /** The sealed ballot is not of the size the manifest gives. */
    public static final String FAULT_SIZE = FAULT + "size";
    /** The tablet sealed for another manifest than the OPEN conference's. */
    public static final String FAULT_MANIFEST = FAULT + "manifest";
    /** The tracking code the tablet shows is not the one the sealed bytes give. */
    public static final String FAULT_TRACKING_CODE = FAULT + "trackingCode";
    /** A proof of the sealed ballot fails (or its bytes are not a ballot). */
    public static final String FAULT_PROOF = FAULT + "proof";
    /** A ballot of that id is stored already (cast or checked): the tablet replays a ballot. */
    public static final String FAULT_COPY = FAULT + "copy";
    /** The tablet's opening does not open the ballot it committed ({@link CheckOutcome.Mismatch}). */
    public static final String FAULT_OPENING = FAULT + "opening";

    /** The audit action of a tablet fault; subject "kiosk:&lt;id&gt;", fields check and election. */
    static final String KIOSK_FAULT_ACTION = "voting.kioskFault";

    /**
     * Test-only fault injection, for the crash test's "committed but never shown" branch: with the JVM started
     * with {@code -Dtinnhiem.fault.halt-after-cast-commit=true}, the process halts (no shutdown hook, like a
     * power cut) right after a cast's transaction commits and before its answer reaches the tablet. Read once
     * when this class loads, from the JVM's own system properties only: no Spring property, environment
     * variable, file or screen can turn it on in a running hall, and a JVM that has it says so at start.
     */
    static final String HALT_AFTER_CAST_COMMIT_PROPERTY = "tinnhiem.fault.halt-after-cast-commit";
    /** The exit status of that halt, so that the test can tell it from any other death. */
    static final int HALT_AFTER_CAST_COMMIT_STATUS = 86;
    private static final boolean HALT_AFTER_CAST_COMMIT = Boolean.getBoolean(HALT_AFTER_CAST_COMMIT_PROPERTY);

    static {
        if (HALT_AFTER_CAST_COMMIT) {
            org.slf4j.LoggerFactory.getLogger(VotingService.class).warn("TEST-ONLY FAULT INJECTION ON (-D{}): this "
                    + "process halts after the first committed cast. Never run a hall like this.",
                    HALT_AFTER_CAST_COMMIT_PROPERTY);
        }
    }

    private final CeremonyService ceremony;
    private final Elections elections;
    private final OpenPolls openPolls;
    private final TokenService tokens;
    private final BallotRepository ballots;
    private final CheckedBallotRepository checkedBallots;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final TransactionTemplate reading;
    private final WrongCodes wrongCodes;
    private final SecureRandom random = new SecureRandom();
    /**
     * Checking proofs and openings is pure CPU: at most one check per core at a time, first come first served, so
     * a burst of commitments is checked in the order it arrived instead of all of them slowing each other down
     * (the tail latency); the proofs of commitments that wait together are checked together ({@link ProofChecks}).
     */
    private final Semaphore verifying = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    /**
     * Per conference, what its manifest gives: the context, the verifier and the form. A manifest is fixed once
     * the polls open (OPEN only moves on to CLOSED), and an entry is made only from the manifest of an OPEN
     * conference, keyed by its hash; the cast's own transaction still checks that the polls are open.
     */
    private final Map<Long, Prepared> prepared = new ConcurrentHashMap<>();

    private record Prepared(String manifestHash, ElectionContext context, ProofChecks proofs, BallotForm form,
            int candidates, int levels) {}

    VotingService(CeremonyService ceremony, Elections elections, OpenPolls openPolls, TokenService tokens,
            BallotRepository ballots,
            CheckedBallotRepository checkedBallots, AuditLog audit, PlatformTransactionManager transactions, Clock clock) {
        this.ceremony = ceremony;
        this.elections = elections;
        this.openPolls = openPolls;
        this.tokens = tokens;
        this.ballots = ballots;
        this.checkedBallots = checkedBallots;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.wrongCodes = new WrongCodes(clock);
    }

    /**
     * Whether a refusal leaves the voter's ballot in place to be sent again ("press again"): nothing was stored
     * and the card is still usable, because the database failed rather than the card or the tablet.
     */
    public static boolean mayTryAgain(String reasonKey) {
        return TRY_AGAIN.equals(reasonKey) || BUSY.equals(reasonKey) || DATABASE_DOWN.equals(reasonKey);
    }

    /** The ballot a kiosk shows: present only while the polls are OPEN under a checked key. */
    public Optional<BallotForm> form(long electionId) {
        return refresh(electionId).map(Prepared::form);
    }

    /**
     * Before the ballot is shown: whether the scanned or typed card may vote (or, a check card, check) here now.
     * Changes nothing, except that a wrong code (unknown, another conference's, a typo) counts against the
     * tablet: after five within a minute it must wait, longer each time, and the burst is reported once to the
     * audit log (no code in it).
     */
    public Admission admit(String kioskId, long electionId, String scannedText) {
        OptionalInt wait = wrongCodes.secondsToWait(kioskId);
        if (wait.isPresent()) {
            return new Admission.Refused(TOO_MANY_ATTEMPTS, wait.getAsInt());
        }
        CardCheck card;
        try {
            if (refresh(electionId).isEmpty()) {
                return new Admission.Refused(POLLS_NOT_OPEN);
            }
            card = tokens.check(electionId, scannedText);
        } catch (RuntimeException e) {
            return new Admission.Refused(databaseRefusal(e).orElseThrow(() -> e));
        }
        return switch (card) {
            case ACTIVATED -> new Admission.Admitted(false);
            case CHECK -> new Admission.Admitted(true);
            case PRINTED -> new Admission.Refused(NOT_ACTIVATED);
            case SPENT -> new Admission.Refused(ALREADY_USED);
            case VOID -> new Admission.Refused(VOID);
            case UNKNOWN -> new Admission.Refused(wrong(kioskId, electionId, UNKNOWN_CODE));
            case OTHER_CONFERENCE -> new Admission.Refused(wrong(kioskId, electionId, OTHER_CONFERENCE));
        };
    }

    /**
     * The tablet's sealed ballot arrives as a commitment: nothing is spent or stored. The card is checked first
     * (as {@link #admit}), then what the tablet sent (see the class): a tablet fault is audited and answered
     * {@link Commitment.Faulty}, the card untouched.
     *
     * @param manifestHashHex the hash of the manifest the tablet sealed for (lower-case hex, as the form gave it)
     * @param sealedBallot the sealed ballot's bytes (docs/protocol.md 5.2)
     * @param trackingCode the tracking code the tablet computed and will show
     */
    public Commitment commit(String kioskId, long electionId, String scannedText, String manifestHashHex,
            byte[] sealedBallot, String trackingCode) {
        OptionalInt wait = wrongCodes.secondsToWait(kioskId);
        if (wait.isPresent()) {
            return new Commitment.Refused(TOO_MANY_ATTEMPTS, wait.getAsInt());
        }
        Optional<Prepared> found;
        @org.jspecify.annotations.Nullable CardCheck card;
        try {
            found = cached(electionId);
            // One read-only transaction: the polls still open, and the card.
            card = found.isEmpty() ? null : reading.execute(status -> pollsOpen(electionId)
                    ? tokens.check(electionId, scannedText) : null);
            if (card == null) {
                return new Commitment.Refused(POLLS_NOT_OPEN);
            }
        } catch (RuntimeException e) {
            return new Commitment.Refused(databaseRefusal(e).orElseThrow(() -> e));
        }
        Prepared p = found.get();
        boolean checkOnly;
        switch (card) {
            case ACTIVATED -> checkOnly = false;
            case CHECK -> checkOnly = true;
            case PRINTED -> {
                return new Commitment.Refused(NOT_ACTIVATED);
            }
            case SPENT -> {
                return new Commitment.Refused(ALREADY_USED);
            }
            case VOID -> {
                return new Commitment.Refused(VOID);
            }
            case UNKNOWN -> {
                return new Commitment.Refused(wrong(kioskId, electionId, UNKNOWN_CODE));
            }
            case OTHER_CONFERENCE -> {
                return new Commitment.Refused(wrong(kioskId, electionId, OTHER_CONFERENCE));
            }
            default -> throw new IllegalStateException();
        }
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
            stored = reading.execute(status -> ballots.exists(electionId, sealed.id())
                    || checkedBallots.exists(electionId, sealed.id()));
        } catch (RuntimeException e) {
            return new Commitment.Refused(databaseRefusal(e).orElseThrow(() -> e));
        }
        if (Boolean.TRUE.equals(stored)) {
            return fault(kioskId, electionId, FAULT_COPY, "COPY");
        }
        return new Commitment.Accepted(new Committed(electionId, p.manifestHash(), sealed), checkOnly);
    }

    /**
     * Casts a committed ballot with the card: in one transaction spends the card and stores the sealed ballot. A
     * failure in flight (the database unreachable, a connection dropped) answers {@code tryAgain} only if nothing
     * was stored; if the ballot turns out to be stored after all, the answer is {@link CastOutcome.Recorded}. A
     * check card is refused ({@link #CHECK_ONLY}).
     *
     * @throws IllegalArgumentException if the ballot was committed for another conference (a programming error)
     * @throws IllegalStateException if the ballot was opened for a check (it can never be cast)
     */
    public CastOutcome cast(String kioskId, long electionId, String scannedText, Committed ballot) {
        if (ballot.electionId() != electionId) {
            throw new IllegalArgumentException("the ballot was committed for another conference");
        }
        if (ballot.checked()) {
            throw new IllegalStateException("a checked ballot is never cast");
        }
        OptionalInt wait = wrongCodes.secondsToWait(kioskId);
        if (wait.isPresent()) {
            return new CastOutcome.Refused(TOO_MANY_ATTEMPTS, wait.getAsInt());
        }
        Optional<Prepared> found = cached(electionId);
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
                    ballots.insert(electionId, sealed);
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
            recordFault(kioskId, electionId, "COPY");
            return new CastOutcome.Refused(FAULT_COPY);
        } catch (org.springframework.dao.DataAccessException | org.jooq.exception.DataAccessException
                | TransactionException e) {
            return inDoubt(electionId, sealed);
        }
        if (HALT_AFTER_CAST_COMMIT && spent == SpendResult.SPENT) {
            Runtime.getRuntime().halt(HALT_AFTER_CAST_COMMIT_STATUS);
        }
        return switch (spent) {
            case SPENT -> new CastOutcome.Recorded(sealed.trackingCode());
            case NOT_ACTIVATED -> new CastOutcome.Refused(NOT_ACTIVATED);
            case ALREADY_SPENT -> new CastOutcome.Refused(ALREADY_USED);
            case VOID -> new CastOutcome.Refused(VOID);
            case CHECK_ONLY -> new CastOutcome.Refused(CHECK_ONLY);
            case UNKNOWN -> new CastOutcome.Refused(wrong(kioskId, electionId, UNKNOWN_CODE));
            case OTHER_CONFERENCE -> new CastOutcome.Refused(wrong(kioskId, electionId, OTHER_CONFERENCE));
        };
    }

    /**
     * Checks the tablet with a committed ballot ("Kiểm tra máy"): the tablet revealed the ballot's
     * {@code opening} (its choices and nonces, docs/protocol.md 5.6). If it opens the committed ballot, both are
     * stored as a checked ballot under {@link OpenPolls#whileOpen} (no card, no tablet, no time) and the
     * voter sees what the tablet sealed; the card is not spent, and the ballot can never be cast. If not, the
     * tablet is at fault: audited, nothing stored ({@link CheckOutcome.Mismatch}). The opening is zeroed here.
     *
     * @throws IllegalArgumentException if the ballot was committed for another conference (a programming error)
     */
    public CheckOutcome check(String kioskId, long electionId, String scannedText, Committed ballot, byte[] opening) {
        try {
            if (ballot.electionId() != electionId) {
                throw new IllegalArgumentException("the ballot was committed for another conference");
            }
            OptionalInt wait = wrongCodes.secondsToWait(kioskId);
            if (wait.isPresent()) {
                return new CheckOutcome.Refused(TOO_MANY_ATTEMPTS, wait.getAsInt());
            }
            Optional<Prepared> found = cached(electionId);
            if (found.isEmpty() || !found.get().manifestHash().equals(ballot.manifestHash())) {
                return new CheckOutcome.Refused(POLLS_NOT_OPEN);
            }
            Prepared p = found.get();
            Optional<CheckOutcome> card;
            try {
                card = checkCard(kioskId, electionId, scannedText);
            } catch (RuntimeException e) {
                return new CheckOutcome.Refused(databaseRefusal(e).orElseThrow(() -> e));
            }
            if (card.isPresent()) {
                return card.get();
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
                recordFault(kioskId, electionId, "OPENING");
                return new CheckOutcome.Mismatch();
            }
            int[] choices = opened.choices();
            try {
                List<String> levels = new ArrayList<>(choices.length);
                for (int choice : choices) {
                    levels.add(choice < 0 ? null : p.form().kind().levels().get(choice));
                }
                ballot.markChecked();
                try {
                    DatabaseRetry.inTransaction(transaction, status -> openPolls.whileOpen(electionId, () -> {
                        if (!checkedBallots.exists(electionId, sealed.id())) {
                            checkedBallots.insert(electionId, sealed, opening);
                        }
                        return Boolean.TRUE;
                    }), () -> checkedAfterAll(electionId, sealed));
                } catch (DatabaseBusyException e) {
                    return new CheckOutcome.Refused(BUSY);
                } catch (DatabaseUnavailableException e) {
                    return new CheckOutcome.Refused(DATABASE_DOWN);
                } catch (UserFacingException e) {
                    return new CheckOutcome.Refused(POLLS_NOT_OPEN);
                } catch (org.springframework.dao.DataAccessException | org.jooq.exception.DataAccessException
                        | TransactionException e) {
                    Boolean stored = null;
                    try {
                        stored = reading.execute(status -> checkedBallots.exists(electionId, sealed.id()));
                    } catch (RuntimeException again) {
                        // unknown: the voter tries again
                    }
                    if (!Boolean.TRUE.equals(stored)) {
                        return new CheckOutcome.Refused(TRY_AGAIN);
                    }
                }
                return new CheckOutcome.Opened(sealed.trackingCode(), levels);
            } finally {
                Arrays.fill(choices, 0);
            }
        } finally {
            Arrays.fill(opening, (byte) 0);
        }
    }

    /** The card for a check: this conference's, and activated or a check card; otherwise why not. */
    private Optional<CheckOutcome> checkCard(String kioskId, long electionId, String scannedText) {
        return Optional.ofNullable(switch (tokens.check(electionId, scannedText)) {
            case ACTIVATED, CHECK -> null;
            case PRINTED -> new CheckOutcome.Refused(NOT_ACTIVATED);
            case SPENT -> new CheckOutcome.Refused(ALREADY_USED);
            case VOID -> new CheckOutcome.Refused(VOID);
            case UNKNOWN -> new CheckOutcome.Refused(wrong(kioskId, electionId, UNKNOWN_CODE));
            case OTHER_CONFERENCE -> new CheckOutcome.Refused(wrong(kioskId, electionId, OTHER_CONFERENCE));
        });
    }

    /** A tablet fault: audited (which tablet, which check, which conference; never the ballot or the card). */
    private Commitment fault(String kioskId, long electionId, String reasonKey, String check) {
        recordFault(kioskId, electionId, check);
        return new Commitment.Faulty(reasonKey);
    }

    private void recordFault(String kioskId, long electionId, String check) {
        audit.recordRefusal(KIOSK_FAULT_ACTION, "kiosk:" + kioskId,
                AuditFields.of("check", check).with("election", electionId));
    }

    /**
     * The checked ballots of a conference whose polls are closed (for the election record and the minutes):
     * each sealed ballot with the opening its tablet revealed. Only after the close, like the ballot box.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    public List<CheckedBallot> checkedBallots(long electionId) {
        closed(electionId);
        return reading.execute(status -> checkedBallots.all(electionId));
    }

    /**
     * The ballot box of a conference whose polls are closed, row by row, for the count. Only the tally board
     * and the organiser read it, and only after the close: while the polls are open nobody looks inside.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    public List<StoredBallot> ballotBox(long electionId) {
        closed(electionId);
        return reading.execute(status -> ballots.rows(electionId));
    }

    /**
     * The tracking codes in the box of a closed conference, sorted: published after the close so that every
     * voter can find theirs. No staff role: anyone in the hall may look.
     */
    public List<String> publishedTrackingCodes(long electionId) {
        closed(electionId);
        // From the sealed bytes, never the column: a column can be changed without touching the ballot.
        return reading.execute(status -> ballots.rows(electionId)).stream()
                .map(StoredBallot::trackingCode).sorted().toList();
    }

    /** How many rows the box of a closed conference holds, without reading them. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    public int storedBallots(long electionId) {
        closed(electionId);
        Integer count = reading.execute(status -> ballots.count(electionId));
        return count == null ? 0 : count;
    }

    /** Whether the polls are open now (one read; the cast's and the check's transactions hold the real seam). */
    private boolean pollsOpen(long electionId) {
        return elections.findForKiosk(electionId).map(e -> e.status() == vn.tinnhiem.election.ElectionStatus.OPEN)
                .orElse(false);
    }

    private void closed(long electionId) {
        var status = elections.findForKiosk(electionId).map(e -> e.status())
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (status != vn.tinnhiem.election.ElectionStatus.CLOSED && status != vn.tinnhiem.election.ElectionStatus.TALLIED) {
            throw new UserFacingException("voting.error.notClosed");
        }
    }

    /** Wrong codes per kiosk id since the server started, for the supervision screen. */
    public Map<String, Integer> wrongCodeCounts() {
        return wrongCodes.totals();
    }

    /**
     * The transaction failed, perhaps only its answer was lost: the spend and the ballot commit together, so
     * the ballot's presence says which. If even that cannot be read, the voter tries again; a card that was in
     * fact spent then reads "already used", and its ballot is in the count.
     */
    private CastOutcome inDoubt(long electionId, SealedBallot sealed) {
        try {
            Boolean stored = reading.execute(status -> ballots.exists(electionId, sealed.id()));
            return Boolean.TRUE.equals(stored) ? new CastOutcome.Recorded(sealed.trackingCode())
                    : new CastOutcome.Refused(TRY_AGAIN);
        } catch (RuntimeException e) {
            return new CastOutcome.Refused(TRY_AGAIN);
        }
    }

    /** For a retry: whether this ballot is in the box after all (the previous attempt committed); empty if unknown. */
    private Optional<SpendResult> storedAfterAll(long electionId, SealedBallot sealed) {
        try {
            return Boolean.TRUE.equals(reading.execute(status -> ballots.exists(electionId, sealed.id())))
                    ? Optional.of(SpendResult.SPENT) : Optional.empty();
        } catch (RuntimeException unknown) {
            // The retry runs anyway: it cannot store twice, and it finds the card spent if the first one counted.
            return Optional.empty();
        }
    }

    private Optional<Boolean> checkedAfterAll(long electionId, SealedBallot sealed) {
        try {
            return Boolean.TRUE.equals(reading.execute(status -> checkedBallots.exists(electionId, sealed.id())))
                    ? Optional.of(Boolean.TRUE) : Optional.empty();
        } catch (RuntimeException unknown) {
            return Optional.empty();
        }
    }

    /**
     * The voter's words for a database failure on a path that stores nothing: busy (lost a race, or a connection
     * dropped: press again), or down; empty if the failure is not the database's.
     */
    private static Optional<String> databaseRefusal(RuntimeException e) {
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

    private String wrong(String kioskId, long electionId, String reason) {
        int burst = wrongCodes.wrong(kioskId);
        if (burst > 0) {
            audit.recordRefusal("voting.wrongCodes", "kiosk:" + kioskId, AuditFields.of("count", burst).with("election", electionId));
        }
        return reason;
    }

    private Optional<Prepared> cached(long electionId) {
        Prepared p = prepared.get(electionId);
        return p != null ? Optional.of(p) : refresh(electionId);
    }

    /** Reads the OPEN conference's manifest and (re)builds its entry if the manifest hash changed. */
    private Optional<Prepared> refresh(long electionId) {
        Optional<Manifest> manifest = ceremony.openManifest(electionId);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        Manifest m = manifest.get();
        String hash = m.hashHex();
        return Optional.of(prepared.compute(electionId, (id, old) -> {
            if (old != null && old.manifestHash().equals(hash)) {
                return old;
            }
            ElectionContext context = ElectionContext.of(m);
            return new Prepared(hash, context, new ProofChecks(new BallotVerifier(context, random), verifying),
                    formOf(electionId, m, hash),
                    m.candidateCount(), m.levelCount());
        }));
    }

    private static BallotForm formOf(long electionId, Manifest m, String hash) {
        return new BallotForm(electionId, m.title(), m.kind(), m.candidates().stream()
                .map(c -> new BallotForm.Entry(c.order(), c.name(), c.position())).toList(), m.toJson(), hash);
    }

}
