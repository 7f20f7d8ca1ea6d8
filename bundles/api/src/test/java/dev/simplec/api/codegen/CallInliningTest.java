package dev.simplec.api.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.SimplecException;
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
 * {@link CallInlining}: calls of small leaves — a clamp whose join block comes after the blocks
 * that jump to it, a tuple return, a store returning nothing, a result left unused, two calls in
 * one block, a call on one side of a branch, a clamp of integers copied as one block of selects —
 * are replaced by their bodies and give the same
 * results and the same memory; functions that trap, are too large or call others stay calls; a
 * function whose address is taken keeps its code.
 */
class CallInliningTest {
    private static final IrType T = IrType.I64;
    private static final int[] NONE = new int[0];
    private static final int CLAMP = 1;
    private static final int PAIR = 2;
    private static final int STORE = 3;
    private static final int CHECKED_DIV = 4;
    private static final int BIG = 5;
    private static final int TRIPLE = 6;

    private static IrInst i(IrOp op, int dst, long imm, int... args) {
        return new IrInst(op, T, dst, args, imm);
    }

    private static IrInst call(int dst, int callee, int... args) {
        return new IrInst(IrOp.CALL, T, dst, args, callee);
    }

    private static IrBlock block(List<IrInst> insts, IrTerminator t) {
        return new IrBlock(insts, t);
    }

    private static IrTerminator jump(int target, int... args) {
        return new IrTerminator.Jump(target, args);
    }

    /** clamp(x, lo, hi), laid out as lowering lays out nested ifs in tail position: the join (b3) before b4 and b5. */
    private static IrFunction clamp() {
        return clamp(T);
    }

    /** {@link #clamp()} of another type: of f64 its branches stay (a float is no select's). */
    private static IrFunction clamp(IrType t) {
        IrOp less = t.isFloat() ? IrOp.FLT : IrOp.SLT;
        IrOp greater = t.isFloat() ? IrOp.FGT : IrOp.SGT;
        List<IrBlock> b = List.of(
                block(List.of(new IrInst(IrOp.PARAM, t, 0, NONE, 0), new IrInst(IrOp.PARAM, t, 1, NONE, 1),
                        new IrInst(IrOp.PARAM, t, 2, NONE, 2), new IrInst(less, t, 3, new int[] {0, 1}, 0)),
                        new IrTerminator.Branch(3, 1, NONE, 2, NONE)),
                block(List.of(), jump(3, 1)),
                block(List.of(new IrInst(greater, t, 4, new int[] {0, 2}, 0)), new IrTerminator.Branch(4, 4, NONE, 5, NONE)),
                new IrBlock(List.of(new IrBlockParam(5, t)), List.of(), IrTerminator.Ret.of(5)),
                block(List.of(), jump(6, 2)),
                block(List.of(), jump(6, 0)),
                new IrBlock(List.of(new IrBlockParam(6, t)), List.of(), jump(3, 6)));
        return new IrFunction("clamp", List.of(t, t, t), List.of(t), b, 7);
    }

