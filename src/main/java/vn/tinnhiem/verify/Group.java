package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;
import vn.tinnhiem.shared.files.Sha256;

/** The group arithmetic (P-256, docs/protocol.md 1-2) and the tagged hash (3), straight on Bouncy Castle. */
final class Group {
    static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256r1");
    static final ECCurve CURVE = PARAMS.getCurve();
    static final ECPoint G = PARAMS.getG().normalize();
    static final BigInteger Q = PARAMS.getN();
    static final ECPoint INFINITY = CURVE.getInfinity();

    private Group() {}

    /** Strict SEC 1: 33 bytes 02/03 or 65 bytes 04, on the curve, coordinates below p, never infinity. */
    static @Nullable ECPoint point(byte[] b, int off, int len) {
        if (len != 33 && len != 65) {
            return null;
        }
        int tag = b[off];
        if (!((len == 33 && (tag == 2 || tag == 3)) || (len == 65 && tag == 4))) {
            return null;
        }
        byte[] enc = java.util.Arrays.copyOfRange(b, off, off + len);
        try {
            ECPoint p = CURVE.decodePoint(enc);
            return p.isInfinity() || !p.isValid() ? null : p;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static @Nullable ECPoint point(byte[] b) {
        return point(b, 0, b.length);
    }

    /** A 32-byte big-endian scalar, or null if it is not below q. */
    static @Nullable BigInteger scalar(byte[] b, int off) {
        BigInteger v = new BigInteger(1, java.util.Arrays.copyOfRange(b, off, off + 32));
        return v.compareTo(Q) < 0 ? v : null;
    }

    static byte[] compressed(ECPoint p) {
        return p.normalize().getEncoded(true);
    }

    /** H(tag, parts...) of section 3: every part, the tag too, behind its u32 length. */
    static final class Hash {
        private final MessageDigest md = Sha256.digest();

        Hash(String tag) {
            part(tag.getBytes(StandardCharsets.US_ASCII));
        }

        Hash part(byte[] p) {
            return part(p, 0, p.length);
        }

        Hash part(byte[] p, int off, int len) {
            md.update(u32(len));
            md.update(p, off, len);
            return this;
        }

        Hash u32part(int v) {
            return part(u32(v));
        }

        byte[] digest() {
            return md.digest();
        }

        BigInteger modQ() {
            return new BigInteger(1, md.digest()).mod(Q);
        }
    }

    static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static @Nullable byte[] hex(String s) {
        if ((s.length() & 1) != 0) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = nibble(s.charAt(2 * i));
            int lo = nibble(s.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** Lower case only, as the protocol writes it (section 2). */
    private static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return sb.toString();
    }
}
