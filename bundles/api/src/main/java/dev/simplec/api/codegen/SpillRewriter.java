package dev.simplec.api.codegen;

import java.util.Arrays;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/**
 * Applies an {@link Allocation}: every virtual register becomes its physical register; a spilled
 * one is loaded into a scratch register before the instruction that reads it and stored after the
 * one that writes it. Copies whose two sides got one register disappear.
 */
public final class SpillRewriter {
    private SpillRewriter() {
    }

    public static MFunction rewrite(MFunction f, TargetRegisters target, Allocation alloc) {
        MFunction out = new MFunction(f.name());
        for (MBlock block : f.blocks()) {
            MBlock nb = out.addBlock();
            nb.setSuccessors(block.successors());
            for (MInst inst : block.insts()) {
                rewrite(inst, f, target, alloc, nb);
            }
        }
        return out;
    }

    private static void rewrite(MInst inst, MFunction f, TargetRegisters target, Allocation alloc, MBlock out) {
        int n = inst.regCount();
        int[] regs = new int[n];
        Arrays.fill(regs, -1);
        int[] scratchUsed = new int[RegClass.values().length];
        // Pass 1: operands that are read (USE, USE_DEF) take scratch registers in order; loads go first.
        for (int i = 0; i < n; i++) {
            int r = inst.reg(i);
            if (!Regs.isVirtual(r)) {
                regs[i] = r;
            } else if (alloc.slot(r) < 0) {
                regs[i] = alloc.register(r);
                if (regs[i] < 0) {
                    throw new SimplecException(ErrorKind.INTERNAL, f.name() + ": " + inst + ": %" + Regs.virtualIndex(r) + " has no location");
                }
            } else if (inst.op().role(i).reads()) {
                int same = sameOperand(inst, i, regs);
                if (same >= 0) {
                    regs[i] = same;
                } else {
                    RegClass cls = f.vregClass(r);
                    int[] scratch = target.scratch(cls);
                    if (scratchUsed[cls.ordinal()] >= scratch.length) {
                        throw new SimplecException(ErrorKind.INTERNAL, f.name() + ": " + inst + ": more spilled operands than scratch registers");
                    }
                    regs[i] = scratch[scratchUsed[cls.ordinal()]++];
                    out.add(target.spillLoad(regs[i], alloc.slot(r)));
                }
            } else {
                regs[i] = -1;
            }
        }
        // Pass 2: write-only spilled operands reuse a scratch register (its input was read before the write).
        for (int i = 0; i < n; i++) {
            if (regs[i] < 0) {
                int same = sameOperand(inst, i, regs);
                regs[i] = same >= 0 ? same : target.scratch(f.vregClass(inst.reg(i)))[0];
            }
        }
        if (!(inst.op().isCopy() && regs[0] == regs[1])) {
            out.add(inst.withRegs(regs));
        }
        for (int i = 0; i < n; i++) {
            int r = inst.reg(i);
            if (Regs.isVirtual(r) && alloc.slot(r) >= 0 && inst.op().role(i).writes() && firstWrite(inst, i)) {
                out.add(target.spillStore(regs[i], alloc.slot(r)));
            }
        }
    }

    /** The register already chosen for another operand naming the same virtual register, or -1. */
    private static int sameOperand(MInst inst, int i, int[] regs) {
        for (int j = 0; j < inst.regCount(); j++) {
            if (j != i && inst.reg(j) == inst.reg(i) && regs[j] >= 0) {
                return regs[j];
            }
        }
        return -1;
    }

    private static boolean firstWrite(MInst inst, int i) {
        for (int j = 0; j < i; j++) {
            if (inst.reg(j) == inst.reg(i) && inst.op().role(j).writes()) {
                return false;
            }
        }
        return true;
    }
}
