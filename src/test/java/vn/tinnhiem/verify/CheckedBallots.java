package vn.tinnhiem.verify;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.crypto.SeededRandom;
import vn.tinnhiem.crypto.internal.Nonces;

/**
 * Checked ballots for test records (docs/protocol.md 5.6): a ballot sealed by the Java core from a seeded source,
 * and its opening (header, choices, every nonce r_{c,l}) rebuilt from the same seed through the hedged
 * derivation of 5.5, as the tablet reveals it. Call inside {@link Nonces#reproducibly} (the uniquifier is 0).
 */
public final class CheckedBallots {
    private CheckedBallots() {}

    /** A sealed ballot and its opening. */
    public record Opened(SealedBallot sealed, byte[] opening) {}

    public static Opened seal(ElectionContext ctx, String seed, int[] choices) {
        int m = ctx.candidateCount();
        int levels = ctx.levelCount();
        int[] copy = choices.clone();
        SealedBallot sealed = new BallotSealer(ctx, new SeededRandom(seed)).seal(copy);
        byte[] bits = new byte[m * levels];
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                bits[c * levels + l] = (byte) (choices[c] == l ? 1 : 0);
            }
        }
        byte[] header = sealed.encode();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'T', 'N', '1', 'O', 1});
        out.write(header, 5, 19);
        for (int c = 0; c < m; c++) {
            out.write(choices[c] < 0 ? 0xff : choices[c]);
        }
        try (Nonces.Session ns = Nonces.session(new SeededRandom(seed), 0L, "TN1/nonce/seal", bits, ctx.manifestHash(),
                java.util.Arrays.copyOfRange(header, 21, 24))) {
            for (int c = 0; c < m; c++) {
                for (int l = 0; l < levels; l++) {
                    out.writeBytes(scalar(ns.scalar(1, c, l)));
                }
            }
        }
        return new Opened(sealed, out.toByteArray());
    }

    private static byte[] scalar(BigInteger r) {
        byte[] b = r.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }
}
