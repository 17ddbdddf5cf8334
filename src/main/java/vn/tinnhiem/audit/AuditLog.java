package vn.tinnhiem.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.internal.AuditRepository;
import vn.tinnhiem.audit.internal.AuditScope;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.database.DatabaseRetry;
import vn.tinnhiem.shared.Roles;

/**
 * Appends staff actions to a hash chain: each entry's hash covers its own fields, a digest of its
 * details and the previous entry's hash, so an edited, inserted or deleted row breaks the chain at
 * that row. Details are typed fields ({@link AuditFields}), stored in one escaped encoding, so no text a
 * person typed can pose as another field; they must never contain secrets or vote content. Entries
 * written before typed fields keep their stored text and still verify.
 *
 * <p>The head also lives outside the database: {@link #anchorAfterCommit} writes it to the anchor file
 * once a caller's transaction has committed (every lifecycle step does), and a scheduled task does so
 * every few minutes when it moved. {@link #verifyChain} compares the log with every anchor, so a log cut
 * at its tail, rewritten up to its end or restored from an older copy is found and named.
 */
@Service
public class AuditLog {

    public static final String GENESIS = "0".repeat(64);
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditRepository repository;
    private final Clock clock;
    private final AuditReaders readers;
    private final AuditAnchoring anchoring;
    private final ChainVerifier verifier;
    private final TransactionTemplate ownTransaction;

