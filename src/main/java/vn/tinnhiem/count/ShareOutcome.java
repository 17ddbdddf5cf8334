package vn.tinnhiem.count;

import java.util.List;

/** What became of a card read at the count, or of a partial decryption brought from the offline laptop. */
public sealed interface ShareOutcome {

    /** Accepted for {@code seat}; {@code counted} when it was the k-th and the counts are now known. */
    record Accepted(int seat, String tellerName, boolean counted) implements ShareOutcome {}

    /**
     * The card is good, but of a seat whose teller is not the one signed in: that teller types their own
     * account's password and the card is read again. {@code reasonKey} says why (no password yet, a wrong one,
     * the account locked ...), at the password field. Nothing was kept; the refusal is on the record.
     */
    record HolderNeeded(int seat, String tellerName, String reasonKey) implements ShareOutcome {}

    /** Refused: an i18n key and its arguments, said at the field. Nothing was kept. */
    record Refused(String reasonKey, List<Object> args) implements ShareOutcome {
        public Refused {
            args = List.copyOf(args);
        }
    }
}
