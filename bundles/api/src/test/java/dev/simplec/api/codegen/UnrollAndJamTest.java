package dev.simplec.api.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
import dev.simplec.api.ir.IrPrinter;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrTrap;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.api.ir.TrapKind;

/**
 * {@link UnrollAndJam} on hand-built IR of a (non-square) matrix product, written as lowering writes
 * it: {@code for i in 0..rows { for j in j0..p { s = 0.0; for k in 0..m { s += a[i*m+k] * b[k*p+j] }
 * c[i*p+j] = s } }}, f64, every index checked; also with {@code c += s}, and with the loop tests
 * written the other way round. After {@link StrengthReduction} the loop is jammed (K's header gets a
 * second accumulator and a second b index, and ordering the blocks is all the layout then has to
 * do), and the interpreter gives the same results and the same memory for every shape — none, one, odd and even
 * numbers of rows, columns and inner products, a start that is not 0 — also when c overlaps a or b
 * (the overlap test sends every column through one at a time, which takes more steps than the loop
 * did; without overlap, fewer), and the same trap message and memory (the stores before the trap)
 * when a, b (the second column's check fails first: its index falls back to the first column's,
 * which goes on alone) or c is too short. Loops that may not be jammed come back as the same
 * objects: a store in K, a K bound that depends on j, a division in K, a trap of another kind, K
 * loading what post stores, and every shape without strength reduction (b's index is computed in
 * K, not stepped: no witness).
 */
class UnrollAndJamTest {
    private static final IrType I = IrType.I64;
    private static final IrType F = IrType.F64;
    private static final int[] NONE = new int[0];

    /** What the loop nest has besides the product. */
    private enum Variant {
        PLAIN,
        /** {@code c[i*p+j] = c[i*p+j] + s}: post loads (after j's store, for j + 1). */
        ACCUMULATE,
        /** The tests written the other way round: {@code j >=s p} out on the then side, {@code m >s k} into K. */
        FLIPPED,
        STORE_IN_K,
        /** {@code for k in 0..m + j}. */
        K_BOUND_OF_J,
        /** {@code a[i*m + (k*7)/7]}: an unsigned division in K (no check: the divisor is a constant). */
        DIVISION_IN_K,
        /** post also checks {@code p != 0} against a division-by-zero trap. */
        TWO_TRAP_KINDS,
        /** K also loads {@code c[i*m+k]}: the slice post stores. */
        K_LOADS_C
    }

    /** A small builder: blocks by index, values numbered as they come. */
    private static final class Fn {
        final List<@Nullable IrBlock> blocks = new ArrayList<>();
        int next;
        List<IrBlockParam> ps = new ArrayList<>();
        List<IrInst> xs = new ArrayList<>();
        int at;

        int reserve() {
            blocks.add(null);
            return blocks.size() - 1;
        }

        /** Starts block {@code index}; returns its parameters' values. */
        int[] open(int index, IrType... types) {
            at = index;
            ps = new ArrayList<>();
            xs = new ArrayList<>();
            int[] vs = new int[types.length];
            for (int k = 0; k < types.length; k++) {
                vs[k] = next++;
                ps.add(new IrBlockParam(vs[k], types[k]));
            }
            return vs;
        }

        /** The function's first {@code n} parameters, i64 each (in the current block). */
        int[] params(int n) {
            int[] p = new int[n];
            for (int k = 0; k < n; k++) {
                p[k] = op(IrOp.PARAM, I, k);
            }
            return p;
        }

        int op(IrOp op, IrType t, long imm, int... args) {
            int v = next++;
            xs.add(new IrInst(op, t, v, args, imm));
            return v;
        }

        int op(IrOp op, int... args) {
            return op(op, I, 0, args);
        }

        void store(IrType t, int addr, int value) {
            xs.add(new IrInst(IrOp.STORE, t, IrInst.NO_VALUE, new int[] {addr, value}, 0));
        }

        void end(IrTerminator t) {
            blocks.set(at, new IrBlock(ps, xs, t));
        }

        IrFunction function(String name, List<IrType> params) {
            List<IrBlock> out = new ArrayList<>();
            for (IrBlock b : blocks) {
                if (b == null) {
                    throw new IllegalStateException("a block reserved and never made");
                }
                out.add(b);
            }
            return new IrFunction(name, params, List.of(), out, next);
        }
    }

