package dev.simplec.api.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.simplec.api.ir.IrTrap;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.api.ir.TrapKind;

/**
 * {@link BranchFacts}, {@link BlockLayout} and {@link SelfCallInlining} keep every result and every
 * trap (checked with the interpreter), and do what they are for: a decided bounds check goes, an
 * undecided one stays, a trivial block parameter goes.
 */
class ControlFlowRewritesTest {
    private static final IrType T = IrType.I64;

    private static IrInst i(IrOp op, int dst, long imm, int... args) {
        return new IrInst(op, T, dst, args, imm);
    }

    /** s = 0; for i in 0..n { check i < bound (a trap otherwise); s += i }; s — bound is n (param 0) or param 1. */
    private static IrFunction checkedLoop(boolean sameBound) {
        int bound = sameBound ? 0 : 9;
        IrBlock b0 = new IrBlock(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 9, 1), i(IrOp.ICONST, 1, 0)),
                new IrTerminator.Jump(1, new int[] {1, 1}));
        IrBlock b1 = new IrBlock(List.of(new IrBlockParam(2, T), new IrBlockParam(3, T)), List.of(i(IrOp.SLT, 4, 0, 2, 0)),
                new IrTerminator.Branch(4, 2, new int[0], 3, new int[0]));
        IrBlock b2 = new IrBlock(List.of(i(IrOp.ULT, 5, 0, 2, bound)), new IrTerminator.Branch(5, 4, new int[0], 5, new int[0]));
        IrBlock b3 = new IrBlock(List.of(), IrTerminator.Ret.of(3));
        IrBlock b4 = new IrBlock(List.of(i(IrOp.ADD, 6, 0, 3, 2), i(IrOp.ICONST, 7, 1), i(IrOp.ADD, 8, 0, 2, 7)),
                new IrTerminator.Jump(1, new int[] {8, 6}));
        IrBlock b5 = new IrBlock(List.of(), new IrTerminator.Trap(TrapKind.OUT_OF_BOUNDS));
        return new IrFunction("loop", List.of(T, T), List.of(T), List.of(b0, b1, b2, b3, b4, b5), 10);
    }

    private static IrFunction shaped(IrFunction f) {
        return BlockLayout.layout(BranchFacts.fold(BlockLayout.simplify(f)));
    }

    private static boolean traps(IrFunction f) {
        return f.blocks().stream().anyMatch(b -> b.terminator() instanceof IrTerminator.Trap);
    }

    private static String run(IrFunction f, long... args) {
        IrModule m = new IrModule(List.of(f));
        IrValue[] vs = new IrValue[args.length];
        for (int k = 0; k < args.length; k++) {
            vs[k] = IrValue.of(T, args[k]);
        }
        try {
            return new IrInterpreter(m, new IrMemory()).run(vs).toString();
        } catch (IrTrap t) {
            return "trap " + t.getMessage();
        }
    }

    @Test
    void theCheckTheLoopTestDecidesGoesAndResultsStay() {
        IrFunction f = checkedLoop(true);
        IrFunction g = shaped(f);
        IrVerifier.verify(new IrModule(List.of(g)));
        assertTrue(traps(f));
        assertFalse(traps(g), "the check i <u n after i <s n, i counting from 0, is decided:\n" + g);
        for (long n = -3; n <= 12; n++) {
            assertEquals(run(f, n, 0), run(g, n, 0), "n = " + n);
        }
    }

    @Test
    void aCheckAgainstAnotherBoundStaysAndStillTraps() {
        IrFunction f = checkedLoop(false);
        IrFunction g = shaped(f);
        IrVerifier.verify(new IrModule(List.of(g)));
        assertTrue(traps(g), g.toString());
        for (long n = -2; n <= 8; n++) {
            for (long bound = -1; bound <= 9; bound += 2) {
                assertEquals(run(f, n, bound), run(g, n, bound), "n = " + n + ", bound = " + bound);
            }
        }
        assertTrue(run(g, 5, 3).startsWith("trap"));
    }

    @Test
    void aParameterBoundToOneValueEverywhereGoes() {
        // b0: branch x < 0 to b1 / b2; both jump to b3(x, 1 or 2); b3(p, q) returns p + q.
        IrBlock b0 = new IrBlock(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.ICONST, 1, 0), i(IrOp.SLT, 2, 0, 0, 1)),
                new IrTerminator.Branch(2, 1, new int[0], 2, new int[0]));
        IrBlock b1 = new IrBlock(List.of(i(IrOp.ICONST, 3, 1)), new IrTerminator.Jump(3, new int[] {0, 3}));
        IrBlock b2 = new IrBlock(List.of(i(IrOp.ICONST, 4, 2)), new IrTerminator.Jump(3, new int[] {0, 4}));
        IrBlock b3 = new IrBlock(List.of(new IrBlockParam(5, T), new IrBlockParam(6, T)), List.of(i(IrOp.ADD, 7, 0, 5, 6)),
                IrTerminator.Ret.of(7));
        IrFunction f = new IrFunction("join", List.of(T), List.of(T), List.of(b0, b1, b2, b3), 8);
        IrFunction g = shaped(f);
        IrVerifier.verify(new IrModule(List.of(g)));
        int params = g.blocks().stream().mapToInt(b -> b.params().size()).sum();
        assertEquals(1, params, "only q is left:\n" + g);
        for (long x = -3; x <= 3; x++) {
            assertEquals(run(f, x), run(g, x));
        }
    }

    /**
     * {@code if x >= 0 && x <= 9 { 1 } else { 2 }} as lowering makes it: the && joins in b2(c), which
     * only branches on c; {@code readLater} also returns c + the branch's result (c read after the join).
     */
    private static IrFunction andJoin(boolean readLater) {
        IrInst cmp0 = new IrInst(IrOp.SGE, T, 2, new int[] {0, 1}, 0);
        IrBlock b0 = new IrBlock(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.ICONST, 1, 0), cmp0),
                new IrTerminator.Branch(2, 1, new int[0], 2, new int[] {2}));
        IrBlock b1 = new IrBlock(List.of(i(IrOp.ICONST, 3, 9), new IrInst(IrOp.SLE, T, 4, new int[] {0, 3}, 0)),
                new IrTerminator.Jump(2, new int[] {4}));
        IrBlock join = new IrBlock(List.of(new IrBlockParam(5, IrType.I8)), List.of(), new IrTerminator.Branch(5, 3, new int[0], 4, new int[0]));
        IrBlock then = new IrBlock(List.of(i(IrOp.ICONST, 6, 1)), new IrTerminator.Jump(5, new int[] {6}));
        IrBlock otherwise = new IrBlock(List.of(i(IrOp.ICONST, 7, 2)), new IrTerminator.Jump(5, new int[] {7}));
        List<IrInst> tail = readLater
                ? List.of(new IrInst(IrOp.ZEXT, T, 10, new int[] {5}, 0), i(IrOp.ADD, 9, 0, 8, 10))
                : List.of(i(IrOp.ADD, 9, 0, 8, 8));
        IrBlock b5 = new IrBlock(List.of(new IrBlockParam(8, T)), tail, IrTerminator.Ret.of(9));
        return new IrFunction("in_range", List.of(T), List.of(T), List.of(b0, b1, join, then, otherwise, b5), 11);
    }

    /** Blocks other than the entry that no edge reaches. */
    private static long unreached(IrFunction f) {
        boolean[] reached = new boolean[f.blocks().size()];
        for (IrBlock b : f.blocks()) {
            if (b.terminator() instanceof IrTerminator.Jump j) {
                reached[j.target()] = true;
            } else if (b.terminator() instanceof IrTerminator.Branch br) {
                reached[br.thenTarget()] = true;
                reached[br.elseTarget()] = true;
            }
        }
        long count = 0;
        for (int b = 1; b < reached.length; b++) {
            count += reached[b] ? 0 : 1;
        }
        return count;
    }

    /** Blocks that branch on one of their own parameters. */
    private static long branchesOnParams(IrFunction f) {
        return f.blocks().stream().filter(b -> b.terminator() instanceof IrTerminator.Branch br
                && b.params().stream().anyMatch(p -> p.value() == br.cond())).count();
    }

    @Test
    void anAndJoinOnlyBranchingIsSkipped() {
        IrFunction f = andJoin(false);
        IrFunction g = simplifiedAlike(f);
        assertEquals(1, branchesOnParams(f));
        assertEquals(0, branchesOnParams(g), "the && edges go to the if's sides:\n" + g);
        // The join no edge reaches any more leaves the function, and no other block does.
        assertEquals(f.blocks().size() - 1, g.blocks().size(), "the join goes:\n" + g);
        assertEquals(0, unreached(g), "every block but the entry is reached:\n" + g);
        // b0's false side goes straight to the else side; b1 branches on its own comparison.
        IrTerminator.Branch first = (IrTerminator.Branch) g.blocks().get(0).terminator();
        IrTerminator.Branch second = (IrTerminator.Branch) g.blocks().get(1).terminator();
        assertEquals(2, first.cond());
        assertEquals(4, second.cond());
        assertEquals(first.elseTarget(), second.elseTarget());
    }

    @Test
    void anAndJoinWhoseValueIsReadLaterStays() {
        IrFunction g = simplifiedAlike(andJoin(true));
        assertEquals(1, branchesOnParams(g), "c is read after the if, so every way goes through its join:\n" + g);
    }

    /** {@code f} simplified, both verified, and alike for x in -3..12. */
    private static IrFunction simplifiedAlike(IrFunction f) {
        IrVerifier.verify(new IrModule(List.of(f)));
        IrFunction g = BlockLayout.simplify(f);
        IrVerifier.verify(new IrModule(List.of(g)));
        for (long x = -3; x <= 12; x++) {
            assertEquals(run(f, x), run(g, x), "x = " + x);
        }
        return g;
    }

    @Test
    void fibWithItsCallInlinedKeepsItsResults() {
        IrFunction fib = AccumulatorRecursionTest.fib(T, true);
        IrModule before = new IrModule(List.of(fib));
        AccumulatorRecursion.Rewritten looped = AccumulatorRecursion.rewrite(fib, 0, IrVerifier.verify(before, fib));
        AccumulatorRecursion.Rewritten inlined = SelfCallInlining.inline(looped.function(), 0, looped.types());
        IrFunction g = BlockLayout.layout(BranchFacts.fold(inlined.function()));
        IrModule after = new IrModule(List.of(g));
        IrVerifier.verify(after);
        for (long n = -2; n <= 22; n++) {
            assertEquals(new IrInterpreter(before, new IrMemory()).run(IrValue.of(T, n)), new IrInterpreter(after, new IrMemory()).run(IrValue.of(T, n)),
                    "fib(" + n + ")");
        }
    }
}
