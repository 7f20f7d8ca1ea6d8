package dev.simplec.backend.arm.abi;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.ArgLocation;
import dev.simplec.api.ir.IrType;
import dev.simplec.backend.arm.emit.Fpr;
import dev.simplec.backend.arm.emit.Gpr;
import dev.simplec.backend.arm.targ.Arm64Target;

/**
 * The AAPCS64 calling convention (Linux flavour) for every IR type.
 * <ul>
 * <li>Integers (and addresses: slices' data and length, structs by pointer, function pointers)
 * in x0–x7; floats and 128-bit vectors in v0–v7 (s, d or q); the rest on the stack in parameter
 * order, each in an 8-byte slot (narrow values in the low bytes), a vector in a 16-byte-aligned
 * 16-byte slot; the first slot at {@code [sp]} on entry.</li>
 * <li>A 256-bit vector is a pair of 128-bit halves, passed and returned exactly like the C
 * struct {@code {float32x4_t lo, hi;}} (a homogeneous short-vector aggregate): in two consecutive
 * v registers, or when fewer than two are left, on the stack (16-byte aligned, 32 bytes) and no
 * later vector or float takes a register.</li>
 * <li>Results: an integer in x0, a float or 128-bit vector in v0, a 256-bit vector in v0, v1. Two
 * results are returned as the C struct of the two: two floats of one type (an HFA) in s0, s1 or
 * d0, d1; two 128-bit vectors of one type in v0, v1; any other pair of scalars as the struct's
 * bytes in x0 (bytes 0–7) and x1 (bytes 8–15), each member at its C offset — {@code {i32, i32}}
 * packs into x0, {@code {i64, f64}} takes x0 and x1.</li>
 * <li>x19–x28 (and the frame pair x29/x30) and the low 64 bits of v8–v15 are callee-saved.</li>
 * </ul>
 */
public final class Aapcs64Abi {
    public static final List<Gpr> INT_ARGS = List.of(Gpr.X0, Gpr.X1, Gpr.X2, Gpr.X3, Gpr.X4, Gpr.X5, Gpr.X6, Gpr.X7);
    public static final List<Fpr> FLOAT_ARGS = List.of(Fpr.V0, Fpr.V1, Fpr.V2, Fpr.V3, Fpr.V4, Fpr.V5, Fpr.V6, Fpr.V7);
    public static final int STACK_SLOT = 8;

    /** One register holding (part of) a result: {@code width} bits at bit {@code lsb} of {@code reg}. */
    public record ResultPart(int value, int part, int reg, int lsb, int width) {
    }

    private Aapcs64Abi() {
    }

    /** How many registers a value of {@code t} takes: two for a 256-bit vector, else one. */
    public static int parts(IrType t) {
        return t.bits() > 128 ? 2 : 1;
    }

    /** Where each parameter arrives, one location per part; stack offsets count from the first stack argument. */
    public static List<List<ArgLocation>> params(List<IrType> params) {
        List<List<ArgLocation>> out = new ArrayList<>(params.size());
        int ints = 0;
        int floats = 0;
        int stack = 0;
        for (IrType t : params) {
            List<ArgLocation> locs = new ArrayList<>(2);
            if (t.isInt() && !t.isVector()) {
                if (ints < INT_ARGS.size()) {
                    locs.add(new ArgLocation.InReg(Arm64Target.gpr(INT_ARGS.get(ints++))));
                } else {
                    locs.add(new ArgLocation.OnStack(stack));
                    stack += STACK_SLOT;
                }
            } else if (floats + parts(t) <= FLOAT_ARGS.size()) {
                for (int p = 0; p < parts(t); p++) {
                    locs.add(new ArgLocation.InReg(Arm64Target.fpr(FLOAT_ARGS.get(floats++))));
                }
            } else {
                floats = FLOAT_ARGS.size(); // an aggregate that does not fit closes the vector registers
                int size = t.isVector() ? 16 : STACK_SLOT;
                stack = (stack + size - 1) / size * size;
                for (int p = 0; p < parts(t); p++) {
                    locs.add(new ArgLocation.OnStack(stack));
                    stack += size;
                }
            }
            out.add(locs);
        }
        return out;
    }

    /** Bytes of stack arguments a call with these parameters needs, rounded up to 16. */
    public static int stackBytes(List<List<ArgLocation>> locations) {
        int end = 0;
        for (List<ArgLocation> locs : locations) {
            for (ArgLocation l : locs) {
                if (l instanceof ArgLocation.OnStack s) {
                    end = Math.max(end, s.offset() + 16);
                }
            }
        }
        return (end + 15) / 16 * 16;
    }

    /** Where the results go (in the callee) or come from (in the caller). */
    public static List<ResultPart> results(List<IrType> returns) {
        List<ResultPart> out = new ArrayList<>();
        int x0 = Arm64Target.gpr(Gpr.X0);
        int v0 = Arm64Target.fpr(Fpr.V0);
        if (returns.size() == 1) {
            IrType t = returns.get(0);
            if (t.isInt() && !t.isVector()) {
                out.add(new ResultPart(0, 0, x0, 0, t.bits()));
            } else {
                for (int p = 0; p < parts(t); p++) {
                    out.add(new ResultPart(0, p, v0 + p, 0, Math.min(t.bits(), 128)));
                }
            }
        } else if (returns.size() == 2) {
            IrType a = returns.get(0);
            IrType b = returns.get(1);
            if (a == b && (a.isFloat() || a.isVector()) && a.bits() <= 128) {
                out.add(new ResultPart(0, 0, v0, 0, a.bits()));
                out.add(new ResultPart(1, 0, v0 + 1, 0, b.bits()));
            } else if (!a.isVector() && !b.isVector()) {
                int offB = (a.bytes() + b.bytes() - 1) / b.bytes() * b.bytes();
                out.add(new ResultPart(0, 0, x0, 0, a.bits()));
                out.add(new ResultPart(1, 0, x0 + offB / 8, offB % 8 * 8, b.bits()));
            } else {
                throw new SimplecException(ErrorKind.UNSUPPORTED, "aarch64: a tuple of " + a.text() + " and " + b.text()
                        + " would be returned in memory; tuples of two scalars or two equal 128-bit vectors are supported");
            }
        }
        return out;
    }

    public static boolean isCalleeSaved(Gpr g) {
        return g.ordinal() >= Gpr.X19.ordinal() && g.ordinal() <= Gpr.X30.ordinal();
    }

    public static boolean isCalleeSaved(Fpr v) {
        return v.enc() >= 8 && v.enc() <= 15;
    }
}
