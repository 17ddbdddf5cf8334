package vn.tinnhiem.count;

import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.voting.VotingService;

/**
 * The results of a counted conference: the table under its rule set, and everything the documents print. Reads
 * only, each answer in one read-only transaction.
 */
@Service
public class CountResults {

    private final TallyBoard tallyBoard;
    private final VotingService voting;
    private final CountRepository repository;
    private final CountGuards guards;
    private final StoredCount stored;

    CountResults(TallyBoard tallyBoard, VotingService voting, CountRepository repository, CountGuards guards,
            StoredCount stored) {
        this.tallyBoard = tallyBoard;
        this.voting = voting;
        this.repository = repository;
        this.guards = guards;
        this.stored = stored;
    }

    /** The result table of the rule set, once counted. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Optional<ResultTable> results(ElectionId electionId) {
        guards.readable(electionId);
        return repository.result(electionId.value()).map(r -> stored.table(electionId, r));
    }

    /** Everything the documents print, once counted. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Optional<CountSummary> summary(ElectionId electionId) {
        Election election = guards.readable(electionId);
        Optional<CountRepository.ResultRow> result = repository.result(electionId.value());
        if (result.isEmpty()) {
            return Optional.empty();
        }
        var d = election.details();
        CountRepository.Closing c = repository.closing(electionId.value()).orElseThrow();
        BoxVerdict box = stored.verdict(electionId).orElseThrow();
        // Copies name the counted ballot by id; the minutes name it by tracking code (read only when needed: the
        // box of a large conference is hundreds of megabytes).
        Map<String, String> codeOfId = new java.util.HashMap<>();
        if (!box.copies().isEmpty()) {
            voting.ballotBox(electionId).forEach(r -> codeOfId.put(r.ballot().id(), r.trackingCode()));
        }
        return Optional.of(new CountSummary(
                new CountSummary.Conference(d.title(), d.body(), d.place(), d.startsAt()),
                tallyBoard.tellers(electionId).stream().map(t -> new CountSummary.Teller(t.seat(), t.fullName(), t.head()))
                        .toList(),
                new CountSummary.Closing(c.summoned(), c.present(), c.cardsActivated(), c.cardsSpent(),
                        c.cardsUnspent(), c.cardsVoided(), c.closedAt()),
                new CountSummary.Box(box.stored(), box.counted(),
                        box.setAside().stream().map(a -> new CountSummary.SetAside(a.trackingCode(), a.reasons())).toList(),
                        box.copies().stream().map(x -> new CountSummary.Copy(x.trackingCode(),
                                codeOfId.getOrDefault(x.copyOf(), x.copyOf()))).toList(), box.tampering(),
                        stored.checkedBallots(electionId).size()),
                repository.partials(electionId.value()).stream()
                        .map(p -> new CountSummary.Partial(p.seat(), CountSummary.Path.valueOf(p.path()))).toList(),
                stored.table(electionId, result.get()), result.get().countedAt(),
                new CountSummary.Fingerprints(guards.manifest(electionId).hashHex(), result.get().recordHash(),
                        result.get().auditHead())));
    }
}
