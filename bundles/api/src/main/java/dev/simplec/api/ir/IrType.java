package dev.simplec.api.ir;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The machine-level class of an IR value: a scalar or a SIMD vector of 128 or 256 bits.
 * Integers carry no sign: operations that care (division, widening, comparison, conversion) say
 * which they mean. {@code bool} is {@link #I8} holding 0 or 1. Addresses are {@link #I64}.
 */
public enum IrType {
    I8(8, false, 1),
    I16(16, false, 1),
    I32(32, false, 1),
    I64(64, false, 1),
    F32(32, true, 1),
    F64(64, true, 1),
    I8X16(8, false, 16),
    I16X8(16, false, 8),
    I32X4(32, false, 4),
    I64X2(64, false, 2),
    F32X4(32, true, 4),
    F64X2(64, true, 2),
    I32X8(32, false, 8),
    I64X4(64, false, 4),
    F32X8(32, true, 8),
    F64X4(64, true, 4);

    private final int laneBits;
    private final boolean floating;
    private final int lanes;

    IrType(int laneBits, boolean floating, int lanes) {
        this.laneBits = laneBits;
        this.floating = floating;
        this.lanes = lanes;
    }

    /** Bits of the whole value: the lane width for scalars, 128 or 256 for vectors. */
    public int bits() {
        return laneBits * lanes;
    }

    /** Bytes the value occupies in memory. */
    public int bytes() {
        return bits() / 8;
    }

    public int laneBits() {
        return laneBits;
    }

    public int lanes() {
        return lanes;
    }

    public boolean isVector() {
        return lanes > 1;
    }

    /** A float scalar, or a vector of floats. */
    public boolean isFloat() {
        return floating;
    }

    /** An integer scalar, or a vector of integers. */
    public boolean isInt() {
        return !floating;
    }

    /** The type of one lane; a scalar is its own lane. */
    public IrType lane() {
        return scalar(laneBits, floating);
    }

    /**
     * What a comparison of two values of this type yields: {@link #I8} (0 or 1) for scalars, and
     * for vectors the integer vector of the same lane width with lanes all ones or all zeros.
     */
    public IrType compareResult() {
        return isVector() ? java.util.Objects.requireNonNull(vector(laneBits, false, lanes)) : I8;
    }

    public static IrType scalar(int bits, boolean floating) {
        // A switch, not a search: lowering asks this for nearly every instruction it emits.
        switch (bits) {
            case 8:
                return floating ? fail(bits, true) : I8;
            case 16:
                return floating ? fail(bits, true) : I16;
            case 32:
                return floating ? F32 : I32;
            case 64:
                return floating ? F64 : I64;
            default:
                return fail(bits, floating);
        }
    }

    private static IrType fail(int bits, boolean floating) {
        throw new IllegalArgumentException("no scalar IR type of " + bits + " bits" + (floating ? " (float)" : ""));
    }

    /** The vector type with these lanes, or null when the IR has none (e.g. 512 bits). */
    public static @Nullable IrType vector(int laneBits, boolean floating, int lanes) {
        // Lowering asks this for every SIMD instruction: a switch and one comparison, not a search.
        IrType t = switch (laneBits) {
            case 8 -> floating ? null : I8X16;
            case 16 -> floating ? null : I16X8;
            case 32 -> lanes == 8 ? (floating ? F32X8 : I32X8) : (floating ? F32X4 : I32X4);
            case 64 -> lanes == 4 ? (floating ? F64X4 : I64X4) : (floating ? F64X2 : I64X2);
            default -> null;
        };
        return t != null && t.lanes == lanes ? t : null;
    }

    /** Lower-case name as the IR text form and messages print it: {@code i64}, {@code f32x4}. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
