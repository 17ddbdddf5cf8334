package vn.tinnhiem.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import vn.tinnhiem.crypto.internal.Curve;

/**
 * Domain-separated SHA-256: H(tag, p_1..p_n) = SHA-256(u32(len tag) || tag || u32(len p_1) || p_1
 * || ... ), all lengths 4-byte big-endian, tag in ASCII. {@link #toScalar} reduces mod q.
 */
public final class Hashing {
    public static final String TAG_MANIFEST = "TN1/manifest";
    public static final String TAG_BIT_PROOF = "TN1/proof/01";
    public static final String TAG_SUM_PROOF = "TN1/proof/sum";
    public static final String TAG_DECRYPT_PROOF = "TN1/proof/decrypt";
    public static final String TAG_BALLOT = "TN1/ballot";
    public static final String TAG_BALLOT_BINDING = "TN1/ballot/bind";
    public static final String TAG_CARD_CHECK = "TN1/card/check";
    public static final String TAG_CARD_KEY = "TN1/card/key";

    private final MessageDigest md;

    private Hashing(String tag) {
        md = sha256();
        part(tag.getBytes(StandardCharsets.US_ASCII));
    }

    /** The plain SHA-256 every hash of the protocol is built on (checked against FIPS 180-2's vectors). */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a hash under a domain tag; add parts, then {@link #digest()}. */
    public static Hashing tagged(String tag) {
        return new Hashing(tag);
    }

    public static byte[] hash(String tag, byte[]... parts) {
        Hashing h = tagged(tag);
        for (byte[] p : parts) {
            h.part(p);
        }
        return h.digest();
    }

    public Hashing part(byte[] p) {
        return part(p, 0, p.length);
    }

    public Hashing part(byte[] p, int off, int len) {
        md.update((byte) (len >>> 24));
        md.update((byte) (len >>> 16));
        md.update((byte) (len >>> 8));
        md.update((byte) len);
        md.update(p, off, len);
        return this;
    }

    /** A 4-byte big-endian integer as one part. */
    public Hashing partU32(int v) {
        return part(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    public byte[] digest() {
        return md.digest();
    }

    public BigInteger digestModQ() {
        return toScalar(md.digest());
    }

    public static BigInteger toScalar(byte[] digest) {
        return new BigInteger(1, digest).mod(Curve.Q);
    }
}
