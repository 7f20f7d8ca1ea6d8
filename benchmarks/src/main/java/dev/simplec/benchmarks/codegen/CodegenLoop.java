package dev.simplec.benchmarks.codegen;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.backend.arm.Arm64Backend;
import dev.simplec.backend.x86.X86Backend;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * A plain timing loop beside {@link CompileBench}, for a shared machine: one backend compiling one
 * template's IR module over and over, reporting the thread's CPU time and bytes allocated per
 * compile (time spent waiting for a core that other processes hold does not count).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.simplec.benchmarks.codegen.CodegenLoop x86_64|aarch64 template... [-rounds N]</pre>
 *
 * Each round runs a fixed number of compiles; the answer is the median and the best of the second
 * half of the rounds (the first half is JIT warm-up).
 */
public final class CodegenLoop {
    private static volatile Object sink = "";

    private CodegenLoop() {
    }

    public static void main(String[] args) {
        String backend = args[0];
        int rounds = 30;
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("-rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                names.add(args[i]);
            }
        }
        CodegenBackend codegen = switch (backend) {
            case "x86_64" -> new X86Backend();
            case "aarch64" -> new Arm64Backend();
            default -> throw new IllegalArgumentException("x86_64 or aarch64, not " + backend);
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (String name : names) {
            Templates.Template t = Templates.of(name);
            IrModule m = new TemplateInferenceEngine().instantiate(t.source(), t.types());
            int perRound = 2_000;
            double[] cpu = new double[rounds];
            long bytes = 0;
            for (int r = 0; r < rounds; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long a0 = threads.getThreadAllocatedBytes(id);
                for (int i = 0; i < perRound; i++) {
                    sink = codegen.compile(m);
                }
                cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / perRound;
                bytes = (threads.getThreadAllocatedBytes(id) - a0) / perRound;
            }
            double[] late = Arrays.copyOfRange(cpu, rounds / 2, rounds);
            Arrays.sort(late);
            System.out.printf("%s %-14s median %7.2f us, best %7.2f us CPU per compile, %7d B per compile%n", backend, name,
                    late[late.length / 2], late[0], bytes);
        }
    }
}
