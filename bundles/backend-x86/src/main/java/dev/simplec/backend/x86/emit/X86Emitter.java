package dev.simplec.backend.x86.emit;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.AllocatedFunction;
import dev.simplec.api.codegen.MBlock;
import dev.simplec.api.codegen.MInst;
import dev.simplec.backend.x86.abi.X86FrameLayout;
import dev.simplec.backend.x86.targ.X86Op;
import dev.simplec.backend.x86.targ.X86Target;

/** Turns an allocated function into bytes: prologue, each machine instruction, an epilogue at every return. */
public final class X86Emitter {
    private final X86Assembler a;
    private final X86FrameLayout frame;

    private X86Emitter(X86Assembler a, X86FrameLayout frame) {
        this.a = a;
        this.frame = frame;
    }

    public static void emit(X86Assembler a, AllocatedFunction fn) {
        List<Gpr> saved = new ArrayList<>();
        for (int r : fn.calleeSaved()) {
            saved.add(X86Target.toGpr(r));
        }
        X86Emitter e = new X86Emitter(a, new X86FrameLayout(saved, fn.spillSlots()));
        e.prologue();
        for (MBlock b : fn.code().blocks()) {
            for (MInst inst : b.insts()) {
                e.inst(inst);
            }
        }
    }

    private void prologue() {
        for (Gpr g : frame.saved()) {
            a.push(g);
        }
        if (frame.localBytes() > 0) {
            a.sub64RI(Gpr.RSP, frame.localBytes());
        }
    }

    private void epilogue() {
        if (frame.localBytes() > 0) {
            a.add64RI(Gpr.RSP, frame.localBytes());
        }
        for (int i = frame.saved().size() - 1; i >= 0; i--) {
            a.pop(frame.saved().get(i));
        }
        a.ret();
    }

    private void inst(MInst i) {
        X86Op op = (X86Op) i.op();
        switch (op) {
            case MOV -> a.mov64RR(g(i, 0), g(i, 1));
            case MOVAPS -> a.movaps(x(i, 0), x(i, 1));
            case MOV_IMM -> movImm(g(i, 0), i.imm());
            case ADD64, ADD32 -> add(op == X86Op.ADD64, g(i, 0), g(i, 1), g(i, 2));
            case SUB64 -> a.sub64RR(g(i, 0), g(i, 1));
            case SUB32 -> a.sub32RR(g(i, 0), g(i, 1));
            case IMUL64 -> a.imul64RR(g(i, 0), g(i, 1));
            case IMUL32 -> a.imul32RR(g(i, 0), g(i, 1));
            case ADDSD -> a.addsd(x(i, 0), x(i, 1));
            case SUBSD -> a.subsd(x(i, 0), x(i, 1));
            case MULSD -> a.mulsd(x(i, 0), x(i, 1));
            case ADDSS -> a.addss(x(i, 0), x(i, 1));
            case SUBSS -> a.subss(x(i, 0), x(i, 1));
            case MULSS -> a.mulss(x(i, 0), x(i, 1));
            case MOVQ_TO_XMM -> a.movqXR(x(i, 0), g(i, 1));
            case MOVD_TO_XMM -> a.movdXR(x(i, 0), g(i, 1));
            case MOVSX8 -> a.movsx64R8(g(i, 0), g(i, 1));
            case MOVSX16 -> a.movsx64R16(g(i, 0), g(i, 1));
            case MOVSXD -> a.movsxd64R32(g(i, 0), g(i, 1));
            case LOAD_ARG64 -> a.mov64RM(g(i, 0), Gpr.RSP, frame.argOffset((int) i.imm()));
            case LOAD_ARG_SD -> a.movsdRM(x(i, 0), Gpr.RSP, frame.argOffset((int) i.imm()));
            case SPILL_LOAD64 -> a.mov64RM(g(i, 0), Gpr.RSP, frame.spillOffset((int) i.imm()));
            case SPILL_STORE64 -> a.mov64MR(Gpr.RSP, frame.spillOffset((int) i.imm()), g(i, 0));
            case SPILL_LOAD_SD -> a.movsdRM(x(i, 0), Gpr.RSP, frame.spillOffset((int) i.imm()));
            case SPILL_STORE_SD -> a.movsdMR(Gpr.RSP, frame.spillOffset((int) i.imm()), x(i, 0));
            case RET -> epilogue();
            default -> throw new SimplecException(ErrorKind.INTERNAL, "x86_64: no encoding for " + i);
        }
    }

    /** The shortest {@code mov} for a 64-bit constant. */
    private void movImm(Gpr d, long imm) {
        if (imm >>> 32 == 0) {
            a.mov32RI(d, (int) imm);
        } else if (imm == (int) imm) {
            a.mov64RI(d, (int) imm);
        } else {
            a.movabs(d, imm);
        }
    }

    /** {@code add} when the destination is one of the operands, else {@code lea}. */
    private void add(boolean wide, Gpr d, Gpr l, Gpr r) {
        if (d == l || d == r) {
            Gpr other = d == l ? r : l;
            if (wide) {
                a.add64RR(d, other);
            } else {
                a.add32RR(d, other);
            }
        } else if (wide) {
            a.lea64(d, l, r);
        } else {
            a.lea32(d, l, r);
        }
    }

    private static Gpr g(MInst i, int k) {
        return X86Target.toGpr(i.reg(k));
    }

    private static Xmm x(MInst i, int k) {
        return X86Target.toXmm(i.reg(k));
    }
}
