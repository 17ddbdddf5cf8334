package vn.tinnhiem.voting;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.SpendResult;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.internal.BallotRepository;
import vn.tinnhiem.voting.internal.WrongCodes;

/**
 * Casting a ballot from an enrolled tablet. The kiosk module authorises the tablet and passes its id; this
 * service needs no staff session and checks no role.
 *
 * <p>A cast seals the marks first, outside any transaction (the slow part, a few milliseconds), then in one
 * short transaction under {@link ElectionService#whileOpen} spends the card and stores the sealed ballot:
 * both or neither. Of many casts of one card (a double tap, a retry, two tablets) exactly one spends it; the
 * others read "already used". The marks are zeroed whatever happens, and nothing on the casting path writes
 * a log line or an audit entry (docs/architecture.md, "Voter-side tables", rule 5): the only audit entry
 * here is the staff alarm for a burst of wrong codes from one tablet, which carries no code.
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
    private final ElectionService elections;
    private final TokenService tokens;
    private final BallotRepository ballots;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final TransactionTemplate reading;
    private final WrongCodes wrongCodes;
    private final SecureRandom random = new SecureRandom();
    /**
     * Sealing is pure CPU: at most one seal per core at a time, first come first served, so a burst of casts
     * is sealed in the order it arrived instead of all of them slowing each other down (the tail latency).
     */
    private final Semaphore sealing = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    /**
     * Per conference, what its manifest gives: the sealer and the form. A manifest is fixed once the polls open
     * (OPEN only moves on to CLOSED), and an entry is made only from the manifest of an OPEN conference, keyed
     * by its hash; the cast's own transaction still checks that the polls are open.
     */
    private final Map<Long, Prepared> prepared = new ConcurrentHashMap<>();

    private record Prepared(String manifestHash, BallotSealer sealer, BallotForm form, int candidates, int levels) {}

    VotingService(CeremonyService ceremony, ElectionService elections, TokenService tokens, BallotRepository ballots,
            AuditLog audit, PlatformTransactionManager transactions, Clock clock) {
        this.ceremony = ceremony;
        this.elections = elections;
        this.tokens = tokens;
        this.ballots = ballots;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.wrongCodes = new WrongCodes(clock);
    }

    /** The ballot a kiosk shows: present only while the polls are OPEN under a checked key. */
    public Optional<BallotForm> form(long electionId) {
        return refresh(electionId).map(Prepared::form);
    }

    /**
     * Before the ballot is shown: whether the scanned or typed card may vote here now. Changes nothing, except
     * that a wrong code (unknown, another conference's, a typo) counts against the tablet: after five within a
     * minute it must wait, longer each time, and the burst is reported once to the audit log (no code in it).
     */
    public Admission admit(String kioskId, long electionId, String scannedText) {
        OptionalInt wait = wrongCodes.secondsToWait(kioskId);
        if (wait.isPresent()) {
            return new Admission.Refused(TOO_MANY_ATTEMPTS, wait.getAsInt());
        }
        if (refresh(electionId).isEmpty()) {
            return new Admission.Refused(POLLS_NOT_OPEN);
        }
        CardCheck card = tokens.check(electionId, scannedText);
        return switch (card) {
            case ACTIVATED -> new Admission.Admitted();
            case PRINTED -> new Admission.Refused(NOT_ACTIVATED);
            case SPENT -> new Admission.Refused(ALREADY_USED);
            case VOID -> new Admission.Refused(VOID);
            case UNKNOWN -> new Admission.Refused(wrong(kioskId, electionId, UNKNOWN_CODE));
            case OTHER_CONFERENCE -> new Admission.Refused(wrong(kioskId, electionId, OTHER_CONFERENCE));
        };
    }

    /**
     * Casts the marks for the card: seals them, then in one transaction spends the card and stores the sealed
     * ballot. Closes (zeroes) {@code marks} whatever happens. A failure in flight (the database unreachable, a
     * connection dropped) answers {@code tryAgain} only if nothing was stored; if the ballot turns out to be
     * stored after all, the answer is {@link CastOutcome.Recorded}.
     *
     * @throws IllegalArgumentException if the marks do not fit the conference's ballot (a programming error)
     */
    public CastOutcome cast(String kioskId, long electionId, String scannedText, Marks marks) {
        try {
            OptionalInt wait = wrongCodes.secondsToWait(kioskId);
            if (wait.isPresent()) {
                return new CastOutcome.Refused(TOO_MANY_ATTEMPTS, wait.getAsInt());
            }
            Optional<Prepared> found = cached(electionId);
            if (found.isEmpty()) {
                return new CastOutcome.Refused(POLLS_NOT_OPEN);
            }
            Prepared p = found.get();
            if (marks.candidates() != p.candidates() || marks.levels() != p.levels()) {
                throw new IllegalArgumentException("the marks do not fit this conference's ballot");
            }
            // The sealer owns and zeroes the copy; the marks themselves are zeroed below.
            SealedBallot sealed;
            sealing.acquireUninterruptibly();
            try {
                sealed = p.sealer().seal(marks.copyForSealing());
            } finally {
                sealing.release();
            }
            marks.close();
            SpendResult spent;
            try {
                spent = transaction.execute(status -> elections.whileOpen(electionId, () -> {
                    SpendResult result = tokens.spendInCast(electionId, scannedText);
                    if (result.spent()) {
                        ballots.insert(electionId, sealed);
                    }
                    return result;
                }));
            } catch (UserFacingException e) {
                return new CastOutcome.Refused(POLLS_NOT_OPEN);
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
                case UNKNOWN -> new CastOutcome.Refused(wrong(kioskId, electionId, UNKNOWN_CODE));
                case OTHER_CONFERENCE -> new CastOutcome.Refused(wrong(kioskId, electionId, OTHER_CONFERENCE));
            };
        } finally {
            marks.close();
        }
    }

    /**
     * The ballot box of a conference whose polls are closed, row by row, for the count. Only the tally board
     * and the organiser read it, and only after the close: while the polls are open nobody looks inside.
     */
    @RolesAllowed({"ADMIN", "TELLER"})
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
    @RolesAllowed({"ADMIN", "TELLER"})
    public int storedBallots(long electionId) {
        closed(electionId);
        Integer count = reading.execute(status -> ballots.count(electionId));
        return count == null ? 0 : count;
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
        return Optional.of(prepared.compute(electionId, (id, old) -> old != null && old.manifestHash().equals(hash) ? old
                : new Prepared(hash, new BallotSealer(ElectionContext.of(m), random), formOf(electionId, m),
                        m.candidateCount(), m.levelCount())));
    }

    private static BallotForm formOf(long electionId, Manifest m) {
        return new BallotForm(electionId, m.title(), m.kind(), m.candidates().stream()
                .map(c -> new BallotForm.Entry(c.order(), c.name(), c.position())).toList());
    }

}
