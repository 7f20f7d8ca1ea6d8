package dev.simplec.backend.arm.diff;

import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I16;
import static dev.simplec.api.ir.IrType.I32;
import static dev.simplec.api.ir.IrType.I64;
import static dev.simplec.api.ir.IrType.I8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.ir.TrapKind;
import dev.simplec.backend.arm.Arm64Backend;

/**
 * Hand-built programs for what random ones reach rarely — recursion, loops over memory, cycles
 * of block arguments, every trap, stack arguments, every tuple and vector in the calling
 * convention, indirect calls, pressure across calls, conversion and min/max edge cases — run
 * under qemu-aarch64 and compared bit for bit with the reference interpreter.
 */
class Arm64ProgramsTest {
    private static final IrType[] SCALARS = {I8, I16, I32, I64, F32, F64};
    private static final IrType[] VECTORS = {IrType.I8X16, IrType.I16X8, IrType.I32X4, IrType.I64X2, IrType.F32X4, IrType.F64X2,
        IrType.I32X8, IrType.I64X4, IrType.F32X8, IrType.F64X4};
    private static final Random RANDOM = new Random(77);

    private final Batch batch = new Batch();

    private void add(String label, List<IrFunction> fns, List<List<IrValue>> calls) {
        batch.add(label, new IrModule(fns), calls, null);
    }

    private void addWithBuffer(String label, List<IrFunction> fns, List<List<IrValue>> calls, byte[] memory) {
        batch.add(label, new IrModule(fns), calls, memory);
    }

    private void runAll(int expectedCalls) throws Exception {
        List<String> failures = batch.run();
        assertEquals(List.of(), failures.size() > 5 ? failures.subList(0, 5) : failures, failures.size() + " disagree");
        assertEquals(expectedCalls, batch.calls());
    }

    private static List<List<IrValue>> calls(List<IrValue>... calls) {
        return List.of(calls);
    }

    private static IrValue v(IrType t, long bits) {
        return IrValue.of(t, bits);
    }

