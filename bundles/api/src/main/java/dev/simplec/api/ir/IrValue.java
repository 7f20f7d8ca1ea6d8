package dev.simplec.api.ir;

import java.util.Arrays;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A value as {@link IrInterpreter} passes and returns it: the bits of each lane (a scalar has
 * one). Integer lanes are kept sign-extended from their width, whatever their signedness; float
 * lanes hold their IEEE bits (F32 in the low 32 bits).
 */
public record IrValue(IrType type, long[] lanes) {
    public IrValue {
        if (lanes.length != type.lanes()) {
            throw new IllegalArgumentException(type.text() + " has " + type.lanes() + " lanes, got " + lanes.length);
        }
        lanes = lanes.clone();
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = canonical(type.lane(), lanes[i]);
        }
    }

    public static IrValue of(IrType type, long... lanes) {
        return new IrValue(type, lanes);
    }

    public static IrValue i64(long v) {
        return of(IrType.I64, v);
    }

    public static IrValue i32(int v) {
        return of(IrType.I32, v);
    }

    public static IrValue bool(boolean v) {
        return of(IrType.I8, v ? 1 : 0);
    }

    public static IrValue f64(double v) {
        return of(IrType.F64, Double.doubleToRawLongBits(v));
    }

    public static IrValue f32(float v) {
        return of(IrType.F32, Float.floatToRawIntBits(v) & 0xffff_ffffL);
    }

    /** The only lane of a scalar (sign-extended for integers, IEEE bits for floats). */
    public long bits() {
        return lanes[0];
    }

    @Override
    public long[] lanes() {
        return lanes.clone();
    }

    public long lane(int i) {
        return lanes[i];
    }

    public double asDouble() {
        return Double.longBitsToDouble(lanes[0]);
    }

    public float asFloat() {
        return Float.intBitsToFloat((int) lanes[0]);
    }

    /** Integer lanes sign-extended from their width; float lanes masked to their width. */
    static long canonical(IrType lane, long bits) {
        int w = lane.bits();
        if (w == 64) {
            return bits;
        }
        return lane.isFloat() ? bits & ((1L << w) - 1) : (bits << (64 - w)) >> (64 - w);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof IrValue v && type == v.type && Arrays.equals(lanes, v.lanes);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(lanes);
    }

    /** {@code 42:i64}, {@code 1.5:f64}, {@code [1, 2, 3, 4]:i32x4}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type.isVector()) {
            sb.append('[');
        }
        for (int i = 0; i < lanes.length; i++) {
            sb.append(i == 0 ? "" : ", ");
            if (type.isFloat()) {
                sb.append(type.laneBits() == 32 ? Float.toString(Float.intBitsToFloat((int) lanes[i]))
                        : Double.toString(Double.longBitsToDouble(lanes[i])));
            } else {
                sb.append(lanes[i]);
            }
        }
        if (type.isVector()) {
            sb.append(']');
        }
        return sb.append(':').append(type.text()).toString();
    }
}
