package vn.tinnhiem.voting;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.DatabaseBusyException;
import vn.tinnhiem.shared.database.DatabaseUnavailableException;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.internal.BallotRepository;
import vn.tinnhiem.voting.internal.CheckedBallotRepository;

/**
 * Casting a ballot the tablet sealed, or checking the tablet with it. The kiosk module authorises the tablet and
 * passes its id; this service needs no staff session and checks no role. The server never sees a choice: the
 * tablet's page seals the marks and sends only the sealed ballot (docs/protocol.md 5, issue 18).
 *
 * <p>Three steps. {@link #commit}: the sealed ballot arrives with the card; before anything is spent the server
 * checks the card (as {@link #admit}) and then the tablet's work: the size for the manifest, the manifest hash
 * the tablet sealed for against the OPEN conference's, the tracking code it shows against the one the bytes give,
 * every proof ({@link vn.tinnhiem.crypto.BallotVerifier#verify}), and that no ballot of that id is stored already. What fails there is
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
 *
 * <p>This class is the module's face; each step is its own class: {@link TabletCommitment}, {@link BallotCast},
 * {@link TabletCheck}, with the open manifests they share ({@link OpenManifests}) and the voter's refusals and
 * the staff alarms ({@link VoterRefusals}). The reads of the closed ballot box stay here.
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

    private final Elections elections;
    private final TokenService tokens;
    private final BallotRepository ballots;
    private final CheckedBallotRepository checkedBallots;
    private final TransactionTemplate reading;
    private final OpenManifests manifests;
    private final VoterRefusals refusals;
    private final TabletCommitment commitments;
    private final BallotCast casts;
    private final TabletCheck checks;

    VotingService(CeremonyService ceremony, Elections elections, OpenPolls openPolls, TokenService tokens, BallotRepository ballots,
            CheckedBallotRepository checkedBallots, AuditLog audit, PlatformTransactionManager transactions, Clock clock) {
        this.elections = elections;
        this.tokens = tokens;
        this.ballots = ballots;
        this.checkedBallots = checkedBallots;
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        // Checking proofs and openings is pure CPU: at most one check per core at a time, first come first served,
        // so a burst of commitments is checked in the order it arrived instead of all of them slowing each other
        // down (the tail latency); the proofs of commitments that wait together are checked together (ProofChecks).
        Semaphore verifying = new Semaphore(Runtime.getRuntime().availableProcessors(), true);
        this.manifests = new OpenManifests(ceremony, verifying);
        this.refusals = new VoterRefusals(audit, clock);
        this.commitments = new TabletCommitment(manifests, refusals, elections, tokens, ballots, checkedBallots, reading);
        this.casts = new BallotCast(manifests, refusals, openPolls, tokens, ballots, transaction, reading,
                HALT_AFTER_CAST_COMMIT);
        this.checks = new TabletCheck(manifests, refusals, openPolls, tokens, checkedBallots, transaction, reading,
                verifying);
    }

    /**
     * Whether a refusal leaves the voter's ballot in place to be sent again ("press again"): nothing was stored
     * and the card is still usable, because the database failed rather than the card or the tablet.
     */
    public static boolean mayTryAgain(String reasonKey) {
        return TRY_AGAIN.equals(reasonKey) || BUSY.equals(reasonKey) || DATABASE_DOWN.equals(reasonKey);
    }

    /** The ballot a kiosk shows: present only while the polls are OPEN under a checked key. */
    public Optional<BallotForm> form(ElectionId electionId) {
        return manifests.refresh(electionId).map(OpenManifests.Prepared::form);
    }

    /**
     * Before the ballot is shown: whether the scanned or typed card may vote (or, a check card, check) here now.
     * Changes nothing, except that a wrong code (unknown, another conference's, a typo) counts against the
     * tablet: after five within a minute it must wait, longer each time, and the burst is reported once to the
     * audit log (no code in it).
     */
    public Admission admit(String kioskId, ElectionId electionId, String scannedText) {
        OptionalInt wait = refusals.secondsToWait(kioskId);
        if (wait.isPresent()) {
            return new Admission.Refused(TOO_MANY_ATTEMPTS, wait.getAsInt());
        }
        CardCheck card;
        try {
            if (manifests.refresh(electionId).isEmpty()) {
                return new Admission.Refused(POLLS_NOT_OPEN);
            }
            card = tokens.check(electionId, scannedText);
        } catch (RuntimeException e) {
            return new Admission.Refused(VoterRefusals.ofDatabase(e).orElseThrow(() -> e));
        }
        Optional<String> refused = refusals.ofCard(kioskId, electionId, card);
        return refused.isPresent() ? new Admission.Refused(refused.get()) : new Admission.Admitted(card == CardCheck.CHECK);
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
    public Commitment commit(String kioskId, ElectionId electionId, String scannedText, String manifestHashHex,
            byte[] sealedBallot, String trackingCode) {
        return commitments.commit(kioskId, electionId, scannedText, manifestHashHex, sealedBallot, trackingCode);
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
    public CastOutcome cast(String kioskId, ElectionId electionId, String scannedText, Committed ballot) {
        return casts.cast(kioskId, electionId, scannedText, ballot);
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
    public CheckOutcome check(String kioskId, ElectionId electionId, String scannedText, Committed ballot, byte[] opening) {
        return checks.check(kioskId, electionId, scannedText, ballot, opening);
    }

    /**
     * The checked ballots of a conference whose polls are closed (for the election record and the minutes):
     * each sealed ballot with the opening its tablet revealed. Only after the close, like the ballot box.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    public List<CheckedBallot> checkedBallots(ElectionId electionId) {
        closed(electionId);
        return reading.execute(status -> checkedBallots.all(electionId.value()));
    }

    /**
     * The ballot box of a conference whose polls are closed, row by row, for the count. Only the tally board
     * and the organiser read it, and only after the close: while the polls are open nobody looks inside.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    public List<StoredBallot> ballotBox(ElectionId electionId) {
        closed(electionId);
        return reading.execute(status -> ballots.rows(electionId.value()));
    }

    /**
     * The tracking codes in the box of a closed conference, sorted: published after the close so that every
     * voter can find theirs. No staff role: anyone in the hall may look.
     */
    public List<String> publishedTrackingCodes(ElectionId electionId) {
        closed(electionId);
        // From the sealed bytes, never the column: a column can be changed without touching the ballot.
        return reading.execute(status -> ballots.rows(electionId.value())).stream()
                .map(StoredBallot::trackingCode).sorted().toList();
    }

    /** How many rows the box of a closed conference holds, without reading them. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    public int storedBallots(ElectionId electionId) {
        closed(electionId);
        Integer count = reading.execute(status -> ballots.count(electionId.value()));
        return count == null ? 0 : count;
    }

    private void closed(ElectionId electionId) {
        var status = elections.findForKiosk(electionId).map(e -> e.status())
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (status != vn.tinnhiem.election.ElectionStatus.CLOSED && status != vn.tinnhiem.election.ElectionStatus.TALLIED) {
            throw new UserFacingException("voting.error.notClosed");
        }
    }

    /** Wrong codes per kiosk id since the server started, for the supervision screen. */
    public Map<String, Integer> wrongCodeCounts() {
        return refusals.wrongCodeCounts();
    }
}
