package vn.tinnhiem.token;

/** How many cards of a conference are in each state now: counts only, never which card. */
public record CardCounts(int printed, int activated, int spent, int voided) {

    /** Every card ever printed for the conference. */
    public int total() {
        return printed + activated + spent + voided;
    }

    /** Handed over at the desk: activated, whether used since or not. */
    public int handedOut() {
        return activated + spent;
    }
}
