package vn.tinnhiem.voting;

/** Whether a kiosk may show the ballot for a scanned card ({@link VotingService#admit}). */
public sealed interface Admission {

    /**
     * The card is this conference's and usable, and the polls are open. {@code checkOnly}: a card the desk
     * activated for checking tablets; the tablet offers only "Kiểm tra máy" after sealing, never "Bỏ phiếu".
     */
    record Admitted(boolean checkOnly) implements Admission {}

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
