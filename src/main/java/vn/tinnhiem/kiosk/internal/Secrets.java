package vn.tinnhiem.kiosk.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** Random ids, codes and credentials, and the hashes that are all the database keeps of the secrets. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Secrets() {
    }

    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A random 128-bit id, as the kiosk table's key. */
    public static byte[] newId() {
        return randomBytes(16);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** 128 random bits in lower-case base32 (26 characters): easy to type, no case to get wrong. */
    public static String newEnrollmentCode() {
        return base32(randomBytes(16));
    }

    /** 256 random bits, URL-safe base64 without padding (43 characters): the kiosk's cookie. */
    public static String newCredential() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    /** A code as a person may type it: any case, with spaces or dashes between groups. */
    public static String normalizeCode(String code) {
        return code.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    static String base32(byte[] bytes) {
        var out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
