package vn.tinnhiem.voting;

import vn.tinnhiem.crypto.SealedBallot;

/**
 * A row of the ballot box as stored: its id (32 hex) and tracking code from the row's own columns, and the
 * sealed bytes, which may have been tampered with and are checked at the count.
 */
public record StoredBallot(String id, String trackingCode, SealedBallot ballot) {}
