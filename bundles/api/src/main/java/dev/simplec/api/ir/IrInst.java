package dev.simplec.api.ir;

import java.util.Arrays;

import org.eclipse.jdt.annotation.Nullable;

/**
 * {@code dst = op.type(args…, imm)}. Values are numbered per function from 0; {@code dst} is
 * {@link #NO_VALUE} for an instruction that defines none. {@code dst2} is the second result of a
 * {@link IrOp#CALL} to a function returning two values, else {@link #NO_VALUE}.
 */
public record IrInst(IrOp op, IrType type, int dst, int[] args, long imm, int dst2) {
    public static final int NO_VALUE = -1;

    public IrInst {
        args = IntArrays.copy(args);
        if (op.arity() >= 0 && args.length != op.arity()) {
            throw new IllegalArgumentException(op + " takes " + op.arity() + " operands, got " + args.length);
        }
        if (dst2 != NO_VALUE && op != IrOp.CALL) {
            throw new IllegalArgumentException("only CALL defines a second value");
        }
    }

    public IrInst(IrOp op, IrType type, int dst, int[] args, long imm) {
        this(op, type, dst, args, imm, NO_VALUE);
    }

    public int arg(int i) {
        return args[i];
    }

    /** The operands themselves, not a copy: for this package's readers (verifier, printer), which never change them. */
    int[] argsShared() {
        return args;
    }

    public int argCount() {
        return args.length;
    }

    @Override
    public int[] args() {
        return IntArrays.copy(args);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof IrInst other && op == other.op && type == other.type && dst == other.dst
                && dst2 == other.dst2 && imm == other.imm && Arrays.equals(args, other.args);
    }

    @Override
    public int hashCode() {
        return ((op.hashCode() * 31 + type.hashCode()) * 31 + dst) * 31 + Arrays.hashCode(args) + Long.hashCode(imm) + dst2;
    }

    @Override
    public String toString() {
        return IrPrinter.inst(this);
    }
}
