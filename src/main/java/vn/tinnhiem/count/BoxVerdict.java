package vn.tinnhiem.count;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The check of the ballot box before anything is decrypted: rows stored, ballots counted, the cards spent,
 * the rows set aside (they failed their proofs) and the copies (counted once).
 */
public record BoxVerdict(int stored, int counted, int spentCards, List<SetAside> setAside, List<Copy> copies,
        LocalDateTime checkedAt) {

    public BoxVerdict {
        setAside = List.copyOf(setAside);
        copies = List.copyOf(copies);
    }

    /** A stored row that failed verification, by the row's own id and tracking code, and what failed. */
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
