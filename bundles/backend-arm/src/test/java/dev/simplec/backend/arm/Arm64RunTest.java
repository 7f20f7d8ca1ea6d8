package dev.simplec.backend.arm;

import static dev.simplec.api.ir.IrOp.ADD;
import static dev.simplec.api.ir.IrOp.COPY;
import static dev.simplec.api.ir.IrOp.FADD;
import static dev.simplec.api.ir.IrOp.FMUL;
import static dev.simplec.api.ir.IrOp.FSUB;
import static dev.simplec.api.ir.IrOp.MUL;
import static dev.simplec.api.ir.IrOp.SUB;
import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I16;
import static dev.simplec.api.ir.IrType.I32;
import static dev.simplec.api.ir.IrType.I64;
import static dev.simplec.api.ir.IrType.I8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.AllocatedFunction;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.service.CompiledCode;

/**
 * Compiles hand-built IR, runs the code natively through the C harness and compares every result
 * with {@link IrEval} (Java's arithmetic). Integer results are compared as the full 64-bit register
 * (narrow ones sign-extended); float results bit for bit, except that any NaN matches any NaN where
 * IEEE leaves the payload open.
 */
class Arm64RunTest {
    private static final Arm64Backend BACKEND = new Arm64Backend();
    private static final Random RANDOM = new Random(20240601);

    /** Runs {@code f} on each argument list and checks each result against the interpreter. */
    private static void check(IrFunction f, List<List<Long>> argLists) throws Exception {
        check(f, argLists, false);
    }

    private static void check(IrFunction f, List<List<Long>> argLists, boolean exactNaN) throws Exception {
        CompiledCode code = BACKEND.compile(Fn.module(f));
        assertEquals("aarch64", code.arch());
        IrType rt = f.returns().isEmpty() ? null : f.returns().get(0);
        char kind = rt == null ? 'v' : rt.isFloat() ? 'f' : 'i';
        List<List<String>> calls = new ArrayList<>();
        for (List<Long> args : argLists) {
            List<String> call = new ArrayList<>();
            for (int k = 0; k < args.size(); k++) {
                call.add((f.params().get(k).isFloat() ? "f:0x" : "i:0x") + Long.toHexString(args.get(k)));
            }
            calls.add(call);
        }
        List<Long> got = BlobRunner.run(code.code(), kind, calls);
        for (int c = 0; c < argLists.size(); c++) {
            long want = IrEval.eval(f, argLists.get(c));
            long have = rt == F32 ? got.get(c) & 0xFFFF_FFFFL : got.get(c);
            String what = f.name() + argLists.get(c) + ": want 0x" + Long.toHexString(want) + ", got 0x" + Long.toHexString(have);
            if (!exactNaN && rt == F64 && Double.isNaN(Double.longBitsToDouble(want))) {
                assertTrue(Double.isNaN(Double.longBitsToDouble(have)), what);
            } else if (!exactNaN && rt == F32 && Float.isNaN(Float.intBitsToFloat((int) want))) {
                assertTrue(Float.isNaN(Float.intBitsToFloat((int) have)), what);
            } else {
                assertEquals(want, have, what);
            }
        }
    }

    private static List<List<Long>> args(long... oneCall) {
        List<Long> l = new ArrayList<>();
        for (long a : oneCall) {
            l.add(a);
        }
        return List.of(l);
    }

    private static IrFunction doubleI64() {
        Fn f = new Fn("double", I64, I64);
        int x = f.param(0);
        return f.ret(f.op(ADD, I64, x, x));
    }

    @Test
    void doubleOf42Is84() throws Exception {
        byte[] code = BACKEND.compile(Fn.module(doubleI64())).code();
        assertEquals(List.of(84L), BlobRunner.run(code, 'i', List.of(List.of("i:42"))));
        check(doubleI64(), List.of(List.of(-21L), List.of(Long.MAX_VALUE), List.of(Long.MIN_VALUE)));
    }

