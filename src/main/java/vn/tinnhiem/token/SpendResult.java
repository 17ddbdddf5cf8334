package vn.tinnhiem.token;

/**
 * What {@link TokenService#spendInCast} did with the card: spent it, or why not. Each refusal has a
 * message in the voter's language ({@link #messageKey()}).
 */
public enum SpendResult {
    /** The card was activated and is spent now, in the caller's transaction. */
    SPENT,
    /** Not one of ours: a typo the check character caught, a share card, anything else. */
    UNKNOWN,
    /** Printed but never handed over at the desk. */
    NOT_ACTIVATED,
    ALREADY_SPENT,
    /** Voided at the desk (lost or spoiled). */
    VOID,
    /** A card of another conference. */
    OTHER_CONFERENCE,
    /** A card for checking tablets ({@link CardCheck#CHECK}): it never casts. */
    CHECK_ONLY;

    public boolean spent() {
        return this == SPENT;
    }

    /** For the kiosk: why the card was refused (or that it was accepted). */
    public String messageKey() {
        return switch (this) {
            case SPENT -> "card.voter.accepted";
            case UNKNOWN -> "card.voter.unknown";
            case NOT_ACTIVATED -> "card.voter.notActivated";
            case ALREADY_SPENT -> "card.voter.alreadySpent";
            case VOID -> "card.voter.void";
            case OTHER_CONFERENCE -> "card.voter.otherConference";
            case CHECK_ONLY -> "card.voter.checkOnly";
        };
    }
}
