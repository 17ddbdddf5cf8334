package vn.tinnhiem.count;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.count.internal.RecordWriter;
import vn.tinnhiem.crypto.Counts;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.voting.VotingService;
import vn.tinnhiem.count.internal.BoxColumns;

/**
 * The count's stored rows read back as the public types the steps answer with: the box's verdict, the cards
 * spent as the close sealed them, the result table, the opened (checked) ballots. No checks of who asks: the
 * services that call it have made them.
 */
@Component
class StoredCount {

    private final CountRepository repository;
    private final CountGuards guards;
    private final VotingService voting;
    private final AuditLog audit;

    StoredCount(CountRepository repository, CountGuards guards, VotingService voting, AuditLog audit) {
        this.repository = repository;
        this.guards = guards;
        this.voting = voting;
        this.audit = audit;
    }

    /** The verdict on the box, once checked, with the cards spent as the close sealed them. */
    Optional<BoxVerdict> verdict(ElectionId electionId) {
        int spent = sealedSpent(electionId,
                repository.closing(electionId.value()).map(CountRepository.Closing::cardsSpent).orElse(0));
        return repository.box(electionId.value()).map(b -> verdict(b, spent));
    }

    /** The cards spent as the close's audit entry carries them (the poll_closing row could be rewritten). */
    int sealedSpent(ElectionId electionId, int fallback) {
        return audit.latest("count.closed", CountGuards.subject(electionId)).flatMap(e -> e.fields().get("spent"))
                .map(Integer::valueOf).orElse(fallback);
    }

    /**
     * The ballots voters and supervisors opened to check a tablet (docs/protocol.md 5.6), as stored: each sealed
     * ballot and its opening. They are not in the box and never counted; the record publishes them and the
     * minutes give their number.
     */
    List<RecordWriter.Checked> checkedBallots(ElectionId electionId) {
        return voting.checkedBallots(electionId).stream()
                .map(x -> new RecordWriter.Checked(x.sealed().encode(), x.opening())).toList();
    }

    ResultTable table(ElectionId electionId, CountRepository.ResultRow result) {
        Manifest manifest = guards.manifest(electionId);
        CountRepository.Closing closing = repository.closing(electionId.value()).orElseThrow();
        int ballots = repository.box(electionId.value()).map(b -> b.countedIds().length / 16).orElse(0);
        String[] perCandidate = result.levelCounts().split(";");
        List<Counts.CandidateCount> candidates = new ArrayList<>();
        for (int c = 0; c < perCandidate.length; c++) {
            List<Integer> levels = Arrays.stream(perCandidate[c].split(",")).map(Integer::valueOf).toList();
            int valid = levels.stream().mapToInt(Integer::intValue).sum();
            candidates.add(new Counts.CandidateCount(c, levels, valid, ballots - valid));
        }
        return Results.compute(vn.tinnhiem.election.RuleSet.valueOf(manifest.ruleSet()), manifest.kind(),
                closing.summoned(), closing.cardsActivated(), new Counts(ballots, candidates), manifest.candidates());
    }

    /** The verdict as stored with the box; {@code spent}: the cards spent it is held against. */
    static BoxVerdict verdict(CountRepository.BoxRow b, int spent) {
        return new BoxVerdict(b.stored(), b.countedIds().length / 16, spent, BoxColumns.setAside(b.setAside()),
                BoxColumns.copies(b.copies()), BoxColumns.tampering(b.tampering()), b.checkedAt());
    }
}
