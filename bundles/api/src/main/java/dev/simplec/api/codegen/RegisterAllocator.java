package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

/** The allocation pipeline every backend runs: liveness, intervals, linear scan, spill rewriting. */
public final class RegisterAllocator {
    private RegisterAllocator() {
    }

    public static AllocatedFunction allocate(MFunction f, TargetRegisters target) {
        Liveness liveness = Liveness.compute(f, target.physicalCount());
        LiveIntervals intervals = LiveIntervals.build(f, liveness);
        Allocation alloc = LinearScan.run(f, target, intervals);
        MFunction code = SpillRewriter.rewrite(f, target, alloc);
        return new AllocatedFunction(code, alloc.slotCount(), writtenCalleeSaved(code, target));
    }

    /** Callee-saved registers the final code writes: the ones the prologue must save. */
    private static List<Integer> writtenCalleeSaved(MFunction code, TargetRegisters target) {
        boolean[] saved = new boolean[target.physicalCount()];
        for (MBlock b : code.blocks()) {
            for (MInst inst : b.insts()) {
                for (int i = 0; i < inst.regCount(); i++) {
                    if (inst.role(i).writes() && target.isCalleeSaved(inst.reg(i))) {
                        saved[inst.reg(i)] = true;
                    }
                }
                for (int r : inst.op().clobbers()) {
                    if (target.isCalleeSaved(r)) {
                        saved[r] = true;
                    }
                }
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < saved.length; r++) {
            if (saved[r]) {
                out.add(r);
            }
        }
        return out;
    }
}
