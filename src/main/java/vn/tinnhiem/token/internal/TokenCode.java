package vn.tinnhiem.token.internal;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a card's 128-bit token is written: 26 Crockford base32 characters and one check character, shown
 * as {@code TN-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXX} (the last group ends with the check character), and in
 * the QR code as {@code TN1V:} and the 27 characters (a share card's QR starts {@code TN1S:}).
 *
 * <p>The check character is a Damm check over the quasigroup x∘d = 2·x + d of GF(32): every single wrong
 * character and every swap of two neighbours (the check character included) gives a code that fails.
 * Reading forgives what people and scanners do: spaces, dashes, lower case, O for 0, I or L for 1.
 */
public final class TokenCode {

    public static final int TOKEN_BYTES = 16;
    public static final String QR_PREFIX = "TN1V:";
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int DATA_CHARS = 26;
    private static final int CODE_CHARS = DATA_CHARS + 1;
    private static final int GROUP = 4;

    private TokenCode() {
    }

    /** The 27 characters, no separators. */
    static String compact(byte[] token) {
        if (token.length != TOKEN_BYTES) {
            throw new IllegalArgumentException("a token is 16 bytes");
        }
        BigInteger value = new BigInteger(1, token);
        var text = new StringBuilder(CODE_CHARS);
        int interim = 0;
        for (int i = DATA_CHARS - 1; i >= 0; i--) {
            int digit = value.shiftRight(5 * i).intValue() & 31;
            text.append(ALPHABET.charAt(digit));
            interim = step(interim, digit);
        }
        return text.append(ALPHABET.charAt(twice(interim))).toString();
    }

    /** What is printed under the QR code, for a person to type. */
    public static String printed(byte[] token) {
        String compact = compact(token);
        var text = new StringBuilder("TN");
        for (int i = 0; i < compact.length(); i += GROUP) {
            text.append('-').append(compact, i, Math.min(compact.length(), i + GROUP));
        }
        return text.toString();
    }

    /** What the QR code holds. */
    public static String qrPayload(byte[] token) {
        return QR_PREFIX + compact(token);
    }

    /** The token in a scanned or typed text; empty when it is not a voting card's code or a check fails. */
    public static Optional<byte[]> parse(String text) {
        if (text == null || text.length() > 200) {
            return Optional.empty();
        }
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith(QR_PREFIX)) {
            s = s.substring(QR_PREFIX.length());
        }
        s = s.replaceAll("[\\s\\-–—_.]", "").replace('O', '0').replace('I', '1').replace('L', '1');
        if (s.length() == CODE_CHARS + 2 && s.startsWith("TN")) {
            s = s.substring(2);
        }
        if (s.length() != CODE_CHARS) {
            return Optional.empty();
        }
        BigInteger value = BigInteger.ZERO;
        int interim = 0;
        for (int i = 0; i < CODE_CHARS; i++) {
            int digit = ALPHABET.indexOf(s.charAt(i));
            if (digit < 0) {
                return Optional.empty();
            }
            interim = step(interim, digit);
            if (i < DATA_CHARS) {
                value = value.shiftLeft(5).or(BigInteger.valueOf(digit));
            }
        }
        if (interim != 0 || value.bitLength() > 8 * TOKEN_BYTES) {
            return Optional.empty();
        }
        byte[] bytes = value.toByteArray();
        byte[] token = new byte[TOKEN_BYTES];
        int from = Math.max(0, bytes.length - TOKEN_BYTES);
        System.arraycopy(bytes, from, token, TOKEN_BYTES - (bytes.length - from), bytes.length - from);
        Arrays.fill(bytes, (byte) 0);
        return Optional.of(token);
    }

    /** One step of the check: x∘d = 2·x + d in GF(32); the check character is the d that brings it to 0. */
    private static int step(int interim, int digit) {
        return twice(interim) ^ digit;
    }

    /** Multiplication by x in GF(2)[x]/(x^5 + x^2 + 1). */
    private static int twice(int x) {
        int y = x << 1;
        return (y & 32) != 0 ? (y ^ 0b100101) : y;
    }
}
