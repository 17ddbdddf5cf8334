package vn.tinnhiem.count;

import java.time.LocalDateTime;
import java.util.List;

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
     * @param kind {@code rowColumns}, {@code closeFigure}, {@code closeDigest}, {@code boxDigest} or {@code closeEntry}
     * @param about the tracking code (from the bytes) of the row, or the figure's name
     * @param found what the database holds
     * @param expected what the bytes or the audit entry say
     */
    public record Tampering(String kind, String about, String found, String expected) {}

    /** A stored row that failed verification, by the row's own id and the tracking code its bytes give, and what failed. */
    public record SetAside(String id, String trackingCode, List<String> reasons) {
        public SetAside {
            reasons = List.copyOf(reasons);
        }
    }

    /** A stored row that repeats the counted ballot {@code copyOf}: the same id, or the same content under another. */
    public record Copy(String id, String trackingCode, String copyOf, boolean sameId) {}

    /** Ballots counted minus cards spent: 0 when every spent card gave exactly one counted ballot. */
    public int difference() {
        return counted - spentCards;
    }
}