    /** Edge values of a scalar type, as IR values. */
    private static List<IrValue> edges(IrType t) {
        List<IrValue> out = new ArrayList<>();
        if (t.isFloat()) {
            double[] ds = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, 127.5, 128.0, -128.5, -129.0, 255.5, 256.0, 32767.9, 32768.0,
                -32769.0, 65535.0, 65536.0, 2147483647.0, 2147483648.0, -2147483649.0, 4294967295.0, 4294967296.0, 9.2233720368547758E18,
                1.8446744073709552E19, -9.3e18, 1e30, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 1e-40};
            for (double d : ds) {
                out.add(t == F32 ? IrValue.f32((float) d) : IrValue.f64(d));
            }
            out.add(t == F32 ? v(F32, 0xffc00001L) : v(F64, 0xfff0000000000001L)); // signalling NaN with payload and sign
        } else {
            long[] ls = {0, 1, -1, 2, 7, 8, 15, 16, 31, 32, 63, 64, 65, 127, 128, 255, 256, 32767, 32768, 65535, 65536, Integer.MAX_VALUE,
                Integer.MIN_VALUE, 0xffffffffL, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE, 0x0123456789abcdefL};
            for (long l : ls) {
                out.add(v(t, l));
            }
        }
        return out;
    }

    @Test
    void recursionLoopsAndBlockArgumentCycles() throws Exception {
        // fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2), recursively
        add("fib", List.of(Programs.fib()), calls(List.of(IrValue.i64(0)), List.of(IrValue.i64(1)), List.of(IrValue.i64(10)),
                List.of(IrValue.i64(20))));

        // rotate(x, y, z, n): n times (x, y, z) = (y, z, x), then x - 2y + 3z: a three-cycle of block arguments
        FnBuilder rot = new FnBuilder("rotate", List.of(I64, I64, I64, I32), List.of(I64));
        int head = rot.block(I64, I64, I64, I32);
        int body = rot.block();
        int done = rot.block(I64, I64, I64);
        rot.jump(head, rot.param(0), rot.param(1), rot.param(2), rot.param(3));
        rot.at(head);
        int x = rot.blockParam(head, 0);
        int y = rot.blockParam(head, 1);
        int z = rot.blockParam(head, 2);
        int k = rot.blockParam(head, 3);
        rot.branch(rot.op(IrOp.SGT, I32, k, rot.iconst(I32, 0)), body, new int[0], done, new int[] {x, y, z});
        rot.at(body);
        rot.jump(head, y, z, x, rot.op(IrOp.SUB, I32, k, rot.iconst(I32, 1)));
        rot.at(done);
        int dx = rot.blockParam(done, 0);
        int dy = rot.blockParam(done, 1);
        int dz = rot.blockParam(done, 2);
        int r = rot.op(IrOp.SUB, I64, dx, rot.op(IrOp.MUL, I64, dy, rot.iconst(I64, 2)));
        rot.ret(rot.op(IrOp.ADD, I64, r, rot.op(IrOp.MUL, I64, dz, rot.iconst(I64, 3))));
        List<List<IrValue>> rc = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rc.add(List.of(IrValue.i64(1), IrValue.i64(10), IrValue.i64(100), IrValue.i32(i)));
        }
        add("rotate", List.of(rot.build()), rc);

        // sum(data, len) over i64s with a bounds-checked index (traps when asked past the end)
        FnBuilder sum = new FnBuilder("sum", List.of(I64, I64, I64), List.of(I64));
        int data = sum.param(0);
        int len = sum.param(1);
        int upto = sum.param(2);
        int loop = sum.block(I64, I64);
        int check = sum.block();
        int load = sum.block();
        int oob = sum.block();
        int exit = sum.block(I64);
        sum.jump(loop, sum.iconst(I64, 0), sum.iconst(I64, 0));
        sum.at(loop);
        int i = sum.blockParam(loop, 0);
        int acc = sum.blockParam(loop, 1);
        sum.branch(sum.op(IrOp.SLT, I64, i, upto), check, new int[0], exit, new int[] {acc});
        sum.at(check);
        sum.branch(sum.op(IrOp.ULT, I64, i, len), load, oob);
        sum.at(oob);
        sum.trap(TrapKind.OUT_OF_BOUNDS);
        sum.at(load);
        int addr = sum.op(IrOp.ADD, I64, data, sum.op(IrOp.SHL, I64, i, sum.iconst(I64, 3)));
        sum.jump(loop, sum.op(IrOp.ADD, I64, i, sum.iconst(I64, 1)), sum.op(IrOp.ADD, I64, acc, sum.load(I64, addr, 0)));
        sum.at(exit);
        sum.ret(sum.blockParam(exit, 0));
        byte[] mem = new byte[64];
        RANDOM.nextBytes(mem);
        IrValue buf = IrValue.i64(Batch.BUFFER);
        addWithBuffer("sum", List.of(sum.build()), calls(List.of(buf, IrValue.i64(8), IrValue.i64(8)),
                List.of(buf, IrValue.i64(8), IrValue.i64(3)), List.of(buf, IrValue.i64(8), IrValue.i64(0)),
                List.of(buf, IrValue.i64(8), IrValue.i64(9))), mem);
        runAll(4 + 5 + 4);
        assertEquals(1, batch.traps());
    }

    @Test
    void everyTrapWritesItsLineAndExits134() throws Exception {
        for (TrapKind kind : TrapKind.values()) {
            FnBuilder f = new FnBuilder("tpl_" + kind.name().toLowerCase(), List.of(I64), List.of(I64));
            int ok = f.block();
            int bad = f.block();
            f.branch(f.op(IrOp.EQ, I64, f.param(0), f.iconst(I64, 0)), bad, ok);
            f.at(bad);
            f.trap(kind);
            f.at(ok);
            f.ret(f.param(0));
            // the trap also fires from a callee, with the callee's name
            FnBuilder caller = new FnBuilder("caller", List.of(I64), List.of(I64));
            caller.ret(caller.call(1, List.of(I64), caller.param(0))[0]);
            add("trap " + kind, List.of(f.build()), calls(List.of(IrValue.i64(0)), List.of(IrValue.i64(5))));
            add("trap in callee " + kind, List.of(caller.build(), f.build()), calls(List.of(IrValue.i64(0))));
        }
        runAll(3 * TrapKind.values().length);
        assertEquals(2 * TrapKind.values().length, batch.traps());
    }

    /** Every pair of scalar types returned as a tuple, from the entry and through an internal call. */
    @Test
    void tuplesOfEveryPairOfScalars() throws Exception {
        for (IrType a : SCALARS) {
            for (IrType b : SCALARS) {
                FnBuilder inner = new FnBuilder("pair", List.of(a, b), List.of(a, b));
                inner.ret(inner.param(0), inner.param(1));
                FnBuilder outer = new FnBuilder("swap_twice", List.of(b, a), List.of(a, b));
                int[] got = outer.call(1, List.of(a, b), outer.param(1), outer.param(0));
                outer.ret(got[0], got[1]);
                List<List<IrValue>> cs = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    cs.add(List.of(pick(edges(a)), pick(edges(b))));
                }
                add("tuple " + a + "," + b, List.of(inner.build()), cs);
                List<List<IrValue>> swapped = new ArrayList<>();
                for (List<IrValue> c : cs) {
                    swapped.add(List.of(c.get(1), c.get(0)));
                }
                add("tuple via call " + a + "," + b, List.of(outer.build(), inner.build()), swapped);
            }
        }
        runAll(36 * 6);
    }

    private static IrValue pick(List<IrValue> l) {
        return l.get(RANDOM.nextInt(l.size()));
    }

    private static IrValue randomVector(IrType t) {
        long[] lanes = new long[t.lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = pick(edges(t.lane())).bits();
        }
        return IrValue.of(t, lanes);
    }

    /**
     * Every vector type as parameter and result (256-bit ones as register pairs), with a ninth and
     * tenth vector argument on the stack, lane-wise arithmetic, and an internal call that passes
     * them along.
     */
    @Test
    void vectorsOfEveryTypeInTheCallingConvention() throws Exception {
        for (IrType t : VECTORS) {
            // f(v0, …, v9) = (v0 op v9) op v5, ten vector parameters: the last ones on the stack
            List<IrType> ps = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                ps.add(t);
            }
            FnBuilder f = new FnBuilder("vec", ps, List.of(t));
            IrOp op = t.isFloat() ? IrOp.FSUB : IrOp.SUB;
            f.ret(f.op(op, t, f.op(op, t, f.param(0), f.param(9)), f.param(5)));
            FnBuilder g = new FnBuilder("vec_caller", ps, List.of(t));
            int[] args = new int[10];
            for (int k = 0; k < 10; k++) {
                args[k] = g.param(9 - k);
            }
            g.ret(g.call(1, List.of(t), args)[0]);
            List<List<IrValue>> cs = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                List<IrValue> one = new ArrayList<>();
                for (int k = 0; k < 10; k++) {
                    one.add(randomVector(t));
                }
                cs.add(one);
            }
            add("vector params " + t, List.of(f.build()), cs);
            add("vector params via call " + t, List.of(g.build(), f.build()), cs);
            // (a, b) -> (a, b) as a tuple of two equal 128-bit vectors
            if (t.bits() == 128) {
                FnBuilder pair = new FnBuilder("vpair", List.of(I64, t, F64, t), List.of(t, t));
                pair.ret(pair.param(3), pair.param(1));
                add("vector pair " + t, List.of(pair.build()), calls(List.of(IrValue.i64(1), randomVector(t), IrValue.f64(2), randomVector(t))));
            }
        }
        // A pair that no longer fits v7 goes to the stack and closes the vector registers: the last f64 follows it there.
        List<IrType> ps = new ArrayList<>(List.of(F64, F64, F64, F64, F64, F64, F64, IrType.F32X8, F64));
        FnBuilder closed = new FnBuilder("closed", ps, List.of(F64));
        closed.ret(closed.op(IrOp.FADD, F64, closed.param(8), closed.op(IrOp.FPROMOTE, F64, closed.opImm(IrOp.EXTRACT, F32, 5,
                closed.param(7)))));
        List<IrValue> args = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            args.add(IrValue.f64(k));
        }
        args.add(randomVector(IrType.F32X8));
        args.add(IrValue.f64(0.25));
        add("closed vector registers", List.of(closed.build()), calls(args));
        // One stack word of integers, then a vector on the stack: it starts 16-byte aligned.
        List<IrType> mixed = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
            mixed.add(I64);
        }
        for (int k = 0; k < 9; k++) {
            mixed.add(IrType.I32X4);
        }
        FnBuilder aligned = new FnBuilder("aligned", mixed, List.of(I32));
        aligned.ret(aligned.op(IrOp.ADD, I32, aligned.op(IrOp.TRUNC, I32, aligned.param(8)),
                aligned.op(IrOp.REDUCE_ADD, I32, aligned.param(17))));
        List<IrValue> margs = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
            margs.add(IrValue.i64(k * 1000));
        }
        for (int k = 0; k < 9; k++) {
            margs.add(randomVector(IrType.I32X4));
        }
        add("aligned vector on the stack", List.of(aligned.build()), calls(margs));
        runAll(10 * 4 + 6 + 2);
    }

    /** 12 integer and 12 float parameters interleaved, narrow ones among them: the last four of each on the stack. */
    @Test
    void stackParametersOfEveryWidth() throws Exception {
        IrType[] types = {I64, F64, I8, F32, I16, F64, I32, F32, I64, F64, I8, F32, I16, F64, I32, F32, I64, F64, I8, F32, I16, F64, I32, F32};
        FnBuilder f = new FnBuilder("many", List.of(types), List.of(I64));
        int acc = f.iconst(I64, 0);
        for (int k = 0; k < types.length; k++) {
            int p = f.param(k);
            int as64 = types[k] == I64 ? p : types[k].isInt() ? f.op(IrOp.SEXT, I64, p) : f.op(IrOp.FTOSI, I64, f.op(IrOp.FMUL, types[k], p,
                    types[k] == F32 ? f.f32(1000f) : f.f64(1000.0)));
            acc = f.op(IrOp.ADD, I64, f.op(IrOp.MUL, I64, acc, f.iconst(I64, 31)), as64);
        }
        f.ret(acc);
        // the same through an internal call with the arguments reversed in kind
        FnBuilder g = new FnBuilder("many_caller", List.of(types), List.of(I64));
        int[] args = new int[types.length];
        for (int k = 0; k < types.length; k++) {
            args[k] = g.param(k);
        }
        g.ret(g.call(1, List.of(I64), args)[0]);
        List<List<IrValue>> cs = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            List<IrValue> one = new ArrayList<>();
            for (IrType t : types) {
                one.add(t.isFloat() ? (t == F32 ? IrValue.f32((float) RANDOM.nextGaussian()) : IrValue.f64(RANDOM.nextGaussian()))
                        : pick(edges(t)));
            }
            cs.add(one);
        }
        add("stack params", List.of(f.build()), cs);
        add("stack params via call", List.of(g.build(), f.build()), cs);
        runAll(8);
    }

    /** A function pointer from FUNC_ADDR called through blr, with floats and a tuple-free result. */
    @Test
    void indirectCallsThroughFunctionAddresses() throws Exception {
        FnBuilder target = new FnBuilder("axpy", List.of(F64, F64, F64), List.of(F64));
        target.ret(target.op(IrOp.FADD, F64, target.op(IrOp.FMUL, F64, target.param(0), target.param(1)), target.param(2)));
        FnBuilder main = new FnBuilder("apply", List.of(F64, F64, F64, I8), List.of(F64));
        int fp = main.opImm(IrOp.FUNC_ADDR, I64, 1);
        int r1 = main.callIndirect(F64, fp, main.param(0), main.param(1), main.param(2));
        int r2 = main.callIndirect(F64, fp, main.param(2), r1, main.param(0));
        main.ret(main.op(IrOp.SELECT, F64, main.param(3), r1, r2));
        add("indirect", List.of(main.build(), target.build()), calls(
                List.of(IrValue.f64(2), IrValue.f64(3), IrValue.f64(4), IrValue.bool(true)),
                List.of(IrValue.f64(2), IrValue.f64(3), IrValue.f64(4), IrValue.bool(false)),
                List.of(IrValue.f64(Double.NaN), IrValue.f64(3), IrValue.f64(4), IrValue.bool(false))));
        runAll(3);
    }

    /**
     * 40 integer and 40 float values live across a call: they need the callee-saved registers
     * (the harness checks x19–x28, d8–d15 and sp come back intact) and spill slots.
     */
    @Test
    void pressureAcrossCalls() throws Exception {
        FnBuilder leaf = new FnBuilder("leaf", List.of(I64, F64), List.of(I64));
        leaf.ret(leaf.op(IrOp.ADD, I64, leaf.param(0), leaf.op(IrOp.FTOSI, I64, leaf.param(1))));
        FnBuilder f = new FnBuilder("pressure", List.of(I64, F64), List.of(I64, F64));
        int[] ints = new int[40];
        int[] fls = new int[40];
        for (int k = 0; k < 40; k++) {
            ints[k] = f.op(IrOp.MUL, I64, f.param(0), f.iconst(I64, k + 3));
            fls[k] = f.op(IrOp.FMUL, F64, f.param(1), f.f64(k + 0.5));
        }
        int c = f.call(1, List.of(I64), ints[7], fls[9])[0];
        int ia = c;
        int fa = f.f64(0);
        for (int k = 0; k < 40; k++) {
            ia = f.op(IrOp.ADD, I64, f.op(IrOp.MUL, I64, ia, f.iconst(I64, 7)), ints[k]);
            fa = f.op(IrOp.FADD, F64, fa, fls[k]);
        }
        f.ret(ia, fa);
        add("pressure", List.of(f.build(), leaf.build()), calls(List.of(IrValue.i64(3), IrValue.f64(1.25)),
                List.of(IrValue.i64(-77777), IrValue.f64(-3e7))));
        runAll(2);
        assertTrue(Arm64Backend.allocate(new IrModule(List.of(f.build(), leaf.build())), 0).code().spillSlots() > 0);
    }

    /**
     * 36 vectors (128- and 256-bit) live across a call: a call clobbers every vector register in
     * full (v8–v15 keep only their low halves), so they all go through 16-byte spill slots.
     */
    @Test
    void vectorsSpillAcrossCalls() throws Exception {
        FnBuilder leaf = new FnBuilder("leaf", List.of(F32), List.of(F32));
        leaf.ret(leaf.op(IrOp.FMUL, F32, leaf.param(0), leaf.param(0)));
        IrType[] types = {IrType.F32X4, IrType.I64X2, IrType.F64X4, IrType.I16X8};
        FnBuilder f = new FnBuilder("vpressure", List.of(F32, I64), List.of(F32, I64));
        int[] vs = new int[36];
        for (int k = 0; k < vs.length; k++) {
            IrType t = types[k % types.length];
            int lane = t.isFloat() ? (t.lane() == F32 ? f.op(IrOp.FADD, F32, f.param(0), f.f32(k)) : f.op(IrOp.FPROMOTE, F64, f.param(0)))
                    : t.lane() == I64 ? f.op(IrOp.ADD, I64, f.param(1), f.iconst(I64, k)) : f.op(IrOp.TRUNC, I16, f.param(1));
            vs[k] = f.op(t.isFloat() ? IrOp.FMUL : IrOp.MUL, t, f.op(IrOp.SPLAT, t, lane), f.op(IrOp.SPLAT, t, lane));
        }
        int c = f.call(1, List.of(F32), f.param(0))[0];
        int facc = c;
        int iacc = f.iconst(I64, 0);
        for (int k = 0; k < vs.length; k++) {
            IrType t = types[k % types.length];
            int lane = f.opImm(IrOp.EXTRACT, t.lane(), k % t.lanes(), vs[k]);
            if (t.lane() == F32) {
                facc = f.op(IrOp.FADD, F32, facc, lane);
            } else if (t.lane() == F64) {
                facc = f.op(IrOp.FADD, F32, facc, f.op(IrOp.FDEMOTE, F32, lane));
            } else {
                iacc = f.op(IrOp.XOR, I64, f.op(IrOp.MUL, I64, iacc, f.iconst(I64, 31)), t.lane() == I64 ? lane : f.op(IrOp.SEXT, I64, lane));
            }
        }
        f.ret(facc, iacc);
        add("vector pressure", List.of(f.build(), leaf.build()), calls(List.of(IrValue.f32(1.5f), IrValue.i64(123456789)),
                List.of(IrValue.f32(-0.25f), IrValue.i64(-1))));
        runAll(2);
        assertTrue(Arm64Backend.allocate(new IrModule(List.of(f.build(), leaf.build())), 0).code().spillSlots() >= 2 * 36);
    }

    /** Every conversion between scalar types over edge values: saturation, NaN to 0, rounding, extension. */
    @Test
    void conversionsOfEveryPair() throws Exception {
        for (IrType from : SCALARS) {
            for (IrType to : SCALARS) {
                List<IrOp> ops = new ArrayList<>();
                if (from.isInt() && to.isInt()) {
                    if (from.bits() < to.bits()) {
                        ops.add(IrOp.SEXT);
                        ops.add(IrOp.ZEXT);
                    } else if (from.bits() > to.bits()) {
                        ops.add(IrOp.TRUNC);
                    }
                } else if (from.isInt()) {
                    ops.add(IrOp.SITOF);
                    ops.add(IrOp.UITOF);
                } else if (to.isInt()) {
                    ops.add(IrOp.FTOSI);
                    ops.add(IrOp.FTOUI);
                } else if (from != to) {
                    ops.add(from == F32 ? IrOp.FPROMOTE : IrOp.FDEMOTE);
                }
                for (IrOp op : ops) {
                    FnBuilder f = new FnBuilder(op.name().toLowerCase() + "_" + from.text() + "_" + to.text(), List.of(from), List.of(to));
                    f.ret(f.op(op, to, f.param(0)));
                    List<List<IrValue>> cs = new ArrayList<>();
                    for (IrValue e : edges(from)) {
                        cs.add(List.of(e));
                    }
                    add(f.name(), List.of(f.build()), cs);
                }
            }
        }
        List<String> failures = batch.run();
        assertEquals(List.of(), failures.size() > 5 ? failures.subList(0, 5) : failures, failures.size() + " disagree");
        assertTrue(batch.calls() > 1000, batch.calls() + " calls");
    }

    /** min, max and the compares over all pairs of awkward floats (signed zeros, NaNs, infinities). */
    @Test
    void minMaxAndComparesOverAwkwardPairs() throws Exception {
        for (IrType t : new IrType[] {F32, F64}) {
            double[] vs = {0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
            List<List<IrValue>> cs = new ArrayList<>();
            for (double x : vs) {
                for (double y : vs) {
                    cs.add(List.of(t == F32 ? IrValue.f32((float) x) : IrValue.f64(x), t == F32 ? IrValue.f32((float) y) : IrValue.f64(y)));
                }
            }
            for (IrOp op : new IrOp[] {IrOp.FMIN, IrOp.FMAX, IrOp.FEQ, IrOp.FNE, IrOp.FLT, IrOp.FLE, IrOp.FGT, IrOp.FGE, IrOp.FDIV}) {
                FnBuilder f = new FnBuilder(op + "_" + t, List.of(t, t), List.of(op.isComparison() ? I8 : t));
                f.ret(f.op(op, t, f.param(0), f.param(1)));
                add(f.name(), List.of(f.build()), cs);
                // the vector form, lane by lane, reduced to lane 1 of a splat pair
                IrType vt = t == F32 ? IrType.F32X4 : IrType.F64X2;
                FnBuilder g = new FnBuilder("v" + op + "_" + t, List.of(t, t), List.of(op.isComparison() ? vt.compareResult() : vt));
                g.ret(g.op(op, vt, g.op(IrOp.SPLAT, vt, g.param(0)), g.op(IrOp.SPLAT, vt, g.param(1))));
                add(g.name(), List.of(g.build()), cs);
            }
        }
        runAll(2 * 9 * 2 * 64);
    }

    /** Shifts by amounts past the width and negative ones (masked), and divisions by every edge divisor. */
    @Test
    void shiftsAndDivisionsAtTheEdges() throws Exception {
        for (IrType t : new IrType[] {I8, I16, I32, I64}) {
            for (IrOp op : new IrOp[] {IrOp.SHL, IrOp.SSHR, IrOp.USHR, IrOp.SDIV, IrOp.UDIV, IrOp.SREM, IrOp.UREM}) {
                boolean div = op == IrOp.SDIV || op == IrOp.UDIV || op == IrOp.SREM || op == IrOp.UREM;
                IrType amountType = div ? t : I64;
                FnBuilder f = new FnBuilder(op + "_" + t, List.of(t, amountType), List.of(t));
                if (div) {
                    int ok = f.block();
                    int bad = f.block();
                    f.branch(f.op(IrOp.EQ, t, f.param(1), f.iconst(t, 0)), bad, ok);
                    f.at(bad);
                    f.trap(TrapKind.DIVISION_BY_ZERO);
                    f.at(ok);
                    if (op == IrOp.SDIV || op == IrOp.SREM) {
                        int ok2 = f.block();
                        int bad2 = f.block();
                        long min = t == I64 ? Long.MIN_VALUE : -(1L << (t.bits() - 1));
                        int both = f.op(IrOp.AND, I8, f.op(IrOp.EQ, t, f.param(0), f.iconst(t, min)), f.op(IrOp.EQ, t, f.param(1),
                                f.iconst(t, -1)));
                        f.branch(both, bad2, ok2);
                        f.at(bad2);
                        f.trap(TrapKind.DIVISION_OVERFLOW);
                        f.at(ok2);
                    }
                }
                f.ret(f.op(op, t, f.param(0), f.param(1)));
                List<List<IrValue>> cs = new ArrayList<>();
                for (IrValue a : edges(t)) {
                    cs.add(List.of(a, div ? pick(edges(t)) : v(I64, pick(edges(I64)).bits())));
                    cs.add(List.of(a, v(amountType, -1)));
                }
                add(f.name(), List.of(f.build()), cs);
            }
        }
        List<String> failures = batch.run();
        assertEquals(List.of(), failures.size() > 5 ? failures.subList(0, 5) : failures, failures.size() + " disagree");
        assertTrue(batch.traps() > 0);
    }

    /** A 32-byte-aligned stack slot really is 32-byte aligned, and struct fields written through it read back. */
    @Test
    void stackSlotsAreAlignedAndPrivate() throws Exception {
        FnBuilder f = new FnBuilder("slots", List.of(I64, F64), List.of(I64));
        int s8 = f.slot(24, 8);
        int s32 = f.slot(64, 32);
        int a8 = f.opImm(IrOp.STACK_ADDR, I64, s8);
        int a32 = f.opImm(IrOp.STACK_ADDR, I64, s32);
        f.store(I64, a8, 0, f.param(0));
        f.store(F64, a8, 8, f.param(1));
        f.store(IrType.I64X4, a32, 0, f.op(IrOp.SPLAT, IrType.I64X4, f.param(0)));
        int misaligned = f.op(IrOp.AND, I64, a32, f.iconst(I64, 31));
        int sum = f.op(IrOp.ADD, I64, f.load(I64, a8, 0), f.load(I64, a32, 24));
        int bits = f.op(IrOp.FTOSI, I64, f.load(F64, a8, 8));
        f.ret(f.op(IrOp.ADD, I64, f.op(IrOp.ADD, I64, sum, bits), f.op(IrOp.MUL, I64, misaligned, f.iconst(I64, 1000))));
        add("slots", List.of(f.build()), calls(List.of(IrValue.i64(5), IrValue.f64(2.5)), List.of(IrValue.i64(-9), IrValue.f64(1e3))));
        runAll(2);
    }

    @Test
    void registerOffsetAddresses() throws Exception {
        // base + k * size read as [base, k, lsl #log2(size)]; the scaled index, an address and an
        // access of another size through one address are each also read elsewhere, so they stay.
        FnBuilder f = new FnBuilder("indexed", List.of(I64, F64), List.of(I64));
        int base = f.opImm(IrOp.STACK_ADDR, I64, f.slot(64, 16));
        for (int e = 0; e < 4; e++) {
            f.store(I64, base, 8 * e, f.iconst(I64, 11L * (e + 1) + ((long) e << 40) + 0x80));
        }
        int k = f.op(IrOp.AND, I64, f.param(0), f.iconst(I64, 3));
        int scaled = f.op(IrOp.MUL, I64, k, f.iconst(I64, 8));
        int at = f.op(IrOp.ADD, I64, base, scaled);
        int whole = f.load(I64, at, 0);
        int low = f.load(I32, at, 0);
        int shifted = f.op(IrOp.ADD, I64, base, f.op(IrOp.SHL, I64, k, f.iconst(I64, 3)));
        f.store(F64, shifted, 0, f.param(1));
        int back = f.load(I64, f.op(IrOp.ADD, I64, f.op(IrOp.MUL, I64, f.iconst(I64, 8), k), base), 0);
        int first = f.load(I8, f.op(IrOp.ADD, I64, base, k), 0);
        int scaled4 = f.op(IrOp.MUL, I64, k, f.iconst(I64, 4)); // its address goes into the load, it stays for the sum
        int word = f.load(I32, f.op(IrOp.ADD, I64, base, scaled4), 0);
        int sum = f.op(IrOp.ADD, I64, f.op(IrOp.ADD, I64, whole, f.op(IrOp.SEXT, I64, low)),
                f.op(IrOp.ADD, I64, back, f.op(IrOp.SEXT, I64, first)));
        int offsets = f.op(IrOp.ADD, I64, f.op(IrOp.MUL, I64, f.op(IrOp.ADD, I64, scaled, scaled4), f.iconst(I64, 1000)),
                f.op(IrOp.MUL, I64, f.op(IrOp.SUB, I64, at, base), f.iconst(I64, 100000)));
        sum = f.op(IrOp.ADD, I64, sum, f.op(IrOp.SEXT, I64, word));
        f.ret(f.op(IrOp.ADD, I64, sum, offsets));
        List<List<IrValue>> calls = new ArrayList<>();
        for (long i = -1; i <= 5; i++) {
            calls.add(List.of(IrValue.i64(i), IrValue.f64(i * 1.25 - 3)));
        }
        add("indexed", List.of(f.build()), calls);
        runAll(7);
    }

    @Test
    void branchesPastBlocksThatOnlyBranch() throws Exception {
        // A loop whose body branches back to the header with arguments (an edge block whose moves
        // vanish, so only a branch, left out) or to a slow path that adds 1000: the compare falls
        // through to that edge block, and must still reach the header, not the slow path.
        FnBuilder f = new FnBuilder("back", List.of(I64, I64), List.of(I64));
        int n = f.param(0);
        int limit = f.param(1);
        int head = f.block(I64, I64);
        int body = f.block();
        int slow = f.block();
        int exit = f.block();
        int zero = f.iconst(I64, 0);
        f.jump(head, zero, zero);
        f.at(head);
        int i = f.blockParam(head, 0);
        int acc = f.blockParam(head, 1);
        f.branch(f.op(IrOp.SLT, I64, i, n), body, exit);
        f.at(body);
        int acc1 = f.op(IrOp.ADD, I64, acc, i);
        int i1 = f.op(IrOp.ADD, I64, i, f.iconst(I64, 1));
        f.branch(f.op(IrOp.SLT, I64, acc1, limit), head, new int[] {i1, acc1}, slow, new int[0]);
        f.at(slow);
        f.jump(head, i1, f.op(IrOp.ADD, I64, acc1, f.iconst(I64, 1000)));
        f.at(exit);
        f.ret(acc);
        add("back", List.of(f.build()), calls(List.of(IrValue.i64(10), IrValue.i64(20)), List.of(IrValue.i64(10), IrValue.i64(1000)),
                List.of(IrValue.i64(0), IrValue.i64(5)), List.of(IrValue.i64(30), IrValue.i64(-1))));
        runAll(4);
    }
}
