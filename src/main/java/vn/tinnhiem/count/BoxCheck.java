package vn.tinnhiem.count;

import jakarta.annotation.security.RolesAllowed;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.crypto.BallotBox;
import vn.tinnhiem.crypto.BallotFailure;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.voting.StoredBallot;
import vn.tinnhiem.voting.VotingService;
import vn.tinnhiem.count.internal.BoxColumns;

/**
 * The check of the ballot box after the close: every proof, copies counted once, the box against the cards spent
 * and against what the close sealed. Its lock story: none held while it checks (minutes for a large box, outside
 * any transaction); the verdict is stored in a short transaction of its own that keeps the first verdict if two
 * checks race.
 */
@Service
public class BoxCheck {

    private final VotingService voting;
    private final CountRepository repository;
    private final CountGuards guards;
    private final StoredCount stored;
    private final BoxTampering tampering;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final SecureRandom random = new SecureRandom();

    BoxCheck(VotingService voting, CountRepository repository, CountGuards guards, StoredCount stored,
            BoxTampering tampering, AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
        this.voting = voting;
        this.repository = repository;
        this.guards = guards;
        this.stored = stored;
        this.tampering = tampering;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The verdict on the box, once checked. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Optional<BoxVerdict> boxVerdict(ElectionId electionId) {
        guards.readable(electionId);
        return stored.verdict(electionId);
    }

    /** How many rows the box holds, for the box check's progress (the rows themselves are read by the check). */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    public int storedBallots(ElectionId electionId) {
        return voting.storedBallots(electionId);
    }

    /**
     * Checks every stored ballot's proofs (in batches, on every core; {@code progress} hears how many are
     * done), sets aside those that fail, counts each copy once, sums the rest and stores the verdict. Done
     * once: a second call returns the first verdict. Runs outside any transaction while it checks.
     */
    @RolesAllowed(Roles.TELLER)
    public BoxVerdict checkBox(ElectionId electionId, IntConsumer progress) {
        guards.onBoard(electionId);
        Optional<BoxVerdict> done = transaction.execute(s -> boxVerdict(electionId));
        if (done != null && done.isPresent()) {
            return done.get();
        }
        guards.closed(electionId);
        ElectionContext ctx = ElectionContext.of(guards.manifest(electionId));
        List<StoredBallot> rows = voting.ballotBox(electionId);
        Map<SealedBallot, StoredBallot> rowOf = new IdentityHashMap<>();
        rows.forEach(r -> rowOf.put(r.ballot(), r));
        BallotBox.Opened opened = BallotBox.open(ctx, rows.stream().map(StoredBallot::ballot).toList(), random, progress);

        List<BoxVerdict.SetAside> setAside = new ArrayList<>();
        for (BallotBox.SetAside s : opened.setAside()) {
            StoredBallot row = rowOf.get(s.ballot());
            setAside.add(new BoxVerdict.SetAside(row.id(), row.trackingCode(),
                    s.check().failures().stream().map(BoxCheck::reason).toList()));
        }
        List<BoxVerdict.Copy> copies = new ArrayList<>();
        for (BallotBox.Copy c : opened.copies()) {
            StoredBallot row = rowOf.get(c.ballot());
            copies.add(new BoxVerdict.Copy(row.id(), row.trackingCode(), c.copyOf(), c.sameId()));
        }
        List<BoxVerdict.Tampering> found = transaction.execute(s -> tampering.tampering(electionId, rows));
        byte[] ids = new byte[16 * opened.counted().size()];
        for (int i = 0; i < opened.counted().size(); i++) {
            System.arraycopy(HexFormat.of().parseHex(opened.counted().get(i).id()), 0, ids, 16 * i, 16);
        }
        EncryptedTally tally = opened.tally();
        CountRepository.BoxRow row = new CountRepository.BoxRow(LocalDateTime.now(clock).withNano(0), opened.stored(),
                ids, BoxColumns.setAside(setAside), BoxColumns.copies(copies), tally == null ? null : tally.encode(),
                BoxColumns.tampering(found == null ? List.of() : found));
        BoxVerdict verdict = transaction.execute(s -> {
            guards.closed(electionId);
            if (repository.box(electionId.value()).isPresent()) {
                return boxVerdict(electionId).orElseThrow();
            }
            repository.insertBox(electionId.value(), row);
            BoxVerdict v = boxVerdict(electionId).orElseThrow();
            String subject = CountGuards.subject(electionId);
            for (BoxVerdict.SetAside a : v.setAside()) {
                audit.record("count.ballotSetAside", subject, AuditFields.of("tracking", a.trackingCode())
                        .with("reasons", String.join(";", a.reasons())));
            }
            for (BoxVerdict.Copy c : v.copies()) {
                audit.record("count.ballotCopied", subject, AuditFields.of("tracking", c.trackingCode())
                        .with("copyOf", c.copyOf()).with("same", c.sameId() ? "id" : "content"));
            }
            for (BoxVerdict.Tampering t : v.tampering()) {
                audit.record("count.tampering", subject, AuditFields.of("kind", t.kind())
                        .with("about", t.about()).with("found", t.found()).with("expected", t.expected()));
            }
            if (v.difference() != 0) {
                audit.record("count.boxMismatch", subject, AuditFields.of("counted", v.counted())
                        .with("spent", v.spentCards()).with("difference", v.difference()));
            }
            audit.record("count.boxChecked", subject, AuditFields.of("stored", v.stored())
                    .with("counted", v.counted()).with("setAside", v.setAside().size()).with("copies", v.copies().size()));
            return v;
        });
        return verdict;
    }

    private static String reason(BallotFailure f) {
        // One word per failure (no spaces): it goes into the audit log's key=value details as it is.
        return f.part().name() + (f.candidate() >= 0 ? "/c" + (f.candidate() + 1) : "")
                + (f.level() >= 0 ? "/l" + (f.level() + 1) : "");
    }
}
