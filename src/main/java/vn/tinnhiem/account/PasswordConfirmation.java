package vn.tinnhiem.account;

/**
 * What came of a person typing their own account's password at a console signed in as someone else (a
 * teller taking their seat's share card at the organiser's console). Only {@link #CONFIRMED} lets them act.
 */
public enum PasswordConfirmation {
    CONFIRMED,
    /** The password is not this account's; counted by the sign-in throttle like a failed sign-in. */
    WRONG,
    /** The account is paused after too many wrong passwords (sign-in or confirmation alike). */
    LOCKED,
    /**
     * The account still has its one-time password, which the organiser who made the account has seen: it
     * proves nothing about who is typing, so the person signs in and changes it first.
     */
    MUST_CHANGE_PASSWORD,
    /** Disabled, missing, or of another role than the one asked for. */
    NOT_ALLOWED,
    /** Too many password checks at once on the server: try again; not counted as a wrong password. */
    BUSY
}