    /** ((a + b) * c - a) * (b - 7) + c * c + 100 in every integer type, upper argument bits random. */
    @ParameterizedTest
    @EnumSource(value = IrType.class, names = {"I8", "I16", "I32", "I64"})
    void integerArithmeticWrapsAtItsWidth(IrType t) throws Exception {
        Fn f = new Fn("mix_" + t, t, t, t, t);
        int a = f.param(0);
        int b = f.param(1);
        int c = f.param(2);
        int s = f.op(SUB, t, f.op(MUL, t, f.op(ADD, t, a, b), c), a);
        int r = f.op(MUL, t, s, f.op(SUB, t, b, f.iconst(t, 7)));
        IrFunction fn = f.ret(f.op(ADD, t, f.op(ADD, t, r, f.op(MUL, t, c, c)), f.iconst(t, 100)));
        List<List<Long>> calls = new ArrayList<>();
        long[] edge = {0, 1, -1, 0x7f, 0x80, 0x7fff, 0x8000, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long e : edge) {
            calls.add(List.of(e, e, e));
            calls.add(List.of(e, -e, 3L));
        }
        for (int i = 0; i < 20; i++) {
            calls.add(List.of(RANDOM.nextLong(), RANDOM.nextLong(), RANDOM.nextLong()));
        }
        check(fn, calls);
    }

    /** Every pair of awkward values through add, sub and mul, in f32 and f64. */
    @ParameterizedTest
    @EnumSource(value = IrType.class, names = {"F32", "F64"})
    void floatOperationsFollowIeee(IrType t) throws Exception {
        double[] values = {0.0, -0.0, 1.0, -1.5, 1.0 / 3, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, 1e-310, 3.4028235e38, 1.4e-45};
        List<List<Long>> calls = new ArrayList<>();
        for (double x : values) {
            for (double y : values) {
                calls.add(List.of(bits(t, x), bits(t, y)));
            }
        }
        for (IrOp op : List.of(FADD, FSUB, FMUL)) {
            Fn f = new Fn(op + "_" + t, t, t, t);
            check(f.ret(f.op(op, t, f.param(0), f.param(1))), calls);
        }
    }

    /** a*b + c where a fused multiply-add would keep the product's low bits: evaluated as written, the sum is 0. */
    @Test
    void multiplyAddIsNotFused() throws Exception {
        Fn f = new Fn("mad", F64, F64, F64, F64);
        IrFunction fn = f.ret(f.op(FADD, F64, f.op(FMUL, F64, f.param(0), f.param(1)), f.param(2)));
        double a = 1 + Math.scalb(1.0, -30);
        double b = 1 - Math.scalb(1.0, -30);
        check(fn, args(bits(F64, a), bits(F64, b), bits(F64, -1.0)));
        assertEquals(0L, IrEval.eval(fn, List.of(bits(F64, a), bits(F64, b), bits(F64, -1.0))));
    }

    /** Float constants mixed with parameters, including -0.0 and a fraction that f32 rounds. */
    @ParameterizedTest
    @EnumSource(value = IrType.class, names = {"F32", "F64"})
    void floatConstantsMix(IrType t) throws Exception {
        Fn f = new Fn("fmix_" + t, t, t, t);
        int c1 = t == F32 ? f.f32(1.5f) : f.f64(1.5);
        int c2 = t == F32 ? f.f32(0.1f) : f.f64(0.1);
        int nz = t == F32 ? f.f32(-0.0f) : f.f64(-0.0);
        int x = f.op(FMUL, t, f.op(FSUB, t, f.param(0), c1), f.param(1));
        IrFunction fn = f.ret(f.op(FSUB, t, f.op(FADD, t, x, c2), nz));
        check(fn, List.of(List.of(bits(t, 2.0), bits(t, 3.0)), List.of(bits(t, 1.5), bits(t, -0.0)),
                List.of(bits(t, -7.25), bits(t, 1e10)), List.of(bits(t, Double.NaN), bits(t, 1.0))));
    }

