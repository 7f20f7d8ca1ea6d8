package dev.simplec.api.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrInterpreter;
import dev.simplec.api.ir.IrMemory;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.ir.IrVerifier;

/** The recursion-to-loop rewrite keeps every result (checked with the interpreter) and fires only on its pattern. */
class AccumulatorRecursionTest {
    private static IrInst i(IrOp op, IrType t, int dst, long imm, int... args) {
        return new IrInst(op, t, dst, args, imm);
    }

    /** fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2), in type t. */
    static IrFunction fib(IrType t, boolean sumFirst) {
        IrBlock b0 = new IrBlock(List.of(i(IrOp.PARAM, t, 0, 0), i(IrOp.ICONST, t, 1, 2), i(IrOp.SLT, t, 2, 0, 0, 1)),
                new IrTerminator.Branch(2, 1, new int[0], 2, new int[0]));
        IrBlock b1 = new IrBlock(List.of(), IrTerminator.Ret.of(0));
        IrBlock b2 = new IrBlock(List.of(i(IrOp.ICONST, t, 3, 1), i(IrOp.SUB, t, 4, 0, 0, 3), i(IrOp.CALL, t, 5, 0, 4),
                i(IrOp.SUB, t, 6, 0, 0, 1), i(IrOp.CALL, t, 7, 0, 6), sumFirst ? i(IrOp.ADD, t, 8, 0, 5, 7) : i(IrOp.ADD, t, 8, 0, 7, 5)),
                IrTerminator.Ret.of(8));
        return new IrFunction("fib", List.of(t), List.of(t), List.of(b0, b1, b2), 9);
    }

    @Test
    void fibBecomesOneCallPerLevelWithTheSameResults() {
        for (IrType t : List.of(IrType.I64, IrType.I32, IrType.I8)) {
            for (boolean order : new boolean[] {true, false}) {
                IrModule before = new IrModule(List.of(fib(t, order)));
                IrFunction g = AccumulatorRecursion.rewrite(before, 0);
                IrModule after = new IrModule(List.of(g));
                IrVerifier.verify(after);
                int calls = 0;
                for (IrBlock b : g.blocks()) {
                    calls += (int) b.insts().stream().filter(x -> x.op() == IrOp.CALL).count();
                }
                assertEquals(1, calls, g.toString());
                for (long n = -3; n <= 20; n++) {
                    IrValue arg = IrValue.of(t, n);
                    assertEquals(new IrInterpreter(before, new IrMemory()).run(arg), new IrInterpreter(after, new IrMemory()).run(arg),
                            t + " fib(" + n + ")");
                }
            }
        }
    }

    @Test
    void otherShapesAreLeftAlone() {
        IrFunction f = fib(IrType.I64, true);
        // A float sum is not associative: unchanged.
        IrBlock b0 = new IrBlock(List.of(i(IrOp.PARAM, IrType.F64, 0, 0)), IrTerminator.Ret.of(0));
        IrFunction g = new IrFunction("g", List.of(IrType.F64), List.of(IrType.F64), List.of(b0), 1);
        IrModule m = new IrModule(List.of(g, f));
        assertSame(g, AccumulatorRecursion.rewrite(m, 0));
        // fib calling another function (index 1 is fib itself here, called from index 0): not self-recursion.
        IrModule m2 = new IrModule(List.of(f, f));
        assertSame(f, AccumulatorRecursion.rewrite(m2, 1));
    }
}
