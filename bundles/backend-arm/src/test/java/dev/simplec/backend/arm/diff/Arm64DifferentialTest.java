package dev.simplec.backend.arm.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrValue;

/**
 * Random programs ({@link RandomPrograms}, fixed seeds) compiled and run under qemu-aarch64, every
 * call compared bit for bit with the reference interpreter, traps included.
 */
class Arm64DifferentialTest {
    private static void random(long firstSeed, int programs, boolean vectors) throws Exception {
        Batch batch = new Batch();
        for (int p = 0; p < programs; p++) {
            long seed = firstSeed + p;
            RandomPrograms gen = new RandomPrograms(seed, vectors);
            IrModule m = gen.module();
            List<List<IrValue>> calls = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                calls.add(gen.args(m));
            }
            batch.add("seed " + seed, m, calls, gen.usesBuffer() ? gen.memory() : null);
        }
        List<String> failures = batch.run();
        System.out.println("differential: " + programs + " programs, " + batch.calls() + " calls, " + batch.traps() + " traps");
        assertEquals(programs * 4, batch.calls() + failuresWithoutCalls(failures), "calls run");
        assertTrue(batch.traps() > 0, "some calls trap");
        assertEquals(List.of(), failures.size() > 5 ? failures.subList(0, 5) : failures,
                failures.size() + " of " + batch.calls() + " calls disagree");
    }

    private static int failuresWithoutCalls(List<String> failures) {
        int n = 0;
        for (String f : failures) {
            if (f.contains(": does not compile: ")) {
                n += 4;
            }
        }
        return n;
    }

    @Test
    void randomScalarProgramsAgreeWithTheInterpreter() throws Exception {
        random(1000, 500, false);
    }

    @Test
    void randomVectorProgramsAgreeWithTheInterpreter() throws Exception {
        random(500_000, 250, true);
    }
}
