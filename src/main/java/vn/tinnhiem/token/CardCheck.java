package vn.tinnhiem.token;

/** What a card is, read without changing it ({@link TokenService#check}). */
public enum CardCheck {
    /** Handed over at the desk and not used yet: the kiosk may show the ballot. */
    ACTIVATED,
    /** Printed, not handed over yet. */
    PRINTED,
    SPENT,
    VOID,
    /** Not one of ours (or a typo the check character caught). */
    UNKNOWN,
    OTHER_CONFERENCE,
    /**
     * A spare card the desk activated for a supervisor's check of a tablet ("Kiểm tra máy"): it opens the ballot
     * for any number of checks and never casts ({@link TokenService#activateForCheck}).
     */
    CHECK;

    public boolean usable() {
        return this == ACTIVATED;
    }

    /** The refusal a voter reads for this card; the same words as a refused {@link SpendResult}. */
    public String messageKey() {
        return switch (this) {
            case ACTIVATED -> "card.voter.accepted";
            case PRINTED -> SpendResult.NOT_ACTIVATED.messageKey();
            case SPENT -> SpendResult.ALREADY_SPENT.messageKey();
            case VOID -> SpendResult.VOID.messageKey();
            case UNKNOWN -> SpendResult.UNKNOWN.messageKey();
            case OTHER_CONFERENCE -> SpendResult.OTHER_CONFERENCE.messageKey();
            case CHECK -> SpendResult.CHECK_ONLY.messageKey();
        };
    }
}
