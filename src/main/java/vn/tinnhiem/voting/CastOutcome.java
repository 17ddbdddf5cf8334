package vn.tinnhiem.voting;

/** What became of a cast ({@link VotingService#cast}). */
public sealed interface CastOutcome {

    /** The card is spent and the sealed ballot stored, both committed; show the voter the tracking code. */
    record Recorded(String trackingCode) implements CastOutcome {}

    /**
     * Nothing was stored and the card is as it was (except {@code voting.refuse.alreadyUsed}: spent by an
     * earlier cast). {@code reasonKey} is the full i18n key ({@code voting.refuse.*}); {@code seconds} is the
     * wait for {@code voting.refuse.tooManyAttempts} (its message parameter {0}), 0 otherwise.
     */
    record Refused(String reasonKey, int seconds) implements CastOutcome {
        public Refused(String reasonKey) {
            this(reasonKey, 0);
        }
    }
}
