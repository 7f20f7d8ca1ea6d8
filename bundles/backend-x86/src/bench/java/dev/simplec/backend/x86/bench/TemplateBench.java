package dev.simplec.backend.x86.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrPrinter;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.backend.x86.HostCpu;
import dev.simplec.backend.x86.X86Backend;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * The template half of {@code run.sh} (docs/performance.md, "Generated code (x86-64)"): compiles
 * each benchmark template ({@code src/bench/templates}) through the real front end
 * ({@link TemplateInferenceEngine}) and the x86-64 backend, writes each blob and its listing for
 * {@code bench.c}, and measures compile time per template: the whole instantiation (parse, check,
 * monomorphize, lower, verify, select, allocate, emit) of a source text never compiled before (a
 * numbered trailing comment makes each one new), warm JVM, median, wall clock — as {@code bench.c}
 * then times libtcc on the equivalent C ({@code src/bench/tcc}).
 * <p>
 * Two figures per template. <b>Taking turns</b>: after the warm-up, the templates compile in
 * turn, so every call meets JIT code (and caches, branch history) shaped by the nine others.
 * <b>Repeated</b>: then each template alone, {@value #REPEAT_WARMUP} untimed compiles and the
 * samples back to back — what {@code bench.c} does for libtcc (300 untimed, then 2000, one C
 * file at a time), so the like-for-like comparison.
 *
 * <pre>java … TemplateBench &lt;out dir&gt; &lt;bench dir&gt; &lt;kernel30.spt&gt; [warm-up seconds] [samples]</pre>
 *
 * Writes {@code <name>.bin}, {@code <name>.lst} and {@code compile.tsv} (name, then whole
 * instantiation, front end and codegen taking turns, then the same three repeated; microseconds).
 */
public final class TemplateBench {
    /** A benchmark template: its blob name, source file and type arguments. */
    private record Kernel(String name, Path file, List<TypeInfo> types, String source) {
    }

    /** Untimed compiles of a template before its repeated samples (bench.c's TCC_WARMUP). */
    private static final int REPEAT_WARMUP = 300;

    private static volatile Object sink;

    private TemplateBench() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path bench = Path.of(args[1]);
        Path kernel30 = Path.of(args[2]);
        double warmSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 20;
        int samples = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        Files.createDirectories(out);
        boolean avx2 = HostCpu.hasAvx2();
        String simd = avx2 ? "" : "128";
        TypeInfo i64 = TypeInfo.integer(64, true);
        TypeInfo f64 = TypeInfo.floating(64);
        TypeInfo f32 = TypeInfo.floating(32);
        Path t = bench.resolve("templates");
        List<Kernel> kernels = new ArrayList<>();
        kernels.add(kernel("sum", t.resolve("sum.spt"), List.of(i64)));
        kernels.add(kernel("sum_simd", t.resolve("sum_simd" + simd + ".spt"), List.of()));
        kernels.add(kernel("dot", t.resolve("dot.spt"), List.of(f64)));
        kernels.add(kernel("dot_simd", t.resolve("dot_simd" + simd + ".spt"), List.of()));
        kernels.add(kernel("saxpy", t.resolve("saxpy.spt"), List.of(f32)));
        kernels.add(kernel("saxpy_simd", t.resolve("saxpy_simd" + simd + ".spt"), List.of()));
        kernels.add(kernel("fib", t.resolve("fib.spt"), List.of(i64)));
        kernels.add(kernel("matmul", t.resolve("matmul.spt"), List.of(f64)));
        kernels.add(kernel("matmul_simd", t.resolve("matmul_simd" + simd + ".spt"), List.of()));
        kernels.add(kernel("kernel30", kernel30, List.of(i64)));

        TemplateInferenceEngine engine = new TemplateInferenceEngine();
        X86Backend backend = new X86Backend();
        for (Kernel k : kernels) {
            IrModule m = engine.instantiate(k.source(), k.types());
            X86Backend.Build b = X86Backend.build(m);
            Files.write(out.resolve(k.name() + ".bin"), b.code());
            Files.writeString(out.resolve(k.name() + ".lst"), IrPrinter.module(m) + "\n" + b.listing());
        }

        // Warm-up: every kernel in turn, so the JIT sees them all, then the samples, kernels taking
        // turns (machine noise spreads over all of them alike).
        int n = kernels.size();
        Times turns = new Times(n, samples);
        int variant = 0;
        long end = System.nanoTime() + (long) (warmSeconds * 1e9);
        while (System.nanoTime() < end) {
            for (Kernel k : kernels) {
                sink = backend.compile(engine.instantiate(variant(k, variant++), k.types()));
            }
        }
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < n; i++) {
                Kernel k = kernels.get(i);
                turns.time(engine, backend, k, variant(k, variant++), i, s);
            }
        }
        Times alone = new Times(n, samples);
        for (int i = 0; i < n; i++) {
            Kernel k = kernels.get(i);
            for (int s = 0; s < REPEAT_WARMUP; s++) {
                sink = backend.compile(engine.instantiate(variant(k, variant++), k.types()));
            }
            for (int s = 0; s < samples; s++) {
                alone.time(engine, backend, k, variant(k, variant++), i, s);
            }
        }
        StringBuilder tsv = new StringBuilder();
        System.out.println("compile time per template (whole instantiation = front end + codegen), median of " + samples
                + " after " + (int) warmSeconds + " s warm-up, microseconds; taking turns, then repeated:");
        for (int i = 0; i < n; i++) {
            String line = String.format(Locale.ROOT, "%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f", kernels.get(i).name(),
                    median(turns.whole[i]) / 1e3, median(turns.front[i]) / 1e3, median(turns.codegen[i]) / 1e3,
                    median(alone.whole[i]) / 1e3, median(alone.front[i]) / 1e3, median(alone.codegen[i]) / 1e3);
            tsv.append(line).append('\n');
            System.out.println("  " + line.replace('\t', ' '));
        }
        Files.writeString(out.resolve("compile.tsv"), tsv.toString());
        System.out.println("vector width: " + (avx2 ? "256-bit (AVX2)" : "128-bit (SSE2)"));
    }

    /** Nanoseconds per kernel and sample: the whole instantiation, the front end's and the backend's share. */
    private record Times(long[][] whole, long[][] front, long[][] codegen) {
        Times(int kernels, int samples) {
            this(new long[kernels][samples], new long[kernels][samples], new long[kernels][samples]);
        }

        /** Instantiates and compiles {@code src}, a text no compile has seen, as sample {@code s} of kernel {@code i}. */
        void time(TemplateInferenceEngine engine, X86Backend backend, Kernel k, String src, int i, int s) {
            long t0 = System.nanoTime();
            IrModule m = engine.instantiate(src, k.types());
            long t1 = System.nanoTime();
            sink = backend.compile(m);
            long t2 = System.nanoTime();
            front[i][s] = t1 - t0;
            codegen[i][s] = t2 - t1;
            whole[i][s] = t2 - t0;
        }
    }

    private static Kernel kernel(String name, Path file, List<TypeInfo> types) throws IOException {
        return new Kernel(name, file, types, Files.readString(file));
    }

    /** The template with a trailing comment of its own: a text no compile has seen. */
    private static String variant(Kernel k, int i) {
        return k.source() + "\n// variant " + i + "\n";
    }

    private static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
