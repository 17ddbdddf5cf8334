package vn.tinnhiem.voting;

/** Whether a kiosk may show the ballot for a scanned card ({@link VotingService#admit}). */
public sealed interface Admission {

    /** The card is this conference's, activated and unused, and the polls are open. */
    record Admitted() implements Admission {}

    /**
     * Why not: {@code reasonKey} is the full i18n key ({@code voting.refuse.*}); {@code seconds} is the wait
     * for {@code voting.refuse.tooManyAttempts} (its message parameter {0}), 0 otherwise.
     */
    record Refused(String reasonKey, int seconds) implements Admission {
        public Refused(String reasonKey) {
            this(reasonKey, 0);
        }
    }
}
