package dev.simplec.api.ir;

import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I16;
import static dev.simplec.api.ir.IrType.I32;
import static dev.simplec.api.ir.IrType.I64;
import static dev.simplec.api.ir.IrType.I8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class IrInterpreterTest {
    /** f(a, b) = a op b, one block. */
    private static IrValue binary(IrOp op, IrType t, IrValue a, IrValue b) {
        Build f = new Build("f", List.of(t, b.type()), List.of(op.isComparison() ? t.compareResult() : t));
        int r = f.op(op, t, f.param(0), f.param(1));
        f.end(IrTerminator.Ret.of(r));
        return run(f, a, b).get(0);
    }

    private static IrValue unary(IrOp op, IrType from, IrType to, IrValue a) {
        Build f = new Build("f", List.of(from), List.of(to));
        int r = f.op(op, to, f.param(0));
        f.end(IrTerminator.Ret.of(r));
        return run(f, a).get(0);
    }

    private static List<IrValue> run(Build f, IrValue... args) {
        return new IrInterpreter(new IrModule(List.of(f.function())), new IrMemory()).run(args);
    }

    @Test
    void integersWrapAtTheirWidth() {
        assertEquals(IrValue.of(I8, -128), binary(IrOp.ADD, I8, IrValue.of(I8, 127), IrValue.of(I8, 1)));
        assertEquals(IrValue.i64(Long.MIN_VALUE), binary(IrOp.ADD, I64, IrValue.i64(Long.MAX_VALUE), IrValue.i64(1)));
        assertEquals(IrValue.of(I16, 0), binary(IrOp.MUL, I16, IrValue.of(I16, 256), IrValue.of(I16, 256)));
    }

    @Test
    void shiftsMaskTheAmount() {
        assertEquals(IrValue.of(I8, 2), binary(IrOp.SHL, I8, IrValue.of(I8, 1), IrValue.of(I8, 9)));
        assertEquals(IrValue.of(I32, -1), binary(IrOp.SSHR, I32, IrValue.i32(-8), IrValue.i32(35)));
        assertEquals(IrValue.of(I8, 0x7f), binary(IrOp.USHR, I8, IrValue.of(I8, -1), IrValue.of(I8, 1)));
        assertEquals(IrValue.i64(1), binary(IrOp.USHR, I64, IrValue.i64(Long.MIN_VALUE), IrValue.i64(63)));
    }

    @Test
    void unsignedDivisionAndComparison() {
        assertEquals(IrValue.of(I8, 127), binary(IrOp.UDIV, I8, IrValue.of(I8, -1), IrValue.of(I8, 2)));
        assertEquals(IrValue.of(I8, -1), binary(IrOp.SDIV, I8, IrValue.of(I8, -3), IrValue.of(I8, 2)));
        assertEquals(IrValue.of(I32, -1), binary(IrOp.SREM, I32, IrValue.i32(-7), IrValue.i32(2)));
        assertEquals(IrValue.bool(true), binary(IrOp.UGT, I32, IrValue.i32(-1), IrValue.i32(1)));
        assertEquals(IrValue.bool(false), binary(IrOp.SGT, I32, IrValue.i32(-1), IrValue.i32(1)));
    }

    @Test
    void uncheckedDivisionIsADefectOfTheLowering() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> binary(IrOp.SDIV, I64, IrValue.i64(Long.MIN_VALUE), IrValue.i64(-1)));
        assertEquals("SDIV of -9223372036854775808 by -1 in f: lowering must check the divisor first", e.getMessage());
    }

    @Test
    void floatMinMaxAreDeterministic() {
        assertEquals(IrValue.f64(-0.0), binary(IrOp.FMIN, F64, IrValue.f64(0.0), IrValue.f64(-0.0)));
        assertEquals(IrValue.f64(0.0), binary(IrOp.FMIN, F64, IrValue.f64(-0.0), IrValue.f64(0.0)));
        assertEquals(IrValue.f64(1.0), binary(IrOp.FMIN, F64, IrValue.f64(Double.NaN), IrValue.f64(1.0)));
        assertEquals(IrValue.f64(1.0), binary(IrOp.FMAX, F64, IrValue.f64(1.0), IrValue.f64(Double.NaN)));
    }

    @Test
    void nanLeavesAsTheCanonicalQuietNan() {
        IrValue weird = IrValue.of(F64, 0xfff0_0000_0000_0001L); // a negative signalling NaN
        assertEquals(IrValue.of(F64, 0x7ff8_0000_0000_0000L), binary(IrOp.FADD, F64, weird, IrValue.f64(1)));
        assertEquals(IrValue.of(F32, 0x7fc0_0000L), binary(IrOp.FMUL, F32, IrValue.f32(0f), IrValue.f32(Float.POSITIVE_INFINITY)));
        assertEquals(IrValue.of(F64, 0x7ff8_0000_0000_0000L), unary(IrOp.FNEG, F64, F64, IrValue.f64(Double.NaN)));
        assertEquals(IrValue.f64(-0.0), unary(IrOp.FNEG, F64, F64, IrValue.f64(0.0)));
    }

    @Test
    void conversionsSaturate() {
        assertEquals(IrValue.i64(Long.MAX_VALUE), unary(IrOp.FTOSI, F64, I64, IrValue.f64(1e300)));
        assertEquals(IrValue.of(I8, 127), unary(IrOp.FTOSI, F64, I8, IrValue.f64(1000.5)));
        assertEquals(IrValue.of(I8, -128), unary(IrOp.FTOSI, F32, I8, IrValue.f32(-1e9f)));
        assertEquals(IrValue.i32(0), unary(IrOp.FTOSI, F64, I32, IrValue.f64(Double.NaN)));
        assertEquals(IrValue.i32(-7), unary(IrOp.FTOSI, F64, I32, IrValue.f64(-7.9)));
        assertEquals(IrValue.of(I8, -1), unary(IrOp.FTOUI, F64, I8, IrValue.f64(300)));
        assertEquals(IrValue.of(I8, 0), unary(IrOp.FTOUI, F64, I8, IrValue.f64(-3)));
        assertEquals(IrValue.i64(-1), unary(IrOp.FTOUI, F64, I64, IrValue.f64(1e20)));
        assertEquals(IrValue.i64(Long.MIN_VALUE), unary(IrOp.FTOUI, F64, I64, IrValue.f64(9223372036854775808.0)));
    }

    @Test
    void integerToFloatRoundsOnce() {
        assertEquals(IrValue.f64(18446744073709551615.0), unary(IrOp.UITOF, I64, F64, IrValue.i64(-1)));
        assertEquals(IrValue.f64(255.0), unary(IrOp.UITOF, I8, F64, IrValue.of(I8, -1)));
        assertEquals(IrValue.f64(-1.0), unary(IrOp.SITOF, I8, F64, IrValue.of(I8, -1)));
        // 2^53 + 1 is not a double: ties to even gives 2^53.
        assertEquals(IrValue.f64(9007199254740992.0), unary(IrOp.SITOF, I64, F64, IrValue.i64(9007199254740993L)));
        // 0x8000_0080_0000_0001 as u64 to f32 must round up (the sticky bit decides).
        assertEquals(IrValue.f32(9.223373e18f), unary(IrOp.UITOF, I64, F32, IrValue.i64(0x8000_0080_0000_0001L)));
    }

    @Test
    void widenAndNarrow() {
        assertEquals(IrValue.i64(255), unary(IrOp.ZEXT, I8, I64, IrValue.of(I8, -1)));
        assertEquals(IrValue.i64(-1), unary(IrOp.SEXT, I8, I64, IrValue.of(I8, -1)));
        assertEquals(IrValue.of(I16, 0x5678), unary(IrOp.TRUNC, I64, I16, IrValue.i64(0x1234_5678L)));
        assertEquals(IrValue.f64(0.1f), unary(IrOp.FPROMOTE, F32, F64, IrValue.f32(0.1f)));
    }

    /** sum(xs: [i64]) with a loop over block parameters and a bounds check. */
    private static IrFunction sumLoop() {
        Build f = new Build("sum<i64>", List.of(I64, I64), List.of(I64));
        int data = f.param(0);
        int len = f.param(1);
        int zero = f.iconst(I64, 0);
        f.end(new IrTerminator.Jump(1, new int[] {zero, zero}));
        int i = f.blockParam(I64);
        int acc = f.blockParam(I64);
        int more = f.op(IrOp.SLT, I64, i, len);
        f.end(new IrTerminator.Branch(more, 2, new int[0], 3, new int[0]));
        int eight = f.iconst(I64, 8);
        int off = f.op(IrOp.MUL, I64, i, eight);
        int addr = f.op(IrOp.ADD, I64, data, off);
        int x = f.inst(IrOp.LOAD, I64, 0, addr);
        int acc2 = f.op(IrOp.ADD, I64, acc, x);
        int one = f.iconst(I64, 1);
        int i2 = f.op(IrOp.ADD, I64, i, one);
        f.end(new IrTerminator.Jump(1, new int[] {i2, acc2}));
        f.end(IrTerminator.Ret.of(acc));
        return f.function();
    }

    @Test
    void loopsOverMemory() {
        IrMemory memory = new IrMemory();
        byte[] bytes = new byte[8 * 4];
        long[] xs = {1, 2, 3, Long.MAX_VALUE};
        for (int i = 0; i < xs.length; i++) {
            for (int b = 0; b < 8; b++) {
                bytes[i * 8 + b] = (byte) (xs[i] >>> (8 * b));
            }
        }
        long data = memory.place(bytes);
        List<IrValue> r = new IrInterpreter(new IrModule(List.of(sumLoop())), memory).run(IrValue.i64(data), IrValue.i64(4));
        assertEquals(List.of(IrValue.i64(Long.MAX_VALUE + 6)), r);
    }

    @Test
    void wildMemoryAccessIsAFault() {
        IrMemory memory = new IrMemory();
        long data = memory.place(new byte[16]);
        IrInterpreter in = new IrInterpreter(new IrModule(List.of(sumLoop())), memory);
        assertThrows(IrMemory.Fault.class, () -> in.run(IrValue.i64(data), IrValue.i64(3)));
    }

    @Test
    void trapsNameTheFunction() {
        Build f = new Build("div<i64>", List.of(), List.of());
        f.end(new IrTerminator.Trap(TrapKind.DIVISION_BY_ZERO));
        IrTrap trap = assertThrows(IrTrap.class, () -> run(f));
        assertEquals("simplec trap: division by zero in div<i64>", trap.getMessage());
    }

    @Test
    void callsReturnTuplesAndFunctionAddressesCallBack() {
        Build divmod = new Build("divmod", List.of(I64, I64), List.of(I64, I64));
        int a = divmod.param(0);
        int b = divmod.param(1);
        divmod.end(IrTerminator.Ret.of(divmod.op(IrOp.SDIV, I64, a, b), divmod.op(IrOp.SREM, I64, a, b)));

        Build entry = new Build("entry", List.of(I64), List.of(I64));
        int x = entry.param(0);
        int[] qr = entry.call2(1, I64, x, entry.iconst(I64, 10));
        int fn = entry.inst(IrOp.FUNC_ADDR, I64, 2);
        int twice = entry.inst(IrOp.CALL_INDIRECT, I64, 0, fn, qr[1]);
        entry.end(IrTerminator.Ret.of(entry.op(IrOp.ADD, I64, qr[0], twice)));

        Build dbl = new Build("double", List.of(I64), List.of(I64));
        int y = dbl.param(0);
        dbl.end(IrTerminator.Ret.of(dbl.op(IrOp.ADD, I64, y, y)));

        IrModule m = new IrModule(List.of(entry.function(), divmod.function(), dbl.function()));
        assertEquals(List.of(IrValue.i64(4 + 14)), new IrInterpreter(m, new IrMemory()).run(IrValue.i64(47)));
    }

    @Test
    void stackSlotsHoldStructs() {
        Build f = new Build("point", List.of(I32, I32), List.of(I32));
        int slot = f.slot(8, 4);
        int p = f.inst(IrOp.STACK_ADDR, I64, slot);
        f.store(I32, p, f.param(0), 0);
        f.store(I32, p, f.param(1), 4);
        int x = f.inst(IrOp.LOAD, I32, 0, p);
        int y = f.inst(IrOp.LOAD, I32, 4, p);
        f.end(IrTerminator.Ret.of(f.op(IrOp.SUB, I32, x, y)));
        assertEquals(List.of(IrValue.i32(-2)), run(f, IrValue.i32(5), IrValue.i32(7)));
    }

    @Test
    void vectorsActLaneWiseAndReduceInOrder() {
        Build f = new Build("v", List.of(IrType.F32X4, F32), List.of(F32, IrType.I32X4));
        int v = f.param(0);
        int s = f.op(IrOp.SPLAT, IrType.F32X4, f.param(1));
        int sum = f.op(IrOp.FADD, IrType.F32X4, v, s);
        int mask = f.op(IrOp.FGT, IrType.F32X4, sum, s);
        f.end(IrTerminator.Ret.of(f.op(IrOp.REDUCE_ADD, F32, sum), mask));
        IrValue in = IrValue.of(IrType.F32X4, bits(1e8f), bits(1f), bits(-1e8f), bits(0.5f));
        List<IrValue> r = run(f, in, IrValue.f32(0f));
        // ((1e8 + 1) + -1e8) + 0.5 in f32: 1e8 + 1 rounds to 1e8, so the lane-order sum is 0.5.
        assertEquals(IrValue.f32(0.5f), r.get(0));
        assertEquals(IrValue.of(IrType.I32X4, -1, -1, 0, -1), r.get(1));
    }

    private static long bits(float f) {
        return Float.floatToRawIntBits(f) & 0xffff_ffffL;
    }
}
