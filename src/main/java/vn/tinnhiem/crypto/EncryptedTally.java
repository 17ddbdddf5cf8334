package vn.tinnhiem.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bouncycastle.math.ec.ECPoint;
import vn.tinnhiem.crypto.internal.BatchAffine;
import vn.tinnhiem.crypto.internal.ByteWriter;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.P256;

/**
 * The homomorphic sums A_{c,l} = sum of E_{c,l} over the accepted ballots.
 *
 * @param ballots how many ballots were summed
 * @param entries index c * levels + l
 */
public record EncryptedTally(int ballots, List<Ciphertext> entries) {
    public EncryptedTally {
        entries = List.copyOf(entries);
    }

    /**
     * Sums the ciphertexts of ballots that passed {@link BallotVerifier}. At least one ballot: with
     * none every total is (O, O), see {@link #encodeNoBallots}.
     *
     * @throws IllegalArgumentException if a ballot is not well formed (verify first)
     * @throws ArithmeticException if a sum is the point at infinity (only possible for crafted input)
     */
    public static EncryptedTally aggregate(ElectionContext ctx, List<SealedBallot> ballots, boolean parallel) {
        if (ballots.isEmpty()) {
            throw new IllegalArgumentException("no ballots to aggregate");
        }
        int m = ctx.candidateCount();
        int levels = ctx.levelCount();
        int items = m * levels;
        int chunk = 512;
        int chunks = (ballots.size() + chunk - 1) / chunk;
        IntStream s = IntStream.range(0, chunks);
        if (parallel) {
            s = s.parallel();
        }
        ECPoint[] total = s.mapToObj(ci -> sumChunk(ballots, ci * chunk, Math.min(ballots.size(), (ci + 1) * chunk), m, levels))
                .reduce((x, y) -> {
                    ECPoint[] z = new ECPoint[x.length];
                    for (int i = 0; i < x.length; i++) {
                        z[i] = x[i].add(y[i]);
                    }
                    return z;
                })
                .orElseThrow();
        Curve.CURVE.normalizeAll(total);
        List<Ciphertext> out = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            out.add(new Ciphertext(Point.of(total[2 * i]), Point.of(total[2 * i + 1])));
        }
        return new EncryptedTally(ballots.size(), out);
    }

    private static ECPoint[] sumChunk(List<SealedBallot> ballots, int from, int to, int m, int levels) {
        int n = 2 * m * levels;
        BatchAffine ba = new BatchAffine(n, n);
        P256.Scratch sc = new P256.Scratch();
        int size = BallotLayout.size(m, levels);
        int[][] xs = new int[n][8];
        int[][] ys = new int[n][8];
        for (int i = from; i < to; i++) {
            byte[] b = ballots.get(i).bytesRef();
            if (b.length != size) {
                throw new IllegalArgumentException("ballot " + i + " does not fit the manifest");
            }
            for (int item = 0; item < m * levels; item++) {
                int off = BallotLayout.itemOffset(item / levels, item % levels, levels);
                if (!P256.decodeUncompressed(b, off, xs[2 * item], ys[2 * item], sc)
                        || !P256.decodeUncompressed(b, off + BallotLayout.PT, xs[2 * item + 1], ys[2 * item + 1], sc)) {
                    throw new IllegalArgumentException("ballot " + i + " has a bad ciphertext");
                }
            }
            for (int k = 0; k < n; k++) {
                ba.add(k, xs[k], ys[k], false); // distinct targets: one batch per ballot
            }
            ba.flush();
        }
        ECPoint[] acc = new ECPoint[n];
        byte[] enc = new byte[BallotLayout.PT];
        for (int k = 0; k < n; k++) {
            if (ba.empty[k]) {
                acc[k] = Curve.INFINITY;
            } else {
                P256.writeAffine(ba.ax[k], ba.ay[k], enc, 0);
                acc[k] = Curve.CURVE.decodePoint(enc);
            }
        }
        return acc;
    }

    /** Canonical bytes: "TN1T", 1, u32 ballots, u32 count, then alpha, beta compressed (33 each). */
    public byte[] encode() {
        ByteWriter w = new ByteWriter(16 + entries.size() * 66);
        w.raw(new byte[] {'T', 'N', '1', 'T'}).u8(1).u32(ballots).u32(entries.size());
        for (Ciphertext c : entries) {
            w.raw(c.alpha().encode()).raw(c.beta().encode());
        }
        return w.toByteArray();
    }

    /** Strict decoding of {@link #encode()} (at least one ballot; the no-ballots tally has no object). */
    public static EncryptedTally decode(byte[] b) {
        if (b.length < 13 || b[0] != 'T' || b[1] != 'N' || b[2] != '1' || b[3] != 'T' || b[4] != 1) {
            throw new InvalidEncodingException("not a TN1 tally");
        }
        int ballots = ((b[5] & 0xff) << 24) | ((b[6] & 0xff) << 16) | ((b[7] & 0xff) << 8) | (b[8] & 0xff);
        int count = ((b[9] & 0xff) << 24) | ((b[10] & 0xff) << 16) | ((b[11] & 0xff) << 8) | (b[12] & 0xff);
        if (ballots <= 0 || count <= 0 || (long) b.length != 13L + 66L * count) {
            throw new InvalidEncodingException("wrong length for " + count + " entries");
        }
        List<Ciphertext> out = new ArrayList<>(count);
        for (int e = 0; e < count; e++) {
            int off = 13 + 66 * e;
            out.add(new Ciphertext(Point.decode(java.util.Arrays.copyOfRange(b, off, off + 33)),
                    Point.decode(java.util.Arrays.copyOfRange(b, off + 33, off + 66))));
        }
        return new EncryptedTally(ballots, out);
    }

    /**
     * Canonical JSON: {"ballots":N,"entries":[{"alpha":..,"beta":..},...]} in order e = c * levels + l,
     * fixed key order, no whitespace, points compressed, lower-case hex.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder(32 + entries.size() * 150);
        sb.append("{\"ballots\":").append(ballots).append(",\"entries\":[");
        for (int e = 0; e < entries.size(); e++) {
            sb.append(e > 0 ? "," : "").append("{\"alpha\":\"").append(entries.get(e).alpha().toHex())
                    .append("\",\"beta\":\"").append(entries.get(e).beta().toHex()).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** The point at infinity in a 33-byte tally slot: SEC1's single 00 byte, padded with zeros. */
    static final String INFINITY_HEX = "00".repeat(Point.COMPRESSED_SIZE);

    /**
     * The tally of a conference with no ballots (N = 0) for this manifest, as bytes: every total is
     * (O, O), written as 33 zero bytes (no valid compressed point starts with 00). Such a tally has
     * no Java object ({@link Point} excludes O) and needs no decryption: every count is 0
     * ({@link Counts#noBallots}).
     */
    public static byte[] encodeNoBallots(ElectionContext ctx) {
        int count = ctx.candidateCount() * ctx.levelCount();
        ByteWriter w = new ByteWriter(16 + count * 66);
        w.raw(new byte[] {'T', 'N', '1', 'T'}).u8(1).u32(0).u32(count);
        w.raw(new byte[count * 2 * Point.COMPRESSED_SIZE]);
        return w.toByteArray();
    }

    /** The same as JSON: N = 0 and every alpha and beta the hex of 33 zero bytes. */
    public static String noBallotsJson(ElectionContext ctx) {
        int count = ctx.candidateCount() * ctx.levelCount();
        StringBuilder sb = new StringBuilder(32 + count * 150).append("{\"ballots\":0,\"entries\":[");
        for (int e = 0; e < count; e++) {
            sb.append(e > 0 ? "," : "").append("{\"alpha\":\"").append(INFINITY_HEX)
                    .append("\",\"beta\":\"").append(INFINITY_HEX).append("\"}");
        }
        return sb.append("]}").toString();
    }
}
