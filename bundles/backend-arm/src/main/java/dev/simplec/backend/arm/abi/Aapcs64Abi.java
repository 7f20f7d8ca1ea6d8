package dev.simplec.backend.arm.abi;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.codegen.ArgLocation;
import dev.simplec.api.ir.IrType;
import dev.simplec.backend.arm.emit.Fpr;
import dev.simplec.backend.arm.emit.Gpr;
import dev.simplec.backend.arm.targ.Arm64Target;

/**
 * The AAPCS64 calling convention (Linux flavour) for scalars: integers in x0–x7, floats in
 * v0–v7; the rest on the stack in parameter order, one 8-byte slot each (narrow values in the
 * low bytes), the first at {@code [sp]} on entry. Results in x0 or v0. x19–x28 (and the frame
 * pair x29/x30) and the low 64 bits of v8–v15 are callee-saved.
 */
public final class Aapcs64Abi {
    public static final List<Gpr> INT_ARGS = List.of(Gpr.X0, Gpr.X1, Gpr.X2, Gpr.X3, Gpr.X4, Gpr.X5, Gpr.X6, Gpr.X7);
    public static final List<Fpr> FLOAT_ARGS = List.of(Fpr.V0, Fpr.V1, Fpr.V2, Fpr.V3, Fpr.V4, Fpr.V5, Fpr.V6, Fpr.V7);
    public static final int STACK_SLOT = 8;

    private Aapcs64Abi() {
    }

    /** Where each parameter arrives; stack offsets count from the first stack argument. */
    public static List<ArgLocation> params(List<IrType> params) {
        List<ArgLocation> out = new ArrayList<>(params.size());
        int ints = 0;
        int floats = 0;
        int stack = 0;
        for (IrType t : params) {
            if (t.isFloat() && floats < FLOAT_ARGS.size()) {
                out.add(new ArgLocation.InReg(Arm64Target.fpr(FLOAT_ARGS.get(floats++))));
            } else if (t.isInt() && ints < INT_ARGS.size()) {
                out.add(new ArgLocation.InReg(Arm64Target.gpr(INT_ARGS.get(ints++))));
            } else {
                out.add(new ArgLocation.OnStack(stack));
                stack += STACK_SLOT;
            }
        }
        return out;
    }

    /** The register a result of type {@code t} is returned in. */
    public static int returnReg(IrType t) {
        return t.isFloat() ? Arm64Target.fpr(Fpr.V0) : Arm64Target.gpr(Gpr.X0);
    }

    public static boolean isCalleeSaved(Gpr g) {
        return g.ordinal() >= Gpr.X19.ordinal() && g.ordinal() <= Gpr.X30.ordinal();
    }

    public static boolean isCalleeSaved(Fpr v) {
        return v.enc() >= 8 && v.enc() <= 15;
    }
}
