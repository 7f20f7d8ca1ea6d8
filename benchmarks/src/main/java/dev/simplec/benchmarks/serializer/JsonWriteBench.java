package dev.simplec.benchmarks.serializer;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;

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

import dev.simplec.api.service.TypeSerializer;
import dev.simplec.benchmarks.ProductJvm;
import dev.simplec.serializer.JsonTypeSerializer;

/** Serialize bars: a simple type ≤ 60 ns, HashMap&lt;text,i64&gt; ≤ 250 ns; databind beside them. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.COLLECTOR, ProductJvm.INLINING, ProductJvm.FREQUENT_INLINING})
public class JsonWriteBench {
    private final TypeSerializer serializer = new JsonTypeSerializer();

    /** Both sides write the same text, or the comparison means nothing. */
    @Setup
    public void sameOutput() throws JsonProcessingException {
        Check.same(Samples.SIMPLE_JSON, serializer.writeType(Samples.SIMPLE));
        Check.same(Samples.SIMPLE_JSON, DatabindType.MAPPER.writeValueAsString(Samples.SIMPLE_POJO));
        Check.same(Samples.HASH_MAP_JSON, serializer.writeType(Samples.HASH_MAP));
        Check.same(Samples.HASH_MAP_JSON, DatabindType.MAPPER.writeValueAsString(Samples.HASH_MAP_POJO));
    }

    @Benchmark
    public String simple() {
        return serializer.writeType(Samples.SIMPLE);
    }

    @Benchmark
    public String hashMap() {
        return serializer.writeType(Samples.HASH_MAP);
    }

    @Benchmark
    public String databindSimple() throws JsonProcessingException {
        return DatabindType.MAPPER.writeValueAsString(Samples.SIMPLE_POJO);
    }

    @Benchmark
    public String databindHashMap() throws JsonProcessingException {
        return DatabindType.MAPPER.writeValueAsString(Samples.HASH_MAP_POJO);
    }
}
