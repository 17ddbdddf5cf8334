package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import org.bouncycastle.math.ec.ECPoint;

/** t with M = tG and 0 ≤ t ≤ max, by baby-step giant-step (6.3); -1 if there is none. */
final class DiscreteLog {
    private final int max;
    private final int steps;
    private final Map<ByteBuffer, Integer> baby = new HashMap<>();
    private final ECPoint giant;

    DiscreteLog(int max) {
        this.max = max;
        this.steps = (int) Math.ceil(Math.sqrt(max + 1.0));
        ECPoint p = Group.INFINITY;
        for (int j = 0; j < steps; j++) {
            if (j > 0) {
                baby.put(ByteBuffer.wrap(Group.compressed(p)), j);
            }
            p = p.add(Group.G);
        }
        giant = Group.G.multiply(BigInteger.valueOf(steps)).negate();
    }

    int solve(ECPoint m) {
        ECPoint p = m;
        for (int i = 0; i <= steps; i++) {
            int j;
            if (p.isInfinity()) {
                j = 0;
            } else {
                Integer hit = baby.get(ByteBuffer.wrap(Group.compressed(p)));
                j = hit == null ? -1 : hit;
            }
            if (j >= 0) {
                long t = (long) i * steps + j;
                return t <= max ? (int) t : -1;
            }
            p = p.add(giant);
        }
        return -1;
    }
}
