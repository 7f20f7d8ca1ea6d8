package dev.simplec.backend.arm;

import java.util.List;

import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;

/**
 * The test oracle: interprets a one-block IR function with Java arithmetic (int/long wrapping,
 * IEEE float/double), which is the IR's semantics. Values are raw bits; integer results come back
 * sign-extended to 64 bits (what the backends put in the result register), floats as their bits.
 */
final class IrEval {
    private IrEval() {
    }

    static long eval(IrFunction f, List<Long> args) {
        long[] v = new long[f.valueCount()];
        for (IrInst i : f.blocks().get(0).insts()) {
            IrType t = i.type();
            v[i.dst()] = switch (i.op()) {
                case PARAM -> norm(t, args.get((int) i.imm()));
                case ICONST -> norm(t, i.imm());
                case FCONST -> t == IrType.F32 ? i.imm() & 0xFFFF_FFFFL : i.imm();
                case COPY -> v[i.arg(0)];
                case ADD -> norm(t, v[i.arg(0)] + v[i.arg(1)]);
                case SUB -> norm(t, v[i.arg(0)] - v[i.arg(1)]);
                case MUL -> norm(t, mul(t, v[i.arg(0)], v[i.arg(1)]));
                case FADD -> t == IrType.F32 ? f32(f32(v[i.arg(0)]) + f32(v[i.arg(1)])) : f64(f64(v[i.arg(0)]) + f64(v[i.arg(1)]));
                case FSUB -> t == IrType.F32 ? f32(f32(v[i.arg(0)]) - f32(v[i.arg(1)])) : f64(f64(v[i.arg(0)]) - f64(v[i.arg(1)]));
                case FMUL -> t == IrType.F32 ? f32(f32(v[i.arg(0)]) * f32(v[i.arg(1)])) : f64(f64(v[i.arg(0)]) * f64(v[i.arg(1)]));
            };
        }
        int r = ((IrTerminator.Ret) f.blocks().get(0).terminator()).value();
        return r == IrInst.NO_VALUE ? 0 : v[r];
    }

    /** Java's own arithmetic at each width: byte/short/int/long wrap, as the IR says. */
    private static long mul(IrType t, long a, long b) {
        return switch (t) {
            case I8 -> (byte) ((byte) a * (byte) b);
            case I16 -> (short) ((short) a * (short) b);
            case I32 -> (int) a * (int) b;
            default -> a * b;
        };
    }

    /** An integer of type {@code t} as the result register holds it: sign-extended from its width. */
    static long norm(IrType t, long bits) {
        return switch (t) {
            case I8 -> (byte) bits;
            case I16 -> (short) bits;
            case I32 -> (int) bits;
            case F32 -> bits & 0xFFFF_FFFFL;
            default -> bits;
        };
    }

    private static float f32(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static long f32(float v) {
        return Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long f64(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
