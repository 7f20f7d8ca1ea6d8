package dev.simplec.backend.arm.emit;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.AllocatedFunction;
import dev.simplec.api.codegen.MBlock;
import dev.simplec.api.codegen.MInst;
import dev.simplec.api.codegen.RegClass;
import dev.simplec.backend.arm.abi.Arm64FrameLayout;
import dev.simplec.backend.arm.targ.Arm64Op;
import dev.simplec.backend.arm.targ.Arm64Target;

/** Turns an allocated function into words: prologue, each machine instruction, an epilogue at every return. */
public final class Arm64Emitter {
    private final Arm64Assembler a;
    private final Arm64FrameLayout frame;

    private Arm64Emitter(Arm64Assembler a, Arm64FrameLayout frame) {
        this.a = a;
        this.frame = frame;
    }

    public static void emit(Arm64Assembler a, AllocatedFunction fn) {
        Arm64Emitter e = new Arm64Emitter(a, new Arm64FrameLayout(fn.calleeSaved(), fn.spillSlots()));
        e.prologue();
        for (MBlock b : fn.code().blocks()) {
            for (MInst inst : b.insts()) {
                e.inst(inst);
            }
        }
    }

    private void prologue() {
        if (!frame.hasFrame()) {
            return;
        }
        a.stp64Pre(Gpr.X29, Gpr.X30, Gpr.SP, -16);
        a.add64RI(Gpr.X29, Gpr.SP, 0);
        if (frame.localBytes() > 0) {
            a.sub64RI(Gpr.SP, Gpr.SP, frame.localBytes());
        }
        for (int i = 0; i < frame.saved().size(); i++) {
            int r = frame.saved().get(i);
            if (Arm64Target.INSTANCE.regClass(r) == RegClass.INT) {
                a.str64(Arm64Target.toGpr(r), Gpr.SP, frame.savedOffset(i));
            } else {
                a.strD(Arm64Target.toFpr(r), Gpr.SP, frame.savedOffset(i));
            }
        }
    }

    private void epilogue() {
        if (frame.hasFrame()) {
            for (int i = 0; i < frame.saved().size(); i++) {
                int r = frame.saved().get(i);
                if (Arm64Target.INSTANCE.regClass(r) == RegClass.INT) {
                    a.ldr64(Arm64Target.toGpr(r), Gpr.SP, frame.savedOffset(i));
                } else {
                    a.ldrD(Arm64Target.toFpr(r), Gpr.SP, frame.savedOffset(i));
                }
            }
            a.add64RI(Gpr.SP, Gpr.X29, 0);
            a.ldp64Post(Gpr.X29, Gpr.X30, Gpr.SP, 16);
        }
        a.ret();
    }

