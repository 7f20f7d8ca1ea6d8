package dev.simplec.api.ir;

/**
 * IR operations. An {@link IrInst} applies one to its operands ({@code args}) and its constant
 * ({@code imm}), and defines at most one value ({@code dst}; a call may define two). The
 * instruction's {@code type} is the type of its result, except where noted (comparisons and
 * stores give the operand type). Integer values are two's complement of the type's width;
 * arithmetic wraps. Floating point is IEEE 754, each operation rounded to nearest as written: no
 * fused multiply-add, no reassociation. A NaN never leaves generated code (through {@link #STORE}
 * or a return) as anything but the canonical quiet NaN ({@code 0x7fc00000}, {@code
 * 0x7ff8000000000000}). Vector operations act lane by lane. {@link IrInterpreter} is the
 * executable definition of every operation.
 */
public enum IrOp {
    // ---- values
    /** The function's value parameter number {@code imm}. */
    PARAM(0),
    /** An integer constant {@code imm}, truncated to the type. */
    ICONST(0),
    /** A float constant: {@code imm} holds the IEEE bits ({@code Float.floatToRawIntBits} for F32, zero-extended). */
    FCONST(0),
    /** Operand 0. */
    COPY(1),
    /** Operand 1 if operand 0 (an I8 bool) is non-zero, else operand 2. */
    SELECT(3),

    // ---- integer arithmetic (scalars and integer vectors)
    ADD(2),
    SUB(2),
    MUL(2),
    /** Signed division, rounding toward zero. The divisor is never 0 and never MIN / -1: lowering checks first. */
    SDIV(2),
    /** Unsigned division; the divisor is never 0. */
    UDIV(2),
    /** Signed remainder (sign of the dividend); same preconditions as SDIV. */
    SREM(2),
    /** Unsigned remainder; the divisor is never 0. */
    UREM(2),
    AND(2),
    OR(2),
    XOR(2),
    /** Shift left by operand 1 masked to the type's width minus one (scalars only). */
    SHL(2),
    /** Arithmetic shift right, amount masked like SHL. */
    SSHR(2),
    /** Logical shift right, amount masked like SHL. */
    USHR(2),

    // ---- float arithmetic (scalars and float vectors)
    FADD(2),
    FSUB(2),
    FMUL(2),
    FDIV(2),
    /** Flips the sign bit (also of NaN and zero). */
    FNEG(1),
    /** Clears the sign bit. */
    FABS(1),
    /** Correctly rounded square root. */
    FSQRT(1),
    /** {@code b is NaN || a < b ? a : b} — deterministic on every target (min(0.0, -0.0) is -0.0). */
    FMIN(2),
    /** {@code b is NaN || a > b ? a : b}. */
    FMAX(2),

    // ---- comparisons: type is the operand type; result is IrType.compareResult()
    EQ(2),
    NE(2),
    SLT(2),
    SLE(2),
    SGT(2),
    SGE(2),
    ULT(2),
    ULE(2),
    UGT(2),
    UGE(2),
    /** Ordered float comparisons: false when either operand is NaN. */
    FEQ(2),
    /** Unordered-or-not-equal: true when either operand is NaN, so that {@code x != x} finds NaN. */
    FNE(2),
    FLT(2),
    FLE(2),
    FGT(2),
    FGE(2),

    // ---- conversions: type is the result type; the operand's type is that of its definition
    /** Sign-extends a narrower integer. */
    SEXT(1),
    /** Zero-extends a narrower integer. */
    ZEXT(1),
    /** Keeps the low bits of a wider integer. */
    TRUNC(1),
    /** Signed integer to float, rounded to nearest. */
    SITOF(1),
    /** Unsigned integer to float, rounded to nearest. */
    UITOF(1),
    /** Float to signed integer: toward zero, saturating at the type's bounds, NaN gives 0. */
    FTOSI(1),
    /** Float to unsigned integer: toward zero, saturating at 0 and the type's maximum, NaN gives 0. */
    FTOUI(1),
    /** F32 to F64 (exact). */
    FPROMOTE(1),
    /** F64 to F32, rounded to nearest. */
    FDEMOTE(1),

    // ---- memory: addresses are I64; imm is a byte offset added to the address
    /** Loads a value of the instruction's type from {@code arg0 + imm} (little-endian, any alignment). */
    LOAD(1),
    /** Stores operand 1, of the instruction's type, at {@code arg0 + imm}; defines no value. */
    STORE(2),
    /** Address of the function's stack slot number {@code imm}, valid until the function returns. */
    STACK_ADDR(0),
    /** Address of the module's function number {@code imm}, callable from C as its signature says. */
    FUNC_ADDR(0),

    // ---- calls
    /** Calls the module's function number {@code imm} with the operands; dst (and dst2) take its results. */
    CALL(-1),
    /** Calls the C function at operand 0 with the other operands; at most one result. */
    CALL_INDIRECT(-1),

    // ---- SIMD
    /** A vector with every lane set to operand 0 (a scalar of the lane type). */
    SPLAT(1),
    /** Lane {@code imm} of operand 0; type is the lane type. */
    EXTRACT(1),
    /** The sum of the lanes of operand 0, added in lane order from lane 0; type is the lane type. */
    REDUCE_ADD(1);

    private final int arity;

    IrOp(int arity) {
        this.arity = arity;
    }

    /** The number of operands, or -1 for calls, which take any number. */
    public int arity() {
        return arity;
    }

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal() && ordinal() <= FGE.ordinal();
    }

    public boolean isConversion() {
        return ordinal() >= SEXT.ordinal() && ordinal() <= FDEMOTE.ordinal();
    }

    public boolean isCall() {
        return this == CALL || this == CALL_INDIRECT;
    }

    /** Operations on floats: their operands are floats (or float vectors). */
    public boolean isFloatOp() {
        return switch (this) {
            case FADD, FSUB, FMUL, FDIV, FNEG, FABS, FSQRT, FMIN, FMAX, FEQ, FNE, FLT, FLE, FGT, FGE -> true;
            default -> false;
        };
    }
}
