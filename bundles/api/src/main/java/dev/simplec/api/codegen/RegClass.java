package dev.simplec.api.codegen;

import dev.simplec.api.ir.IrType;

/** Which register file a value lives in. */
public enum RegClass {
    /** General-purpose registers: integers, bools, pointers. */
    INT,
    /** Floating-point / SIMD registers: float scalars and every vector (integer vectors too). */
    FLOAT;

    public static RegClass of(IrType type) {
        return type.isFloat() || type.isVector() ? FLOAT : INT;
    }

    /** Bytes a spill slot for a value of {@code type} needs: 8 for scalars, 16 or 32 for vectors. */
    public static int spillBytes(IrType type) {
        return Math.max(8, type.bytes());
    }
}
