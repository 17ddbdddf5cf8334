package vn.tinnhiem.crypto;

import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.Hex;

/**
 * A point of P-256 other than infinity, checked to be on the curve. Cannot be built invalid:
 * every way in validates. Canonical encoding: compressed SEC1, 33 bytes; JSON: lower-case hex of it.
 */
public final class Point {
    public static final int COMPRESSED_SIZE = 33;
    public static final int UNCOMPRESSED_SIZE = 65;
    /** The generator G. */
    public static final Point G = new Point(Curve.G);

    private final ECPoint ec;

    private Point(ECPoint normalized) {
        this.ec = normalized;
    }

    /** Wraps an internal point; rejects infinity. */
    static Point of(ECPoint p) {
        if (p.isInfinity()) {
            throw new ArithmeticException("point at infinity");
        }
        return new Point(p.normalize());
    }

    /** Accepts 33-byte compressed or 65-byte uncompressed SEC1; anything else is rejected. */
    public static Point decode(byte[] encoded) {
        ECPoint p = Curve.decodeOrNull(encoded, 0, encoded.length);
        if (p == null) {
            throw new InvalidEncodingException("not a valid P-256 point encoding");
        }
        return new Point(p);
    }

    public static Point fromHex(String hex) {
        try {
            return decode(Hex.decode(hex));
        } catch (InvalidEncodingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidEncodingException("not lower-case hex");
        }
    }

    /** The point s*G. */
    public static Point multiplyG(Scalar s) {
        return of(Curve.G_TABLE.multiply(s.value()));
    }

    ECPoint ec() {
        return ec;
    }

    public byte[] encode() {
        return ec.getEncoded(true);
    }

    public byte[] encodeUncompressed() {
        return ec.getEncoded(false);
    }

    public String toHex() {
        return Hex.encode(encode());
    }

    /** this + other; throws ArithmeticException in the (negligible) case the sum is infinity. */
    public Point add(Point other) {
        return of(ec.add(other.ec));
    }

    /** s * this; throws ArithmeticException for s = 0. */
    public Point multiply(Scalar s) {
        return of(ec.multiply(s.value()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point p && Arrays.equals(encode(), p.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "Point[" + toHex() + "]";
    }
}
