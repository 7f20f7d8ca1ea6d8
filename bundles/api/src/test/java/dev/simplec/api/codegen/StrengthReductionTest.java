package dev.simplec.api.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
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

/**
 * {@link StrengthReduction} on hand-built IR: a loop's {@code k * m + j} becomes a parameter stepped
 * by an add (results kept, checked with the interpreter); and where there is nothing to reduce the
 * function and its types come back as the same objects — no product by a variable, a product only
 * outside the loop, a product of no induction variable. (Whole templates, traps included, are
 * {@code X86StrengthReductionTest}'s.)
 */
class StrengthReductionTest {
    private static final IrType T = IrType.I64;

    private static IrInst i(IrOp op, int dst, long imm, int... args) {
        return new IrInst(op, T, dst, args, imm);
    }

    /**
     * {@code s = 0; for k in 0..n { s += <body> }; s} with n, m, j the parameters 0, 1, 2: the loop
     * body {@code b2} gets {@code k} as v4 and {@code s} as v5 and leaves the new {@code s} in v9.
     */
    private static IrFunction loop(List<IrInst> before, List<IrInst> body, int valueCount) {
        List<IrInst> entry = new java.util.ArrayList<>(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1), i(IrOp.PARAM, 2, 2),
                i(IrOp.ICONST, 3, 0)));
        entry.addAll(before);
        IrBlock b0 = new IrBlock(entry, new IrTerminator.Jump(1, new int[] {3, 3}));
        IrBlock b1 = new IrBlock(List.of(new IrBlockParam(4, T), new IrBlockParam(5, T)), List.of(i(IrOp.SLT, 6, 0, 4, 0)), new IrTerminator.Branch(6, 2, new int[0], 3, new int[0]));
        List<IrInst> step = new java.util.ArrayList<>(body);
        step.add(i(IrOp.ICONST, 10, 1));
        step.add(i(IrOp.ADD, 11, 0, 4, 10));
        IrBlock b2 = new IrBlock(step, new IrTerminator.Jump(1, new int[] {11, 9}));
        IrBlock b3 = new IrBlock(List.of(), IrTerminator.Ret.of(5));
        return new IrFunction("loop", List.of(T, T, T), List.of(T), List.of(b0, b1, b2, b3), valueCount);
    }

    /** {@code s += k * m + j}: the product by a variable that runs every iteration. */
    private static IrFunction rowMajor() {
        return loop(List.of(), List.of(i(IrOp.MUL, 7, 0, 4, 1), i(IrOp.ADD, 8, 0, 7, 2), i(IrOp.ADD, 9, 0, 5, 8)), 12);
    }

    private static AccumulatorRecursion.Rewritten reduce(IrFunction f) {
        return StrengthReduction.reduce(f, IrVerifier.verify(new IrModule(List.of(f)), f));
    }

    private static List<IrValue> run(IrFunction f, long n, long m, long j) {
        return new IrInterpreter(new IrModule(List.of(f)), new IrMemory()).run(IrValue.of(T, n), IrValue.of(T, m), IrValue.of(T, j));
    }

    private static long count(IrFunction f, IrOp op) {
        return f.blocks().stream().flatMap(b -> b.insts().stream()).filter(x -> x.op() == op).count();
    }

    @Test
    void theRowMajorIndexStepsByAnAddAndKeepsItsValues() {
        IrFunction f = rowMajor();
        AccumulatorRecursion.Rewritten r = reduce(f);
        IrFunction g = r.function();
        IrVerifier.verify(new IrModule(List.of(g)));
        assertEquals(0, count(g, IrOp.MUL), "k * m + j starts at j and steps by m:\n" + g);
        assertEquals(3, g.blocks().get(1).params().size(), g.toString());
        assertEquals(g.valueCount(), r.types().length);
        for (int v = f.valueCount(); v < g.valueCount(); v++) {
            assertEquals(T, r.types()[v]);
        }
        long[] samples = {0, 1, 2, 7, -1, -5, Long.MAX_VALUE / 3, Long.MIN_VALUE + 1};
        for (long n : new long[] {0, 1, 2, 5, 9}) {
            for (long m : samples) {
                for (long j : samples) {
                    assertEquals(run(f, n, m, j), run(g, n, m, j), n + " " + m + " " + j);
                }
            }
        }
    }

    @Test
    void nothingToReduceGivesBackTheSameObjects() {
        List<IrFunction> unchanged = List.of(
                // Products by constants only (an address's scale): the function-wide check says no.
                loop(List.of(), List.of(i(IrOp.ICONST, 12, 8), i(IrOp.MUL, 7, 0, 4, 12), i(IrOp.ADD, 8, 0, 7, 2),
                        i(IrOp.ADD, 9, 0, 5, 8)), 13),
                // A product by a variable, but only before the loop: the loop has none.
                loop(List.of(i(IrOp.MUL, 12, 0, 1, 2)), List.of(i(IrOp.ADD, 7, 0, 4, 12), i(IrOp.ADD, 8, 0, 7, 2),
                        i(IrOp.ADD, 9, 0, 5, 8)), 13),
                // A product by a variable before the loop, and in it only k * 8 (a scale of a value of the
                // loop): the loop is passed over before its forms are worked out.
                loop(List.of(i(IrOp.MUL, 12, 0, 1, 2)), List.of(i(IrOp.ICONST, 13, 8), i(IrOp.MUL, 7, 0, 4, 13),
                        i(IrOp.ADD, 8, 0, 7, 2), i(IrOp.ADD, 9, 0, 5, 8)), 14),
                // A product in the loop of the running sum, which is no induction variable.
                loop(List.of(), List.of(i(IrOp.MUL, 7, 0, 5, 1), i(IrOp.ADD, 8, 0, 7, 2), i(IrOp.ADD, 9, 0, 5, 8)), 12),
                // No loop at all.
                new IrFunction("straight", List.of(T, T), List.of(T), List.of(
                        new IrBlock(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1)), new IrTerminator.Jump(1, new int[0])),
                        new IrBlock(List.of(i(IrOp.MUL, 2, 0, 0, 1)), IrTerminator.Ret.of(2))), 3));
        for (IrFunction f : unchanged) {
            IrType[] types = IrVerifier.verify(new IrModule(List.of(f)), f);
            AccumulatorRecursion.Rewritten r = StrengthReduction.reduce(f, types);
            assertSame(f, r.function(), f.toString());
            assertSame(types, r.types());
        }
        AccumulatorRecursion.Rewritten changed = reduce(rowMajor());
        assertNotSame(rowMajor(), changed.function());
    }

    @Test
    void anInvariantAProductByAConstantRecomputesStillSteps() {
        // k + j * 8, j * 8 recomputed in the loop (a product by a variable before it lets the pass look).
        IrFunction f = loop(List.of(i(IrOp.MUL, 12, 0, 1, 2)), List.of(i(IrOp.ICONST, 13, 8), i(IrOp.MUL, 7, 0, 2, 13),
                i(IrOp.ADD, 8, 0, 4, 7), i(IrOp.ADD, 9, 0, 5, 8)), 14);
        IrFunction g = reduce(f).function();
        IrVerifier.verify(new IrModule(List.of(g)));
        assertEquals(0, g.blocks().get(2).insts().stream().filter(x -> x.op() == IrOp.MUL).count(), g.toString());
        for (long n : new long[] {0, 1, 4}) {
            for (long j : new long[] {0, 3, -7, Long.MAX_VALUE}) {
                assertEquals(run(f, n, 5, j), run(g, n, 5, j), n + " " + j);
            }
        }
    }

    @Test
    void indicesOfOneFormShareAParameter() {
        // s += (k * m + j) + (k * m + j): the second computation reads the first one's parameter.
        IrFunction same = loop(List.of(), List.of(i(IrOp.MUL, 7, 0, 4, 1), i(IrOp.ADD, 8, 0, 7, 2), i(IrOp.MUL, 12, 0, 4, 1),
                i(IrOp.ADD, 13, 0, 12, 2), i(IrOp.ADD, 14, 0, 8, 13), i(IrOp.ADD, 9, 0, 5, 14)), 15);
        // s += (k * m + 3) + (k * m + 5): the second one is the first one's parameter plus 2.
        IrFunction apart = loop(List.of(), List.of(i(IrOp.ICONST, 12, 3), i(IrOp.MUL, 7, 0, 4, 1), i(IrOp.ADD, 8, 0, 7, 12),
                i(IrOp.ICONST, 13, 5), i(IrOp.MUL, 14, 0, 4, 1), i(IrOp.ADD, 15, 0, 14, 13), i(IrOp.ADD, 16, 0, 8, 15),
                i(IrOp.ADD, 9, 0, 5, 16)), 17);
        for (IrFunction f : List.of(same, apart)) {
            IrFunction g = reduce(f).function();
            IrVerifier.verify(new IrModule(List.of(g)));
            assertEquals(0, count(g, IrOp.MUL), g.toString());
            assertEquals(3, g.blocks().get(1).params().size(), "one new parameter for both:\n" + g);
            long[] samples = {0, 1, 2, 7, -1, Long.MAX_VALUE / 3, Long.MIN_VALUE + 1};
            for (long n : new long[] {0, 1, 2, 5}) {
                for (long m : samples) {
                    for (long j : samples) {
                        assertEquals(run(f, n, m, j), run(g, n, m, j), n + " " + m + " " + j);
                    }
                }
            }
        }
    }

    /**
     * {@code s = 0; for i in 0..n { let r = i * m; for k in 0..n { s += k * m + j }; s += r }; s}:
     * the inner loop's header numbered after the outer's, as the front end numbers them.
     */
    private static IrFunction nested() {
        IrBlock b0 = new IrBlock(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1), i(IrOp.PARAM, 2, 2), i(IrOp.ICONST, 3, 0)),
                new IrTerminator.Jump(1, new int[] {3, 3}));
        IrBlock b1 = new IrBlock(List.of(new IrBlockParam(4, T), new IrBlockParam(5, T)), List.of(i(IrOp.SLT, 6, 0, 4, 0)),
                new IrTerminator.Branch(6, 2, new int[0], 6, new int[0]));
        IrBlock b2 = new IrBlock(List.of(i(IrOp.MUL, 7, 0, 4, 1)), new IrTerminator.Jump(3, new int[] {3, 5}));
        IrBlock b3 = new IrBlock(List.of(new IrBlockParam(8, T), new IrBlockParam(9, T)), List.of(i(IrOp.SLT, 10, 0, 8, 0)),
                new IrTerminator.Branch(10, 4, new int[0], 5, new int[0]));
        IrBlock b4 = new IrBlock(List.of(i(IrOp.MUL, 11, 0, 8, 1), i(IrOp.ADD, 12, 0, 11, 2), i(IrOp.ADD, 13, 0, 9, 12),
                i(IrOp.ICONST, 14, 1), i(IrOp.ADD, 15, 0, 8, 14)), new IrTerminator.Jump(3, new int[] {15, 13}));
        IrBlock b5 = new IrBlock(List.of(i(IrOp.ADD, 16, 0, 9, 7), i(IrOp.ICONST, 17, 1), i(IrOp.ADD, 18, 0, 4, 17)),
                new IrTerminator.Jump(1, new int[] {18, 16}));
        IrBlock b6 = new IrBlock(List.of(), IrTerminator.Ret.of(5));
        return new IrFunction("nested", List.of(T, T, T), List.of(T), List.of(b0, b1, b2, b3, b4, b5, b6), 19);
    }

    @Test
    void onlyTheInnermostLoopIsReduced() {
        IrFunction f = nested();
        IrFunction g = reduce(f).function();
        IrVerifier.verify(new IrModule(List.of(g)));
        // The inner loop's k * m + j steps by an add; the outer loop's i * m stays, in its block
        // (a new parameter there would live across the inner loop).
        assertEquals(List.of(IrOp.MUL), g.blocks().get(2).insts().stream().map(IrInst::op).toList(), g.toString());
        assertEquals(1, count(g, IrOp.MUL), g.toString());
        assertEquals(2, g.blocks().get(1).params().size(), g.toString());
        assertEquals(3, g.blocks().get(3).params().size(), g.toString());
        long[] samples = {0, 1, 3, -2, Long.MAX_VALUE / 5, Long.MIN_VALUE + 3};
        for (long n : new long[] {0, 1, 2, 4}) {
            for (long m : samples) {
                for (long j : samples) {
                    assertEquals(run(f, n, m, j), run(g, n, m, j), n + " " + m + " " + j);
                }
            }
        }
    }

    @Test
    void termsAreEqualExactlyWhenTheirIdsAre() {
        InvariantTerms t = new InvariantTerms();
        // Beyond the terms a lookup scans: the hash table answers the same.
        int[] leaves = new int[40];
        for (int k = 0; k < leaves.length; k++) {
            leaves[k] = t.leaf(100 + k);
        }
        for (int round = 0; round < 2; round++) {
            int a = t.bin(IrOp.MUL, t.leaf(7), t.bin(IrOp.ADD, t.leaf(8), t.constant(3)));
            int b = t.bin(IrOp.MUL, t.leaf(7), t.bin(IrOp.ADD, t.leaf(8), t.constant(3)));
            assertEquals(a, b);
            assertTrue(a != t.bin(IrOp.MUL, t.bin(IrOp.ADD, t.leaf(8), t.constant(3)), t.leaf(7)), "operand order counts");
            assertEquals(5, t.size(a));
            assertEquals(leaves[39], t.leaf(139));
            assertEquals(-1, t.materialized(a));
        }
        // Folding: constants combine, + 0 and * 1 vanish, * 0 is 0; a constant keeps all 64 bits.
        int x = t.leaf(1);
        assertEquals(t.constant(-6), t.bin(IrOp.MUL, t.constant(2), t.bin(IrOp.SUB, t.constant(1), t.constant(4))));
        assertEquals(x, t.bin(IrOp.ADD, t.constant(0), x));
        assertEquals(x, t.bin(IrOp.SUB, x, t.constant(0)));
        assertEquals(x, t.bin(IrOp.MUL, x, t.constant(1)));
        assertEquals(t.constant(0), t.bin(IrOp.MUL, t.constant(0), x));
        assertEquals(Long.MIN_VALUE + 5, t.value(t.constant(Long.MIN_VALUE + 5)));
        assertTrue(t.constant(1L << 32) != t.constant(1));
        // A new loop's terms start afresh.
        t.clear();
        assertEquals(0, t.count());
        assertEquals(0, t.leaf(9));
    }
}