    private static IrTerminator.Jump jump(int target, int... args) {
        return new IrTerminator.Jump(target, args);
    }

    private static IrTerminator.Branch branch(int cond, int then, int otherwise) {
        return new IrTerminator.Branch(cond, then, NONE, otherwise, NONE);
    }

    /** Parameters: a, len a, b, len b, c, len c, rows, m, p, j0. */
    private static IrFunction product(Variant v) {
        Fn f = new Fn();
        int b0 = f.reserve();
        int outer = f.reserve();
        int toJ = f.reserve();
        int head = f.reserve();
        int pre = f.reserve();
        int nextRow = f.reserve();
        int kHead = f.reserve();
        int checkA = f.reserve();
        int checkB = f.reserve();
        int kBody = f.reserve();
        int checkC = f.reserve();
        int post = f.reserve();
        int trap = f.reserve();
        int ret = f.reserve();
        int divTrap = v == Variant.TWO_TRAP_KINDS ? f.reserve() : -1;
        int checkC2 = v == Variant.K_LOADS_C ? f.reserve() : -1;
        f.open(b0);
        int[] p = f.params(10);
        int a = p[0];
        int aLen = p[1];
        int b = p[2];
        int bLen = p[3];
        int c = p[4];
        int cLen = p[5];
        int zero = f.op(IrOp.ICONST, I, 0);
        f.end(jump(outer, zero));
        int i = f.open(outer, I)[0];
        f.end(branch(f.op(IrOp.SLT, i, p[6]), toJ, ret));
        f.open(toJ);
        f.end(jump(head, p[9]));
        int j = f.open(head, I)[0];
        f.end(v == Variant.FLIPPED ? branch(f.op(IrOp.SGE, j, p[8]), nextRow, pre) : branch(f.op(IrOp.SLT, j, p[8]), pre, nextRow));
        f.open(pre);
        int s0 = f.op(IrOp.FCONST, F, Double.doubleToRawLongBits(0.0));
        int k0 = f.op(IrOp.ICONST, I, 0);
        f.end(jump(kHead, k0, s0));
        f.open(nextRow);
        f.end(jump(outer, f.op(IrOp.ADD, i, f.op(IrOp.ICONST, I, 1))));
        int[] ks = f.open(kHead, I, F);
        int k = ks[0];
        int s = ks[1];
        int kBound = v == Variant.K_BOUND_OF_J ? f.op(IrOp.ADD, p[7], j) : p[7];
        f.end(branch(v == Variant.FLIPPED ? f.op(IrOp.SGT, kBound, k) : f.op(IrOp.SLT, k, kBound), checkA, checkC));
        f.open(checkA);
        int kk = k;
        if (v == Variant.DIVISION_IN_K) {
            int seven = f.op(IrOp.ICONST, I, 7);
            kk = f.op(IrOp.UDIV, f.op(IrOp.MUL, k, seven), seven);
        }
        int ia = f.op(IrOp.ADD, f.op(IrOp.MUL, i, p[7]), kk);
        f.end(branch(f.op(IrOp.ULT, ia, aLen), checkB, trap));
        f.open(checkB);
        int x = f.op(IrOp.LOAD, F, 0, f.op(IrOp.ADD, a, f.op(IrOp.MUL, ia, f.op(IrOp.ICONST, I, 8))));
        if (v == Variant.STORE_IN_K) {
            f.store(F, f.op(IrOp.ADD, a, f.op(IrOp.MUL, ia, f.op(IrOp.ICONST, I, 8))), x);
        }
        int ib = f.op(IrOp.ADD, f.op(IrOp.MUL, k, p[8]), j);
        f.end(branch(f.op(IrOp.ULT, ib, bLen), v == Variant.K_LOADS_C ? checkC2 : kBody, trap));
        int extra = -1;
        if (v == Variant.K_LOADS_C) {
            f.open(checkC2);
            f.end(branch(f.op(IrOp.ULT, ia, cLen), kBody, trap));
        }
        f.open(kBody);
        int y = f.op(IrOp.LOAD, F, 0, f.op(IrOp.ADD, b, f.op(IrOp.MUL, ib, f.op(IrOp.ICONST, I, 8))));
        int xy = f.op(IrOp.FMUL, F, 0, x, y);
        if (v == Variant.K_LOADS_C) {
            extra = f.op(IrOp.LOAD, F, 0, f.op(IrOp.ADD, c, f.op(IrOp.MUL, ia, f.op(IrOp.ICONST, I, 8))));
            xy = f.op(IrOp.FADD, F, 0, xy, extra);
        }
        int s1 = f.op(IrOp.FADD, F, 0, s, xy);
        f.end(jump(kHead, f.op(IrOp.ADD, k, f.op(IrOp.ICONST, I, 1)), s1));
        f.open(checkC);
        int ic = f.op(IrOp.ADD, f.op(IrOp.MUL, i, p[8]), j);
        int inC = f.op(IrOp.ULT, ic, cLen);
        if (v == Variant.TWO_TRAP_KINDS) {
            int pZero = f.op(IrOp.EQ, p[8], zero);
            int afterDiv = f.reserve();
            f.end(branch(pZero, divTrap, afterDiv));
            f.open(afterDiv);
        }
        f.end(branch(inC, post, trap));
        f.open(post);
        int ac = f.op(IrOp.ADD, c, f.op(IrOp.MUL, ic, f.op(IrOp.ICONST, I, 8)));
        int value = s;
        if (v == Variant.ACCUMULATE) {
            value = f.op(IrOp.FADD, F, 0, f.op(IrOp.LOAD, F, 0, ac), s);
        }
        f.store(F, ac, value);
        f.end(jump(head, f.op(IrOp.ADD, j, f.op(IrOp.ICONST, I, 1))));
        f.open(trap);
        f.end(new IrTerminator.Trap(TrapKind.OUT_OF_BOUNDS));
        f.open(ret);
        f.end(IrTerminator.Ret.of());
        if (divTrap >= 0) {
            f.open(divTrap);
            f.end(new IrTerminator.Trap(TrapKind.DIVISION_BY_ZERO));
        }
        return f.function("product", List.of(I, I, I, I, I, I, I, I, I, I));
    }

