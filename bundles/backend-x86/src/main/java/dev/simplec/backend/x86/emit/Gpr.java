package dev.simplec.backend.x86.emit;

/** The 16 general-purpose registers, in hardware encoding order. */
public enum Gpr {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15;

    private static final Gpr[] ALL = values();

    public int enc() {
        return ordinal();
    }

    /** Needs REX.R/X/B to be named. */
    public boolean high() {
        return ordinal() >= 8;
    }

    public static Gpr of(int enc) {
        return ALL[enc];
    }
}
