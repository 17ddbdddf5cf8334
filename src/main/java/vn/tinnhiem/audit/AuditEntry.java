package vn.tinnhiem.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One staff action as logged: who, what, on what, when, and the chain hashes. {@code details} is the text
 * as stored (what the hash covers); {@link #fields} reads it, in the encoding of today or of before.
 * {@code id} is the entry's number in the chain, the "#" of the screen and the exports: increasing in
 * chain order, though a rolled-back append may leave a number unused.
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String subject, String details,
        String detailsDigest, String previousHash, String entryHash) {

    /**
     * The fields that hold a person's name or a text typed from the roll, by action: what a supervisor
     * may never read (README, roles). Titles, tablet names and the board's members are not here: a
     * supervisor sees those on their own screens.
     */
    static final Map<String, List<String>> NAMES = Map.of(
            "candidate.add", List.of("name"),
            "candidate.update", List.of("name"),
            "voter.add", List.of("name"),
            "voter.import", List.of("file"),
            "voter.import.refused", List.of("file"));

    /** The details as typed fields. */
    public AuditFields fields() {
        return AuditFields.decode(action, details);
    }

    /**
     * The same entry with the names hidden, for a reader who may not see them; its hashes are still the
     * stored entry's (to compare with an export), though its details no longer hash to them.
     */
    public AuditEntry withoutNames() {
        List<String> names = NAMES.getOrDefault(action, List.of());
        if (names.isEmpty()) {
            return this;
        }
        return new AuditEntry(id, occurredAt, actor, action, subject, fields().hiding(names).encode(), detailsDigest,
                previousHash, entryHash);
    }
}
