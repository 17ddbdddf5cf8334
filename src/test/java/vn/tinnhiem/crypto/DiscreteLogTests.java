package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tinnhiem.crypto.internal.Curve;

class DiscreteLogTests {
    @ParameterizedTest
    @CsvSource({"0,0", "1,0", "1,1", "10,0", "10,10", "481,448", "4000000,0", "4000000,1", "4000000,3999999",
            "4000000,4000000", "4000000,2000", "99,81", "100,99"})
    void finds_every_log_from_zero_to_max(int max, int t) {
        DiscreteLog d = new DiscreteLog(max);
        assertEquals(OptionalInt.of(t), d.solve(Curve.G.multiply(BigInteger.valueOf(t))));
    }

    @ParameterizedTest
    @CsvSource({"0,1", "10,11", "4000000,4000001", "100,-1"})
    void refuses_values_beyond_max_or_negative(int max, int t) {
        DiscreteLog d = new DiscreteLog(max);
        assertEquals(OptionalInt.empty(), d.solve(Curve.G.multiply(BigInteger.valueOf(t).mod(Curve.Q))));
    }
}