    private static IrModule module(IrFunction f) {
        return new IrModule(List.of(f));
    }

    /** The function as the pipeline hands it to the pass: simplified, folded, strength-reduced or not, split. */
    private static AccumulatorRecursion.Rewritten beforeJam(IrFunction f, boolean reduce) {
        IrFunction simple = BlockLayout.simplify(f);
        @Nullable IrType[] types = IrVerifier.verify(module(simple), simple);
        IrFunction folded = BranchFacts.fold(simple);
        AccumulatorRecursion.Rewritten r = reduce ? StrengthReduction.reduce(folded, types)
                : new AccumulatorRecursion.Rewritten(folded, types);
        return BoundsSplitting.split(r.function(), r.types());
    }

    /** The pass's answer, checked: the verifier accepts it, with the types the pass says; then laid out. */
    private static IrFunction jammed(AccumulatorRecursion.Rewritten in) {
        AccumulatorRecursion.Rewritten r = UnrollAndJam.jam(in.function(), in.types());
        @Nullable IrType[] checked = IrVerifier.verify(module(r.function()), r.function());
        assertEquals(checked.length, r.types().length, "types cover every value");
        for (int v = 0; v < checked.length; v++) {
            if (checked[v] != null) {
                assertEquals(checked[v], r.types()[v], "the type of v" + v);
            }
        }
        IrFunction laid = BlockLayout.layout(r.function());
        IrVerifier.verify(module(laid));
        return laid;
    }

    /** One call: shapes, where a, b and c lie in one region (in elements from its start) and their lengths. */
    private record Call(long rows, long m, long p, long j0, int aAt, long aLen, int bAt, long bLen, int cAt, long cLen) {
        /** a, b, c one after another, each as long as the product needs. */
        static Call disjoint(long rows, long m, long p, long j0) {
            int na = (int) (rows * m);
            int nb = (int) (m * p);
            return new Call(rows, m, p, j0, 0, na, na + 1, nb, na + nb + 2, rows * p);
        }

        int size() {
            return (int) Math.max(aAt + aLen, Math.max(bAt + bLen, cAt + cLen)) + 2;
        }
    }

    private static final class Outcome {
        String result = "";
        String memory = "";
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return sb.toString();
    }

