package dev.simplec.benchmarks.inference;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import dev.simplec.api.types.HintSource;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeParam;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * A plain timing loop beside the JMH benchmarks, for a shared machine: it reports the calling
 * thread's CPU time per operation (time the thread was not running, waiting for a core that other
 * processes hold, does not count) and the bytes it allocated per operation. The operations are the
 * benchmarks' own: {@code instantiate} and {@code check} of kernel30.spt (a different trailing
 * comment each time, ring of 4,096), {@code infer} (uncached one-hint inference, ring of 65,536
 * template names) and {@code infer-cached}; and {@code checkall}, which compares
 * {@code CheckAllBench}'s two operations (see {@link #checkAll}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.simplec.benchmarks.inference.FrontEndLoop instantiate [rounds]</pre>
 *
 * Each round runs a fixed number of operations; the answer is the median and the best of the
 * second half of the rounds (the first half is JIT warm-up).
 */
public final class FrontEndLoop {
    private static volatile Object sink = "";

    private FrontEndLoop() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "instantiate";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        TemplateInferenceEngine engine = new TemplateInferenceEngine();
        if (what.equals("checkall")) {
            checkAll(engine, rounds);
            return;
        }
        Runnable[] op = new Runnable[1];
        int perRound;
        switch (what) {
            case "instantiate", "check" -> {
                String[] sources = Kernels.variants(Kernels.kernel30(), 1 << 12);
                int[] next = {0};
                boolean check = what.equals("check");
                op[0] = () -> {
                    String s = sources[next[0]++ & (sources.length - 1)];
                    if (check) {
                        engine.checkTypes(s);
                    } else {
                        sink = engine.instantiate(s, Kernels.I64);
                    }
                };
                perRound = 20_000;
            }
            case "infer", "infer-cached" -> {
                List<TypeHint> hints = List.of(new TypeHint(HintSource.CALL_SITE, 0, TypeInfo.integer(64, true)));
                TemplateDescription[] ring = new TemplateDescription[1 << 16];
                for (int i = 0; i < ring.length; i++) {
                    String name = what.equals("infer") ? "id" + i : "id";
                    ring[i] = new TemplateDescription(name, List.of(new TypeParam("T", List.of())), null, null);
                }
                int[] next = {0};
                op[0] = () -> sink = engine.inferTypes(ring[next[0]++ & (ring.length - 1)], hints);
                perRound = 1_000_000;
            }
            default -> throw new IllegalArgumentException("instantiate, check, infer, infer-cached or checkall, not " + what);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        double[] cpu = new double[rounds];
        long bytes = 0;
        for (int r = 0; r < rounds; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long a0 = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < perRound; i++) {
                op[0].run();
            }
            cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / (double) perRound;
            bytes = (threads.getThreadAllocatedBytes(id) - a0) / perRound;
            System.out.printf("round %2d: %10.1f ns CPU/op %8d B/op%n", r, cpu[r], bytes);
        }
        double[] late = Arrays.copyOfRange(cpu, rounds / 2, rounds);
        Arrays.sort(late);
        System.out.printf("%s: median %.1f ns, best %.1f ns CPU per op, %d bytes per op (second half of %d rounds)%n",
                what, late[late.length / 2], late[0], bytes, rounds);
    }

    /**
     * {@code CheckAllBench}'s operations in turn, 1,000 templates each: a loop of {@code checkTypes}
     * and {@code checkAll}. Per round and operation: wall time, the process's CPU time (all threads,
     * collector included) and young collections. Where the parallel speed-up falls short of 2 on two
     * cores, the CPU time says why: more CPU than sequential means the threads slow each other down
     * (memory, shared state); equal CPU with {@code cpu / (2 * wall)} below 1 means a core stood
     * idle (waiting, wake-ups, or another process on it: only a quiet machine's figures count).
     */
    private static void checkAll(TemplateInferenceEngine engine, int rounds) {
        List<String> sources = List.of(Kernels.variants(Kernels.kernel30(), 1000));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int reps = 20;
        double[][] wall = new double[2][rounds];
        double[][] cpu = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int mode = 0; mode < 2; mode++) {
                long gc0 = collections();
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int k = 0; k < reps; k++) {
                    if (mode == 0) {
                        for (String s : sources) {
                            engine.checkTypes(s);
                        }
                    } else {
                        sink = engine.checkAll(sources);
                    }
                }
                wall[mode][r] = (System.nanoTime() - t0) / 1e6 / reps;
                cpu[mode][r] = (os.getProcessCpuTime() - c0) / 1e6 / reps;
                System.out.printf("round %2d %-10s: %7.2f ms wall %7.2f ms CPU %3d collections%n", r,
                        mode == 0 ? "sequential" : "parallel", wall[mode][r], cpu[mode][r], collections() - gc0);
            }
        }
        double seqWall = lateMedian(wall[0]);
        double parWall = lateMedian(wall[1]);
        double seqCpu = lateMedian(cpu[0]);
        double parCpu = lateMedian(cpu[1]);
        System.out.printf("checkall: sequential %.2f ms, parallel %.2f ms: %.2fx; CPU %.2f / %.2f ms (parallel/sequential %.2f),"
                + " parallel busy %.0f %% of 2 cores (medians of the second half of %d rounds)%n", seqWall, parWall,
                seqWall / parWall, seqCpu, parCpu, parCpu / seqCpu, 100 * parCpu / (2 * parWall), rounds);
    }

    private static double lateMedian(double[] xs) {
        double[] late = Arrays.copyOfRange(xs, xs.length / 2, xs.length);
        Arrays.sort(late);
        return late[late.length / 2];
    }

    private static long collections() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += gc.getCollectionCount();
        }
        return n;
    }
}
