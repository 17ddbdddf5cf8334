package vn.tinnhiem.count;

/** What a voter learns from their tracking code after the close. */
public enum TrackedBallot {
    /** In the box; the box is not checked yet. */
    IN_BOX,
    /** Checked and counted. */
    COUNTED,
    /** In the box, but it failed its proofs and is not counted (the board reports it). */
    SET_ASIDE,
    /** A copy of another ballot, counted once under the other's code. */
    COPY,
    /** No ballot in this box has this code. */
    NOT_FOUND;

    /** Good news for the voter: their ballot is in the box, and counted once the box is checked. */
    public boolean reassures() {
        return this == COUNTED || this == IN_BOX;
    }
}
