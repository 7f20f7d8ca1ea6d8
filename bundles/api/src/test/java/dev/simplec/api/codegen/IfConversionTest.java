package dev.simplec.api.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
 * {@link IfConversion}, through {@link BlockLayout#layout(IrFunction, IrType[], boolean)} and
 * {@code BlockLayout.simplifyAndConvert} as {@link IrRewrites} runs them, on hand-built IR of {@code f(x, lo, hi)}: nested branches, {@code &&}
 * and {@code ||} become straight-line code with selects that compute what the branches did (checked
 * with the interpreter over a grid of arguments); a side that loads, a float join, a side longer
 * than {@link IfConversion#MAX_MOVED} keep their branch; straight-line code comes back as the same
 * objects. (Whole templates, run natively on both backends against the interpreter, are the corpus'.)
 */
class IfConversionTest {
    private static final IrType T = IrType.I64;

    private static IrInst i(IrOp op, IrType t, int dst, long imm, int... args) {
        return new IrInst(op, t, dst, args, imm);
    }

    private static List<IrInst> params(IrType t, IrInst... more) {
        List<IrInst> out = new ArrayList<>(List.of(i(IrOp.PARAM, t, 0, 0), i(IrOp.PARAM, t, 1, 1), i(IrOp.PARAM, t, 2, 2)));
        out.addAll(List.of(more));
        return out;
    }

    private static IrTerminator.Jump jump(int target, int... args) {
        return new IrTerminator.Jump(target, args);
    }

    private static IrTerminator.Branch branch(int cond, int then, int otherwise) {
        return new IrTerminator.Branch(cond, then, new int[0], otherwise, new int[0]);
    }

    private static IrFunction fn(IrType t, int values, IrBlock... blocks) {
        return new IrFunction("f", List.of(t, t, t), List.of(t), List.of(blocks), values);
    }

    /** A block that only returns its one parameter {@code v}. */
    private static IrBlock returns(IrType t, int v) {
        return new IrBlock(List.of(new IrBlockParam(v, t)), List.of(), IrTerminator.Ret.of(v));
    }

    /** {@code x < lo ? lo : x > hi ? hi : x}: an if inside an else, both meeting at one join. */
    private static IrFunction clamp() {
        return fn(T, 7,
                new IrBlock(params(T, i(IrOp.SLT, T, 3, 0, 0, 1)), branch(3, 1, 2)),
                new IrBlock(List.of(), jump(5, 1)),
                new IrBlock(List.of(i(IrOp.SGT, T, 4, 0, 0, 2)), branch(4, 3, 4)),
                new IrBlock(List.of(), jump(5, 2)),
                new IrBlock(List.of(), jump(5, 0)),
                returns(T, 5));
    }

    /** {@code x >= lo && x <= hi ? x + 1 : 0}. */
    private static IrFunction both() {
        return fn(T, 9,
                new IrBlock(params(T, i(IrOp.ICONST, T, 7, 0), i(IrOp.SGE, T, 3, 0, 0, 1)), branch(3, 1, 3)),
                new IrBlock(List.of(i(IrOp.SLE, T, 4, 0, 0, 2)), branch(4, 2, 3)),
                new IrBlock(List.of(i(IrOp.ICONST, T, 5, 1), i(IrOp.ADD, T, 6, 0, 0, 5)), jump(4, 6)),
                new IrBlock(List.of(), jump(4, 7)),
                returns(T, 8));
    }

    /** {@code x < lo || x > hi ? 0 : x}. */
    private static IrFunction either() {
        return fn(T, 9,
                new IrBlock(params(T, i(IrOp.ICONST, T, 7, 0), i(IrOp.SLT, T, 3, 0, 0, 1)), branch(3, 3, 1)),
                new IrBlock(List.of(i(IrOp.SGT, T, 4, 0, 0, 2)), branch(4, 3, 2)),
                new IrBlock(List.of(), jump(4, 0)),
                new IrBlock(List.of(), jump(4, 7)),
                returns(T, 8));
    }

    private static AccumulatorRecursion.Rewritten convert(IrFunction f) {
        return BlockLayout.layout(f, IrVerifier.verify(new IrModule(List.of(f)), f), false);
    }

    private static long count(IrFunction f, IrOp op) {
        return f.blocks().stream().flatMap(b -> b.insts().stream()).filter(x -> x.op() == op).count();
    }

    private static boolean branches(IrFunction f) {
        return f.blocks().stream().anyMatch(b -> b.terminator() instanceof IrTerminator.Branch);
    }

    private static List<IrValue> run(IrFunction f, IrValue... args) {
        return new IrInterpreter(new IrModule(List.of(f)), new IrMemory()).run(args);
    }

    /** The converted function: straight-line, verified, its new values typed, and equal to {@code f} on a grid of arguments. */
    private static IrFunction straightAndEqual(IrFunction f) {
        return straightAndEqual(f, convert(f));
    }

    private static IrFunction straightAndEqual(IrFunction f, AccumulatorRecursion.Rewritten r) {
        IrFunction g = r.function();
        IrType[] types = IrVerifier.verify(new IrModule(List.of(g)), g);
        assertEquals(1, g.blocks().size(), "one block, no branch:\n" + g);
        assertEquals(g.valueCount(), r.types().length);
        for (int v = 0; v < g.valueCount(); v++) {
            if (types[v] != null) { // the values still defined (a merged join's parameters are not)
                assertEquals(types[v], r.types()[v], "v" + v + " in\n" + g);
            }
        }
        long[] samples = {Long.MIN_VALUE, -7, -1, 0, 1, 2, 3, 9, Long.MAX_VALUE};
        for (long x : samples) {
            for (long lo : samples) {
                for (long hi : samples) {
                    IrValue[] args = {IrValue.of(T, x), IrValue.of(T, lo), IrValue.of(T, hi)};
                    assertEquals(run(f, args), run(g, args), x + " " + lo + " " + hi);
                }
            }
        }
        return g;
    }

    @Test
    void anIfInsideAnElseBecomesTwoSelects() {
        IrFunction g = straightAndEqual(clamp());
        assertEquals(2, count(g, IrOp.SELECT), g.toString());
    }

    @Test
    void aConjunctionBecomesOneSelectOnBothConditions() {
        IrFunction g = straightAndEqual(both());
        assertEquals(1, count(g, IrOp.SELECT), g.toString());
        assertEquals(1, count(g, IrOp.AND), g.toString());
    }

    @Test
    void aDisjunctionBecomesOneSelectOnEitherCondition() {
        IrFunction g = straightAndEqual(either());
        assertEquals(1, count(g, IrOp.SELECT), g.toString());
        assertEquals(1, count(g, IrOp.OR), g.toString());
    }

    /**
     * {@code t = x < lo ? x : lo; s = hi; i = x; while i < hi { s += t; i += 1 }; s}: the join of the
     * if only passes the loop's start values on, and the loop reads the join's parameter {@code t}
     * (v4) itself, so the sides meet at the join, not at the loop's header.
     */
    private static IrFunction selectBeforeLoop() {
        return fn(T, 11,
                new IrBlock(params(T, i(IrOp.SLT, T, 3, 0, 0, 1)), branch(3, 1, 2)),
                new IrBlock(List.of(), jump(3, 0)),
                new IrBlock(List.of(), jump(3, 1)),
                new IrBlock(List.of(new IrBlockParam(4, T)), List.of(), jump(4, 2, 0)),
                new IrBlock(List.of(new IrBlockParam(5, T), new IrBlockParam(6, T)), List.of(i(IrOp.SLT, T, 7, 0, 6, 2)),
                        branch(7, 5, 6)),
                new IrBlock(List.of(i(IrOp.ADD, T, 8, 0, 5, 4), i(IrOp.ICONST, T, 9, 1), i(IrOp.ADD, T, 10, 0, 6, 9)), jump(4, 8, 10)),
                new IrBlock(List.of(), IrTerminator.Ret.of(5)));
    }

    @Test
    void aJoinWhoseParameterIsReadBeyondItIsWhereTheSidesMeet() {
        IrFunction f = selectBeforeLoop();
        IrType[] types = IrVerifier.verify(new IrModule(List.of(f)), f);
        for (AccumulatorRecursion.Rewritten r : List.of(BlockLayout.layout(f, types, false), BlockLayout.simplifyAndConvert(f, types))) {
            IrFunction g = r.function();
            IrVerifier.verify(new IrModule(List.of(g)), g);
            assertEquals(1, count(g, IrOp.SELECT), g.toString());
            long[] samples = {-9, -3, 0, 1, 4, 7};
            for (long x : samples) {
                for (long lo : samples) {
                    for (long hi : samples) {
                        IrValue[] args = {IrValue.of(T, x), IrValue.of(T, lo), IrValue.of(T, hi)};
                        assertEquals(run(f, args), run(g, args), x + " " + lo + " " + hi + " in\n" + g);
                    }
                }
            }
        }
    }

    /** {@code (x < lo ? lo : x > hi ? hi : x) + 1}: clamp's blocks, its join computing before it returns. */
    private static IrFunction clampPlusOne() {
        List<IrBlock> blocks = new ArrayList<>(clamp().blocks());
        blocks.set(5, new IrBlock(List.of(new IrBlockParam(5, T)), List.of(i(IrOp.ICONST, T, 6, 1), i(IrOp.ADD, T, 7, 0, 5, 6)),
                IrTerminator.Ret.of(7)));
        return fn(T, 9, blocks.toArray(new IrBlock[0]));
    }

    @Test
    void simplifyConvertsBeforeItsMerge() {
        // BlockLayout.simplifyAndConvert, as IrRewrites runs it first: one block, two selects.
        IrFunction f = clampPlusOne();
        IrFunction g = straightAndEqual(f, BlockLayout.simplifyAndConvert(f, IrVerifier.verify(new IrModule(List.of(f)), f)));
        assertEquals(2, count(g, IrOp.SELECT), g.toString());
        IrFunction straight = fn(T, 4, new IrBlock(params(T, i(IrOp.ADD, T, 3, 0, 0, 1)), IrTerminator.Ret.of(3)));
        assertSame(straight, BlockLayout.simplifyAndConvert(straight, IrVerifier.verify(new IrModule(List.of(straight)), straight))
                .function());
    }

    @Test
    void sidesThatMayTrapOrTouchMemoryOrFloatsOrAreLongKeepTheirBranch() {
        List<IrInst> longSide = new ArrayList<>();
        for (int k = 0; k <= IfConversion.MAX_MOVED; k++) {
            longSide.add(i(IrOp.ADD, T, 4 + k, 0, k == 0 ? 0 : 3 + k, 1));
        }
        int last = 4 + IfConversion.MAX_MOVED;
        List<IrFunction> kept = List.of(
                // x < lo ? load(hi) : 0 — a load could trap.
                fn(T, 7,
                        new IrBlock(params(T, i(IrOp.ICONST, T, 4, 0), i(IrOp.SLT, T, 3, 0, 0, 1)), branch(3, 1, 2)),
                        new IrBlock(List.of(i(IrOp.LOAD, T, 5, 0, 2)), jump(3, 5)),
                        new IrBlock(List.of(), jump(3, 4)),
                        returns(T, 6)),
                // x < lo ? x / hi : 0 — a division traps on zero.
                fn(T, 7,
                        new IrBlock(params(T, i(IrOp.ICONST, T, 4, 0), i(IrOp.SLT, T, 3, 0, 0, 1)), branch(3, 1, 2)),
                        new IrBlock(List.of(i(IrOp.SDIV, T, 5, 0, 0, 2)), jump(3, 5)),
                        new IrBlock(List.of(), jump(3, 4)),
                        returns(T, 6)),
                // A float join: no integer select.
                fn(IrType.F64, 5,
                        new IrBlock(params(IrType.F64, i(IrOp.FLT, IrType.F64, 3, 0, 0, 1)), branch(3, 1, 2)),
                        new IrBlock(List.of(), jump(3, 1)),
                        new IrBlock(List.of(), jump(3, 0)),
                        returns(IrType.F64, 4)),
                // A side of more than MAX_MOVED instructions.
                fn(T, last + 2,
                        new IrBlock(params(T, i(IrOp.SLT, T, 3, 0, 0, 1)), branch(3, 1, 2)),
                        new IrBlock(longSide, jump(3, last)),
                        new IrBlock(List.of(), jump(3, 0)),
                        returns(T, last + 1)));
        for (IrFunction f : kept) {
            IrFunction g = convert(f).function();
            assertTrue(branches(g), "kept its branch:\n" + g);
            assertEquals(0, count(g, IrOp.SELECT), g.toString());
        }
    }

    @Test
    void nothingToConvertGivesBackTheSameObjects() {
        // Straight-line code, already in order; a loop whose only branch leaves it.
        IrFunction straight = fn(T, 4, new IrBlock(params(T, i(IrOp.ADD, T, 3, 0, 0, 1)), IrTerminator.Ret.of(3)));
        IrFunction loop = fn(T, 6,
                new IrBlock(params(T), jump(1, 0)),
                new IrBlock(List.of(new IrBlockParam(3, T)), List.of(i(IrOp.SLT, T, 4, 0, 3, 1)), branch(4, 2, 3)),
                new IrBlock(List.of(i(IrOp.ADD, T, 5, 0, 3, 2)), jump(1, 5)),
                new IrBlock(List.of(), IrTerminator.Ret.of(3)));
        for (IrFunction f : List.of(straight, loop)) {
            IrType[] types = IrVerifier.verify(new IrModule(List.of(f)), f);
            AccumulatorRecursion.Rewritten r = BlockLayout.layout(f, types, true);
            assertSame(f, r.function(), f.toString());
            assertSame(types, r.types());
        }
    }
}
