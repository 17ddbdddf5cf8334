package vn.tinnhiem.election;

/** A voter on the roll as the desk sees them: ticked present or not. */
public record RollEntry(Voter voter, boolean present) {
}