    AuditLog(AuditRepository repository, Clock clock, PlatformTransactionManager transactions, AuditReaders readers,
            AuditAnchoring anchoring, ChainVerifier verifier) {
        this.repository = repository;
        this.readers = readers;
        this.clock = clock;
        this.anchoring = anchoring;
        this.verifier = verifier;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records an action by the signed-in user (or "system"), in the caller's transaction. */
    @Transactional
    public AuditEntry record(String action, String subject, AuditFields fields) {
        return recordAs(currentActor(), action, subject, fields);
    }

    @Transactional
    public AuditEntry recordAs(String actor, String action, String subject, AuditFields fields) {
        return append(actor, action, subject, fields.encode());
    }

    /** Appends the details exactly as given: only ever the typed fields' encoding, from the methods above. */
    private AuditEntry append(String actor, String action, String subject, String details) {
        String previous = repository.lockHead().hash();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String digest = AuditHashes.digest(details);
        long id = repository.insertPending(at, actor, action, subject, details, digest, previous);
        String hash = AuditHashes.entryHash(id, at, actor, action, subject, digest, previous);
        repository.complete(id, hash);
        return new AuditEntry(id, at, actor, action, subject, details, digest, previous, hash);
    }

    /** A refusal by the signed-in user (or "system"): see {@link #recordRefusalAs}. */
    public void recordRefusal(String action, String subject, AuditFields fields) {
        recordRefusalAs(currentActor(), action, subject, fields);
    }

    /**
     * Records a refusal so that it survives the refusal itself. The caller is about to throw, and its
     * transaction (if any) will roll back with everything written in it; so the entry is written in a
     * transaction of its own once the caller's has ended, committed or not. By then the caller's
     * database locks are released, so this write can never wait on a lock its caller holds. Without a
     * transaction around it, it is written at once.
     */
    public void recordRefusalAs(String actor, String action, String subject, AuditFields fields) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            writeAlone(actor, action, subject, fields);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                writeAlone(actor, action, subject, fields);
            }
        });
    }

    private void writeAlone(String actor, String action, String subject, AuditFields fields) {
        try {
            // Every refusal writes to the chain's head, so two at once may deadlock, or on a cluster fail Galera's
            // certification: retried, or the refusal would be lost. A connection lost at the commit is not retried
            // (the entry may be in; a second would record one refusal twice).
            DatabaseRetry.inTransaction(ownTransaction, tx -> append(actor, action, subject, fields.encode()));
        } catch (RuntimeException e) {
            // The refusal itself still reaches the user; the log line names the action, never details.
            log.error("Could not record the refusal {} for {}: {}", action, subject, e.toString());
        }
    }

    /**
     * The newest entries the signed-in reader may see (a supervisor: their conferences', names hidden), newest
     * first. The server's reader of the live figures reads them all: see {@link AuditReaders}.
     */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<AuditEntry> newest(int limit) {
        AuditScope scope = readers.current();
        return shown(scope, repository.newest(scope, limit));
    }

    /**
     * The newest entry of an action about a subject ("election:7"), with its number, its hash and its fields
     * ({@link AuditEntry#fields()}): what a step reads back of an earlier one. Empty if there is none, or if
     * a supervisor may not see it.
     */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
    @Transactional(readOnly = true)
    public Optional<AuditEntry> latest(String action, String subject) {
        AuditScope scope = readers.current();
        return repository.latest(scope, action, subject).map(e -> scope.hideNames() ? e.withoutNames() : e);
    }

    /**
     * Every entry of these actions about a subject, oldest first: what a check replays against the tables (the
     * conference's audited lifecycle, the desk's anchored counts). Names hidden from a supervisor, as everywhere.
     */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<AuditEntry> history(String subject, java.util.Collection<String> actions) {
        AuditScope scope = readers.current();
        return shown(scope, repository.history(scope, subject, actions));
    }

    /**
     * Newest first, a page at a time; a conference's title finds every entry about that conference. A
     * supervisor finds only their conferences' entries, names hidden, and their text finds actors, subjects
     * and titles, never words inside the details (a hit there would tell a hidden name).
     */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public List<AuditEntry> search(AuditSearch search, int offset, int limit) {
        AuditScope scope = readers.current();
        List<String> subjects = search.text().isBlank() ? List.of()
                : subjectNames().entrySet().stream()
                        .filter(e -> e.getValue().toLowerCase(Locale.ROOT).contains(search.text().toLowerCase(Locale.ROOT)))
                        .map(Map.Entry::getKey).toList();
        return shown(scope,
                repository.search(scope, search.text(), search.actor(), search.action(), subjects, offset, limit));
    }

    private static List<AuditEntry> shown(AuditScope scope, List<AuditEntry> entries) {
        return scope.hideNames() ? entries.stream().map(AuditEntry::withoutNames).toList() : entries;
    }

    /** Everyone who appears in the entries the reader may see, for the screen's filter. */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public List<String> actors() {
        return repository.actors(readers.current());
    }

    /** Every action that appears in the entries the reader may see, for the screen's filter. */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public List<String> actions() {
        return repository.actions(readers.current());
    }

    /**
     * A name for each conference subject ("election:7"), as the log itself last recorded its title: the
     * log reads in words without asking the election module, which depends on this one. A supervisor gets
     * the titles of their own conferences only (they see those titles on their home page).
     */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
    @Transactional(readOnly = true)
    public Map<String, String> subjectNames() {
        AuditScope scope = readers.current();
        Map<String, String> names = new HashMap<>();
        for (var r : repository.subjectDetails(List.of("election.create", "election.update"))) {
            String title = AuditFields.decode("election.update", r.value2()).get("title").orElse("");
            if (!title.isBlank() && scope.covers(r.value1())) {
                names.put(r.value1(), title);
            }
        }
        return names;
    }

    /** How many entries the chain holds and the hash of the newest: what an anchor or the minutes record. */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
    @Transactional(readOnly = true)
    public AuditHead head() {
        return repository.head();
    }

    /**
     * Writes the head to the anchor file once the caller's transaction has committed, so the anchor holds
     * the caller's own entries and never one that is rolled back. Call it inside the transaction of a step
     * worth anchoring (a lifecycle step), after its {@code record}. Without a transaction, anchors at once.
     * A failure to write the file is logged, never thrown: the step itself has already happened.
     */
    public void anchorAfterCommit(String reason) {
        anchoring.anchorAfterCommit(reason);
    }

    /**
     * Re-hashes every entry from the first, streaming the log, and compares it with the head row and
     * with every anchor in the anchor file. The first entry that does not hold is named; so is every
     * anchor the log contradicts: entries missing after it, a different hash at its position, or a log
     * that is exactly an older anchored state.
     */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
    @Transactional(readOnly = true)
    public ChainCheck verifyChain() {
        return verifier.verify();
    }

    static String currentActor() {
        return CurrentStaff.username().orElse("system");
    }
}
