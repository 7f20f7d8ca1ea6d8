package dev.simplec.benchmarks.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.Nullable;
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
import org.openjdk.jmh.annotations.Warmup;

import dev.simplec.api.codegen.AccumulatorRecursion;
import dev.simplec.api.codegen.AllocatedFunction;
import dev.simplec.api.codegen.CallInlining;
import dev.simplec.api.codegen.Inlining;
import dev.simplec.api.codegen.IrRewrites;
import dev.simplec.api.codegen.Label;
import dev.simplec.api.codegen.MBlock;
import dev.simplec.api.codegen.MFunction;
import dev.simplec.api.codegen.MInst;
import dev.simplec.api.codegen.RegisterAllocator;
import dev.simplec.api.codegen.Regs;
import dev.simplec.api.codegen.StackSlots;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.api.service.CompiledCode;
import dev.simplec.backend.x86.HostCpu;
import dev.simplec.backend.x86.X86Backend;
import dev.simplec.backend.x86.emit.ConstPool;
import dev.simplec.backend.x86.emit.X86Assembler;
import dev.simplec.backend.x86.emit.X86Emitter;
import dev.simplec.backend.x86.isel.X86Isel;
import dev.simplec.backend.x86.targ.X86Target;
import dev.simplec.benchmarks.ProductJvm;
import dev.simplec.benchmarks.inference.Kernels;
import dev.simplec.inference.TemplateInferenceEngine;
import dev.simplec.inference.check.CheckedModule;
import dev.simplec.inference.check.Checker;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.lower.Monomorphizer;
import dev.simplec.inference.syntax.Parser;
import dev.simplec.inference.syntax.SourceModule;

