package vn.tinnhiem.count;

import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The check of the ballot box before anything is decrypted: rows stored, ballots counted, the cards spent,
 * the rows set aside (they failed their proofs) and the copies (counted once).
 */
public record BoxVerdict(int stored, int counted, int spentCards, List<SetAside> setAside, List<Copy> copies,
        List<Tampering> tampering, LocalDateTime checkedAt) {

    public BoxVerdict {
        setAside = List.copyOf(setAside);
        copies = List.copyOf(copies);
        tampering = List.copyOf(tampering);
    }

    /**
     * Something changed behind the count's back, found by comparing the database with what cannot be changed
     * unseen: a row's columns with its own bytes, and the close's frozen figures and box digest with the close's
     * entry in the audit chain (anchored outside the database).
     *
     * @param kind {@code rowCode}, {@code rowId}, {@code closeFigure}, {@code closeDigest}, {@code boxDigest},
     *     {@code closeEntry}; {@code missingBallot} or {@code addedBallot} (a code against the codes the close
     *     sealed); {@code lifecycle} (the table against the audited lifecycle); {@code activatedOverPresent},
     *     {@code spentOverActivated}, {@code ballotsOverSpent} (the figures at the close) or {@code countDown} (a
     *     desk count lower than where the chain anchored it before)
     * @param about the tracking code (from the bytes) of the row, the figure's name, or the lifecycle's part
     * @param found what the database holds
     * @param expected what the bytes or the audit chain say
     */
    public record Tampering(String kind, String about, String found, String expected) {

        /** The bundle key that says {@code about} in words, or null when it is a code or an entry's number. */
        public @Nullable String aboutKey() {
            return switch (kind) {
                case "closeFigure", "countDown" -> "count.figure." + about;
                case "lifecycle" -> about.startsWith("milestone.") ? about : "count.lifecycle." + about;
                default -> null;
            };
        }
    }

    /** A stored row that failed verification, by the row's own id and the tracking code its bytes give, and what failed. */
    public record SetAside(String id, String trackingCode, List<String> reasons) {
        public SetAside {
            reasons = List.copyOf(reasons);
        }
    }

    /** A stored row that repeats the counted ballot {@code copyOf}: the same id, or the same content under another. */
    public record Copy(String id, String trackingCode, String copyOf, boolean sameId) {}

    /** Nothing changed behind the count's back and every spent card gave one counted ballot. */
    public boolean clean() {
        return tampering.isEmpty() && difference() == 0;
    }

    /** Ballots counted minus cards spent: 0 when every spent card gave exactly one counted ballot. */
    public int difference() {
        return counted - spentCards;
    }
}
