package vn.tinnhiem.count;

import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.election.Attendance;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.database.RetriedWhenBusy;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.VotingService;
import vn.tinnhiem.shared.files.Sha256;

/**
 * The close of the polls: quorum and cards frozen, the box sealed by the digest of its tracking codes. Its lock
 * story: the close takes the conference's row lock first, so every cast, tick and activation in flight is wholly
 * before it or refused after it.
 */
@Service
public class PollsClose {

    /** The audit entry that carries the sorted tracking codes sealed at the close. */
    static final String CODES_ACTION = "count.trackingCodes";

    private final DeskPresence deskPresence;
    private final Lifecycle lifecycle;
    private final Milestones milestones;
    private final OpenPolls openPolls;
    private final TokenService tokens;
    private final VotingService voting;
    private final CountRepository repository;
    private final CountGuards guards;
    private final AuditLog audit;
    private final Clock clock;

    PollsClose(DeskPresence deskPresence, Lifecycle lifecycle, Milestones milestones, OpenPolls openPolls, TokenService tokens, VotingService voting, CountRepository repository,
            CountGuards guards, AuditLog audit, Clock clock) {
        this.deskPresence = deskPresence;
        this.lifecycle = lifecycle;
        this.milestones = milestones;
        this.openPolls = openPolls;
        this.tokens = tokens;
        this.voting = voting;
        this.repository = repository;
        this.guards = guards;
        this.audit = audit;
        this.clock = clock;
    }

    /** Live while the polls are open; frozen as they were at the close afterwards. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public ClosingFigures closingFigures(ElectionId electionId) {
        guards.readable(electionId);
        return repository.closing(electionId.value()).map(PollsClose::figures).orElseGet(() -> live(electionId));
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
    public ClosingFigures close(ElectionId electionId) {
        // The lock first: it waits for every cast, tick and activation in flight, and the figures read after it
        // hold all that committed meanwhile. A read before it would fix a snapshot that misses them.
        openPolls.lockFirst(electionId);
        guards.onBoard(electionId);
        lifecycle.moveTo(electionId, ElectionStatus.CLOSED);
        ClosingFigures live = live(electionId);
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        repository.insertClosing(electionId.value(), new CountRepository.Closing(now, live.summoned(), live.present(),
                live.cardsActivated(), live.cardsSpent(), live.cardsUnspent(), live.cardsVoided()));
        List<String> codes = voting.publishedTrackingCodes(electionId);
        String digest = Sha256.hex(String.join("\n", codes));
        milestones.recordPollsClosed(electionId, digest);
        String subject = CountGuards.subject(electionId);
        // The desk's counts at the close, the last of their anchors (DeskCounts), with the box's size and seal.
        audit.record("count.closed", subject, AuditFields.of("summoned", live.summoned())
                .with("present", live.present()).with("quorum", live.quorumMet()).with("activated", live.cardsActivated())
                .with("spent", live.cardsSpent()).with("unspent", live.cardsUnspent()).with("voided", live.cardsVoided())
                .with("digest", digest).with("ballots", codes.size()).with("closedAt", now));
        // Chained right after, in the same transaction: the sorted codes themselves (public from now on), so the
        // box check names each ballot removed or added since, not only a digest that no longer matches. Apart
        // from the close's entry so that entry stays a line a person reads; its digest binds the two.
        audit.record(CODES_ACTION, subject, AuditFields.of("ballots", codes.size())
                .with("digest", digest).with("codes", String.join(",", codes)));
        return closingFigures(electionId);
    }

    private ClosingFigures live(ElectionId electionId) {
        Attendance attendance = deskPresence.attendance(electionId);
        CardCounts cards = tokens.counts(electionId);
        return new ClosingFigures(attendance.summoned(), attendance.present(), cards.handedOut(), cards.spent(),
                cards.activated(), cards.voided(), null);
    }

    private static ClosingFigures figures(CountRepository.Closing c) {
        return new ClosingFigures(c.summoned(), c.present(), c.cardsActivated(), c.cardsSpent(), c.cardsUnspent(),
                c.cardsVoided(), c.closedAt());
    }
}
