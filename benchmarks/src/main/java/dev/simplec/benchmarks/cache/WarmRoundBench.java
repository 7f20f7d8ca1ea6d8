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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.simplec.api.service.CacheStats;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.benchmarks.ProductJvm;

/**
 * {@link Workload} ({@code per-call} types) in steady state: one session for the whole trial,
 * each invocation one round of 1,000 instantiations (round after round, wrapping after 100). The
 * time is per round; {@code hits} and {@code misses} of the code cache are counted per iteration
 * (JMH adds them up over the measured iterations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.COLLECTOR, ProductJvm.INLINING, ProductJvm.FREQUENT_INLINING})
public class WarmRoundBench {
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public long hits;
        public long misses;

        @Setup(Level.Iteration)
        public void reset() {
            hits = 0;
            misses = 0;
        }
    }

    private final Workload workload = new Workload(true);
    private final CompilerSession session = Compilers.x86().openSession(null);
    private int round;

    @Benchmark
    public void round(Counts counts, Blackhole bh) {
        CacheStats before = session.stats().instantiate();
        int base = round * Workload.TEMPLATES;
        for (int t = 0; t < Workload.TEMPLATES; t++) {
            bh.consume(session.instantiate(workload.sources[t], Workload.TYPES[workload.choice[base + t]]));
        }
        round = round + 1 == Workload.ROUNDS ? 0 : round + 1;
        CacheStats after = session.stats().instantiate();
        counts.hits += after.hits() - before.hits();
        counts.misses += after.misses() - before.misses();
    }
}
