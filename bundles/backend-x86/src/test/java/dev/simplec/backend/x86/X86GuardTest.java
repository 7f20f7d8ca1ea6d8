package dev.simplec.backend.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
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
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.backend.x86.isel.X86Isel;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * Guards: a branch whose one side only traps, and whose other side is entered from nowhere else,
 * is selected as a compare and a jump to the trap inside one machine block. The loop body of a
 * function with bounds and division checks is one block; the checks still trap natively exactly
 * as in the interpreter.
 */
class X86GuardTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();

    /** Every check of the loop body (divisor zero, overflow, bounds) leaves it for a trap. */
    private static final String CHECKS = """
            fn f(xs: [i64], y: i64) -> i64 {
                var s = 0;
                for i in 0..len(xs) {
                    s += xs[i * 2 % len(xs)] / y;
                }
                s
            }
            """;

    /** The bounds check BranchFacts cannot drop (i * 3 is not known to be below len(xs)). */
    private static final String BOUNDS = """
            fn f(xs: [i64], n: i64) -> i64 {
                var s = 0;
                for i in 0..n {
                    s += xs[i * 3];
                }
                s
            }
            """;

    private static MFunction selected(String src) {
        IrModule m = ENGINE.instantiate(src, List.of());
        IrFunction f = m.functions().get(0);
        @SuppressWarnings("null")
        IrType[] types = IrVerifier.verify(m, f);
        AccumulatorRecursion.Rewritten r = IrRewrites.beforeSelection(f, 0, types);
        return X86Isel.select(m, r.function(), r.types(), new ArrayList<>(), true).code();
    }

    @Test
    void checksStayInsideTheLoopBody() {
        MFunction mf = selected(CHECKS);
        // entry, loop header, the body with its five checks, the return, three traps.
        assertEquals(7, mf.blocks().size(), mf.toString());
        MBlock body = mf.blocks().get(2);
        List<MInst> insts = body.insts();
        int guards = 0;
        for (int k = 0; k < insts.size() - 1; k++) {
            guards += insts.get(k).op().toString().startsWith("BR_") ? 1 : 0;
        }
        assertEquals(5, guards, mf.toString());
        assertEquals("JMP", insts.get(insts.size() - 1).op().toString(), mf.toString());
        // No block lists a trap as a successor: nothing is live into a trap.
        for (MBlock b : mf.blocks()) {
            for (int s : b.successors()) {
                assertEquals(false, mf.blocks().get(s).insts().get(0).op().toString().equals("TRAP"), mf.toString());
            }
        }
    }

    @Test
    void guardsTrapAsTheInterpreterDoes() throws Exception {
        IrModule checks = ENGINE.instantiate(CHECKS, List.of());
        List<List<Differential.Arg>> calls = new ArrayList<>();
        for (long y : new long[] {3, -1, 0, 7}) {
            calls.add(List.of(Differential.buf(words(5, 40)), i64(5), i64(y)));
        }
        // i64 min / -1 overflows; y == 0 divides by zero.
        calls.add(List.of(Differential.buf(words(4, Long.MIN_VALUE)), i64(4), i64(-1)));
        assertEquals(2, Differential.check(checks, calls));

        IrModule bounds = ENGINE.instantiate(BOUNDS, List.of());
        calls.clear();
        for (long n : new long[] {0, 1, 3, 4, 7}) {
            calls.add(List.of(Differential.buf(words(10, 9)), i64(10), i64(n)));
        }
        // n = 4 and 7 read xs[9] then xs[12]: out of bounds.
        assertEquals(1, Differential.check(bounds, calls));
    }

    /** {@code n} little-endian i64 words {@code first, first + 1, …}. */
    private static byte[] words(int n, long first) {
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putLong(first + i);
        }
        return b.array();
    }

    private static Differential.Arg i64(long v) {
        return Differential.val(IrValue.i64(v));
    }
}
