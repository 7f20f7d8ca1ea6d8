package dev.simplec.api.codegen;

import dev.simplec.api.ir.IrType;

/** Which register file a value lives in. */
public enum RegClass {
    /** General-purpose registers: integers, bools, pointers. */
    INT,
    /** Floating-point / vector registers. */
    FLOAT;

    public static RegClass of(IrType type) {
        return type.isFloat() ? FLOAT : INT;
    }
}
