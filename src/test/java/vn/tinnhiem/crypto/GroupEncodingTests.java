package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.FixedBaseTable;

class GroupEncodingTests {
    private final SeededRandom rng = new SeededRandom("group");

    @Test
    void point_round_trips_through_compressed_uncompressed_and_hex() {
        Point p = Point.multiplyG(Scalar.random(rng));
        assertEquals(33, p.encode().length);
        assertEquals(65, p.encodeUncompressed().length);
        assertEquals(p, Point.decode(p.encode()));
        assertEquals(p, Point.decode(p.encodeUncompressed()));
        assertEquals(p, Point.fromHex(p.toHex()));
        assertEquals(p.toHex(), p.toHex().toLowerCase());
    }

    @Test
    void decoding_rejects_infinity_in_every_form() {
        assertThrows(InvalidEncodingException.class, () -> Point.decode(new byte[] {0}));
        assertThrows(InvalidEncodingException.class, () -> Point.decode(new byte[33]));
        assertThrows(InvalidEncodingException.class, () -> Point.decode(new byte[65]));
    }

    @Test
    void decoding_rejects_off_curve_points() {
        byte[] u = Point.multiplyG(Scalar.of(7)).encodeUncompressed();
        u[64] ^= 1;
        assertThrows(InvalidEncodingException.class, () -> Point.decode(u));
        // compressed: an x with no square root on the curve
        byte[] c = new byte[33];
        c[0] = 2;
        boolean found = false;
        for (int x = 1; x < 100 && !found; x++) {
            c[32] = (byte) x;
            try {
                Point.decode(c);
            } catch (InvalidEncodingException e) {
                found = true;
            }
        }
        assertTrue(found, "some small x is not on the curve");
    }

    @Test
    void decoding_rejects_coordinates_not_below_p_and_odd_prefixes() {
        Point p = Point.multiplyG(Scalar.of(3));
        byte[] c = p.encode();
        BigInteger prime = Curve.CURVE.getField().getCharacteristic();
        for (BigInteger x : new BigInteger[] {prime, prime.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)}) {
            byte[] bad = new byte[33];
            bad[0] = 2;
            System.arraycopy(Curve.scalarBytes(x), 0, bad, 1, 32);
            assertThrows(InvalidEncodingException.class, () -> Point.decode(bad));
            byte[] badU = p.encodeUncompressed();
            System.arraycopy(Curve.scalarBytes(x), 0, badU, 33, 32);
            assertThrows(InvalidEncodingException.class, () -> Point.decode(badU));
        }
        byte[] hybrid = p.encodeUncompressed();
        hybrid[0] = 6;
        assertThrows(InvalidEncodingException.class, () -> Point.decode(hybrid));
        byte[] wrongTag = c.clone();
        wrongTag[0] = 4;
        assertThrows(InvalidEncodingException.class, () -> Point.decode(wrongTag));
        assertThrows(InvalidEncodingException.class, () -> Point.decode(Arrays.copyOf(c, 32)));
        assertThrows(InvalidEncodingException.class, () -> Point.fromHex(p.toHex().toUpperCase()));
    }

    @Test
    void scalar_rejects_q_and_above_and_wrong_lengths() {
        assertThrows(InvalidEncodingException.class, () -> new Scalar(Scalar.Q));
        assertThrows(InvalidEncodingException.class, () -> new Scalar(BigInteger.ONE.negate()));
        assertThrows(InvalidEncodingException.class, () -> Scalar.decode(Curve.scalarBytes(Scalar.Q)));
        assertThrows(InvalidEncodingException.class, () -> Scalar.decode(new byte[31]));
        assertThrows(InvalidEncodingException.class, () -> Scalar.decode(new byte[33]));
        byte[] max = new byte[32];
        Arrays.fill(max, (byte) 0xff);
        assertThrows(InvalidEncodingException.class, () -> Scalar.decode(max));
        Scalar top = new Scalar(Scalar.Q.subtract(BigInteger.ONE));
        assertEquals(top, Scalar.decode(top.encode()));
        assertEquals(top, Scalar.fromHex(top.toHex()));
        assertEquals(Scalar.ZERO, Scalar.decode(new byte[32]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2", "255", "256", "65535", "q-1", "random"})
    void fixed_base_table_agrees_with_plain_multiplication(String which) {
        BigInteger k = switch (which) {
            case "q-1" -> Scalar.Q.subtract(BigInteger.ONE);
            case "random" -> Scalar.random(rng).value();
            default -> new BigInteger(which);
        };
        FixedBaseTable t = new FixedBaseTable(Curve.G.multiply(BigInteger.valueOf(5)));
        ECPoint expected = Curve.G.multiply(BigInteger.valueOf(5)).multiply(k);
        assertTrue(expected.equals(t.multiply(k)));
        assertTrue(Curve.G.multiply(k).equals(Curve.G_TABLE.multiply(k)));
    }

    @Test
    void point_arithmetic_matches_scalar_arithmetic() {
        Scalar a = Scalar.random(rng);
        Scalar b = Scalar.random(rng);
        Point sum = Point.multiplyG(a).add(Point.multiplyG(b));
        assertEquals(Point.multiplyG(new Scalar(a.value().add(b.value()).mod(Scalar.Q))), sum);
        assertEquals(Point.multiplyG(new Scalar(a.value().multiply(b.value()).mod(Scalar.Q))),
                Point.multiplyG(a).multiply(b));
        assertThrows(ArithmeticException.class, () -> Point.G.multiply(Scalar.ZERO));
    }
}