    /** Constants come back bit for bit, NaN payloads included: moves never touch float bits. */
    @Test
    void constantsKeepTheirBits() throws Exception {
        for (long v : new long[] {0, 1, -1, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0x100000000L, Long.MIN_VALUE, 0x123456789abcdef0L}) {
            for (IrType t : List.of(I8, I16, I32, I64)) {
                Fn f = new Fn("k", t);
                check(f.ret(f.iconst(t, v)), args());
            }
        }
        for (long bits : new long[] {0, 0x8000000000000000L, 0x7ff4000000000001L, 0xfff8000000000000L, 0x3ff0000000000000L, 1}) {
            Fn f = new Fn("d", F64);
            check(f.ret(f.f64(Double.longBitsToDouble(bits))), args(), true);
        }
        for (int bits : new int[] {0, 0x80000000, 0x7fa00001, 0x3f800000, 1}) {
            Fn f = new Fn("s", F32);
            check(f.ret(f.f32(Float.intBitsToFloat(bits))), args(), true);
        }
    }

    /** Narrow results are sign-extended into the whole of x0, and narrow arguments' upper bits are ignored. */
    @Test
    void narrowResultsAreSignExtended() throws Exception {
        Fn f = new Fn("inc8", I8, I8);
        IrFunction fn = f.ret(f.op(ADD, I8, f.param(0), f.iconst(I8, 1)));
        CompiledCode code = BACKEND.compile(Fn.module(fn));
        assertEquals(List.of(0xffffffffffffff80L, 0x5L),
                BlobRunner.run(code.code(), 'i', List.of(List.of("i:0x123456789abcde7f"), List.of("i:0xffffffffffffff04"))));
    }

