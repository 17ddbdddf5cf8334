package vn.tinnhiem.audit;

import java.time.Instant;

/** One line of the anchor file: at that time the chain held {@code entryCount} entries ending in {@code hash}. */
public record AuditAnchor(int line, Instant at, long entryCount, String hash, String reason) {
}
