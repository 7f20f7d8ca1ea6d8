package dev.simplec.backend.arm.emit;

/**
 * The general-purpose registers x0–x30, plus the two meanings of encoding 31: the stack pointer
 * and the zero register. Which one an instruction means is fixed by its form; the assembler
 * rejects the wrong one.
 */
public enum Gpr {
    X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15,
    X16, X17, X18, X19, X20, X21, X22, X23, X24, X25, X26, X27, X28, X29, X30, SP, XZR;

    private static final Gpr[] ALL = values();

    public int enc() {
        return this == XZR ? 31 : ordinal();
    }

    public static Gpr of(int enc) {
        return ALL[enc];
    }
}
