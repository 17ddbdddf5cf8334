package vn.tinnhiem.crypto.internal;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Base32 codecs. RFC 4648 upper-case without padding for share cards (fits the QR alphanumeric
 * mode); Crockford's alphabet (no I, L, O, U) for tracking codes read aloud or typed by people.
 */
public final class Base32 {
    public static final String RFC4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    public static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Base32() {}

    public static String encode(byte[] data, String alphabet) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }

    /** Strict decode: every character in the alphabet, unused trailing bits zero. */
    public static Optional<byte[]> decode(String text, String alphabet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            int v = alphabet.indexOf(text.charAt(i));
            if (v < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
            return Optional.empty();
        }
        return Optional.of(out.toByteArray());
    }
}
