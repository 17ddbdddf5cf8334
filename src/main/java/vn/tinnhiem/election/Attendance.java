package vn.tinnhiem.election;

/**
 * Who is in the hall: the voters summoned (on the roll) and how many are ticked present. The conference
 * may proceed only with at least two thirds of those summoned present: 3 * present >= 2 * summoned, in
 * integers.
 */
public record Attendance(int summoned, int present) {

    public boolean quorumMet() {
        return summoned > 0 && 3L * present >= 2L * summoned;
    }
}
