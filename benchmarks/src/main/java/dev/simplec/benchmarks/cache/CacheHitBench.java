package dev.simplec.benchmarks.cache;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.simplec.api.service.CacheStats;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.benchmarks.ProductJvm;

/**
 * The cache bar (≥ 99 % hits): {@link Workload}'s 100,000 instantiations through one session of
 * the real compiler, from empty caches, each measured invocation being the whole workload. The
 * counters {@code hits}, {@code misses} and {@code unavoidable} (distinct instantiations) of the
 * code cache are reported per invocation; the hit rate is hits / (hits + misses).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.COLLECTOR, ProductJvm.INLINING, ProductJvm.FREQUENT_INLINING})
public class CacheHitBench {
    /** Counters of the code cache over one run of the workload. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public long hits;
        public long misses;
        public long unavoidable;
        public long deserializeMisses;

        @Setup(Level.Iteration)
        public void reset() {
            hits = 0;
            misses = 0;
            unavoidable = 0;
            deserializeMisses = 0;
        }
    }

    @Param({"per-template", "per-call"})
    public String typeChoice = "per-template";

    private Workload workload = new Workload(false);
    private CompilerSession session = Compilers.x86().openSession(null);

    @Setup(Level.Trial)
    public void workload() {
        workload = new Workload("per-call".equals(typeChoice));
    }

    @Setup(Level.Invocation)
    public void emptyCaches() {
        session = Compilers.x86().openSession(null);
    }

    @TearDown(Level.Invocation)
    public void close() {
        session.close();
    }

    @Benchmark
    public void hundredRounds(Counts counts, Blackhole bh) {
        Workload w = workload;
        for (int r = 0; r < Workload.ROUNDS; r++) {
            for (int t = 0; t < Workload.TEMPLATES; t++) {
                bh.consume(session.instantiate(w.sources[t], Workload.TYPES[w.choice[r * Workload.TEMPLATES + t]]));
            }
        }
        CacheStats code = session.stats().instantiate();
        counts.hits = code.hits();
        counts.misses = code.misses();
        counts.unavoidable = w.distinct();
        counts.deserializeMisses = session.stats().deserialize().misses();
    }
}
