package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.math.ec.ECPoint;

/**
 * A sealer written from docs/protocol.md 5.1-5.2 for tests, where the caller picks the nonces r: the app's
 * sealer draws them itself (hedged, 5.5), so it cannot make the ballots that break 5.5 or 10.2 on purpose (one
 * nonce in two ballots, the same ciphertexts re-proved under another id) or the rare honest proof with a zero
 * scalar. Every proof it makes holds.
 */
final class TestSealer {
    private TestSealer() {}

    /**
     * @param choices level per candidate, -1 blank
     * @param r       the nonce of every item (c, l), in [1, q)
     * @param zeros   make each bit proof carry a zero scalar where the simulated branch allows it: c_0 = 0
     *                when the bit is 1, v_1 = 0 when it is 0 (5.1: the simulated c_j', v_j' are free)
     */
    static byte[] seal(byte[] qbar, ECPoint key, byte[] id, int levels, int[] choices, BigInteger[][] r,
            SecureRandom rng, boolean zeros) {
        int m = choices.length;
        int s = Ballots.ITEM * levels + Ballots.SUM;
        byte[] out = new byte[Ballots.size(m, levels)];
        System.arraycopy(new byte[] {'T', 'N', '1', 'B', 1}, 0, out, 0, 5);
        System.arraycopy(id, 0, out, 5, 16);
        out[21] = (byte) (m >>> 8);
        out[22] = (byte) m;
        out[23] = (byte) levels;
        ECPoint[][] alpha = new ECPoint[m][levels];
        ECPoint[][] beta = new ECPoint[m][levels];
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                int o = 24 + c * s + Ballots.ITEM * l;
                alpha[c][l] = Group.G.multiply(r[c][l]).normalize();
                ECPoint rk = key.multiply(r[c][l]);
                beta[c][l] = (choices[c] == l ? rk.add(Group.G) : rk).normalize();
                put(out, o, alpha[c][l]);
                put(out, o + 65, beta[c][l]);
            }
        }
        Group.Hash bind = new Group.Hash("TN1/ballot/bind").part(out, 0, 24);
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                bind.part(out, 24 + c * s + Ballots.ITEM * l, 130);
            }
        }
        byte[] binding = bind.digest();
        for (int c = 0; c < m; c++) {
            ECPoint sa = Group.INFINITY;
            ECPoint sb = Group.INFINITY;
            BigInteger sr = BigInteger.ZERO;
            for (int l = 0; l < levels; l++) {
                int o = 24 + c * s + Ballots.ITEM * l;
                Group.Hash ch = new Group.Hash("TN1/proof/01").part(qbar).part(binding).u32part(c).u32part(l)
                        .part(out, o, 65).part(out, o + 65, 65);
                proof(out, o + 130, key, alpha[c][l], beta[c][l], r[c][l], choices[c] == l ? 1 : 0, ch, rng, zeros);
                sa = sa.add(alpha[c][l]);
                sb = sb.add(beta[c][l]);
                sr = sr.add(r[c][l]);
            }
            Group.Hash ch = new Group.Hash("TN1/proof/sum").part(qbar).part(binding).u32part(c);
            for (int l = 0; l < levels; l++) {
                int o = 24 + c * s + Ballots.ITEM * l;
                ch.part(out, o, 65).part(out, o + 65, 65);
            }
            proof(out, 24 + c * s + Ballots.ITEM * levels, key, sa.normalize(), sb.normalize(), sr.mod(Group.Q),
                    choices[c] >= 0 ? 1 : 0, ch, rng, false);
        }
        return out;
    }

    private static void proof(byte[] out, int at, ECPoint key, ECPoint alpha, ECPoint beta, BigInteger r, int bit,
            Group.Hash challenge, SecureRandom rng, boolean zeros) {
        int sim = 1 - bit;
        BigInteger cs = zeros && sim == 0 ? BigInteger.ZERO : scalar(rng);
        BigInteger vs = zeros && sim == 1 ? BigInteger.ZERO : scalar(rng);
        ECPoint shifted = sim == 1 ? beta.subtract(Group.G) : beta;
        ECPoint[] a = new ECPoint[2];
        ECPoint[] b = new ECPoint[2];
        a[sim] = Group.G.multiply(vs).add(alpha.multiply(cs)).normalize();
        b[sim] = key.multiply(vs).add(shifted.multiply(cs)).normalize();
        BigInteger u = scalar(rng);
        a[bit] = Group.G.multiply(u).normalize();
        b[bit] = key.multiply(u).normalize();
        put(out, at, a[0]);
        put(out, at + 65, b[0]);
        put(out, at + 130, a[1]);
        put(out, at + 195, b[1]);
        BigInteger ch = challenge.part(out, at, 65).part(out, at + 65, 65).part(out, at + 130, 65)
                .part(out, at + 195, 65).modQ();
        BigInteger cb = ch.subtract(cs).mod(Group.Q);
        BigInteger vb = u.subtract(cb.multiply(r)).mod(Group.Q);
        BigInteger c0 = bit == 0 ? cb : cs;
        BigInteger v0 = bit == 0 ? vb : vs;
        BigInteger v1 = bit == 1 ? vb : vs;
        putScalar(out, at + 260, c0);
        putScalar(out, at + 292, v0);
        putScalar(out, at + 324, v1);
    }

    static BigInteger scalar(SecureRandom rng) {
        byte[] b = new byte[48];
        rng.nextBytes(b);
        BigInteger v = new BigInteger(1, b).mod(Group.Q.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        return v;
    }

    /** Nonces for every item, drawn from {@code rng}. */
    static BigInteger[][] nonces(int m, int levels, SecureRandom rng) {
        BigInteger[][] r = new BigInteger[m][levels];
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < levels; l++) {
                r[c][l] = scalar(rng);
            }
        }
        return r;
    }

    private static void put(byte[] out, int at, ECPoint p) {
        System.arraycopy(p.normalize().getEncoded(false), 0, out, at, 65);
    }

    private static void putScalar(byte[] out, int at, BigInteger v) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, at + 32 - n, n);
    }
}
