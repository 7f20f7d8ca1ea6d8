package dev.simplec.backend.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.codegen.AccumulatorRecursion;
import dev.simplec.api.codegen.IrRewrites;
import dev.simplec.api.codegen.MBlock;
import dev.simplec.api.codegen.MFunction;
import dev.simplec.api.codegen.MInst;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.backend.arm.isel.Arm64Isel;
import dev.simplec.backend.arm.targ.Arm64Op;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * Guards ({@code TrapGuards}): the loop body of a function with bounds and division checks is one
 * machine block whose checks branch to the traps from its middle, and no block lists a trap as a
 * successor. That the checks still trap is the run corpus's business (its trap templates).
 */
class Arm64GuardTest {
    private static final String CHECKS = """
            fn f(xs: [i64], y: i64) -> i64 {
                var s = 0;
                for i in 0..len(xs) {
                    s += xs[i * 2 % len(xs)] / y;
                }
                s
            }
            """;

    @Test
    void checksStayInsideTheLoopBody() {
        IrModule m = new TemplateInferenceEngine().instantiate(CHECKS, List.of());
        IrFunction f = m.functions().get(0);
        @SuppressWarnings("null")
        IrType[] types = IrVerifier.verify(m, f);
        AccumulatorRecursion.Rewritten r = IrRewrites.beforeSelection(f, 0, types);
        MFunction mf = Arm64Isel.select(m, r.function(), r.types()).code();
        // entry, loop header, the body with its five checks, the return, three traps.
        assertEquals(7, mf.blocks().size(), mf.toString());
        List<MInst> body = mf.blocks().get(2).insts();
        int guards = 0;
        for (int k = 0; k < body.size() - 1; k++) {
            Arm64Op op = (Arm64Op) body.get(k).op();
            guards += op == Arm64Op.BCOND || op == Arm64Op.CBZ32 || op == Arm64Op.CBNZ32 ? 1 : 0;
        }
        assertEquals(5, guards, mf.toString());
        assertEquals(Arm64Op.B, body.get(body.size() - 1).op(), mf.toString());
        for (MBlock b : mf.blocks()) {
            for (int s : b.successors()) {
                assertNotEquals(Arm64Op.TRAP, mf.blocks().get(s).insts().get(0).op(), mf.toString());
            }
        }
    }
}
