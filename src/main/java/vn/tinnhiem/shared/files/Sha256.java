package vn.tinnhiem.shared.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 (FIPS 180-4), as every JDK provides it: of files, lists and secrets kept as hashes. Not the
 * protocol's tagged hash H (docs/protocol.md 3): the crypto core and the verifier build that on
 * {@link #digest()} themselves.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest to feed in parts. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static byte[] of(byte[] bytes) {
        return digest().digest(bytes);
    }

    /** Of the text's UTF-8 bytes. */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** As 64 lower-case hex characters. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(of(bytes));
    }

    /** A hash's first 16 hex digits in groups of 4, to compare by eye: "a1b2 c3d4 e5f6 0718". */
    public static String shortForm(String hashHex) {
        String h = hashHex.substring(0, Math.min(16, hashHex.length()));
        StringBuilder out = new StringBuilder(19);
        for (int i = 0; i < h.length(); i += 4) {
            out.append(i > 0 ? " " : "").append(h, i, Math.min(h.length(), i + 4));
        }
        return out.toString();
    }

    /** Of the text's UTF-8 bytes, as 64 lower-case hex characters. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
