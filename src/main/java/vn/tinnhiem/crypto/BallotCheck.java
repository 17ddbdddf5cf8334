package vn.tinnhiem.crypto;

import java.util.List;

/** The verdict on one ballot: no failures means every check holds. */
public record BallotCheck(String ballotId, String trackingCode, List<BallotFailure> failures) {
    public BallotCheck {
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