    private static Outcome run(IrFunction f, Call c, long stepLimit) {
        IrMemory mem = new IrMemory();
        int n = c.size();
        long base = mem.allocate(8 * n, 8);
        Random r = new Random(n * 31 + c.rows());
        for (int e = 0; e < n; e++) {
            mem.storeBits(base + 8L * e, 8, Double.doubleToRawLongBits(e % 11 == 7 ? Double.NaN : r.nextGaussian() * 10));
        }
        Outcome o = new Outcome();
        IrInterpreter in = new IrInterpreter(module(f), mem);
        in.stepLimit(stepLimit);
        try {
            in.run(IrValue.i64(base + 8L * c.aAt()), IrValue.i64(c.aLen()), IrValue.i64(base + 8L * c.bAt()), IrValue.i64(c.bLen()),
                    IrValue.i64(base + 8L * c.cAt()), IrValue.i64(c.cLen()), IrValue.i64(c.rows()), IrValue.i64(c.m()),
                    IrValue.i64(c.p()), IrValue.i64(c.j0()));
            o.result = "returned";
        } catch (IrTrap t) {
            o.result = "trap " + t.getMessage();
        }
        o.memory = hex(mem.read(base, 8 * n));
        return o;
    }

    private static Outcome run(IrFunction f, Call c) {
        return run(f, c, 100_000_000L);
    }