/**
 * Where one x86-64 instantiation of a template spends its time, stage by stage: each benchmark runs
 * one stage again and again on the same input, prepared once by the stages before it, so the sum of
 * the stages is what the compile would take if every stage had the core's caches and branch
 * predictors to itself. {@code whole} is the real thing, every stage once per operation on a
 * source text never compiled before (a ring of 4,096 variants, as {@code FrontEndBench}); the
 * difference between it and the sum is what the stages cost each other (docs/performance.md).
 * <ul>
 * <li>front end: {@code parse} (lexing included), {@code check}, {@code lower} (monomorphize and
 * lower to IR);</li>
 * <li>backend, as {@link X86Backend} runs it on the entry function: {@code inline}
 * ({@link CallInlining}, module-wide), {@code verify}, {@code rewrites} (all of
 * {@link IrRewrites#beforeSelection}), {@code select}, {@code allocate} (liveness, intervals,
 * linear scan, spill rewriting), {@code emit} (into a fresh assembler, constants and trap
 * messages after the code); {@code backend} is {@link X86Backend#compile} of the lowered module.</li>
 * </ul>
 * kernel30 and matmul_simd are the two templates whose compile time is still above SPEC §8's
 * 0.5 × libtcc; their entry function is the only one compiled (the helpers are inlined). Twenty
 * warm-up iterations: each benchmark runs in a fresh fork, and {@code whole} needs about ten seconds
 * of compiles before C2 has compiled the whole compiler.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.COLLECTOR, ProductJvm.INLINING, ProductJvm.FREQUENT_INLINING})
public class StageBench {
    private static final int RING = 1 << 12;

    @Param({"kernel30", "matmul_simd"})
    public String template = "kernel30";

    private final TemplateInferenceEngine engine = new TemplateInferenceEngine();
    private final X86Backend backend = new X86Backend();
    private final List<String> traps = new ArrayList<>();
    private @Nullable Prepared in;
    private String[] variants = new String[0];
    private int next;

    /** Every stage's input, made once by running the stages before it. */
    private record Prepared(Templates.Template template, SourceText text, SourceModule parsed, CheckedModule checked,
            IrModule lowered, IrModule inlined, IrFunction entry, @Nullable IrType[] verified, IrFunction shaped,
            @Nullable IrType[] shapedTypes, MFunction selected, boolean ymm, List<String> traps, AllocatedFunction allocated) {
    }

    @Setup(Level.Trial)
    public void prepare() {
        Templates.Template t = Templates.of(template);
        SourceText text = new SourceText(t.source());
        Diagnostics diags = new Diagnostics(text);
        SourceModule parsed = Parser.parseModule(t.source(), diags);
        CheckedModule checked = Checker.check(parsed, diags);
        diags.throwIfAny();
        IrModule lowered = Monomorphizer.instantiate(checked, t.types(), text);
        CallInlining.Inlined inlined = CallInlining.inline(lowered, Inlining.SMALL_LEAVES);
        IrFunction entry = inlined.module().functions().get(0);
        @Nullable IrType[] verified = IrVerifier.verify(inlined.module(), entry);
        AccumulatorRecursion.Rewritten shaped = IrRewrites.beforeSelection(entry, 0, verified);
        List<String> messages = new ArrayList<>();
        X86Isel.Result selected = X86Isel.select(inlined.module(), shaped.function(), shaped.types(), messages, HostCpu.hasAvx2());
        // A copy: allocation rewrites the code it is given, and `allocate` needs the selected code as selection left it.
        AllocatedFunction allocated = RegisterAllocator.allocate(copy(selected.code()), X86Target.INSTANCE);
        in = new Prepared(t, text, parsed, checked, lowered, inlined.module(), entry, verified, shaped.function(),
                shaped.types(), selected.code(), selected.usesYmm(), List.copyOf(messages), allocated);
        variants = Kernels.variants(t.source(), RING);
    }

    private Prepared in() {
        Prepared p = in;
        if (p == null) {
            throw new IllegalStateException("not set up");
        }
        return p;
    }

    @Benchmark
    public SourceModule parse() {
        Prepared p = in();
        return Parser.parseModule(p.template().source(), new Diagnostics(p.text()));
    }

    @Benchmark
    public CheckedModule check() {
        Prepared p = in();
        return Checker.check(p.parsed(), new Diagnostics(p.text()));
    }

    @Benchmark
    public IrModule lower() {
        Prepared p = in();
        return Monomorphizer.instantiate(p.checked(), p.template().types(), p.text());
    }

    @Benchmark
    public CallInlining.Inlined inline() {
        return CallInlining.inline(in().lowered(), Inlining.SMALL_LEAVES);
    }

    @Benchmark
    public @Nullable IrType[] verify() {
        Prepared p = in();
        return IrVerifier.verify(p.inlined(), p.entry());
    }

    @Benchmark
    public AccumulatorRecursion.Rewritten rewrites() {
        Prepared p = in();
        return IrRewrites.beforeSelection(p.entry(), 0, p.verified());
    }

    @Benchmark
    public X86Isel.Result select() {
        Prepared p = in();
        traps.clear();
        return X86Isel.select(p.inlined(), p.shaped(), p.shapedTypes(), traps, HostCpu.hasAvx2());
    }

    /**
     * Allocation rewrites the selected code in place, so each operation allocates a fresh copy of
     * it: {@code allocate} minus {@link #copySelected} is the allocator's time.
     */
    @Benchmark
    public AllocatedFunction allocate() {
        return RegisterAllocator.allocate(copy(in().selected()), X86Target.INSTANCE);
    }

    /** The copy {@link #allocate} makes, alone. */
    @Benchmark
    public MFunction copySelected() {
        return copy(in().selected());
    }

    /** {@code f} with its own blocks and instructions (the same opcodes, immediates, roles and registers). */
    private static MFunction copy(MFunction f) {
        MFunction g = new MFunction(f.name(), f.vregCount());
        for (int v = 0; v < f.vregCount(); v++) {
            int reg = Regs.virtual(v);
            g.newVreg(f.vregClass(reg), f.vregBytes(reg));
        }
        for (MBlock b : f.blocks()) {
            List<MInst> insts = b.insts();
            MBlock c = g.addBlock(insts.size());
            for (int i = 0, n = insts.size(); i < n; i++) {
                MInst x = insts.get(i);
                int[] regs = new int[x.regCount()];
                for (int k = 0; k < regs.length; k++) {
                    regs[k] = x.reg(k);
                }
                c.add(x.withRegs(regs));
            }
            c.setSuccessors(b.successors());
        }
        return g;
    }

    @Benchmark
    public byte[] emit() {
        Prepared p = in();
        X86Assembler asm = new X86Assembler(false, 1024);
        ConstPool pool = new ConstPool(p.traps(), false); // the messages the selected code's traps index
        X86Emitter.Context ctx = new X86Emitter.Context(List.of(new Label()), List.of(p.shaped().name()), pool);
        asm.bind(ctx.functions().get(0));
        X86Emitter.emit(asm, p.allocated(), StackSlots.layout(p.shaped().stackSlots()), ctx, p.ymm(), false);
        pool.emit(asm);
        return asm.finish();
    }

    @Benchmark
    public CompiledCode backend() {
        return backend.compile(in().lowered());
    }

    @Benchmark
    public CompiledCode whole() {
        int i = next;
        next = (i + 1) & (RING - 1);
        return backend.compile(engine.instantiate(variants[i], in().template().types()));
    }
}
