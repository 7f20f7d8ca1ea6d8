package dev.simplec.backend.x86;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.simplec.api.ir.IrModule;

/**
 * Compiles the benchmark kernels ({@link Kernels}) with the backend and writes each blob, and its
 * listing, to a directory for {@code src/bench/bench.c}: {@code java … BenchMain <dir>}. Run by
 * {@code src/bench/run.sh}, never by the build.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(dir);
        boolean avx2 = HostCpu.hasAvx2();
        Map<String, IrModule> kernels = new LinkedHashMap<>();
        kernels.put("sum", Kernels.sum());
        kernels.put("sum_simd", Kernels.sumSimd(avx2 ? 4 : 2));
        kernels.put("dot", Kernels.dot());
        kernels.put("dot_simd", Kernels.dotSimd(avx2 ? 4 : 2));
        kernels.put("saxpy", Kernels.saxpy(1));
        kernels.put("saxpy_simd", Kernels.saxpy(avx2 ? 8 : 4));
        kernels.put("fib", Kernels.fib());
        kernels.put("matmul", Kernels.matmul(1));
        kernels.put("matmul_simd", Kernels.matmul(avx2 ? 4 : 2));
        X86Backend backend = new X86Backend();
        for (Map.Entry<String, IrModule> e : kernels.entrySet()) {
            X86Backend.Build b = X86Backend.build(e.getValue());
            Files.write(dir.resolve(e.getKey() + ".bin"), b.code());
            Files.writeString(dir.resolve(e.getKey() + ".lst"), e.getValue() + "\n" + b.listing());
            // Compile time, for the record: best of 2000 after 8000 warm-up compiles (JIT-compiled backend).
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 10_000; i++) {
                long t0 = System.nanoTime();
                backend.compile(e.getValue());
                long t = System.nanoTime() - t0;
                if (i >= 8_000) {
                    best = Math.min(best, t);
                }
            }
            System.out.printf("%-12s %5d bytes  compiled in %6.1f us (IR to bytes, warm JVM)%n", e.getKey(), b.code().length, best / 1000.0);
        }
        System.out.println("vector width: " + (avx2 ? "256-bit (AVX2)" : "128-bit (SSE2)"));
    }
}
