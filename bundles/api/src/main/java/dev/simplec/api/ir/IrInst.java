package dev.simplec.api.ir;

import java.util.Arrays;

import org.eclipse.jdt.annotation.Nullable;

/**
 * {@code dst = op.type(args…, imm)}. Values are numbered per function from 0; {@code dst} is
 * {@link #NO_VALUE} for an instruction that defines none.
 */
public record IrInst(IrOp op, IrType type, int dst, int[] args, long imm) {
    public static final int NO_VALUE = -1;

    public IrInst {
        args = args.clone();
        if (args.length != op.arity()) {
            throw new IllegalArgumentException(op + " takes " + op.arity() + " operands, got " + args.length);
        }
    }

    public int arg(int i) {
        return args[i];
    }

    @Override
    public int[] args() {
        return args.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof IrInst other && op == other.op && type == other.type && dst == other.dst
                && imm == other.imm && Arrays.equals(args, other.args);
    }

    @Override
    public int hashCode() {
        return ((op.hashCode() * 31 + type.hashCode()) * 31 + dst) * 31 + Arrays.hashCode(args) + Long.hashCode(imm);
    }

    @Override
    public String toString() {
        return IrPrinter.inst(this);
    }
}
