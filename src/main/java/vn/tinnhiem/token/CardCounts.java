package vn.tinnhiem.token;

/** How many cards of a conference are in each state now: counts only, never which card. */
public record CardCounts(int printed, int activated, int spent, int voided, int checking) {

    /** No card activated for checking tablets. */
    public CardCounts(int printed, int activated, int spent, int voided) {
        this(printed, activated, spent, voided, 0);
    }

    /** Every card ever printed for the conference. */
    public int total() {
        return printed + activated + spent + voided + checking;
    }

    /** Handed over at the desk: activated, whether used since or not. */
    public int handedOut() {
        return activated + spent;
    }
}
