package vn.tinnhiem.crypto;

import javax.security.auth.Destroyable;

/**
 * Teller i's share s_i = f(i). Destroy it as soon as the partial decryption is made.
 *
 * @param index teller number 1..n
 * @param secret s_i
 */
public record TellerShare(int index, SecretScalar secret) implements Destroyable {
    public TellerShare {
        if (index < 1 || index > 255) {
            throw new IllegalArgumentException("teller index must be 1..255");
        }
    }

    /** s_i G, which must equal sum_j i^j C_j. */
    public Point publicShare() {
        return Point.of(vn.tinnhiem.crypto.internal.Curve.G_TABLE.multiply(secret.reveal()));
    }

    @Override
    public void destroy() {
        secret.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return secret.isDestroyed();
    }

    @Override
    public String toString() {
        return "TellerShare[" + index + ", redacted]";
    }
}
