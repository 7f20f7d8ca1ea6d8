package dev.simplec.backend.arm.bench;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.backend.arm.Arm64Backend;
import dev.simplec.backend.arm.diff.RandomPrograms;

/**
 * Compile time per template, AArch64 against x86-64, in one JVM: the same modules (random scalar
 * programs of the differential tests: loops, branches, calls, divisions, memory) compiled by each
 * backend in turn, after a warm-up, best of several rounds. A measurement, not a test — the JMH
 * benchmark module will replace it. Run from the repository root after
 * {@code mvn -q -o install -pl bundles/api,bundles/backend-x86,bundles/backend-arm}:
 * <pre>
 * CP=bundles/api/target/classes:bundles/backend-arm/target/classes:bundles/backend-arm/target/test-classes:bundles/backend-x86/target/classes:$HOME/.m2/repository/org/eclipse/jdt/org.eclipse.jdt.annotation/2.3.0/org.eclipse.jdt.annotation-2.3.0.jar
 * javac -d bundles/backend-arm/target/bench-classes -cp $CP $(find bundles/backend-arm/src/bench -name '*.java')
 * java -cp $CP:bundles/backend-arm/target/bench-classes dev.simplec.backend.arm.bench.CompileTimeBench
 * </pre>
 * The x86-64 backend is loaded by name, so this bundle does not depend on it.
 */
public final class CompileTimeBench {
    private CompileTimeBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        List<IrModule> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(new RandomPrograms(9000 + i, false).module());
        }
        CodegenBackend arm = new Arm64Backend();
        CodegenBackend x86 = (CodegenBackend) Class.forName("dev.simplec.backend.x86.X86Backend").getDeclaredConstructor().newInstance();
        // Only modules both backends compile, so both do the same work.
        List<IrModule> modules = new ArrayList<>();
        for (IrModule m : all) {
            try {
                x86.compile(m);
                arm.compile(m);
                modules.add(m);
            } catch (RuntimeException e) {
                // one of the backends does not handle this module yet
            }
        }
        System.out.printf("%d of %d modules compile on both backends%n", modules.size(), all.size());
        if (modules.isEmpty()) {
            return;
        }
        long armBest = Long.MAX_VALUE;
        long x86Best = Long.MAX_VALUE;
        for (int round = 0; round < 15; round++) {
            x86Best = Math.min(x86Best, time(x86, modules));
            armBest = Math.min(armBest, time(arm, modules));
        }
        double perArm = armBest / 1e3 / modules.size();
        double perX86 = x86Best / 1e3 / modules.size();
        System.out.printf("x86-64:  %.1f µs per module%naarch64: %.1f µs per module (%.2f× x86-64)%n", perX86, perArm, perArm / perX86);
    }

    private static long time(CodegenBackend b, List<IrModule> modules) {
        long t0 = System.nanoTime();
        int sink = 0;
        for (IrModule m : modules) {
            sink += b.compile(m).code().length;
        }
        long t = System.nanoTime() - t0;
        if (sink == 42) {
            System.out.print("");
        }
        return t;
    }
}
