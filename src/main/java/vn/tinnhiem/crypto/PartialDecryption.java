package vn.tinnhiem.crypto;

import java.util.ArrayList;
import java.util.List;
import vn.tinnhiem.crypto.internal.ByteWriter;

/**
 * Teller i's partial decryption of every aggregate: D_e = s_i alpha_e, with a Chaum-Pedersen proof
 * (c_e, v_e) that log_G(s_i G) == log_alpha_e(D_e).
 */
public record PartialDecryption(int teller, List<Point> shares, List<Scalar> challenges, List<Scalar> responses) {
    public PartialDecryption {
        shares = List.copyOf(shares);
        challenges = List.copyOf(challenges);
        responses = List.copyOf(responses);
        if (shares.size() != challenges.size() || shares.size() != responses.size()) {
            throw new IllegalArgumentException("one share, challenge and response per entry");
        }
    }

    /** "TN1P", 1, u8 teller, u32 count, then per entry D (33, compressed), c (32), v (32). */
    public byte[] encode() {
        ByteWriter w = new ByteWriter(10 + shares.size() * 97);
        w.raw(new byte[] {'T', 'N', '1', 'P'}).u8(1).u8(teller).u32(shares.size());
        for (int e = 0; e < shares.size(); e++) {
            w.raw(shares.get(e).encode()).raw(challenges.get(e).encode()).raw(responses.get(e).encode());
        }
        return w.toByteArray();
    }

    /**
     * Canonical JSON: {"teller":i,"entries":[{"share":D,"challenge":c,"response":v},...]} in tally
     * order, fixed key order, no whitespace; D compressed (33 bytes), c and v 32 bytes, lower-case hex.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder(32 + shares.size() * 220);
        sb.append("{\"teller\":").append(teller).append(",\"entries\":[");
        for (int e = 0; e < shares.size(); e++) {
            sb.append(e > 0 ? "," : "").append("{\"share\":\"").append(shares.get(e).toHex())
                    .append("\",\"challenge\":\"").append(challenges.get(e).toHex())
                    .append("\",\"response\":\"").append(responses.get(e).toHex()).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** Strict decoding; the message of the exception names the entry and part at fault. */
    public static PartialDecryption decode(byte[] b) {
        if (b.length < 10 || b[0] != 'T' || b[1] != 'N' || b[2] != '1' || b[3] != 'P' || b[4] != 1) {
            throw new InvalidEncodingException("not a TN1 partial decryption");
        }
        int teller = b[5] & 0xff;
        int count = ((b[6] & 0xff) << 24) | ((b[7] & 0xff) << 16) | ((b[8] & 0xff) << 8) | (b[9] & 0xff);
        if (count < 0 || (long) b.length != 10L + 97L * count) {
            throw new InvalidEncodingException("wrong length for " + count + " entries");
        }
        List<Point> d = new ArrayList<>(count);
        List<Scalar> c = new ArrayList<>(count);
        List<Scalar> v = new ArrayList<>(count);
        for (int e = 0; e < count; e++) {
            int off = 10 + 97 * e;
            try {
                d.add(Point.decode(java.util.Arrays.copyOfRange(b, off, off + 33)));
            } catch (InvalidEncodingException ex) {
                throw new InvalidEncodingException("entry " + e + ": share point is not a valid point");
            }
            try {
                c.add(Scalar.decode(java.util.Arrays.copyOfRange(b, off + 33, off + 65)));
                v.add(Scalar.decode(java.util.Arrays.copyOfRange(b, off + 65, off + 97)));
            } catch (InvalidEncodingException ex) {
                throw new InvalidEncodingException("entry " + e + ": proof scalar out of range");
            }
        }
        return new PartialDecryption(teller, d, c, v);
    }
}
