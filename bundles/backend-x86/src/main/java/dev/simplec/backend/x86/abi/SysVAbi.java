package dev.simplec.backend.x86.abi;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.codegen.ArgLocation;
import dev.simplec.api.ir.IrType;
import dev.simplec.backend.x86.emit.Gpr;
import dev.simplec.backend.x86.emit.Xmm;
import dev.simplec.backend.x86.targ.X86Target;

/**
 * The System V AMD64 calling convention for scalars: integers in rdi, rsi, rdx, rcx, r8, r9;
 * floats in xmm0–xmm7; the rest on the stack in parameter order, one 8-byte slot each, the first
 * at {@code [rsp+8]} on entry. Results in rax or xmm0. rbx, rbp, r12–r15 are callee-saved; no
 * xmm register is.
 */
public final class SysVAbi {
    public static final List<Gpr> INT_ARGS = List.of(Gpr.RDI, Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9);
    public static final List<Xmm> FLOAT_ARGS = List.of(Xmm.XMM0, Xmm.XMM1, Xmm.XMM2, Xmm.XMM3, Xmm.XMM4, Xmm.XMM5, Xmm.XMM6, Xmm.XMM7);
    public static final int STACK_SLOT = 8;

    private SysVAbi() {
    }

    /** Where each parameter arrives; stack offsets count from the first stack argument. */
    public static List<ArgLocation> params(List<IrType> params) {
        List<ArgLocation> out = new ArrayList<>(params.size());
        int ints = 0;
        int floats = 0;
        int stack = 0;
        for (IrType t : params) {
            if (t.isFloat() && floats < FLOAT_ARGS.size()) {
                out.add(new ArgLocation.InReg(X86Target.xmm(FLOAT_ARGS.get(floats++))));
            } else if (t.isInt() && ints < INT_ARGS.size()) {
                out.add(new ArgLocation.InReg(X86Target.gpr(INT_ARGS.get(ints++))));
            } else {
                out.add(new ArgLocation.OnStack(stack));
                stack += STACK_SLOT;
            }
        }
        return out;
    }

    /** The register a result of type {@code t} is returned in. */
    public static int returnReg(IrType t) {
        return t.isFloat() ? X86Target.xmm(Xmm.XMM0) : X86Target.gpr(Gpr.RAX);
    }

    public static boolean isCalleeSaved(Gpr g) {
        return switch (g) {
            case RBX, RBP, RSP, R12, R13, R14, R15 -> true;
            default -> false;
        };
    }
}