    private void inst(MInst i) {
        Arm64Op op = (Arm64Op) i.op();
        switch (op) {
            case MOV -> a.mov64RR(g(i, 0), g(i, 1));
            case FMOV -> a.fmovD(v(i, 0), v(i, 1));
            case MOV_IMM64 -> movImm(g(i, 0), i.imm(), 64);
            case MOV_IMM32 -> movImm(g(i, 0), i.imm() & 0xFFFF_FFFFL, 32);
            case ADD64 -> a.add64RRR(g(i, 0), g(i, 1), g(i, 2));
            case ADD32 -> a.add32RRR(g(i, 0), g(i, 1), g(i, 2));
            case SUB64 -> a.sub64RRR(g(i, 0), g(i, 1), g(i, 2));
            case SUB32 -> a.sub32RRR(g(i, 0), g(i, 1), g(i, 2));
            case MUL64 -> a.mul64RRR(g(i, 0), g(i, 1), g(i, 2));
            case MUL32 -> a.mul32RRR(g(i, 0), g(i, 1), g(i, 2));
            case FADD_D -> a.faddD(v(i, 0), v(i, 1), v(i, 2));
            case FSUB_D -> a.fsubD(v(i, 0), v(i, 1), v(i, 2));
            case FMUL_D -> a.fmulD(v(i, 0), v(i, 1), v(i, 2));
            case FADD_S -> a.faddS(v(i, 0), v(i, 1), v(i, 2));
            case FSUB_S -> a.fsubS(v(i, 0), v(i, 1), v(i, 2));
            case FMUL_S -> a.fmulS(v(i, 0), v(i, 1), v(i, 2));
            case FMOV_D_X -> a.fmovDX(v(i, 0), g(i, 1));
            case FMOV_S_W -> a.fmovSW(v(i, 0), g(i, 1));
            case SXTB -> a.sxtb64(g(i, 0), g(i, 1));
            case SXTH -> a.sxth64(g(i, 0), g(i, 1));
            case SXTW -> a.sxtw64(g(i, 0), g(i, 1));
            case LOAD_ARG64 -> a.ldr64(g(i, 0), frame.argBase(), frame.argOffset((int) i.imm()));
            case LOAD_ARG_D -> a.ldrD(v(i, 0), frame.argBase(), frame.argOffset((int) i.imm()));
            case SPILL_LOAD64 -> a.ldr64(g(i, 0), Gpr.SP, frame.spillOffset((int) i.imm()));
            case SPILL_STORE64 -> a.str64(g(i, 0), Gpr.SP, frame.spillOffset((int) i.imm()));
            case SPILL_LOAD_D -> a.ldrD(v(i, 0), Gpr.SP, frame.spillOffset((int) i.imm()));
            case SPILL_STORE_D -> a.strD(v(i, 0), Gpr.SP, frame.spillOffset((int) i.imm()));
            case RET -> epilogue();
            default -> throw new SimplecException(ErrorKind.INTERNAL, "aarch64: no encoding for " + i);
        }
    }

    /**
     * The shortest movz/movn + movk sequence for a {@code width}-bit constant: start from all zeros
     * (movz) or all ones (movn), whichever leaves fewer 16-bit chunks to patch with movk.
     */
    private void movImm(Gpr d, long imm, int width) {
        int chunks = width / 16;
        int zeros = 0;
        int ones = 0;
        for (int k = 0; k < chunks; k++) {
            int c = chunk(imm, k);
            zeros += c == 0 ? 1 : 0;
            ones += c == 0xFFFF ? 1 : 0;
        }
        boolean inverted = ones > zeros;
        int fill = inverted ? 0xFFFF : 0;
        boolean first = true;
        for (int k = 0; k < chunks; k++) {
            int c = chunk(imm, k);
            if (c == fill) {
                continue;
            }
            if (first) {
                wide(d, inverted ? ~c & 0xFFFF : c, 16 * k, width, inverted ? 'n' : 'z');
                first = false;
            } else {
                wide(d, c, 16 * k, width, 'k');
            }
        }
        if (first) { // every chunk is the fill value
            wide(d, 0, 0, width, inverted ? 'n' : 'z');
        }
    }

    private void wide(Gpr d, int imm16, int shift, int width, char kind) {
        switch (kind) {
            case 'z' -> {
                if (width == 64) {
                    a.movz64(d, imm16, shift);
                } else {
                    a.movz32(d, imm16, shift);
                }
            }
            case 'n' -> {
                if (width == 64) {
                    a.movn64(d, imm16, shift);
                } else {
                    a.movn32(d, imm16, shift);
                }
            }
            default -> {
                if (width == 64) {
                    a.movk64(d, imm16, shift);
                } else {
                    a.movk32(d, imm16, shift);
                }
            }
        }
    }

    private static int chunk(long imm, int k) {
        return (int) (imm >>> (16 * k)) & 0xFFFF;
    }

    private static Gpr g(MInst i, int k) {
        return Arm64Target.toGpr(i.reg(k));
    }

    private static Fpr v(MInst i, int k) {
        return Arm64Target.toFpr(i.reg(k));
    }
}
