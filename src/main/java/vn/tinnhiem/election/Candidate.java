package vn.tinnhiem.election;

/** A person being rated, at their place on the ballot (ordinal from 1). */
public record Candidate(long id, int ordinal, String fullName, String jobTitle) {
}
