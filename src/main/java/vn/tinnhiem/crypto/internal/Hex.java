package vn.tinnhiem.crypto.internal;

import java.util.HexFormat;

/** Lower-case hex, the JSON form of points, scalars and hashes. */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {}

    public static String encode(byte[] b) {
        return HEX.formatHex(b);
    }

    /** Strict: lower-case only, even length; throws IllegalArgumentException otherwise. */
    public static byte[] decode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
                throw new IllegalArgumentException("not lower-case hex");
            }
        }
        return HEX.parseHex(s);
    }
}