    private static IrModule module() {
        List<IrFunction> fs = new ArrayList<>();
        // The entry: (x, y, p) -> a sum of everything the calls give; stores through p.
        List<IrBlock> e = new ArrayList<>();
        e.add(block(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1), i(IrOp.PARAM, 2, 2), i(IrOp.ICONST, 4, 10),
                call(3, CLAMP, 0, 1, 4),
                new IrInst(IrOp.CALL, T, 5, new int[] {0, 1}, PAIR, 6),
                new IrInst(IrOp.CALL, T, IrInst.NO_VALUE, new int[] {2, 5}, STORE),
                call(IrInst.NO_VALUE, CLAMP, 1, 0, 4),
                call(7, TRIPLE, 6),
                i(IrOp.SLT, 20, 0, 0, 1)), new IrTerminator.Branch(20, 1, NONE, 2, NONE)));
        e.add(block(List.of(call(21, CLAMP, 1, 4, 0)), jump(3, 21)));
        e.add(block(List.of(), jump(3, 0)));
        e.add(new IrBlock(List.of(new IrBlockParam(22, T)), List.of(
                call(8, CHECKED_DIV, 0, 1),
                call(9, BIG, 0),
                i(IrOp.FUNC_ADDR, 10, TRIPLE),
                call(11, TRIPLE, 0),
                i(IrOp.ADD, 12, 0, 3, 5), i(IrOp.ADD, 13, 0, 12, 6), i(IrOp.ADD, 14, 0, 13, 7), i(IrOp.ADD, 15, 0, 14, 8),
                i(IrOp.ADD, 16, 0, 15, 9), i(IrOp.ADD, 17, 0, 16, 11), i(IrOp.ADD, 18, 0, 17, 22),
                i(IrOp.ICONST, 23, 0), i(IrOp.NE, 24, 0, 10, 23), new IrInst(IrOp.ZEXT, T, 25, new int[] {24}, 0),
                i(IrOp.ADD, 19, 0, 18, 25)), IrTerminator.Ret.of(19)));
        fs.add(new IrFunction("entry", List.of(T, T, T), List.of(T), e, 26));
        fs.add(clamp());
        fs.add(new IrFunction("pair", List.of(T, T), List.of(T, T), List.of(block(List.of(i(IrOp.PARAM, 0, 0),
                i(IrOp.PARAM, 1, 1), i(IrOp.ADD, 2, 0, 0, 1), i(IrOp.SUB, 3, 0, 0, 1)), IrTerminator.Ret.of(2, 3))), 4));
        fs.add(new IrFunction("store", List.of(T, T), List.of(), List.of(block(List.of(i(IrOp.PARAM, 0, 0),
                i(IrOp.PARAM, 1, 1), new IrInst(IrOp.STORE, T, IrInst.NO_VALUE, new int[] {0, 1}, 0)), IrTerminator.Ret.of())), 2));
        fs.add(new IrFunction("checkedDiv", List.of(T, T), List.of(T), List.of(
                block(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1), i(IrOp.ICONST, 2, 0), i(IrOp.EQ, 3, 0, 1, 2)),
                        new IrTerminator.Branch(3, 1, NONE, 2, NONE)),
                block(List.of(), new IrTerminator.Trap(TrapKind.DIVISION_BY_ZERO)),
                block(List.of(i(IrOp.UDIV, 4, 0, 0, 1)), IrTerminator.Ret.of(4))), 5));
        List<IrInst> big = new ArrayList<>(List.of(i(IrOp.PARAM, 0, 0)));
        for (int v = 1; v <= CallInlining.MAX_CALLEE; v++) {
            big.add(i(IrOp.ADD, v, 0, v - 1, v - 1));
        }
        fs.add(new IrFunction("big", List.of(T), List.of(T), List.of(block(big, IrTerminator.Ret.of(CallInlining.MAX_CALLEE))),
                CallInlining.MAX_CALLEE + 1));
        fs.add(new IrFunction("triple", List.of(T), List.of(T), List.of(block(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.ICONST, 1, 3),
                i(IrOp.MUL, 2, 0, 0, 1)), IrTerminator.Ret.of(2))), 3));
        return new IrModule(fs);
    }

    /** The result, or the trap's message, and the memory behind p afterwards. */
    private static String run(IrModule m, long x, long y) {
        IrMemory mem = new IrMemory();
        long p = mem.allocate(8, 8);
        String out;
        try {
            out = new IrInterpreter(m, mem).run(IrValue.i64(x), IrValue.i64(y), IrValue.i64(p)).toString();
        } catch (IrTrap t) {
            out = "trap " + t.getMessage();
        }
        return out + " memory " + Arrays.toString(mem.read(p, 8));
    }

    private static List<Long> callees(IrFunction f) {
        List<Long> out = new ArrayList<>();
        for (IrBlock b : f.blocks()) {
            for (IrInst inst : b.insts()) {
                if (inst.op() == IrOp.CALL) {
                    out.add(inst.imm());
                }
            }
        }
        return out;
    }

    @Test
    void smallLeavesAreInlinedAndGiveTheSameResults() {
        IrModule m = module();
        IrVerifier.verify(m);
        CallInlining.Inlined inlined = CallInlining.inline(m);
        IrVerifier.verify(inlined.module());
        assertEquals(List.of((long) CHECKED_DIV, (long) BIG), callees(inlined.module().entry()));
        // clamp, pair and store are called no more; triple's address is taken.
        assertArrayEquals(new boolean[] {true, false, false, false, true, true, true}, inlined.compiled());
        int traps = 0;
        for (long x : new long[] {-12, -1, 0, 3, 9, 10, 11, 40, Long.MAX_VALUE}) {
            for (long y : new long[] {-7, 0, 1, 5, 10, 12}) {
                String want = run(m, x, y);
                assertEquals(want, run(inlined.module(), x, y), "x = " + x + ", y = " + y);
                traps += want.startsWith("trap simplec trap: division by zero in checkedDiv") ? 1 : 0;
            }
        }
        assertEquals(9, traps);
    }

    @Test
    void aModuleWithoutSmallLeavesIsReturnedAsItIs() {
        IrModule m = module();
        IrModule entryOnly = new IrModule(List.of(clamp()));
        assertSame(entryOnly, CallInlining.inline(entryOnly).module());
        // Only the functions that trap, are big or are never called: nothing to inline.
        IrModule none = new IrModule(List.of(m.functions().get(BIG), m.functions().get(CHECKED_DIV)));
        CallInlining.Inlined r = CallInlining.inline(none);
        assertSame(none, r.module());
        assertArrayEquals(new boolean[] {true, true}, r.compiled());
    }

    @Test
    void aCallerGrowsByAtMostItsBudget() {
        // 200 calls of triple (4 IR with its block, 5 with the call's place): room for the caller's own size, 202 IR: 40 of them.
        List<IrInst> insts = new ArrayList<>(List.of(i(IrOp.PARAM, 0, 0)));
        for (int k = 1; k <= 200; k++) {
            insts.add(call(k, 1, k - 1));
        }
        IrFunction many = new IrFunction("many", List.of(T), List.of(T), List.of(block(insts, IrTerminator.Ret.of(200))), 201);
        IrModule m = new IrModule(List.of(many, module().functions().get(TRIPLE)));
        CallInlining.Inlined r = CallInlining.inline(m);
        IrVerifier.verify(r.module());
        IrFunction g = r.module().entry();
        assertEquals(200 - 40, callees(g).size());
        assertTrue(CodeLimits.size(g) <= CodeLimits.size(many) + CodeLimits.size(many), g.toString());
        assertArrayEquals(new boolean[] {true, true}, r.compiled());
        assertEquals(run1(m, 1), run1(r.module(), 1));
    }

    @Test
    void aOneBlockCalleeIsCopiedInPlaceOfItsCall() {
        // triple, less (a flag) and pair (two values) define what they return: their instructions
        // take the calls' places. identity returns its parameter: it keeps a block and a join.
        IrFunction identity = new IrFunction("identity", List.of(T), List.of(T),
                List.of(block(List.of(i(IrOp.PARAM, 0, 0)), IrTerminator.Ret.of(0))), 1);
        IrFunction less = new IrFunction("less", List.of(T, T), List.of(IrType.I8), List.of(block(List.of(
                i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1), i(IrOp.SLT, 2, 0, 0, 1)), IrTerminator.Ret.of(2))), 3);
        IrFunction entry = new IrFunction("entry", List.of(T, T, T), List.of(T), List.of(block(List.of(
                i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1),
                call(2, 1, 0), call(3, 2, 1),
                new IrInst(IrOp.CALL, IrType.I8, 4, new int[] {2, 3}, 3),
                new IrInst(IrOp.CALL, T, 5, new int[] {2, 3}, 4, 6),
                new IrInst(IrOp.ZEXT, T, 7, new int[] {4}, 0),
                i(IrOp.ADD, 8, 0, 5, 7), i(IrOp.MUL, 9, 0, 8, 6), i(IrOp.ADD, 10, 0, 9, 2)), IrTerminator.Ret.of(10))), 11);
        IrModule m = new IrModule(List.of(entry, module().functions().get(TRIPLE), identity, less, module().functions().get(PAIR)));
        IrVerifier.verify(m);
        CallInlining.Inlined r = CallInlining.inline(m);
        IrVerifier.verify(r.module());
        IrFunction g = r.module().entry();
        assertEquals(List.of(), callees(g));
        // The entry's block, then identity's block and the continuation its return jumps to.
        assertEquals(3, g.blocks().size(), g.toString());
        assertEquals(List.of(IrOp.PARAM, IrOp.PARAM, IrOp.ICONST, IrOp.MUL), ops(g.blocks().get(0)));
        assertEquals(List.of(IrOp.SLT, IrOp.ADD, IrOp.SUB, IrOp.ZEXT, IrOp.ADD, IrOp.MUL, IrOp.ADD), ops(g.blocks().get(2)));
        assertEquals(List.of(new IrBlockParam(3, T)), g.blocks().get(2).params(), "identity's result comes through the join");
        for (long x : new long[] {-5, 0, 2, 7}) {
            for (long y : new long[] {-3, 0, 6, 21}) {
                String want = new IrInterpreter(m, new IrMemory()).run(IrValue.i64(x), IrValue.i64(y), IrValue.i64(0)).toString();
                assertEquals(want, new IrInterpreter(r.module(), new IrMemory()).run(IrValue.i64(x), IrValue.i64(y),
                        IrValue.i64(0)).toString(), "x = " + x + ", y = " + y);
            }
        }
    }

    @Test
    void aCalleeWithOneReturnDefinesTheCallsValueInItsCopy() {
        // clamp of f64 keeps its branches and returns once, its join's parameter: the copy of that
        // join defines v3, and the block after clamp's copies takes no parameter.
        IrType f = IrType.F64;
        IrFunction entry = new IrFunction("entry", List.of(f, f, f), List.of(f), List.of(block(List.of(
                new IrInst(IrOp.PARAM, f, 0, NONE, 0), new IrInst(IrOp.PARAM, f, 1, NONE, 1), new IrInst(IrOp.PARAM, f, 2, NONE, 2),
                new IrInst(IrOp.CALL, f, 3, new int[] {0, 1, 2}, 1), new IrInst(IrOp.FADD, f, 4, new int[] {3, 3}, 0)),
                IrTerminator.Ret.of(4))), 5);
        IrModule m = new IrModule(List.of(entry, clamp(f)));
        IrVerifier.verify(m);
        CallInlining.Inlined r = CallInlining.inline(m);
        IrVerifier.verify(r.module());
        IrFunction g = r.module().entry();
        assertEquals(1 + 7 + 1, g.blocks().size(), g.toString());
        assertEquals(List.of(), g.blocks().get(8).params());
        assertEquals(List.of(IrOp.FADD), ops(g.blocks().get(8)));
        assertEquals(List.of(new IrBlockParam(3, f)), g.blocks().get(4).params(), "clamp's join, now defining v3");
        for (double x : new double[] {-4, 0, 3, 5.5, 9, 12}) {
            IrValue[] args = {IrValue.f64(x), IrValue.f64(0), IrValue.f64(9)};
            assertEquals(new IrInterpreter(m, new IrMemory()).run(args).toString(),
                    new IrInterpreter(r.module(), new IrMemory()).run(args).toString(), "x = " + x);
        }
    }

    @Test
    void aLeafWhoseBranchesBecomeSelectsIsCopiedInPlaceOfItsCall() {
        // clamp of i64: its two branches become selects and its blocks one, so its copy takes the
        // call's place and defines v3, with no blocks for the rewrites after to merge again.
        IrFunction entry = new IrFunction("entry", List.of(T, T, T), List.of(T), List.of(block(List.of(
                i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1), i(IrOp.PARAM, 2, 2), call(3, 1, 0, 1, 2),
                i(IrOp.ADD, 4, 0, 3, 3)), IrTerminator.Ret.of(4))), 5);
        IrModule m = new IrModule(List.of(entry, clamp()));
        CallInlining.Inlined r = CallInlining.inline(m);
        IrVerifier.verify(r.module());
        IrFunction g = r.module().entry();
        assertEquals(1, g.blocks().size(), g.toString());
        assertEquals(List.of(IrOp.PARAM, IrOp.PARAM, IrOp.PARAM, IrOp.SLT, IrOp.SGT, IrOp.SELECT, IrOp.SELECT, IrOp.ADD),
                ops(g.blocks().get(0)));
        assertEquals(3, g.blocks().get(0).insts().get(6).dst(), "the outer select defines the call's value");
        assertSame(m.functions().get(1), r.module().functions().get(1), "the module keeps clamp as it was");
        for (long x : new long[] {-4, 0, 3, 5, 9, 12}) {
            IrValue[] args = {IrValue.i64(x), IrValue.i64(0), IrValue.i64(9)};
            assertEquals(new IrInterpreter(m, new IrMemory()).run(args).toString(),
                    new IrInterpreter(r.module(), new IrMemory()).run(args).toString(), "x = " + x);
        }
    }

    private static List<IrOp> ops(IrBlock b) {
        List<IrOp> out = new ArrayList<>();
        for (IrInst inst : b.insts()) {
            out.add(inst.op());
        }
        return out;
    }

    private static String run1(IrModule m, long x) {
        return new IrInterpreter(m, new IrMemory()).run(IrValue.i64(x)).toString();
    }

    @Test
    void aCallThatDoesNotMatchItsCalleeIsLeftForTheVerifier() {
        // triple called with two arguments, and a call of a function the module does not have.
        IrFunction bad = new IrFunction("bad", List.of(T), List.of(T), List.of(block(List.of(i(IrOp.PARAM, 0, 0),
                call(1, 1, 0, 0), call(2, 7, 0)), IrTerminator.Ret.of(1))), 3);
        IrModule m = new IrModule(List.of(bad, module().functions().get(TRIPLE)));
        CallInlining.Inlined r = CallInlining.inline(m);
        assertSame(m, r.module());
    }

    @Test
    void aLeafNumberedWrongStaysACallForTheVerifierToName() {
        // clamp's join parameter v5 past its value count, a read of v40, a jump to b9: each clamp
        // stays a call, compiled and verified as itself.
        IrFunction good = clamp();
        List<IrFunction> broken = List.of(
                new IrFunction("clamp", good.params(), good.returns(), good.blocks(), 5),
                withBlock(good, 1, block(List.of(), jump(3, 40))),
                withBlock(good, 1, block(List.of(), jump(9, 1))));
        for (IrFunction leaf : broken) {
            IrFunction entry = new IrFunction("entry", List.of(T, T, T), List.of(T), List.of(block(List.of(
                    i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1), i(IrOp.PARAM, 2, 2), call(3, 1, 0, 1, 2)),
                    IrTerminator.Ret.of(3))), 4);
            IrModule m = new IrModule(List.of(entry, leaf));
            CallInlining.Inlined r = CallInlining.inline(m);
            assertSame(m, r.module(), leaf.toString());
            assertArrayEquals(new boolean[] {true, true}, r.compiled());
        }
        assertEquals("malformed IR: function clamp: b3 parameter: v5 is outside v0..v4",
                assertThrows(SimplecException.class, () -> IrVerifier.verify(new IrModule(List.of(broken.get(0))))).getMessage());
    }

    @Test
    void aCallerNumberedWrongIsLeftForTheVerifierToName() {
        // A read of v9, a value defined as v9, a jump to b4: inlining triple into any of them would
        // number its copy past the caller's values and blocks, so each caller is left as it is.
        IrInst param = i(IrOp.PARAM, 0, 0);
        List<IrFunction> callers = List.of(
                new IrFunction("reads", List.of(T), List.of(T), List.of(block(List.of(param, call(1, 1, 9)), IrTerminator.Ret.of(1))), 2),
                new IrFunction("defines", List.of(T), List.of(T), List.of(block(List.of(param, call(9, 1, 0)), IrTerminator.Ret.of(0))), 2),
                new IrFunction("jumps", List.of(T), List.of(T), List.of(block(List.of(param, call(1, 1, 0)), jump(4))), 2));
        for (IrFunction caller : callers) {
            IrModule m = new IrModule(List.of(caller, module().functions().get(TRIPLE)));
            assertSame(m, CallInlining.inline(m).module(), caller.name());
        }
    }

    private static IrFunction withBlock(IrFunction f, int b, IrBlock block) {
        List<IrBlock> blocks = new ArrayList<>(f.blocks());
        blocks.set(b, block);
        return new IrFunction(f.name(), f.params(), f.returns(), blocks, f.valueCount());
    }
}
