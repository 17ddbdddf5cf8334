package vn.tinnhiem.crypto;

import java.util.Arrays;
import vn.tinnhiem.crypto.internal.Base32;
import vn.tinnhiem.crypto.internal.Hex;

/**
 * A sealed ballot: its canonical bytes, exactly as stored. It holds a random 128-bit id, the
 * ciphertexts and the proofs, nothing else. Wrapping bytes never fails; {@link BallotVerifier}
 * says whether they are a valid ballot. Immutable.
 */
public final class SealedBallot {
    private final byte[] bytes;

    private SealedBallot(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps stored bytes (copied). */
    public static SealedBallot of(byte[] bytes) {
        return new SealedBallot(bytes.clone());
    }

    static SealedBallot wrapOwned(byte[] bytes) {
        return new SealedBallot(bytes);
    }

    public byte[] encode() {
        return bytes.clone();
    }

    byte[] bytesRef() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    /** The ballot id, 32 lower-case hex characters ("" if the bytes are too short to hold one). */
    public String id() {
        if (bytes.length < BallotLayout.ID_OFFSET + BallotLayout.ID) {
            return "";
        }
        return Hex.encode(Arrays.copyOfRange(bytes, BallotLayout.ID_OFFSET, BallotLayout.ID_OFFSET + BallotLayout.ID));
    }

    /** H("TN1/ballot", bytes): 32 bytes. */
    public byte[] hash() {
        return Hashing.hash(Hashing.TAG_BALLOT, bytes);
    }

    /**
     * The tracking code shown to the voter: the first 80 bits of {@link #hash()} in Crockford base32,
     * as four groups of four, e.g. "7QX2-M0KD-RT4B-9HZE".
     */
    public String trackingCode() {
        String s = Base32.encode(Arrays.copyOf(hash(), 10), Base32.CROCKFORD);
        return s.substring(0, 4) + "-" + s.substring(4, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16);
    }

    /** Same bytes (a copied ballot): the rule "two ballots with the same ciphertext bytes are one". */
    public boolean sameCiphertextsAs(SealedBallot other) {
        int off = BallotLayout.ID_OFFSET + BallotLayout.ID;
        return bytes.length == other.bytes.length && bytes.length >= off
                && Arrays.equals(bytes, off, bytes.length, other.bytes, off, bytes.length);
    }

    /** SHA-256 of everything after the id: equal for a ballot copied under a new id. */
    public byte[] contentHash() {
        int off = Math.min(bytes.length, BallotLayout.ID_OFFSET + BallotLayout.ID);
        return Hashing.hash(Hashing.TAG_BALLOT + "/content", Arrays.copyOfRange(bytes, off, bytes.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedBallot b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SealedBallot[" + id() + "]";
    }
}
