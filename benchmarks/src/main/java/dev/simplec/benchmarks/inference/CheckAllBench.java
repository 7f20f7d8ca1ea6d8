package dev.simplec.benchmarks.inference;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

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

import dev.simplec.api.SimplecException;
import dev.simplec.benchmarks.ProductJvm;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * Type-checking 1,000 templates (kernel30.spt, each with its own trailing comment): one after the
 * other on the calling thread, and with {@link TemplateInferenceEngine#checkAll} (seed §11.3: on
 * the common fork-join pool, which on 2 cores is the caller plus one worker, both taking a few
 * templates at a time until none are left). The bar: parallel ≥ 1.7× faster than sequential on 2
 * cores; the speed-up is {@code sequential / parallel} of the two figures of one run. Both do the
 * same work: 1,000 distinct sources, each parsed and checked once per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.COLLECTOR, ProductJvm.INLINING, ProductJvm.FREQUENT_INLINING})
public class CheckAllBench {
    private static final int TEMPLATES = 1000;

    private final TemplateInferenceEngine engine = new TemplateInferenceEngine();
    private List<String> sources = List.of();

    @Setup(Level.Trial)
    public void prepare() {
        sources = List.of(Kernels.variants(Kernels.kernel30(), TEMPLATES));
        for (Optional<SimplecException> r : engine.checkAll(sources)) {
            if (r.isPresent()) {
                throw r.get();
            }
        }
        if (Runtime.getRuntime().availableProcessors() > 1 && ForkJoinPool.getCommonPoolParallelism() < 1) {
            throw new IllegalStateException("the common pool has no worker");
        }
    }

    /** The same work as checkAll, on this thread only. */
    @Benchmark
    public int sequential() {
        int ok = 0;
        for (String s : sources) {
            try {
                engine.checkTypes(s);
                ok++;
            } catch (SimplecException e) {
                // Counted as not ok, as checkAll reports it.
            }
        }
        return ok;
    }

    @Benchmark
    public List<Optional<SimplecException>> parallel() {
        return engine.checkAll(sources);
    }
}
