package vn.tinnhiem.voting;

import java.util.List;

/** What became of a check of a tablet ("Kiểm tra máy", {@link VotingService#check}). The card is never spent. */
public sealed interface CheckOutcome {

    /**
     * The opening opens the committed ballot; it is stored as a checked ballot (never counted). {@code levels}:
     * per candidate in ballot order, the level's name ({@link vn.tinnhiem.crypto.BallotKind#levels()}), or null
     * for a blank: what the tablet sealed, for the voter to compare with what they marked.
     */
    record Opened(String trackingCode, List<String> levels) implements CheckOutcome {
        public Opened {
            levels = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(levels));
        }
    }

    /**
     * The opening does not open the committed ballot: the tablet sealed something else than it claims. A kiosk
     * fault (audited: which tablet, which check), nothing stored; the voter goes to the tally board's desk.
     */
    record Mismatch() implements CheckOutcome {}

    /** As {@link Admission.Refused}: the card or the polls; nothing stored. */
    record Refused(String reasonKey, int seconds) implements CheckOutcome {
        public Refused(String reasonKey) {
            this(reasonKey, 0);
        }
    }
}
