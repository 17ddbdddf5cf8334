package vn.tinnhiem.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * How an entry is hashed: the one definition the writer ({@link AuditLog}) and the check
 * ({@link ChainVerifier}) share, so the two can never disagree on what a link covers.
 */
final class AuditHashes {

    private AuditHashes() {
    }

    /** The digest of an entry's stored details, kept beside them and covered by the entry's hash. */
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
