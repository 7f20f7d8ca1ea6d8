package dev.simplec.backend.arm.targ;

import dev.simplec.api.codegen.MInst;
import dev.simplec.api.codegen.RegClass;
import dev.simplec.api.codegen.TargetRegisters;
import dev.simplec.backend.arm.abi.Aapcs64Abi;
import dev.simplec.backend.arm.emit.Fpr;
import dev.simplec.backend.arm.emit.Gpr;

/**
 * The AArch64 register file as the shared allocator sees it: numbers 0–30 are x0…x30, 32–63 are
 * v0…v31. Never allocated: x16/x17 and v29–v31 (spill and edge-move scratch; x16/x17 are also the
 * linker's IP0/IP1), x18 (platform register), x29 (frame pointer), x30 (link register) and sp.
 * Three FP scratch registers because {@code bsl} reads three vectors.
 */
public final class Arm64Target implements TargetRegisters {
    public static final Arm64Target INSTANCE = new Arm64Target();

    public static final int FPR_BASE = 32;

    // Caller-saved first: leaf code then needs no prologue. Argument registers last among those, so
    // values computed early do not sit on parameters that are still to be read.
    private static final int[] INT_ORDER = range(8, 15, 0, 7, 19, 28);
    private static final int[] INT_SCRATCH = {16, 17};
    private static final int[] FLOAT_ORDER = range(FPR_BASE + 16, FPR_BASE + 28, FPR_BASE, FPR_BASE + 7, FPR_BASE + 8, FPR_BASE + 15);
    private static final int[] FLOAT_SCRATCH = {FPR_BASE + 31, FPR_BASE + 30, FPR_BASE + 29};

    /** What a call destroys: x0–x17, v0–v7 and v16–v31 (AAPCS64's caller-saved registers). */
    static final int[] CALL_CLOBBERS = range(0, 17, FPR_BASE, FPR_BASE + 7, FPR_BASE + 16, FPR_BASE + 31);
    /** The same plus v8–v15: their upper 64 bits are not preserved, which matters to vectors. */
    static final int[] CALL_CLOBBERS_V = range(0, 17, FPR_BASE, FPR_BASE + 31);

    private Arm64Target() {
    }

    /** The concatenation of the inclusive ranges {@code [from0, to0], [from1, to1], …}. */
    private static int[] range(int... bounds) {
        int n = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            n += bounds[i + 1] - bounds[i] + 1;
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            for (int r = bounds[i]; r <= bounds[i + 1]; r++) {
                out[k++] = r;
            }
        }
        return out;
    }

    public static int gpr(Gpr g) {
        if (g == Gpr.SP || g == Gpr.XZR) {
            throw new IllegalArgumentException(g + " is not allocatable");
        }
        return g.enc();
    }

    public static int fpr(Fpr v) {
        return FPR_BASE + v.enc();
    }

    public static Gpr toGpr(int reg) {
        if (reg < 0 || reg > 30) {
            throw new IllegalArgumentException("not a general-purpose register: " + reg);
        }
        return Gpr.of(reg);
    }

    public static Fpr toFpr(int reg) {
        if (reg < FPR_BASE || reg >= 2 * FPR_BASE) {
            throw new IllegalArgumentException("not an FP register: " + reg);
        }
        return Fpr.of(reg - FPR_BASE);
    }

    @Override
    public int physicalCount() {
        return 64;
    }

    @Override
    public String name(int reg) {
        return reg < FPR_BASE ? Gpr.of(reg).name().toLowerCase(java.util.Locale.ROOT)
                : Fpr.of(reg - FPR_BASE).name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public RegClass regClass(int reg) {
        return reg < FPR_BASE ? RegClass.INT : RegClass.FLOAT;
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
        return reg < FPR_BASE ? Aapcs64Abi.isCalleeSaved(Gpr.of(reg)) : Aapcs64Abi.isCalleeSaved(Fpr.of(reg - FPR_BASE));
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
        return new MInst(regClass(reg) == RegClass.INT ? Arm64Op.SPILL_LOAD64 : bytes == 16 ? Arm64Op.SPILL_LOAD_Q : Arm64Op.SPILL_LOAD_D,
                slot, checked(reg, bytes));
    }

    @Override
    public MInst spillStore(int reg, int slot, int bytes) {
        return new MInst(regClass(reg) == RegClass.INT ? Arm64Op.SPILL_STORE64 : bytes == 16 ? Arm64Op.SPILL_STORE_Q : Arm64Op.SPILL_STORE_D,
                slot, checked(reg, bytes));
    }

    @Override
    public MInst move(int dst, int src, int bytes) {
        Arm64Op op = regClass(dst) == RegClass.INT ? Arm64Op.MOV : bytes == 16 ? Arm64Op.VMOV : Arm64Op.FMOV;
        return MInst.of(op, dst, checked(src, bytes));
    }

    /** 256-bit IR values live in two 16-byte virtual registers, so nothing here is wider than 16 bytes. */
    private int checked(int reg, int bytes) {
        if (bytes != 8 && !(bytes == 16 && regClass(reg) == RegClass.FLOAT)) {
            throw new IllegalArgumentException("aarch64 keeps no " + bytes + "-byte value in " + name(reg));
        }
        return reg;
    }
}
