package dev.simplec.api.ir;

/**
 * IR operations. Each {@link IrInst} applies one to its operands and defines at most one value.
 * Operand counts are fixed per op ({@link #arity()}); {@code imm} carries the constant operand.
 */
public enum IrOp {
    /** The value parameter number {@code imm} of the function. */
    PARAM(0),
    /** An integer constant: {@code imm}, truncated to the instruction's type. */
    ICONST(0),
    /** A float constant: {@code imm} holds the IEEE bits ({@code Float.floatToRawIntBits} for F32). */
    FCONST(0),
    /** Copy of operand 0. */
    COPY(1),
    /** Wrapping integer addition. */
    ADD(2),
    /** Wrapping integer subtraction. */
    SUB(2),
    /** Wrapping integer multiplication (the low bits of the product: the same for signed and unsigned). */
    MUL(2),
    /** IEEE addition. */
    FADD(2),
    /** IEEE subtraction. */
    FSUB(2),
    /** IEEE multiplication. */
    FMUL(2);

    private final int arity;

    IrOp(int arity) {
        this.arity = arity;
    }

    public int arity() {
        return arity;
    }
}
