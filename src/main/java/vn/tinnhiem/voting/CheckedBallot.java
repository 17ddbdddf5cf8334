package vn.tinnhiem.voting;

import vn.tinnhiem.crypto.SealedBallot;

/**
 * A checked ballot as stored ({@link VotingService#checkedBallots}): the sealed ballot a tablet committed and the
 * opening it revealed (docs/protocol.md 5.6). Never counted; published in the election record.
 */
public record CheckedBallot(SealedBallot sealed, byte[] opening) {

    public CheckedBallot {
        opening = opening.clone();
    }

    @Override
    public byte[] opening() {
        return opening.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckedBallot c && sealed.equals(c.sealed) && java.util.Arrays.equals(opening, c.opening);
    }

    @Override
    public int hashCode() {
        return sealed.hashCode() * 31 + java.util.Arrays.hashCode(opening);
    }

    @Override
    public String toString() {
        return "CheckedBallot[" + sealed.id() + "]";
    }
}
