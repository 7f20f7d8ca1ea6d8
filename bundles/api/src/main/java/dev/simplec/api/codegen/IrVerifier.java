package dev.simplec.api.codegen;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Checks the IR a backend is handed before instruction selection relies on it: each value defined
 * once and before its uses (in layout order), operand and result types consistent, parameters and
 * returns matching the signature. Failures are {@link ErrorKind#INVALID_INPUT} naming the function,
 * block and instruction.
 */
public final class IrVerifier {
    private IrVerifier() {
    }

    /** Verifies {@code f} and returns the type of every value (null for numbers never defined). */
    public static @Nullable IrType[] verify(IrFunction f) {
        @Nullable IrType[] types = new @Nullable IrType[f.valueCount()];
        if (f.blocks().isEmpty()) {
            throw error(f, "has no blocks");
        }
        for (int b = 0; b < f.blocks().size(); b++) {
            IrBlock block = f.blocks().get(b);
            for (IrInst inst : block.insts()) {
                String where = "b" + b + ": `" + inst + "`";
                for (int a : inst.args()) {
                    IrType t = a >= 0 && a < types.length ? types[a] : null;
                    if (t == null) {
                        throw error(f, where + ": v" + a + " is not defined before this use");
                    }
                    if (t != inst.type()) {
                        throw error(f, where + ": v" + a + " is " + lower(t) + ", expected " + lower(inst.type()));
                    }
                }
                checkOp(f, inst, where);
                int d = inst.dst();
                if (d < 0 || d >= types.length) {
                    throw error(f, where + ": result v" + d + " is outside 0.." + (types.length - 1));
                }
                if (types[d] != null) {
                    throw error(f, where + ": v" + d + " is defined twice");
                }
                types[d] = inst.type();
            }
            if (block.terminator() instanceof IrTerminator.Ret ret) {
                String where = "b" + b + ": `ret`";
                IrType want = f.ret();
                if (ret.value() == IrInst.NO_VALUE) {
                    if (want != null) {
                        throw error(f, where + ": returns nothing but the function returns " + lower(want));
                    }
                } else {
                    IrType t = ret.value() >= 0 && ret.value() < types.length ? types[ret.value()] : null;
                    if (t == null) {
                        throw error(f, where + ": v" + ret.value() + " is not defined before this use");
                    }
                    if (t != want) {
                        throw error(f, where + ": returns " + lower(t) + " but the function returns " + (want == null ? "nothing" : lower(want)));
                    }
                }
            }
        }
        return types;
    }

    private static void checkOp(IrFunction f, IrInst inst, String where) {
        switch (inst.op()) {
            case PARAM -> {
                long k = inst.imm();
                if (k < 0 || k >= f.params().size()) {
                    throw error(f, where + ": parameter " + k + " does not exist (" + f.params().size() + " parameters)");
                }
                if (f.params().get((int) k) != inst.type()) {
                    throw error(f, where + ": parameter " + k + " is " + lower(f.params().get((int) k)));
                }
            }
            case ICONST, ADD, SUB, MUL -> {
                if (!inst.type().isInt()) {
                    throw error(f, where + ": " + inst.op().name().toLowerCase() + " needs an integer type");
                }
            }
            case FCONST, FADD, FSUB, FMUL -> {
                if (!inst.type().isFloat()) {
                    throw error(f, where + ": " + inst.op().name().toLowerCase() + " needs a float type");
                }
            }
            case COPY -> { }
        }
    }

    private static String lower(IrType t) {
        return t.name().toLowerCase();
    }

    private static SimplecException error(IrFunction f, String message) {
        return new SimplecException(ErrorKind.INVALID_INPUT, "malformed IR: function " + f.name() + ": " + message);
    }
}
