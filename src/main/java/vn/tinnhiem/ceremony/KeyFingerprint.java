package vn.tinnhiem.ceremony;

import java.math.BigInteger;

import vn.tinnhiem.crypto.Hashing;
import vn.tinnhiem.crypto.Point;

/**
 * The election key's fingerprint, for people: printed on every share card and shown on the ceremony
 * and counting screens, so the tellers can read it aloud and hear that they all hold cards of one key.
 *
 * <p>Definition: d = H("TN1/fingerprint", compressed SEC1 of K) with the project's tagged SHA-256
 * ({@link Hashing}); the fingerprint is d, read as a 256-bit unsigned integer, modulo 10^32, written
 * as 32 decimal digits (leading zeros kept) in 8 groups of 4 separated by single spaces:
 * {@code "4821 0937 5512 0046 7730 2291 8804 1375"}. That is about 106 bits: nobody can make a second
 * key with the same fingerprint, and digits are read aloud in Vietnamese without spelling letters.
 */
public final class KeyFingerprint {

    /** The domain tag of the hash (docs/protocol.md). */
    public static final String TAG = "TN1/fingerprint";

    private static final BigInteger MODULUS = BigInteger.TEN.pow(32);

    private KeyFingerprint() {
    }

    public static String of(Point electionKey) {
        BigInteger d = new BigInteger(1, Hashing.hash(TAG, electionKey.encode()));
        String digits = String.format("%032d", d.mod(MODULUS));
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 32; i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(digits, i, i + 4);
        }
        return out.toString();
    }
}
