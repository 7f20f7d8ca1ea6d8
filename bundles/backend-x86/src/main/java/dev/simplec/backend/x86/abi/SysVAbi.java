package dev.simplec.backend.x86.abi;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.ArgLocation;
import dev.simplec.api.ir.IrType;
import dev.simplec.backend.x86.emit.Gpr;
import dev.simplec.backend.x86.emit.Xmm;
import dev.simplec.backend.x86.targ.X86Target;

/**
 * The System V AMD64 calling convention: integers in rdi, rsi, rdx, rcx, r8, r9; floats and
 * vectors ({@code __m128} in xmm, {@code __m256} in ymm) in xmm0–xmm7; the rest on the stack in
 * parameter order, 8-byte slots (16 for a 128-bit vector, 16-byte aligned), the first at
 * {@code [rsp+8]} on entry. Results in rax / xmm0 (ymm0); a tuple of two scalars is returned as
 * the C struct of them, classified per eightbyte ({@link #returns}). rbx, rbp, r12–r15 are
 * callee-saved; no xmm register is.
 */
public final class SysVAbi {
    public static final List<Gpr> INT_ARGS = List.of(Gpr.RDI, Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9);
    public static final List<Xmm> FLOAT_ARGS = List.of(Xmm.XMM0, Xmm.XMM1, Xmm.XMM2, Xmm.XMM3, Xmm.XMM4, Xmm.XMM5, Xmm.XMM6, Xmm.XMM7);
    public static final int STACK_SLOT = 8;

    /**
     * Where one returned value goes: register {@code reg}, at bit {@code shift} of it (two fields
     * packed into one eightbyte: {@code {i32, i32}} in rax, {@code {f32, f32}} in xmm0), and
     * whether that register holds other fields too.
     */
    public record ResultPart(int reg, int shift, boolean packed) {
    }

    private SysVAbi() {
    }

    /** Where each parameter arrives; stack offsets count from the first stack argument. */
    public static List<ArgLocation> params(List<IrType> params) {
        List<ArgLocation> out = new ArrayList<>(params.size());
        int ints = 0;
        int floats = 0;
        int stack = 0;
        for (IrType t : params) {
            boolean sse = t.isFloat() || t.isVector();
            if (sse && floats < FLOAT_ARGS.size()) {
                out.add(new ArgLocation.InReg(X86Target.xmm(FLOAT_ARGS.get(floats++))));
            } else if (!sse && ints < INT_ARGS.size()) {
                out.add(new ArgLocation.InReg(X86Target.gpr(INT_ARGS.get(ints++))));
            } else if (t.bits() == 256) {
                throw new SimplecException(ErrorKind.UNSUPPORTED, "x86_64: a 256-bit vector parameter beyond xmm7 (on the stack)");
            } else {
                int size = Math.max(STACK_SLOT, t.bytes());
                stack = (stack + size - 1) / size * size;
                out.add(new ArgLocation.OnStack(stack));
                stack += size;
            }
        }
        return out;
    }

    /** Bytes of stack the parameters of {@code params} occupy (a multiple of 16). */
    public static int stackBytes(List<IrType> params) {
        int end = 0;
        List<ArgLocation> locs = params(params);
        for (int i = 0; i < locs.size(); i++) {
            if (locs.get(i) instanceof ArgLocation.OnStack s) {
                end = Math.max(end, s.offset() + Math.max(STACK_SLOT, params.get(i).bytes()));
            }
        }
        return (end + 15) / 16 * 16;
    }

    /**
     * Where each returned value goes. One value: rax, or xmm0 (ymm0) for floats and vectors. Two
     * values (a tuple): laid out as the C struct {@code {A a; B b;}}, each eightbyte of it INTEGER
     * (rax, then rdx) if it holds an integer, else SSE (xmm0, then xmm1); two fields in one
     * eightbyte share its register, the second shifted to its offset.
     */
    public static List<ResultPart> returns(List<IrType> types) {
        if (types.isEmpty()) {
            return List.of();
        }
        if (types.size() == 1) {
            IrType t = types.get(0);
            return List.of(new ResultPart(t.isFloat() || t.isVector() ? X86Target.xmm(Xmm.XMM0) : X86Target.gpr(Gpr.RAX), 0, false));
        }
        IrType a = types.get(0);
        IrType b = types.get(1);
        if (a.isVector() || b.isVector()) {
            throw new SimplecException(ErrorKind.UNSUPPORTED, "x86_64: a tuple of vectors is returned through memory, which is not supported");
        }
        int offB = (a.bytes() + b.bytes() - 1) / b.bytes() * b.bytes();
        int[] offsets = {0, offB};
        IrType[] fields = {a, b};
        // Class of each eightbyte: INTEGER if any integer field lies in it.
        boolean[] integer = new boolean[2];
        boolean[] used = new boolean[2];
        for (int i = 0; i < 2; i++) {
            int e = offsets[i] / 8;
            used[e] = true;
            integer[e] |= fields[i].isInt();
        }
        int[] reg = new int[2];
        int ints = 0;
        int sses = 0;
        for (int e = 0; e < 2; e++) {
            if (used[e]) {
                reg[e] = integer[e] ? X86Target.gpr(ints++ == 0 ? Gpr.RAX : Gpr.RDX) : X86Target.xmm(sses++ == 0 ? Xmm.XMM0 : Xmm.XMM1);
            }
        }
        boolean shared = offsets[0] / 8 == offsets[1] / 8;
        List<ResultPart> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int e = offsets[i] / 8;
            out.add(new ResultPart(reg[e], 8 * (offsets[i] % 8), shared));
        }
        return out;
    }

    public static boolean isCalleeSaved(Gpr g) {
        return switch (g) {
            case RBX, RBP, RSP, R12, R13, R14, R15 -> true;
            default -> false;
        };
    }
}
