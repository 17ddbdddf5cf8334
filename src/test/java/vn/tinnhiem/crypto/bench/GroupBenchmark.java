package vn.tinnhiem.crypto.bench;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.FixedBaseTable;

/** P-256 primitives: fixed-base (our 8-bit table vs BC's comb), variable-base, point decoding. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class GroupBenchmark {
    private BigInteger k;
    private ECPoint p;
    private ECPoint jac;
    private byte[] compressed;
    private byte[] uncompressed;
    private FixedPointCombMultiplier comb;

    @Setup
    public void setUp() {
        k = new BigInteger(256, new java.util.Random(1)).mod(Curve.Q);
        p = Curve.G.multiply(BigInteger.valueOf(987654321)).normalize();
        jac = Curve.G.multiply(BigInteger.valueOf(12345));
        compressed = p.getEncoded(true);
        uncompressed = p.getEncoded(false);
        comb = new FixedPointCombMultiplier();
        comb.multiply(Curve.G, k);
    }

    @Benchmark
    public ECPoint fixedBaseTable8bit() {
        return Curve.G_TABLE.multiply(k);
    }

    @Benchmark
    public ECPoint fixedBaseBouncyCastleComb() {
        return comb.multiply(Curve.G, k);
    }

    @Benchmark
    public ECPoint variableBase() {
        return p.multiply(k);
    }

    @Benchmark
    public ECPoint mixedAddition() {
        return jac.add(p);
    }

    @Benchmark
    public ECPoint decodeCompressed() {
        return Curve.decodeOrNull(compressed, 0, 33);
    }

    @Benchmark
    public ECPoint decodeUncompressed() {
        return Curve.decodeOrNull(uncompressed, 0, 65);
    }

    @Benchmark
    public FixedBaseTable buildTable() {
        return new FixedBaseTable(p);
    }
}
