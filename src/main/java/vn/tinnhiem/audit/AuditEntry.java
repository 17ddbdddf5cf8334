package vn.tinnhiem.audit;

import java.time.Instant;

/** One staff action as logged: who, what, on what, when, and the chain hashes. */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String subject, String details,
        String detailsDigest, String previousHash, String entryHash) {
}
