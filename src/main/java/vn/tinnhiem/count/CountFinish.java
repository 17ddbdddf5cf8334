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
import vn.tinnhiem.crypto.Counts;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;

/**
 * The end of the count: the partial decryptions combined into the counts, stored with the record's hash, and the
 * conference TALLIED. Its lock story: {@link #finish} takes the conference's row lock first; the unsealing calls
 * {@link #countIfEnough} with that lock already held, after the k-th partial.
 */
@Service
public class CountFinish {

    private final Lifecycle lifecycle;
    private final Milestones milestones;
    private final OpenPolls openPolls;
    private final CountRepository repository;
    private final CountGuards guards;
    private final ElectionRecordContent record;
    private final AuditLog audit;
    private final Clock clock;

    CountFinish(Lifecycle lifecycle, Milestones milestones, OpenPolls openPolls, CountRepository repository, CountGuards guards,
            ElectionRecordContent record, AuditLog audit, Clock clock) {
        this.lifecycle = lifecycle;
        this.milestones = milestones;
        this.openPolls = openPolls;
        this.repository = repository;
        this.guards = guards;
        this.record = record;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Makes the counts from the partial decryptions accepted so far: refused, with the reason, below k (or
     * when the box is empty, makes zeros at once). The count is then final and the conference TALLIED.
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public void finish(ElectionId electionId) {
        openPolls.lockFirst(electionId);
        guards.onBoard(electionId);
        guards.closed(electionId);
        if (repository.box(electionId.value()).isEmpty()) {
            throw new UserFacingException("count.error.boxFirst");
        }
        if (!countIfEnough(electionId)) {
            int have = repository.partials(electionId.value()).size();
            int k = guards.manifest(electionId).k();
            audit.recordRefusal("count.finishRefused", CountGuards.subject(electionId), AuditFields.of("have", have).with("k", k));
            throw new UserFacingException("count.error.tooFew", have, k, k - have);
        }
    }

    /** Combines; false if fewer than k good partials. Stores the counts and moves the conference on. */
    boolean countIfEnough(ElectionId electionId) {
        if (repository.result(electionId.value()).isPresent()) {
            throw new UserFacingException("count.error.alreadyCounted");
        }
        Manifest manifest = guards.manifest(electionId);
        ElectionContext ctx = ElectionContext.of(manifest);
        CountRepository.BoxRow box = repository.box(electionId.value()).orElseThrow();
        Counts counts;
        if (box.tally() == null) {
            counts = Counts.noBallots(ctx);
        } else {
            EncryptedTally tally = EncryptedTally.decode(box.tally());
            List<PartialDecryption> partials = repository.partials(electionId.value()).stream()
                    .map(p -> PartialDecryption.decode(p.encoded())).toList();
            Decryption.Outcome outcome = Decryption.combine(ctx, tally, partials);
            if (!(outcome instanceof Decryption.Decrypted decrypted)) {
                return false;
            }
            counts = decrypted.counts();
        }
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        repository.insertResult(electionId.value(), new CountRepository.ResultRow(now, levelCounts(counts), "0".repeat(64),
                "0".repeat(64)));
        // The record holds the results but not its own hash: written once the results are stored.
        String recordHash = record.hash(electionId);
        repository.setRecordHash(electionId.value(), recordHash);
        milestones.recordCounted(electionId, recordHash);
        lifecycle.moveTo(electionId, ElectionStatus.TALLIED);
        var entry = audit.record("count.counted", CountGuards.subject(electionId), AuditFields.of("ballots", counts.ballots())
                .with("record", recordHash));
        repository.setAuditHead(electionId.value(), entry.entryHash());
        return true;
    }

    /** "h,m,l;h,m,l;..." per candidate in ballot order. */
    private static String levelCounts(Counts counts) {
        return String.join(";", counts.candidates().stream()
                .map(c -> String.join(",", c.levels().stream().map(String::valueOf).toList())).toList());
    }
}
