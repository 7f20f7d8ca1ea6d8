package dev.simplec.backend.arm.targ;

import dev.simplec.api.codegen.MInst;
import dev.simplec.api.codegen.RegClass;
import dev.simplec.api.codegen.TargetRegisters;
import dev.simplec.backend.arm.abi.Aapcs64Abi;
import dev.simplec.backend.arm.emit.Fpr;
import dev.simplec.backend.arm.emit.Gpr;

/**
 * The AArch64 register file as the shared allocator sees it: numbers 0–30 are x0…x30, 32–63 are
 * v0…v31. Never allocated: x16/x17 and v30/v31 (spill scratch; x16/x17 are also the linker's IP0/IP1),
 * x18 (platform register), x29 (frame pointer), x30 (link register) and sp.
 */
public final class Arm64Target implements TargetRegisters {
    public static final Arm64Target INSTANCE = new Arm64Target();

    private static final int FPR_BASE = 32;

    // Caller-saved first: leaf code then needs no prologue. Argument registers last among those, so
    // values computed early do not sit on parameters that are still to be read.
    private static final int[] INT_ORDER = range(8, 15, 0, 7, 19, 28);
    private static final int[] INT_SCRATCH = {16, 17};
    private static final int[] FLOAT_ORDER = range(FPR_BASE + 16, FPR_BASE + 29, FPR_BASE, FPR_BASE + 7, FPR_BASE + 8, FPR_BASE + 15);
    private static final int[] FLOAT_SCRATCH = {FPR_BASE + 31, FPR_BASE + 30};

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
        return reg < FPR_BASE ? Gpr.of(reg).name().toLowerCase() : Fpr.of(reg - FPR_BASE).name().toLowerCase();
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
        return new MInst(regClass(reg) == RegClass.INT ? Arm64Op.SPILL_LOAD64 : Arm64Op.SPILL_LOAD_D, slot, reg);
    }

    @Override
    public MInst spillStore(int reg, int slot) {
        return new MInst(regClass(reg) == RegClass.INT ? Arm64Op.SPILL_STORE64 : Arm64Op.SPILL_STORE_D, slot, reg);
    }
}
