package dev.simplec.benchmarks.inference;

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

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.benchmarks.ProductJvm;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * The template front end on whole templates, uncached: every operation compiles a different source
 * text (the template with its own trailing comment, from a ring of 4,096 prepared variants).
 * <ul>
 * <li>{@code kernel30Instantiate}: parse + check + monomorphize + lower to IR of
 * distribution/src/bench/c/kernel30.spt at {@code [i64]}, what the bar "parse + check + lower of a
 * 30-line template ≤ 20 µs" measures;</li>
 * <li>{@code kernel30Check}: parse + check only ({@code checkTypes});</li>
 * <li>{@code doubleInstantiate}: {@code double<i64>} up to IR, the front end's share of the
 * "whole instantiation including codegen ≤ 25 µs" bar (codegen is the backend's);</li>
 * <li>{@code doubleInstantiateVerified}: the same plus {@link IrVerifier}, which runs once per
 * instantiation in production, in the backend (docs/language.md).</li>
 * </ul>
 * Twenty warm-up iterations: on the shared 2-core machine C2 needs eight to fifteen seconds to finish
 * compiling the front end (more the busier the machine), and earlier iterations measure the JIT, not
 * the compiler.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.COLLECTOR, ProductJvm.INLINING, ProductJvm.FREQUENT_INLINING})
public class FrontEndBench {
    private static final int RING = 1 << 12;

    private final TemplateInferenceEngine engine = new TemplateInferenceEngine();
    private String[] kernel30 = new String[0];
    private String[] doubles = new String[0];
    private int next;

    @Setup(Level.Trial)
    public void prepare() {
        kernel30 = Kernels.variants(Kernels.kernel30(), RING);
        doubles = Kernels.variants(Kernels.DOUBLE, RING);
        // Both must compile, to IR the verifier accepts, or the figures mean nothing.
        IrVerifier.verify(engine.instantiate(kernel30[0], Kernels.I64));
        IrVerifier.verify(engine.instantiate(doubles[0], Kernels.I64));
    }

    private int step() {
        int i = next;
        next = (i + 1) & (RING - 1);
        return i;
    }

    @Benchmark
    public IrModule kernel30Instantiate() {
        return engine.instantiate(kernel30[step()], Kernels.I64);
    }

    @Benchmark
    public void kernel30Check() {
        engine.checkTypes(kernel30[step()]);
    }

    @Benchmark
    public IrModule doubleInstantiate() {
        return engine.instantiate(doubles[step()], Kernels.I64);
    }

    @Benchmark
    public IrModule doubleInstantiateVerified() {
        IrModule m = engine.instantiate(doubles[step()], Kernels.I64);
        IrVerifier.verify(m);
        return m;
    }
}
