package vn.tinnhiem.crypto;

import java.math.BigInteger;
import java.util.Arrays;

import org.bouncycastle.math.ec.ECPoint;

import vn.tinnhiem.crypto.internal.Curve;

/**
 * The opening of a sealed ballot (docs/protocol.md 5.6, "Kiểm tra máy", Benaloh's challenge): the choices and
 * the nonce of every ciphertext, which a tablet reveals for a ballot the voter chose to check instead of cast.
 *
 * <pre>
 * opening = "TN1O" ‖ u8(1) ‖ ballot id (16) ‖ u16(m) ‖ u8(L)        (24 bytes, the ballot header's layout)
 *           ‖ for c = 0..m−1: u8(choice_c)                           (0..L−1, or 0xFF = blank)
 *           ‖ for (c, l) in ballot order: r_{c,l} (32-byte scalar)
 * size = 24 + m + 32·m·L
 * </pre>
 *
 * An opening opens a sealed ballot S iff its magic and version are right and its id, m and L are S's; every
 * choice is below L or 0xFF; every 0 &lt; r &lt; q; and for every (c, l): α = r G and β = b G + r K with b = 1 iff
 * choice_c = l. The proofs are not looked at: they were checked when S arrived. {@link #open} never throws on
 * bad bytes.
 */
public final class BallotOpening {
    static final byte[] MAGIC = {'T', 'N', '1', 'O'};
    static final int VERSION = 1;
    static final int HEADER = BallotLayout.HEADER;
    /** The byte for a blank choice. */
    public static final int BLANK = 0xFF;

    private BallotOpening() {}

    /** What an opening says about a sealed ballot. */
    public sealed interface Result {}

    /**
     * The opening opens the ballot: {@code choices[c]} is the level index (0-based, the kind's order) of
     * candidate c, or -1 for blank. The caller owns the array (zero it when done).
     */
    public record Opened(int[] choices) implements Result {
        @Override
        public String toString() {
            return "Opened[" + choices.length + " candidates]";
        }
    }

    /**
     * The opening does not open the ballot. {@code reason} is a fixed code naming the first check that failed,
     * never a choice: {@code WRONG_SHAPE} (sizes), {@code HEADER} (magic, version, id, m or L),
     * {@code CHOICE} (a choice byte out of range), {@code NONCE_RANGE} (a nonce 0 or ≥ q), or
     * {@code CIPHERTEXT c=<c> l=<l>} (that ciphertext is not what the choice and nonce give).
     */
    public record Mismatch(String reason) implements Result {}

    /** The size of the opening of a ballot of m candidates and L levels. */
    public static int size(int m, int levels) {
        return HEADER + m + Scalar.SIZE * m * levels;
    }

    /** Whether {@code opening} opens {@code sealed}, a ballot of the context's manifest. Never throws on bad bytes. */
    public static Result open(ElectionContext ctx, SealedBallot sealed, byte[] opening) {
        try {
            return check(ctx, sealed, opening);
        } catch (RuntimeException e) {
            // Nothing above should throw on any bytes; if it does, the opening is still not accepted.
            return new Mismatch("WRONG_SHAPE");
        }
    }

    private static Result check(ElectionContext ctx, SealedBallot sealed, byte[] opening) {
        int m = ctx.candidateCount();
        int levels = ctx.levelCount();
        byte[] s = sealed.bytesRef();
        if (s.length != BallotLayout.size(m, levels) || opening.length != size(m, levels)) {
            return new Mismatch("WRONG_SHAPE");
        }
        for (int i = 0; i < 4; i++) {
            if (opening[i] != MAGIC[i]) {
                return new Mismatch("HEADER");
            }
        }
        if (opening[4] != VERSION) {
            return new Mismatch("HEADER");
        }
        // id ‖ u16(m) ‖ u8(L): the same bytes at the same place as in the ballot, and m and L the manifest's.
        if (!Arrays.equals(opening, BallotLayout.ID_OFFSET, HEADER, s, BallotLayout.ID_OFFSET, HEADER)
                || ((opening[HEADER - 3] & 0xff) << 8 | (opening[HEADER - 2] & 0xff)) != m
                || (opening[HEADER - 1] & 0xff) != levels) {
            return new Mismatch("HEADER");
        }
        int[] choices = new int[m];
        for (int c = 0; c < m; c++) {
            int b = opening[HEADER + c] & 0xff;
            if (b != BLANK && b >= levels) {
                return new Mismatch("CHOICE");
            }
            choices[c] = b == BLANK ? -1 : b;
        }
        int at = HEADER + m;
        BigInteger[] r = new BigInteger[m * levels];
        for (int p = 0; p < r.length; p++) {
            r[p] = new BigInteger(1, Arrays.copyOfRange(opening, at + p * Scalar.SIZE, at + (p + 1) * Scalar.SIZE));
            if (r[p].signum() == 0 || r[p].compareTo(Curve.Q) >= 0) {
                Arrays.fill(choices, 0);
                return new Mismatch("NONCE_RANGE");
            }
        }
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                int off = BallotLayout.itemOffset(c, l, levels);
                ECPoint alpha = Curve.decodeOrNull(s, off, BallotLayout.PT);
                ECPoint beta = Curve.decodeOrNull(s, off + BallotLayout.PT, BallotLayout.PT);
                BigInteger rp = r[c * levels + l];
                ECPoint wantAlpha = Curve.G_TABLE.multiply(rp);
                ECPoint wantBeta = ctx.kTable().multiply(rp);
                if (choices[c] == l) {
                    wantBeta = wantBeta.add(Curve.G);
                }
                if (alpha == null || beta == null || !alpha.equals(wantAlpha) || !beta.equals(wantBeta)) {
                    Arrays.fill(choices, 0);
                    return new Mismatch("CIPHERTEXT c=" + c + " l=" + l);
                }
            }
        }
        return new Opened(choices);
    }

    /** The opening of a ballot just sealed (BallotSealer): its header, the choices the bits give, the nonces. */
    static byte[] write(byte[] ballot, int[] bits, BigInteger[] r, int m, int levels) {
        byte[] out = new byte[size(m, levels)];
        System.arraycopy(MAGIC, 0, out, 0, 4);
        out[4] = VERSION;
        System.arraycopy(ballot, BallotLayout.ID_OFFSET, out, BallotLayout.ID_OFFSET, HEADER - BallotLayout.ID_OFFSET);
        for (int c = 0; c < m; c++) {
            int choice = BLANK;
            for (int l = 0; l < levels; l++) {
                if (bits[c * levels + l] == 1) {
                    choice = l;
                }
            }
            out[HEADER + c] = (byte) choice;
        }
        for (int p = 0; p < m * levels; p++) {
            System.arraycopy(Curve.scalarBytes(r[p]), 0, out, HEADER + m + p * Scalar.SIZE, Scalar.SIZE);
        }
        return out;
    }
}
