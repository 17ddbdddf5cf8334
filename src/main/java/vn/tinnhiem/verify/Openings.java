package vn.tinnhiem.verify;

import java.math.BigInteger;

import org.bouncycastle.math.ec.ECPoint;

/**
 * The opening of a checked ballot (docs/protocol.md 5.6): its choices and the nonces of its ciphertexts, from
 * which each ciphertext is computed again (alpha = rG, beta = bG + rK, b = 1 iff the choice is that level).
 * Written from the document alone, like the rest of this package: it shares no code with the count.
 */
final class Openings {
    static final int HEADER = 24;
    static final int BLANK = 0xff;

    private Openings() {}

    static int size(int m, int levels) {
        return HEADER + m + 32 * m * levels;
    }

    /**
     * The choices the opening reveals, level index per candidate ({@link #BLANK} for blank), once every check of
     * 5.6 holds for {@code sealed}, a ballot of the manifest's shape; otherwise {@link Bad} with the first reason,
     * naming the ballot by {@code code} (its tracking code).
     */
    static int[] open(byte[] sealed, byte[] opening, int m, int levels, ECPoint key, String code) throws Bad {
        if (opening.length != size(m, levels)) {
            throw new Bad("verify.why.openingShape", code, String.valueOf(opening.length),
                    String.valueOf(size(m, levels)));
        }
        if (opening[0] != 'T' || opening[1] != 'N' || opening[2] != '1' || opening[3] != 'O' || opening[4] != 1
                || !java.util.Arrays.equals(opening, 5, 24, sealed, 5, 24)) {
            throw new Bad("verify.why.openingHeader", code);
        }
        int[] choices = new int[m];
        for (int c = 0; c < m; c++) {
            int choice = opening[HEADER + c] & 0xff;
            if (choice >= levels && choice != BLANK) {
                throw new Bad("verify.why.openingChoice", code, String.valueOf(c + 1), String.valueOf(choice));
            }
            choices[c] = choice;
        }
        int s = Ballots.ITEM * levels + Ballots.SUM;
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                int at = HEADER + m + 32 * (c * levels + l);
                BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(opening, at, at + 32));
                if (r.signum() == 0 || r.compareTo(Group.Q) >= 0) {
                    throw new Bad("verify.why.openingNonce", code, String.valueOf(c + 1), String.valueOf(l + 1));
                }
                int o = HEADER + c * s + Ballots.ITEM * l;
                ECPoint alpha = Group.point(sealed, o, 65);
                ECPoint beta = Group.point(sealed, o + 65, 65);
                ECPoint rK = key.multiply(r);
                ECPoint expectedBeta = choices[c] == l ? rK.add(Group.G) : rK;
                if (alpha == null || beta == null || !Group.G.multiply(r).normalize().equals(alpha.normalize())
                        || !expectedBeta.normalize().equals(beta.normalize())) {
                    throw new Bad("verify.why.openingCiphertext", code, String.valueOf(c + 1), String.valueOf(l + 1));
                }
            }
        }
        return choices;
    }
}
