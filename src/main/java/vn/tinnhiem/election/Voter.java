package vn.tinnhiem.election;

/** A person on the voter roll. */
public record Voter(long id, int ordinal, String fullName, String jobTitle, String organisation) {
}
