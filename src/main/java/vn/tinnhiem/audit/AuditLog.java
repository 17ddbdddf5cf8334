package vn.tinnhiem.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

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
import vn.tinnhiem.shared.CurrentStaff;

/**
 * Appends staff actions to a hash chain: each entry's hash covers its own fields, a digest of its
 * details and the previous entry's hash, so an edited, inserted or deleted row breaks the chain at
 * that row. Details must never contain secrets or vote content.
 */
@Service
public class AuditLog {

    public static final String GENESIS = "0".repeat(64);
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditRepository repository;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    AuditLog(AuditRepository repository, Clock clock, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records an action by the signed-in user (or "system"), in the caller's transaction. */
    @Transactional
    public AuditEntry record(String action, String subject, String details) {
        return recordAs(currentActor(), action, subject, details);
    }

    @Transactional
    public AuditEntry recordAs(String actor, String action, String subject, String details) {
        String previous = repository.lockHead();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = repository.insertPending(at, actor, action, subject, details, digest(details), previous);
        String hash = entryHash(id, at, actor, action, subject, digest(details), previous);
        repository.complete(id, hash);
        return new AuditEntry(id, at, actor, action, subject, details, digest(details), previous, hash);
    }

    /** A refusal by the signed-in user (or "system"): see {@link #recordRefusalAs}. */
    public void recordRefusal(String action, String subject, String details) {
        recordRefusalAs(currentActor(), action, subject, details);
    }

    /**
     * Records a refusal so that it survives the refusal itself. The caller is about to throw, and its
     * transaction (if any) will roll back with everything written in it; so the entry is written in a
     * transaction of its own once the caller's has ended, committed or not. By then the caller's
     * database locks are released, so this write can never wait on a lock its caller holds. Without a
     * transaction around it, it is written at once.
     */
    public void recordRefusalAs(String actor, String action, String subject, String details) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            writeAlone(actor, action, subject, details);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                writeAlone(actor, action, subject, details);
            }
        });
    }

    private void writeAlone(String actor, String action, String subject, String details) {
        try {
            ownTransaction.executeWithoutResult(tx -> recordAs(actor, action, subject, details));
        } catch (RuntimeException e) {
            // The refusal itself still reaches the user; the log line names the action, never details.
            log.error("Could not record the refusal {} for {}: {}", action, subject, e.toString());
        }
    }

    @RolesAllowed({"ADMIN", "SUPERVISOR", "TELLER"})
    @Transactional(readOnly = true)
    public List<AuditEntry> newest(int limit) {
        return repository.newest(limit);
    }

    /** Re-hashes every entry from the first; the first that does not hold is named. */
    @RolesAllowed({"ADMIN", "SUPERVISOR", "TELLER"})
    @Transactional(readOnly = true)
    public ChainCheck verifyChain() {
        String expectedPrevious = GENESIS;
        long count = 0;
        for (AuditEntry e : repository.all()) {
            count++;
            if (!e.previousHash().equals(expectedPrevious)) {
                return ChainCheck.broken(count, e.id(), "audit.broken.link");
            }
            if (!digest(e.details()).equals(e.detailsDigest())) {
                return ChainCheck.broken(count, e.id(), "audit.broken.details");
            }
            String recomputed = entryHash(e.id(), e.occurredAt(), e.actor(), e.action(), e.subject(),
                    e.detailsDigest(), e.previousHash());
            if (!MessageDigest.isEqual(recomputed.getBytes(StandardCharsets.US_ASCII),
                    e.entryHash().getBytes(StandardCharsets.US_ASCII))) {
                return ChainCheck.broken(count, e.id(), "audit.broken.hash");
            }
            expectedPrevious = e.entryHash();
        }
        String head = repository.head();
        if (!head.equals(expectedPrevious)) {
            // The newest entries were removed: the head still remembers the hash of the last one.
            return ChainCheck.broken(count, -1, "audit.broken.truncated");
        }
        return ChainCheck.intact(count);
    }

    static String currentActor() {
        return CurrentStaff.username().orElse("system");
    }

    static String digest(String details) {
        return sha256Hex(details.getBytes(StandardCharsets.UTF_8));
    }

    /** Length-prefixed fields, so no two different entries can hash the same input. */
    static String entryHash(long id, Instant at, String actor, String action, String subject, String detailsDigest,
            String previousHash) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        StringBuilder input = new StringBuilder("TN1/audit/01");
        for (String part : List.of(Long.toString(id), Long.toString(micros), actor, action, subject, detailsDigest,
                previousHash)) {
            input.append('|').append(part.length()).append(':').append(part);
        }
        return sha256Hex(input.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