    /** 12 integer and 12 float parameters, interleaved: 4 of each arrive on the stack. */
    @Test
    void parametersBeyondRegistersComeFromTheStack() throws Exception {
        IrType[] params = new IrType[24];
        for (int i = 0; i < 24; i++) {
            params[i] = i % 2 == 0 ? I64 : F64;
        }
        Fn ints = new Fn("ints", I64, params);
        int acc = ints.iconst(I64, 0);
        for (int i = 0; i < 24; i += 2) {
            acc = ints.op(ADD, I64, ints.op(MUL, I64, acc, ints.iconst(I64, 31)), ints.param(i));
        }
        Fn floats = new Fn("floats", F64, params);
        int facc = floats.f64(0.0);
        for (int i = 1; i < 24; i += 2) {
            facc = floats.op(FADD, F64, floats.op(FMUL, F64, facc, floats.f64(0.5)), floats.param(i));
        }
        List<Long> call = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            call.add(i % 2 == 0 ? RANDOM.nextLong() : bits(F64, RANDOM.nextDouble() * 100 - 50));
        }
        check(ints.ret(acc), List.of(call));
        check(floats.ret(facc), List.of(call));
    }

    /** Each narrow or f32 parameter in a stack slot is read at its width: return parameter k alone. */
    @Test
    void narrowStackParameters() throws Exception {
        IrType[] params = {I64, I64, I64, I64, I64, I64, I64, I64, I8, I16, I32, F64, F64, F64, F64, F64, F64, F64, F64, F32, F64};
        List<Long> call = new ArrayList<>();
        for (IrType t : params) {
            call.add(t == F32 ? 0xdead0000_00000000L | bits(F32, -2.5) : t == F64 ? bits(F64, 1.25) : 0x7777_0000_0000_8081L);
        }
        for (int k : new int[] {8, 9, 10, 19, 20}) {
            Fn f = new Fn("p" + k, params[k], params);
            check(f.ret(f.param(k)), List.of(call));
        }
    }

    /** 60 integer values live at once: more than the 26 allocatable registers, so some are spilled. */
    @Test
    void integerPressureSpills() throws Exception {
        IrFunction fn = pressure(I64, 60);
        AllocatedFunction alloc = Arm64Backend.allocate(Fn.module(fn), 0).code();
        assertTrue(alloc.spillSlots() > 0, "expected spills:\n" + alloc.code());
        assertTrue(!alloc.calleeSaved().isEmpty(), "expected callee-saved registers in use");
        List<List<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(List.of(RANDOM.nextLong(), RANDOM.nextLong(), RANDOM.nextLong(), RANDOM.nextLong()));
        }
        check(fn, calls);
        check(pressure(I32, 60), calls);
    }

    /** 60 float values live at once: more than the 30 allocatable FP registers. */
    @Test
    void floatPressureSpills() throws Exception {
        IrFunction fn = pressure(F64, 60);
        assertTrue(Arm64Backend.allocate(Fn.module(fn), 0).code().spillSlots() > 0);
        List<List<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(List.of(bits(F64, RANDOM.nextGaussian()), bits(F64, RANDOM.nextGaussian()),
                    bits(F64, RANDOM.nextGaussian()), bits(F64, RANDOM.nextGaussian())));
        }
        check(fn, calls);
        List<List<Long>> fcalls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fcalls.add(List.of(bits(F32, RANDOM.nextGaussian()), bits(F32, RANDOM.nextGaussian()),
                    bits(F32, RANDOM.nextGaussian()), bits(F32, RANDOM.nextGaussian())));
        }
        check(pressure(F32, 60), fcalls);
    }

    /** n products of the 4 parameters, all computed before any is summed, summed last to first. */
    private static IrFunction pressure(IrType t, int n) {
        Fn f = new Fn("pressure_" + t, t, t, t, t, t);
        int[] p = {f.param(0), f.param(1), f.param(2), f.param(3)};
        int[] v = new int[n];
        IrOp mul = t.isFloat() ? FMUL : MUL;
        IrOp add = t.isFloat() ? FADD : ADD;
        for (int i = 0; i < n; i++) {
            int c = t == F64 ? f.f64(i + 0.5) : t == F32 ? f.f32(i + 0.5f) : f.iconst(t, 2 * i + 1);
            v[i] = f.op(mul, t, f.op(add, t, p[i % 4], c), p[(i + 1) % 4]);
        }
        int acc = v[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            acc = f.op(add, t, acc, v[i]);
        }
        return f.ret(acc);
    }

    @Test
    void copyAndRepeatedParam() throws Exception {
        Fn f = new Fn("copies", I64, I64, I64);
        int a = f.param(0);
        int b = f.param(1);
        int a2 = f.param(0);
        int c = f.op(COPY, I64, b);
        check(f.ret(f.op(SUB, I64, f.op(SUB, I64, a2, c), f.op(SUB, I64, a, b))), args(100, 7));
    }

    @Test
    void voidFunctionReturns() throws Exception {
        byte[] code = BACKEND.compile(Fn.module(Fn.retVoid("nothing", I64, F64))).code();
        assertEquals(List.of(0L), BlobRunner.run(code, 'v', List.of(List.of("i:1", "f:0x0"))));
    }

    /** The entry is the module's first function, at offset 0, whatever follows it. */
    @Test
    void entryIsAtOffsetZero() throws Exception {
        Fn other = new Fn("other", I64, I64);
        IrFunction second = other.ret(other.op(MUL, I64, other.param(0), other.param(0)));
        byte[] code = BACKEND.compile(Fn.module(doubleI64(), second)).code();
        assertEquals(List.of(84L), BlobRunner.run(code, 'i', List.of(List.of("i:42"))));
        assertTrue(code.length > 16, "both functions are laid out");
    }

    @Test
    void malformedIrIsRejected() {
        IrFunction bad = new IrFunction("bad", List.of(I64), List.of(I64),
                List.of(new IrBlock(List.of(new IrInst(ADD, I64, 0, new int[] {0, 1}, 0)), IrTerminator.Ret.of(0))), 2);
        SimplecException e = assertThrows(SimplecException.class, () -> BACKEND.compile(Fn.module(bad)));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertEquals("malformed IR: function bad: b0: `v0 = add.i64 v0, v1`: the definition of v0 does not dominate this use", e.getMessage());

        Fn f = new Fn("mistyped", I32, I64);
        IrFunction wrongRet = f.ret(f.param(0));
        SimplecException e2 = assertThrows(SimplecException.class, () -> BACKEND.compile(Fn.module(wrongRet)));
        assertEquals("malformed IR: function mistyped: b0: `ret v0`: returns i64 as value 0, the function i32", e2.getMessage());
    }

    static long bits(IrType t, double v) {
        return t == F32 ? Float.floatToRawIntBits((float) v) & 0xFFFF_FFFFL : Double.doubleToRawLongBits(v);
    }
}