    /** The instructions {@code f} executes for {@code c}: the least step limit it runs within. */
    private static long steps(IrFunction f, Call c) {
        long lo = 0;
        long hi = 1 << 24;
        while (lo < hi) {
            long mid = (lo + hi) / 2;
            boolean done;
            try {
                run(f, c, mid);
                done = true;
            } catch (IllegalStateException e) {
                done = false;
            }
            if (done) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The same result, trap message included, and the same memory (after a trap too: the stores before it). */
    private static void same(IrFunction f, IrFunction g, Call c) {
        Outcome want = run(f, c);
        Outcome got = run(g, c);
        assertEquals(want.result, got.result, c.toString());
        assertEquals(want.memory, got.memory, c.toString() + ": memory afterwards");
    }

    private static int maxParams(IrFunction f) {
        int most = 0;
        for (IrBlock b : f.blocks()) {
            most = Math.max(most, b.params().size());
        }
        return most;
    }

    @Test
    void theProductIsJammedAndComputesTheSame() {
        {
            for (Variant v : List.of(Variant.PLAIN, Variant.ACCUMULATE, Variant.FLIPPED)) {
                IrFunction f = product(v);
                AccumulatorRecursion.Rewritten in = beforeJam(f, true);
                AccumulatorRecursion.Rewritten out = UnrollAndJam.jam(in.function(), in.types());
                assertNotSame(in.function(), out.function(), v + ":\n" + in.function());
                // K's header: k, s, a's and b's indices; then a second s and b index (a's does not
                // depend on j and is shared; b's second tells the pair from j alone).
                assertEquals(6, maxParams(out.function()), out.function().toString());
                // Nothing for the layout to merge or convert: ordering the blocks is all it does
                // (what IrRewrites does after the pass when nothing changed before it).
                assertEquals(IrPrinter.function(BlockLayout.layout(out.function(), out.types(), false).function()),
                        IrPrinter.function(BlockLayout.layout(out.function(), out.types(), true).function()));
                IrFunction g = jammed(in);
                int cases = 0;
                for (long rows = 0; rows <= 3; rows++) {
                    for (long m = 0; m <= 4; m++) {
                        for (long p = 0; p <= 5; p++) {
                            for (long j0 : new long[] {0, 1}) {
                                same(f, g, Call.disjoint(rows, m, p, j0));
                                cases++;
                            }
                        }
                    }
                }
                same(f, g, Call.disjoint(5, 7, 9, 0));
                same(f, g, Call.disjoint(4, 8, 8, 0));
                assertTrue(cases > 200);
            }
        }
    }

    @Test
    void overlappingSlicesGoThroughOneColumnAtATime() {
        for (Variant v : List.of(Variant.PLAIN, Variant.ACCUMULATE)) {
            IrFunction f = product(v);
            IrFunction g = jammed(beforeJam(f, true));
            for (long n : new long[] {2, 3, 4, 5}) {
                int na = (int) (n * n);
                for (int d = -3; d <= 3; d++) {
                    // c over b (shifted by d elements), a apart; then c over a, b apart.
                    Call overB = new Call(n, n, n, 0, 0, na, na + 4, na, na + 4 + d, na);
                    Call overA = new Call(n, n, n, 0, 8, na, 8 + na + 4, na, 8 + d, na);
                    same(f, g, overB);
                    same(f, g, overA);
                }
            }
        }
    }

    @Test
    void theOverlapTestDecidesWhichWayTheColumnsGo() {
        IrFunction f = product(Variant.PLAIN);
        IrFunction g = jammed(beforeJam(f, true));
        Call apart = Call.disjoint(6, 6, 6, 0);
        int na = 36;
        Call overlapping = new Call(6, 6, 6, 0, 0, na, na + 4, na, na + 5, na);
        same(f, g, apart);
        same(f, g, overlapping);
        // Apart: two columns per pass over k, fewer instructions than the loop; overlapping: one
        // column at a time through the jammed loop, more.
        assertTrue(steps(g, apart) < steps(f, apart) * 9 / 10, steps(g, apart) + " vs " + steps(f, apart));
        assertTrue(steps(g, overlapping) > steps(f, overlapping), steps(g, overlapping) + " vs " + steps(f, overlapping));
    }

    @Test
    void trapsKeepTheirMessage() {
        for (Variant v : List.of(Variant.PLAIN, Variant.ACCUMULATE)) {
            IrFunction f = product(v);
            IrFunction g = jammed(beforeJam(f, true));
            int traps = 0;
            for (long rows = 1; rows <= 3; rows++) {
                for (long m = 1; m <= 4; m++) {
                    for (long p = 1; p <= 5; p++) {
                        Call ok = Call.disjoint(rows, m, p, 0);
                        // b one short: its last element is loaded for the last column first, which
                        // the jammed loop loads before the column before it is stored; a or c one short.
                        for (Call c : List.of(
                                new Call(rows, m, p, 0, ok.aAt(), ok.aLen(), ok.bAt(), ok.bLen() - 1, ok.cAt(), ok.cLen()),
                                new Call(rows, m, p, 0, ok.aAt(), ok.aLen() - 1, ok.bAt(), ok.bLen(), ok.cAt(), ok.cLen()),
                                new Call(rows, m, p, 0, ok.aAt(), ok.aLen(), ok.bAt(), ok.bLen(), ok.cAt(), ok.cLen() - 1),
                                new Call(rows, m, p, -1, ok.aAt(), ok.aLen(), ok.bAt(), ok.bLen(), ok.cAt(), ok.cLen()))) {
                            Outcome want = run(f, c);
                            assertTrue(want.result.startsWith("trap simplec trap: index out of bounds in product"), want.result);
                            same(f, g, c);
                            traps++;
                        }
                    }
                }
            }
            assertTrue(traps >= 200, "traps: " + traps);
        }
    }

    @Test
    void loopsThatMayNotBeJammedStayAsTheyAre() {
        for (Variant v : List.of(Variant.STORE_IN_K, Variant.K_BOUND_OF_J, Variant.DIVISION_IN_K, Variant.TWO_TRAP_KINDS,
                Variant.K_LOADS_C)) {
            for (boolean reduce : new boolean[] {true, false}) {
                AccumulatorRecursion.Rewritten in = beforeJam(product(v), reduce);
                AccumulatorRecursion.Rewritten out = UnrollAndJam.jam(in.function(), in.types());
                assertSame(in.function(), out.function(), v + ", reduced " + reduce + ":\n" + out.function());
                assertSame(in.types(), out.types());
            }
        }
        // Without strength reduction b's index is computed in K, not stepped: no witness.
        for (Variant v : List.of(Variant.PLAIN, Variant.ACCUMULATE, Variant.FLIPPED)) {
            AccumulatorRecursion.Rewritten in = beforeJam(product(v), false);
            assertSame(in.function(), UnrollAndJam.jam(in.function(), in.types()).function(), v.toString());
        }
    }

    /**
     * One row of the product with b's index stepped by hand (a parameter of K entering as j,
     * stepping by p), its step made in the block after b's check or before that check.
     */
    private static IrFunction steppedRow(boolean stepBeforeCheck) {
        Fn f = new Fn();
        int b0 = f.reserve();
        int head = f.reserve();
        int pre = f.reserve();
        int kHead = f.reserve();
        int checkA = f.reserve();
        int checkB = f.reserve();
        int body = f.reserve();
        int checkC = f.reserve();
        int store = f.reserve();
        int trap = f.reserve();
        int ret = f.reserve();
        f.open(b0);
        int[] p = f.params(8);
        int eight = f.op(IrOp.ICONST, I, 8);
        int one = f.op(IrOp.ICONST, I, 1);
        f.end(jump(head, f.op(IrOp.ICONST, I, 0)));
        int j = f.open(head, I)[0];
        f.end(branch(f.op(IrOp.SLT, j, p[7]), pre, ret));
        f.open(pre);
        f.end(jump(kHead, f.op(IrOp.ICONST, I, 0), f.op(IrOp.FCONST, F, Double.doubleToRawLongBits(0.0)), j));
        int[] ks = f.open(kHead, I, F, I);
        f.end(branch(f.op(IrOp.SLT, ks[0], p[6]), checkA, checkC));
        f.open(checkA);
        f.end(branch(f.op(IrOp.ULT, ks[0], p[1]), checkB, trap));
        f.open(checkB);
        int x = f.op(IrOp.LOAD, F, 0, f.op(IrOp.ADD, p[0], f.op(IrOp.MUL, ks[0], eight)));
        int next = stepBeforeCheck ? f.op(IrOp.ADD, ks[2], p[7]) : -1;
        f.end(branch(f.op(IrOp.ULT, ks[2], p[3]), body, trap));
        f.open(body);
        int y = f.op(IrOp.LOAD, F, 0, f.op(IrOp.ADD, p[2], f.op(IrOp.MUL, ks[2], eight)));
        int s1 = f.op(IrOp.FADD, F, 0, ks[1], f.op(IrOp.FMUL, F, 0, x, y));
        if (!stepBeforeCheck) {
            next = f.op(IrOp.ADD, ks[2], p[7]);
        }
        f.end(jump(kHead, f.op(IrOp.ADD, ks[0], one), s1, next));
        f.open(checkC);
        f.end(branch(f.op(IrOp.ULT, j, p[5]), store, trap));
        f.open(store);
        f.store(F, f.op(IrOp.ADD, p[4], f.op(IrOp.MUL, j, eight)), ks[1]);
        f.end(jump(head, f.op(IrOp.ADD, j, one)));
        f.open(trap);
        f.end(new IrTerminator.Trap(TrapKind.OUT_OF_BOUNDS));
        f.open(ret);
        f.end(IrTerminator.Ret.of());
        return f.function("row", List.of(I, I, I, I, I, I, I, I));
    }

    @Test
    void theWitnessMustStepAfterItsChecks() {
        // Stepped before its check, the second column's index would step from what the check
        // had not yet made safe: the copy a failing check falls back to would not be the one
        // that steps. Left alone; stepped after it, jammed.
        for (boolean before : new boolean[] {true, false}) {
            IrFunction f = steppedRow(before);
            @Nullable IrType[] types = IrVerifier.verify(module(f), f);
            AccumulatorRecursion.Rewritten out = UnrollAndJam.jam(f, types);
            if (before) {
                assertSame(f, out.function());
            } else {
                assertNotSame(f, out.function());
                IrVerifier.verify(module(out.function()), out.function());
            }
        }
    }

    @Test
    void aFunctionWithoutALoopNestIsPassedOver() {
        Fn f = new Fn();
        int b0 = f.reserve();
        int head = f.reserve();
        int body = f.reserve();
        int done = f.reserve();
        f.open(b0);
        int xs = f.op(IrOp.PARAM, I, 0);
        int n = f.op(IrOp.PARAM, I, 1);
        f.end(jump(head, f.op(IrOp.ICONST, I, 0)));
        int i = f.open(head, I)[0];
        f.end(branch(f.op(IrOp.SLT, i, n), body, done));
        f.open(body);
        f.store(I, f.op(IrOp.ADD, xs, f.op(IrOp.MUL, i, f.op(IrOp.ICONST, I, 8))), i);
        f.end(jump(head, f.op(IrOp.ADD, i, f.op(IrOp.ICONST, I, 1))));
        f.open(done);
        f.end(IrTerminator.Ret.of());
        IrFunction g = f.function("fill", List.of(I, I));
        @Nullable IrType[] types = IrVerifier.verify(module(g), g);
        AccumulatorRecursion.Rewritten out = UnrollAndJam.jam(g, types);
        assertSame(g, out.function());
        assertSame(types, out.types());
    }
}
