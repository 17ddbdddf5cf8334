package vn.tinnhiem.count;

/**
 * Where a candidate's last-level count (low confidence, or no confidence) falls against the
 * denominator; the codes are those of the election record (protocol.md 10.2).
 */
public enum Band {
    /** At most half: the rules ask for nothing. */
    NONE,
    /** More than half (and, on a three-level ballot, under two thirds). */
    OVER_HALF,
    /** Two thirds or more (three-level ballots only). */
    TWO_THIRDS
}
