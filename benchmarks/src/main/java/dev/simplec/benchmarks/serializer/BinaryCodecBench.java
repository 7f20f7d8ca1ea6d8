package dev.simplec.benchmarks.serializer;

import java.util.concurrent.TimeUnit;

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

import dev.simplec.api.types.TypeInfo;
import dev.simplec.benchmarks.ProductJvm;
import dev.simplec.serializer.binary.BinaryTypeCodec;

/** The binary codec bar, ≤ 15 ns for a simple type, both ways; HashMap&lt;text,i64&gt; beside it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.COLLECTOR, ProductJvm.INLINING, ProductJvm.FREQUENT_INLINING})
public class BinaryCodecBench {
    private final byte[] simple = BinaryTypeCodec.encode(Samples.SIMPLE);
    private final byte[] hashMap = BinaryTypeCodec.encode(Samples.HASH_MAP);

    @Setup
    public void roundTrips() {
        Check.same(Samples.SIMPLE, BinaryTypeCodec.decode(simple));
        Check.same(Samples.HASH_MAP, BinaryTypeCodec.decode(hashMap));
    }

    @Benchmark
    public byte[] encodeSimple() {
        return BinaryTypeCodec.encode(Samples.SIMPLE);
    }

    @Benchmark
    public TypeInfo decodeSimple() {
        return BinaryTypeCodec.decode(simple);
    }

    @Benchmark
    public byte[] encodeHashMap() {
        return BinaryTypeCodec.encode(Samples.HASH_MAP);
    }

    @Benchmark
    public TypeInfo decodeHashMap() {
        return BinaryTypeCodec.decode(hashMap);
    }
}
