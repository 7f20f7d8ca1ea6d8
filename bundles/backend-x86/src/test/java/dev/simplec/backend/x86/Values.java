package dev.simplec.backend.x86;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;

/** Interesting values of each IR type: bounds, zeros, signs, NaNs and infinities, and random ones. */
final class Values {
    private Values() {
    }

    static final long[] INT_EDGES = {0, 1, -1, 2, -2, 7, 8, 31, 32, 63, 64, 127, 128, 255, 256, 0x7FFF, 0x8000, 0xFFFF,
        0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, Long.MAX_VALUE, Long.MIN_VALUE, 0x1234_5678_9ABC_DEF0L, -1000, 1000};

    static final double[] F64_EDGES = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, -2.5, 3.75, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 0x1p31, -0x1p31, 0x1p63, -0x1p63, 0x1p64, 0x1p53 + 1,
        2147483647.5, -2147483648.9, 4294967295.9, 1e300, -1e-300, 255.9, -128.5, 65535.5, 32767.9};

    static final float[] F32_EDGES = {0f, -0f, 1f, -1f, 0.5f, 1.5f, -2.5f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, 0x1p31f, -0x1p31f, 0x1p63f, -0x1p63f, 0x1p64f, 255.9f, -128.5f,
        65535.5f, 3e38f, 1e-38f};

    static List<IrValue> of(IrType t, Random rnd, int randoms) {
        List<IrValue> out = new ArrayList<>();
        if (t.isVector()) {
            for (int i = 0; i < randoms + 4; i++) {
                long[] lanes = new long[t.lanes()];
                for (int k = 0; k < lanes.length; k++) {
                    lanes[k] = scalar(t.lane(), rnd);
                }
                out.add(new IrValue(t, lanes));
            }
            return out;
        }
        if (t == IrType.F64) {
            for (double d : F64_EDGES) {
                out.add(IrValue.f64(d));
            }
            out.add(IrValue.of(t, 0xFFF0_0000_0000_0001L)); // a NaN with payload and sign
        } else if (t == IrType.F32) {
            for (float f : F32_EDGES) {
                out.add(IrValue.f32(f));
            }
            out.add(IrValue.of(t, 0xFF80_0001L));
        } else {
            for (long v : INT_EDGES) {
                out.add(IrValue.of(t, v));
            }
        }
        for (int i = 0; i < randoms; i++) {
            out.add(IrValue.of(t, scalar(t, rnd)));
        }
        return out;
    }

    /** A random scalar: uniform bits, small numbers, or (floats) a random edge. */
    static long scalar(IrType t, Random rnd) {
        switch (rnd.nextInt(4)) {
            case 0 -> {
                return rnd.nextLong();
            }
            case 1 -> {
                if (t == IrType.F64) {
                    return Double.doubleToRawLongBits((rnd.nextInt(2001) - 1000) / 8.0);
                }
                if (t == IrType.F32) {
                    return Float.floatToRawIntBits((rnd.nextInt(2001) - 1000) / 8f) & 0xFFFF_FFFFL;
                }
                return rnd.nextInt(21) - 10;
            }
            case 2 -> {
                if (t == IrType.F64) {
                    return Double.doubleToRawLongBits(F64_EDGES[rnd.nextInt(F64_EDGES.length)]);
                }
                if (t == IrType.F32) {
                    return Float.floatToRawIntBits(F32_EDGES[rnd.nextInt(F32_EDGES.length)]) & 0xFFFF_FFFFL;
                }
                return INT_EDGES[rnd.nextInt(INT_EDGES.length)];
            }
            default -> {
                if (t == IrType.F64) {
                    return Double.doubleToRawLongBits(rnd.nextGaussian() * 1e6);
                }
                if (t == IrType.F32) {
                    return Float.floatToRawIntBits((float) (rnd.nextGaussian() * 1e4)) & 0xFFFF_FFFFL;
                }
                return rnd.nextInt();
            }
        }
    }
}
