package dev.simplec.api.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;
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
 * {@link BoundsSplitting}: a saxpy-shaped loop ({@code for i in start..n { ys[i] = xs[i] * xs[i] + ys[i]; s += ys[i] }},
 * xs of length n, ys of length m, start a constant) is split, and for every start, n and m — m shorter
 * than n, negative lengths, a start past the end — returns the same sum, traps at the same iteration with
 * the same message, and leaves memory as the loop did (the stores before the trap done, none after);
 * the copy has no check left. Loops of other shapes stay as they are.
 */
class BoundsSplittingTest {
    private static final IrType T = IrType.I64;
    private static final int SLOTS = 16;

    private static IrInst i(IrOp op, int dst, long imm, int... args) {
        return new IrInst(op, T, dst, args, imm);
    }

    private static final int[] NONE = new int[0];
    /** The start value that means "the function's parameter 4", not a constant. */
    private static final long PARAM = Long.MIN_VALUE + 1;

    /**
     * Params: xs data, n, ys data, m, and a start that the loop uses when {@code start} is
     * {@link #PARAM}, else the loop starts at the constant {@code start}. {@code variant}: 0 the saxpy shape; 1 m computed in the
     * loop (not invariant); 2 a break out of the loop to a block that returns; 3 no check of ys. The
     * variants other than 0 have no check of xs either (with a start that may be negative, BranchFacts
     * leaves it, and it is a check of i against n that splitting removes).
     */
    private static IrFunction loop(int variant, long start) {
        List<IrBlock> b = new ArrayList<>();
        b.add(new IrBlock(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1), i(IrOp.PARAM, 2, 2), i(IrOp.PARAM, 3, 3),
                start == PARAM ? i(IrOp.PARAM, 4, 4) : i(IrOp.ICONST, 4, start), i(IrOp.ICONST, 5, 0)),
                new IrTerminator.Jump(1, new int[] {4, 5})));
        // b1: the loop test
        b.add(new IrBlock(List.of(new IrBlockParam(6, T), new IrBlockParam(7, T)), List.of(i(IrOp.SLT, 8, 0, 6, 1)),
                new IrTerminator.Branch(8, 2, NONE, 3, NONE)));
        // b2: xs's check
        b.add(variant == 0 ? new IrBlock(List.of(i(IrOp.ULT, 9, 0, 6, 1)), new IrTerminator.Branch(9, 4, NONE, 6, NONE))
                : new IrBlock(List.of(), new IrTerminator.Jump(4, NONE)));
        b.add(new IrBlock(List.of(), IrTerminator.Ret.of(7)));
        // b4: ys's check (against m, or m + i, or none)
        List<IrInst> check = new ArrayList<>();
        int bound = 3;
        if (variant == 1) {
            check.add(i(IrOp.ADD, 22, 0, 3, 6));
            bound = 22;
        }
        check.add(variant == 3 ? new IrInst(IrOp.ICONST, IrType.I8, 10, NONE, 1) : i(IrOp.UGT, 10, 0, bound, 6));
        b.add(new IrBlock(check, new IrTerminator.Branch(10, 5, NONE, 6, NONE)));
        // b5: ys[i] = xs[i] * xs[i] + ys[i]; s += ys[i]; i += 1
        List<IrInst> body = new ArrayList<>(List.of(i(IrOp.ICONST, 11, 3), i(IrOp.SHL, 12, 0, 6, 11), i(IrOp.ADD, 13, 0, 0, 12),
                i(IrOp.LOAD, 14, 0, 13), i(IrOp.ADD, 15, 0, 2, 12), i(IrOp.LOAD, 16, 0, 15), i(IrOp.MUL, 17, 0, 14, 14),
                i(IrOp.ADD, 18, 0, 17, 16), new IrInst(IrOp.STORE, T, IrInst.NO_VALUE, new int[] {15, 18}, 0),
                i(IrOp.ADD, 19, 0, 7, 18), i(IrOp.ICONST, 20, 1), i(IrOp.ADD, 21, 0, 6, 20)));
        if (variant == 2) {
            // if s == 7 { return s } (a break that reads a value the loop defines)
            body.add(i(IrOp.ICONST, 23, 7));
            body.add(i(IrOp.EQ, 24, 0, 19, 23));
            b.add(new IrBlock(body, new IrTerminator.Branch(24, 7, NONE, 1, new int[] {21, 19})));
        } else {
            b.add(new IrBlock(body, new IrTerminator.Jump(1, new int[] {21, 19})));
        }
        b.add(new IrBlock(List.of(), new IrTerminator.Trap(TrapKind.OUT_OF_BOUNDS)));
        if (variant == 2) {
            b.add(new IrBlock(List.of(), IrTerminator.Ret.of(19)));
        }
        return new IrFunction("saxpyish", List.of(T, T, T, T, T), List.of(T), b, 25);
    }

    /** The x86-64 backend's order of the rewrites that matter here. */
    private static IrFunction shaped(IrFunction f) {
        IrFunction simple = BlockLayout.simplify(f);
        @Nullable IrType[] types = IrVerifier.verify(new IrModule(List.of(simple)), simple);
        AccumulatorRecursion.Rewritten split = BoundsSplitting.split(BranchFacts.fold(simple), types);
        IrFunction g = BlockLayout.layout(split.function());
        @Nullable IrType[] checked = IrVerifier.verify(new IrModule(List.of(split.function())), split.function());
        for (int v = 0; v < split.types().length; v++) {
            if (checked[v] != null) {
                assertEquals(checked[v], split.types()[v], "the type of v" + v);
            }
        }
        IrVerifier.verify(new IrModule(List.of(g)));
        return g;
    }

    /** The result (or the trap's message) and both arrays afterwards. */
    private static String run(IrFunction f, long n, long m, long start) {
        IrMemory mem = new IrMemory();
        long xs = mem.allocate(8 * SLOTS, 8);
        long ys = mem.allocate(8 * SLOTS, 8);
        for (int k = 0; k < SLOTS; k++) {
            mem.storeBits(xs + 8 * k, 8, k * 7 - 20);
            mem.storeBits(ys + 8 * k, 8, 1000 + k);
        }
        String out;
        try {
            out = new IrInterpreter(new IrModule(List.of(f)), mem)
                    .run(IrValue.i64(xs), IrValue.i64(n), IrValue.i64(ys), IrValue.i64(m), IrValue.i64(start)).toString();
        } catch (IrTrap t) {
            out = "trap " + t.getMessage();
        }
        return out + " xs " + Arrays.toString(mem.read(xs, 8 * SLOTS)) + " ys " + Arrays.toString(mem.read(ys, 8 * SLOTS));
    }

    /** Whether any block of {@code f} from {@code from} on branches to a block that traps. */
    private static boolean checksFrom(IrFunction f, List<IrBlock> blocks) {
        for (IrBlock b : blocks) {
            if (b.terminator() instanceof IrTerminator.Branch br
                    && (f.blocks().get(br.thenTarget()).terminator() instanceof IrTerminator.Trap
                            || f.blocks().get(br.elseTarget()).terminator() instanceof IrTerminator.Trap)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theSaxpyLoopIsSplitAndKeepsResultsTrapsAndStores() {
        int traps = 0;
        for (long start : new long[] {0, 2, 5, 20}) {
            IrFunction f = loop(0, start);
            IrFunction simple = BlockLayout.simplify(f);
            AccumulatorRecursion.Rewritten split = BoundsSplitting.split(BranchFacts.fold(simple),
                    IrVerifier.verify(new IrModule(List.of(simple)), simple));
            IrFunction s = split.function();
            assertNotSame(simple, s);
            // The copy (the blocks added after the original ones) checks nothing; the original still does.
            List<IrBlock> added = s.blocks().subList(simple.blocks().size(), s.blocks().size());
            assertTrue(!added.isEmpty() && !checksFrom(s, added), s.toString());
            assertTrue(checksFrom(s, s.blocks().subList(0, simple.blocks().size())), s.toString());
            IrFunction g = shaped(f);
            for (long n = -2; n <= SLOTS; n++) {
                for (long m : new long[] {-1, 0, 1, 3, 7, 8, 9, SLOTS, -5, Long.MIN_VALUE}) {
                    String want = run(f, n, m, 0);
                    assertEquals(want, run(g, n, m, 0), "n = " + n + ", m = " + m + ", start = " + start);
                    traps += want.startsWith("trap") ? 1 : 0;
                }
            }
            if (start == 0) {
                // ys two short of xs: the stores of ys[0..m) are done, then the trap.
                String r = run(g, 10, 8, 0);
                assertTrue(r.startsWith("trap simplec trap: index out of bounds in saxpyish"), r);
                assertEquals(run(f, 10, 8, 0), r);
            }
        }
        assertTrue(traps > 100, "traps: " + traps);
    }

    @Test
    void otherShapesStayAsTheyAre() {
        for (int variant = 0; variant <= 3; variant++) {
            // Variant 0 from a start that is not a constant, or a negative one: not a counted loop.
            IrFunction simple = BlockLayout.simplify(loop(variant, variant == 0 ? PARAM : variant == 3 ? -1 : 0));
            IrFunction folded = BranchFacts.fold(simple);
            @Nullable IrType[] types = IrVerifier.verify(new IrModule(List.of(folded)), folded);
            AccumulatorRecursion.Rewritten r = BoundsSplitting.split(folded, types);
            assertSame(folded, r.function(), "variant " + variant + ":\n" + r.function());
            assertSame(types, r.types());
        }
    }

    @Test
    void aLoopLargerThanTheBoundIsNotCopied() {
        IrFunction f = loop(0, 0);
        List<IrBlock> blocks = new ArrayList<>(f.blocks());
        IrBlock body = blocks.get(5);
        List<IrInst> insts = new ArrayList<>(body.insts());
        int v = f.valueCount();
        for (int k = 0; k < BoundsSplitting.MAX_INSTS; k++) {
            insts.add(i(IrOp.ICONST, v++, k));
        }
        blocks.set(5, new IrBlock(insts, body.terminator()));
        IrFunction big = new IrFunction(f.name(), f.params(), f.returns(), blocks, v);
        IrFunction folded = BranchFacts.fold(BlockLayout.simplify(big));
        assertSame(folded, BoundsSplitting.split(folded, IrVerifier.verify(new IrModule(List.of(folded)), folded)).function());
    }
}
