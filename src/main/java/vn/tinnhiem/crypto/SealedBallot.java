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

    /** The size in bytes of a sealed ballot of {@code candidates} candidates and {@code levels} levels. */
    public static int expectedSize(int candidates, int levels) {
        return BallotLayout.size(candidates, levels);
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

    /**
     * SHA-256 of the ciphertexts alone (every item's alpha and beta, candidate by candidate), without the id or
     * any proof: equal for two ballots that carry the same encrypted choices, whatever proofs were made for them
     * afresh (docs/protocol.md 10.2: no two counted ballots share ciphertexts). Bytes that are not a whole ballot
     * fall back to {@link #contentHash()}.
     */
    public byte[] ciphertextsHash() {
        if (bytes.length < BallotLayout.HEADER) {
            return contentHash();
        }
        int m = ((bytes[BallotLayout.HEADER - 3] & 0xff) << 8) | (bytes[BallotLayout.HEADER - 2] & 0xff);
        int levels = bytes[BallotLayout.HEADER - 1] & 0xff;
        if (bytes.length != BallotLayout.size(m, levels)) {
            return contentHash();
        }
        byte[] all = new byte[m * levels * BallotLayout.CT];
        int at = 0;
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                System.arraycopy(bytes, BallotLayout.itemOffset(c, l, levels), all, at, BallotLayout.CT);
                at += BallotLayout.CT;
            }
        }
        return Hashing.hash(Hashing.TAG_BALLOT + "/ciphertexts", all);
    }

    /** SHA-256 of everything after the id: equal for a ballot copied under a new id. */
    public byte[] contentHash() {
        int off = Math.min(bytes.length, BallotLayout.ID_OFFSET + BallotLayout.ID);
        return Hashing.hash(Hashing.TAG_BALLOT + "/content", Arrays.copyOfRange(bytes, off, bytes.length));
    }

    /**
     * Canonical JSON (docs/protocol.md 5.2): fixed key order, no whitespace; every point and scalar
     * is the lower-case hex of its slot in the bytes (points 65-byte uncompressed, as hashed), so the
     * JSON converts back to exactly these bytes.
     *
     * @throws InvalidEncodingException if the bytes are not a TN1 ballot of the size its header states
     */
    public String toJson() {
        int hp = BallotLayout.ID_OFFSET + BallotLayout.ID;
        if (bytes.length < BallotLayout.HEADER || bytes[0] != 'T' || bytes[1] != 'N' || bytes[2] != '1'
                || bytes[3] != 'B' || bytes[4] != BallotLayout.VERSION) {
            throw new InvalidEncodingException("not a TN1 ballot");
        }
        int m = ((bytes[hp] & 0xff) << 8) | (bytes[hp + 1] & 0xff);
        int levels = bytes[hp + 2] & 0xff;
        if ((long) bytes.length != (long) BallotLayout.HEADER + (long) m * BallotLayout.candidateSize(levels)) {
            throw new InvalidEncodingException("length does not match the header");
        }
        StringBuilder sb = new StringBuilder(bytes.length * 2 + 64 * m * levels + 256);
        sb.append("{\"id\":\"").append(id()).append("\",\"trackingCode\":\"").append(trackingCode())
                .append("\",\"m\":").append(m).append(",\"levels\":").append(levels).append(",\"candidates\":[");
        for (int c = 0; c < m; c++) {
            sb.append(c > 0 ? "," : "").append("{\"levels\":[");
            for (int l = 0; l < levels; l++) {
                int off = BallotLayout.itemOffset(c, l, levels);
                sb.append(l > 0 ? "," : "").append("{\"alpha\":\"").append(hex(off, BallotLayout.PT))
                        .append("\",\"beta\":\"").append(hex(off + BallotLayout.PT, BallotLayout.PT))
                        .append("\",\"proof\":");
                proofJson(sb, off + BallotLayout.CT);
                sb.append('}');
            }
            sb.append("],\"sumProof\":");
            proofJson(sb, BallotLayout.sumProofOffset(c, levels));
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    private void proofJson(StringBuilder sb, int at) {
        int pt = BallotLayout.PT;
        int sc = BallotLayout.SC;
        sb.append("{\"a0\":\"").append(hex(at, pt)).append("\",\"b0\":\"").append(hex(at + pt, pt))
                .append("\",\"a1\":\"").append(hex(at + 2 * pt, pt)).append("\",\"b1\":\"").append(hex(at + 3 * pt, pt))
                .append("\",\"c0\":\"").append(hex(at + 4 * pt, sc)).append("\",\"v0\":\"").append(hex(at + 4 * pt + sc, sc))
                .append("\",\"v1\":\"").append(hex(at + 4 * pt + 2 * sc, sc)).append("\"}");
    }

    private String hex(int off, int len) {
        return Hex.encode(Arrays.copyOfRange(bytes, off, off + len));
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
