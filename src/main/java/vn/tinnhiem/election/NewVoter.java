package vn.tinnhiem.election;

/** A roll entry before it is stored: typed in, or one row of an import. */
public record NewVoter(String fullName, String jobTitle, String organisation) {
}
