package vn.tinnhiem.count;

import java.util.List;

/** What became of a card read at the count, or of a partial decryption brought from the offline laptop. */
public sealed interface ShareOutcome {

    /** Accepted for {@code seat}; {@code counted} when it was the k-th and the counts are now known. */
    record Accepted(int seat, String tellerName, boolean counted) implements ShareOutcome {}

    /** Refused: an i18n key and its arguments, said at the field. Nothing was kept. */
    record Refused(String reasonKey, List<Object> args) implements ShareOutcome {
        public Refused {
            args = List.copyOf(args);
        }
    }
}
