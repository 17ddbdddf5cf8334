package vn.tinnhiem.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

    private final AuditRepository repository;
    private final Clock clock;

    AuditLog(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
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
