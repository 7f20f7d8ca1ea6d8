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
 * template names) and {@code infer-cached}.
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
            default -> throw new IllegalArgumentException("instantiate, check, infer or infer-cached, not " + what);
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
}
