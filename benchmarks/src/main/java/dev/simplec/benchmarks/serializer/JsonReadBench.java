package dev.simplec.benchmarks.serializer;

import java.io.IOException;
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

import dev.simplec.api.service.TypeSerializer;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.benchmarks.ProductJvm;
import dev.simplec.bridge.cache.CacheLimits;
import dev.simplec.bridge.cache.CachedSerializer;
import dev.simplec.serializer.JsonTypeSerializer;

/**
 * Deserialize bars: a simple type ≤ 120 ns, HashMap&lt;text,i64&gt; ≤ 250 ns; databind beside them.
 * Also the same HashMap with a space after each comma, which is not canonical and so takes the
 * Jackson streaming path (the "hand-written Jackson streaming" anchor), and a session's
 * deserialize-cache hit for a text that arrives as a new String (as every C call's does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.COLLECTOR, ProductJvm.INLINING, ProductJvm.FREQUENT_INLINING})
public class JsonReadBench {
    private static final String HASH_MAP_SPACED = Samples.HASH_MAP_JSON.replace(",", ", ");

    private final TypeSerializer serializer = new JsonTypeSerializer();
    private final TypeSerializer cached = new CachedSerializer(new JsonTypeSerializer(), CacheLimits.DEFAULT);
    private final char[] hashMapChars = Samples.HASH_MAP_JSON.toCharArray();

    @Setup
    public void sameValues() throws IOException {
        Check.same(Samples.SIMPLE, serializer.readType(Samples.SIMPLE_JSON));
        Check.same(Samples.SIMPLE_POJO, DatabindType.MAPPER.readValue(Samples.SIMPLE_JSON, DatabindType.class));
        Check.same(Samples.HASH_MAP, serializer.readType(Samples.HASH_MAP_JSON));
        Check.same(Samples.HASH_MAP, serializer.readType(HASH_MAP_SPACED));
        Check.same(Samples.HASH_MAP_POJO, DatabindType.MAPPER.readValue(Samples.HASH_MAP_JSON, DatabindType.class));
        Check.same(Samples.HASH_MAP, cached.readType(Samples.HASH_MAP_JSON));
    }

    @Benchmark
    public TypeInfo simple() {
        return serializer.readType(Samples.SIMPLE_JSON);
    }

    @Benchmark
    public TypeInfo hashMap() {
        return serializer.readType(Samples.HASH_MAP_JSON);
    }

    @Benchmark
    public TypeInfo hashMapJacksonStreaming() {
        return serializer.readType(HASH_MAP_SPACED);
    }

    /** Includes making the new String (a copy of 99 chars), as the bridge does for each C call. */
    @Benchmark
    public TypeInfo hashMapSessionCacheHit() {
        return cached.readType(new String(hashMapChars));
    }

    @Benchmark
    public DatabindType databindSimple() throws IOException {
        return DatabindType.MAPPER.readValue(Samples.SIMPLE_JSON, DatabindType.class);
    }

    @Benchmark
    public DatabindType databindHashMap() throws IOException {
        return DatabindType.MAPPER.readValue(Samples.HASH_MAP_JSON, DatabindType.class);
    }
}
