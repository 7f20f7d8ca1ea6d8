package dev.simplec.api.ir;

/**
 * The machine-level class of an IR value. Integers carry no sign: operations that care
 * (division, widening, comparison) say which they mean. {@code bool} is {@link #I8} holding 0 or 1.
 */
public enum IrType {
    I8(8, false),
    I16(16, false),
    I32(32, false),
    I64(64, false),
    F32(32, true),
    F64(64, true);

    private final int bits;
    private final boolean floating;

    IrType(int bits, boolean floating) {
        this.bits = bits;
        this.floating = floating;
    }

    public int bits() {
        return bits;
    }

    public boolean isFloat() {
        return floating;
    }

    public boolean isInt() {
        return !floating;
    }
}
