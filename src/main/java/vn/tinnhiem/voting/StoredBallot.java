package vn.tinnhiem.voting;

import vn.tinnhiem.crypto.SealedBallot;

/**
 * A row of the ballot box as stored: the row's own id column (32 hex), its tracking-code column, and the sealed
 * bytes, which may have been tampered with and are checked at the count. The tracking code that is shown,
 * published and written anywhere is the one the bytes give ({@link #trackingCode()}); the columns only help to
 * find a row, and a row whose columns disagree with its bytes has been tampered with ({@link #columnsAgree()}).
 */
public record StoredBallot(String id, String columnCode, SealedBallot ballot) {

    /** The tracking code the sealed bytes give, whatever the row's column says. */
    public String trackingCode() {
        return ballot.trackingCode();
    }

    /** False when the row's id or tracking-code column is not what its bytes give: somebody changed the row. */
    public boolean columnsAgree() {
        return id.equals(ballot.id()) && columnCode.equals(ballot.trackingCode());
    }
}
