package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/** One teller's partial decryption (docs/protocol.md 6.2) and the check of its proofs. */
final class Partial {
    final int teller;
    final ECPoint[] shares;
    final BigInteger[] challenges;
    final BigInteger[] responses;

    private Partial(int teller, ECPoint[] shares, BigInteger[] challenges, BigInteger[] responses) {
        this.teller = teller;
        this.shares = shares;
        this.challenges = challenges;
        this.responses = responses;
    }

    static Partial read(int teller, List<Object> entries, String path) throws Bad {
        int size = entries.size();
        ECPoint[] d = new ECPoint[size];
        BigInteger[] c = new BigInteger[size];
        BigInteger[] v = new BigInteger[size];
        for (int e = 0; e < size; e++) {
            String ep = path + ".entries[" + e + "]";
            Map<String, Object> en = Fields.object(entries.get(e), ep);
            d[e] = Group.point(Fields.hex(en, "share", ep, 33));
            c[e] = Group.scalar(Fields.hex(en, "challenge", ep, 32), 0);
            v[e] = Group.scalar(Fields.hex(en, "response", ep, 32), 0);
            if (d[e] == null || c[e] == null || v[e] == null) {
                throw Bad.field(ep);
            }
        }
        return new Partial(teller, d, c, v);
    }

    /** The entries whose proof fails, against K_i = sum_j i^j C_j. */
    List<Integer> failingProofs(byte[] qbar, List<ECPoint> commitments, List<ECPoint[]> tally) {
        BigInteger i = BigInteger.valueOf(teller);
        ECPoint ki = Group.INFINITY;
        BigInteger power = BigInteger.ONE;
        for (ECPoint c : commitments) {
            ki = ki.add(c.multiply(power));
            power = power.multiply(i).mod(Group.Q);
        }
        byte[] kiBytes = Group.compressed(ki);
        List<Integer> bad = new ArrayList<>();
        for (int e = 0; e < shares.length; e++) {
            ECPoint alpha = tally.get(e)[0];
            ECPoint a = ECAlgorithms.sumOfTwoMultiplies(Group.G, responses[e], ki, challenges[e]);
            ECPoint b = ECAlgorithms.sumOfTwoMultiplies(alpha, responses[e], shares[e], challenges[e]);
            if (a.isInfinity() || b.isInfinity()) {
                bad.add(e);
                continue;
            }
            BigInteger ch = new Group.Hash("TN1/proof/decrypt").part(qbar).u32part(teller).u32part(e).part(kiBytes)
                    .part(Group.compressed(alpha)).part(Group.compressed(shares[e])).part(Group.compressed(a))
                    .part(Group.compressed(b)).modQ();
            if (!ch.equals(challenges[e])) {
                bad.add(e);
            }
        }
        return bad;
    }
}
