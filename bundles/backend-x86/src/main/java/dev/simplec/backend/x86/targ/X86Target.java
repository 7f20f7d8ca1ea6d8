package dev.simplec.backend.x86.targ;

import dev.simplec.api.codegen.MInst;
import dev.simplec.api.codegen.RegClass;
import dev.simplec.api.codegen.TargetRegisters;
import dev.simplec.backend.x86.abi.SysVAbi;
import dev.simplec.backend.x86.emit.Gpr;
import dev.simplec.backend.x86.emit.Xmm;

/**
 * The x86-64 register file as the shared allocator sees it: numbers 0–15 are rax…r15, 16–31 are
 * xmm0…xmm15 (ymm0…ymm15 for 256-bit values). rsp is never allocated; r11/r10/rbp and
 * xmm15/xmm14/xmm13 are the spill and edge-move scratch registers. Three per class because an
 * instruction may have three operands of one class that are all spilled: an integer store to
 * {@code [base + index]} and a load folded into arithmetic ({@code d op= [base + index]}) read
 * three general-purpose registers; the vector expansions with an early result ({@code VFMINMAX},
 * {@code VMUL}, {@code VCMP}) need their result's register apart from both inputs. rbp,
 * callee-saved, is used (and then saved by the prologue) only by such an instruction.
 */
public final class X86Target implements TargetRegisters {
    public static final X86Target INSTANCE = new X86Target();

    private static final int XMM_BASE = 16;

    // Caller-saved first: leaf code then needs no prologue. Argument registers last among those, so
    // values computed early do not sit on parameters that are still to be read.
    private static final int[] INT_ORDER = regs(Gpr.RAX, Gpr.RCX, Gpr.RDX, Gpr.R8, Gpr.R9, Gpr.RSI, Gpr.RDI,
            Gpr.RBX, Gpr.R12, Gpr.R13, Gpr.R14, Gpr.R15);
    private static final int[] INT_SCRATCH = regs(Gpr.R11, Gpr.R10, Gpr.RBP);
    private static final int[] FLOAT_ORDER;
    private static final int[] FLOAT_SCRATCH = {xmm(Xmm.XMM15), xmm(Xmm.XMM14), xmm(Xmm.XMM13)};

    static {
        FLOAT_ORDER = new int[13];
        for (int i = 0; i < 13; i++) {
            FLOAT_ORDER[i] = XMM_BASE + i;
        }
    }

    /** What a call may destroy (System V): rax, rcx, rdx, rsi, rdi, r8–r11 and every xmm register. */
    public static final int[] CALLER_SAVED;

    static {
        int[] cs = new int[9 + 16];
        int[] g = regs(Gpr.RAX, Gpr.RCX, Gpr.RDX, Gpr.RSI, Gpr.RDI, Gpr.R8, Gpr.R9, Gpr.R10, Gpr.R11);
        System.arraycopy(g, 0, cs, 0, g.length);
        for (int i = 0; i < 16; i++) {
            cs[9 + i] = XMM_BASE + i;
        }
        CALLER_SAVED = cs;
    }

    private X86Target() {
    }

    public static int gpr(Gpr g) {
        return g.enc();
    }

    public static int xmm(Xmm x) {
        return XMM_BASE + x.enc();
    }

    public static Gpr toGpr(int reg) {
        if (reg >= XMM_BASE) {
            throw new IllegalArgumentException("not a general-purpose register: " + reg);
        }
        return Gpr.of(reg);
    }

    public static Xmm toXmm(int reg) {
        if (reg < XMM_BASE || reg >= 2 * XMM_BASE) {
            throw new IllegalArgumentException("not an xmm register: " + reg);
        }
        return Xmm.of(reg - XMM_BASE);
    }

    private static int[] regs(Gpr... gs) {
        int[] r = new int[gs.length];
        for (int i = 0; i < gs.length; i++) {
            r[i] = gs[i].enc();
        }
        return r;
    }

    @Override
    public int physicalCount() {
        return 32;
    }

    @Override
    public String name(int reg) {
        return reg < XMM_BASE ? Gpr.of(reg).name().toLowerCase() : Xmm.of(reg - XMM_BASE).name().toLowerCase();
    }

    @Override
    public RegClass regClass(int reg) {
        return reg < XMM_BASE ? RegClass.INT : RegClass.FLOAT;
    }

    @Override
    public int[] allocationOrder(RegClass cls) {
        return cls == RegClass.INT ? INT_ORDER : FLOAT_ORDER;
    }

    @Override
    public int[] scratch(RegClass cls) {
        return cls == RegClass.INT ? INT_SCRATCH : FLOAT_SCRATCH;
    }

    @Override
    public boolean isCalleeSaved(int reg) {
        return reg < XMM_BASE && SysVAbi.isCalleeSaved(Gpr.of(reg));
    }

    @Override
    public MInst spillLoad(int reg, int slot) {
        return spillLoad(reg, slot, 8);
    }

    @Override
    public MInst spillStore(int reg, int slot) {
        return spillStore(reg, slot, 8);
    }

    @Override
    public MInst spillLoad(int reg, int slot, int bytes) {
        X86Op op = regClass(reg) == RegClass.INT ? X86Op.SPILL_LOAD64
                : bytes == 8 ? X86Op.SPILL_LOAD_SD : bytes == 16 ? X86Op.SPILL_LOAD_V128 : X86Op.SPILL_LOAD_V256;
        return MInst.ofImm(op, slot, reg);
    }

    @Override
    public MInst spillStore(int reg, int slot, int bytes) {
        X86Op op = regClass(reg) == RegClass.INT ? X86Op.SPILL_STORE64
                : bytes == 8 ? X86Op.SPILL_STORE_SD : bytes == 16 ? X86Op.SPILL_STORE_V128 : X86Op.SPILL_STORE_V256;
        return MInst.ofImm(op, slot, reg);
    }

    @Override
    public MInst move(int dst, int src, int bytes) {
        X86Op op = regClass(dst) == RegClass.INT ? X86Op.MOV : bytes == 32 ? X86Op.VMOVAPS : X86Op.MOVAPS;
        return MInst.of(op, dst, src);
    }
}
