package dev.simplec.backend.x86;

import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I16;
import static dev.simplec.api.ir.IrType.I32;
import static dev.simplec.api.ir.IrType.I64;
import static dev.simplec.api.ir.IrType.I8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;

/**
 * Whole programs against the interpreter: the benchmark kernels (loops, bounds checks and their
 * traps, SIMD with tails), recursion, calls returning tuples, calls through function addresses,
 * struct literals in stack slots, and more live values than registers.
 */
class X86ProgramsTest {
    private final Random rnd = new Random(4242);

    private byte[] i64s(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putLong(rnd.nextLong() >> rnd.nextInt(64));
        }
        return b.array();
    }

    private byte[] f64s(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putDouble(i % 17 == 5 ? Double.NaN : rnd.nextGaussian() * 100);
        }
        return b.array();
    }

    private byte[] f32s(int n) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(i % 13 == 7 ? Float.NaN : (float) (rnd.nextGaussian() * 100));
        }
        return b.array();
    }

    private static Differential.Arg i64(long v) {
        return Differential.val(IrValue.i64(v));
    }

    @Test
    void sumAndItsBoundsCheck() throws Exception {
        for (IrModule m : List.of(Kernels.sum(), Kernels.sumSimd(2), Kernels.sumSimd(4))) {
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (int n : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 100}) {
                calls.add(List.of(Differential.buf(i64s(n)), i64(n)));
            }
            assertEquals(0, Differential.check(m, calls));
        }
    }

    @Test
    void dotAndSaxpyWithTailsAndTraps() throws Exception {
        for (IrModule m : List.of(Kernels.dot(), Kernels.dotSimd(2), Kernels.dotSimd(4))) {
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (int n : new int[] {0, 1, 3, 4, 5, 8, 11, 64}) {
                calls.add(List.of(Differential.buf(f64s(n)), i64(n), Differential.buf(f64s(n)), i64(n)));
            }
            // ys shorter than xs: the check on ys traps.
            calls.add(List.of(Differential.buf(f64s(9)), i64(9), Differential.buf(f64s(6)), i64(6)));
            assertEquals(1, Differential.check(m, calls));
        }
        for (int lanes : new int[] {1, 4, 8}) {
            IrModule m = Kernels.saxpy(lanes);
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (int n : new int[] {0, 1, 3, 4, 7, 8, 9, 17, 40}) {
                calls.add(List.of(Differential.val(IrValue.f32((float) rnd.nextGaussian())), Differential.buf(f32s(n)), i64(n),
                        Differential.buf(f32s(n)), i64(n)));
            }
            calls.add(List.of(Differential.val(IrValue.f32(2f)), Differential.buf(f32s(12)), i64(12), Differential.buf(f32s(10)), i64(10)));
            assertEquals(1, Differential.check(m, calls));
        }
    }

    @Test
    void matmulScalarAndSimd() throws Exception {
        for (int lanes : new int[] {1, 2, 4}) {
            IrModule m = Kernels.matmul(lanes);
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (int n : new int[] {4, 8}) {
                calls.add(List.of(Differential.buf(f64s(n * n)), i64(n * n), Differential.buf(f64s(n * n)), i64(n * n),
                        Differential.buf(new byte[8 * n * n]), i64(n * n), i64(n)));
            }
            calls.add(List.of(Differential.buf(f64s(16)), i64(16), Differential.buf(f64s(15)), i64(15),
                    Differential.buf(new byte[128]), i64(16), i64(4)));
            assertEquals(1, Differential.check(m, calls));
        }
    }

    @Test
    void recursion() throws Exception {
        List<List<Differential.Arg>> calls = new ArrayList<>();
        for (long n : new long[] {-5, 0, 1, 2, 10, 20}) {
            calls.add(List.of(i64(n)));
        }
        Differential.check(Kernels.fib(), calls);
    }

    /** f returns (a, b) for every pair of scalar types; the entry calls it and recombines. */
    @Test
    void tupleReturnsThroughCalls() throws Exception {
        List<IrType> types = List.of(I8, I16, I32, I64, F32, F64);
        for (IrType a : types) {
            for (IrType b : types) {
                Fb pair = new Fb("pair", List.of(a, b), a, b);
                pair.ret(pair.param(0), pair.param(1));
                // The entry: calls pair(y, x)... then returns the results swapped through another call.
                Fb entry = new Fb("swap2", List.of(a, b), a, b);
                int[] r = entry.call2(1, a, entry.param(0), entry.param(1));
                entry.ret(r[0], r[1]);
                List<List<Differential.Arg>> calls = new ArrayList<>();
                List<IrValue> xs = Values.of(a, rnd, 2);
                List<IrValue> ys = Values.of(b, rnd, 2);
                for (int k = 0; k < 6; k++) {
                    calls.add(List.of(Differential.val(xs.get(rnd.nextInt(xs.size()))), Differential.val(ys.get(rnd.nextInt(ys.size())))));
                }
                Differential.check(new IrModule(List.of(entry.build(), pair.build())), calls);
                Differential.check(Fb.module(pair.build()), calls);
            }
        }
    }

    /** FUNC_ADDR and CALL_INDIRECT: pick one of three functions by a selector, call it through its address. */
    @Test
    void callsThroughFunctionAddresses() throws Exception {
        Fb entry = Fb.of("dispatch", F64, I64, F64, I32);
        int sel = entry.param(0);
        int one = entry.op(IrOp.EQ, I64, sel, entry.iconst(I64, 1));
        int two = entry.op(IrOp.EQ, I64, sel, entry.iconst(I64, 2));
        int fa = entry.opImm(IrOp.FUNC_ADDR, I64, 1);
        int fb = entry.opImm(IrOp.FUNC_ADDR, I64, 2);
        int fc = entry.opImm(IrOp.FUNC_ADDR, I64, 3);
        int target = entry.op(IrOp.SELECT, I64, one, fa, entry.op(IrOp.SELECT, I64, two, fb, fc));
        entry.ret(entry.callIndirect(F64, target, entry.param(1), entry.param(2)));
        List<IrFunction> fns = new ArrayList<>();
        fns.add(entry.build());
        IrOp[] ops = {IrOp.FADD, IrOp.FMUL, IrOp.FSUB};
        for (int k = 0; k < 3; k++) {
            Fb g = Fb.of("g" + k, F64, F64, I32);
            g.ret(g.op(ops[k], F64, g.param(0), g.op(IrOp.SITOF, F64, g.param(1))));
            fns.add(g.build());
        }
        List<List<Differential.Arg>> calls = new ArrayList<>();
        for (long s = 0; s < 4; s++) {
            calls.add(List.of(i64(s), Differential.val(IrValue.f64(1.25 * s + 0.5)), Differential.val(IrValue.i32((int) (7 - 3 * s)))));
        }
        Differential.check(new IrModule(fns), calls);
    }

    /** A struct literal {i32, f64, i8, i64} in a stack slot, passed by address to a callee that reads it. */
    @Test
    void structLiteralsInStackSlots() throws Exception {
        Fb entry = Fb.of("mk", F64, I32, F64, I8, I64);
        int s = entry.slot(32, 8);
        int big = entry.slot(64, 32);
        int p = entry.opImm(IrOp.STACK_ADDR, I64, s);
        int q = entry.opImm(IrOp.STACK_ADDR, I64, big);
        entry.store(I32, p, entry.param(0), 0);
        entry.store(F64, p, entry.param(1), 8);
        entry.store(I8, p, entry.param(2), 16);
        entry.store(I64, p, entry.param(3), 24);
        entry.store(I64, q, entry.op(IrOp.AND, I64, q, entry.iconst(I64, 31)), 0); // 0 when 32-byte aligned
        int r = entry.call(1, F64, p);
        int misalign = entry.load(I64, q, 0);
        entry.ret(entry.op(IrOp.FADD, F64, r, entry.op(IrOp.SITOF, F64, misalign)));
        Fb read = Fb.of("read", F64, I64);
        int a = read.param(0);
        int sum = read.op(IrOp.FADD, F64, read.op(IrOp.SITOF, F64, read.load(I32, a, 0)), read.load(F64, a, 8));
        sum = read.op(IrOp.FADD, F64, sum, read.op(IrOp.SITOF, F64, read.load(I8, a, 16)));
        sum = read.op(IrOp.FADD, F64, sum, read.op(IrOp.SITOF, F64, read.load(I64, a, 24)));
        read.ret(sum);
        List<List<Differential.Arg>> calls = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            calls.add(List.of(Differential.val(IrValue.i32(rnd.nextInt())), Differential.val(IrValue.f64(rnd.nextGaussian())),
                    Differential.val(IrValue.of(I8, rnd.nextInt())), i64(rnd.nextLong() >> 20)));
        }
        Differential.check(new IrModule(List.of(entry.build(), read.build())), calls);
    }

    /** 40 values live at once, across a call and a loop: spills, callee-saved registers, the same answer. */
    @Test
    void moreLiveValuesThanRegisters() throws Exception {
        Fb f = Fb.of("pressure", I64, I64, F64);
        int x = f.param(0);
        int y = f.param(1);
        List<Integer> ints = new ArrayList<>();
        List<Integer> floats = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            ints.add(f.op(IrOp.MUL, I64, x, f.iconst(I64, 3 * k + 1)));
            floats.add(f.op(IrOp.FMUL, F64, y, f.f64(k + 0.5)));
        }
        Fb g = Fb.of("g", I64, I64);
        g.ret(g.op(IrOp.XOR, I64, g.param(0), g.iconst(I64, 0x5555)));
        int c = f.call(1, I64, ints.get(3));
        int hdr = f.block(I64, I64);
        int body = f.block();
        int exit = f.block();
        f.jump(hdr, f.iconst(I64, 0), c);
        int i = f.blockParam(hdr, 0);
        int acc = f.blockParam(hdr, 1);
        f.at(hdr).branch(f.op(IrOp.SLT, I64, i, f.iconst(I64, 5)), body, exit);
        f.at(body);
        int a2 = acc;
        for (int v : ints) {
            a2 = f.op(IrOp.ADD, I64, f.op(IrOp.MUL, I64, a2, f.iconst(I64, 31)), v);
        }
        f.jump(hdr, f.op(IrOp.ADD, I64, i, f.iconst(I64, 1)), a2);
        f.at(exit);
        int r = acc;
        for (int v : floats) {
            r = f.op(IrOp.ADD, I64, r, f.op(IrOp.FTOSI, I64, v));
        }
        f.ret(r);
        List<List<Differential.Arg>> calls = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            calls.add(List.of(i64(rnd.nextLong() >> rnd.nextInt(60)), Differential.val(IrValue.f64(rnd.nextGaussian() * 1e5))));
        }
        Differential.check(new IrModule(List.of(f.build(), g.build())), calls);
    }

    @Test
    void malformedIrIsAnInternalError() {
        Fb f = Fb.of("bad", I64, I64);
        f.ret(f.op(IrOp.ADD, I64, f.param(0), 99));
        SimplecException e = assertThrows(SimplecException.class, () -> new X86Backend().compile(Fb.module(f.build())));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
    }

    @Test
    void malformedIrAroundACallToInlineIsNamedByTheVerifier() {
        // A caller jumping to a block it lacks, and a leaf whose join parameter is past its
        // values: neither is inlined, and the verifier names what is wrong, not an index error.
        IrType t = IrType.I64;
        int[] none = {};
        IrFunction triple = new IrFunction("triple", List.of(t), List.of(t), List.of(new IrBlock(List.of(
                new IrInst(IrOp.PARAM, t, 0, none, 0), new IrInst(IrOp.ICONST, t, 1, none, 3),
                new IrInst(IrOp.MUL, t, 2, new int[] {0, 1}, 0)), IrTerminator.Ret.of(2))), 3);
        IrFunction caller = new IrFunction("caller", List.of(t), List.of(t), List.of(new IrBlock(List.of(
                new IrInst(IrOp.PARAM, t, 0, none, 0), new IrInst(IrOp.CALL, t, 1, new int[] {0}, 1)),
                new IrTerminator.Jump(4, none))), 2);
        assertEquals("malformed IR: function caller: b0: `jump b4`: b4 is not a block that can be jumped to",
                assertThrows(SimplecException.class, () -> new X86Backend().compile(new IrModule(List.of(caller, triple))))
                        .getMessage());
        IrFunction leaf = new IrFunction("leaf", List.of(t, t), List.of(t), List.of(
                new IrBlock(List.of(new IrInst(IrOp.PARAM, t, 0, none, 0), new IrInst(IrOp.PARAM, t, 1, none, 1),
                        new IrInst(IrOp.SLT, t, 2, new int[] {0, 1}, 0)), new IrTerminator.Branch(2, 1, none, 2, none)),
                new IrBlock(List.of(), new IrTerminator.Jump(3, new int[] {0})),
                new IrBlock(List.of(), new IrTerminator.Jump(3, new int[] {1})),
                new IrBlock(List.of(new IrBlockParam(3, t)), List.of(), IrTerminator.Ret.of(3))), 3);
        IrFunction entry = new IrFunction("entry", List.of(t, t), List.of(t), List.of(new IrBlock(List.of(
                new IrInst(IrOp.PARAM, t, 0, none, 0), new IrInst(IrOp.PARAM, t, 1, none, 1),
                new IrInst(IrOp.CALL, t, 2, new int[] {0, 1}, 1)), IrTerminator.Ret.of(2))), 3);
        assertEquals("malformed IR: function leaf: b3 parameter: v3 is outside v0..v2",
                assertThrows(SimplecException.class, () -> new X86Backend().compile(new IrModule(List.of(entry, leaf))))
                        .getMessage());
    }
}
