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
        SpillRewriter.Result rewritten = SpillRewriter.rewriteAndTrack(f, target, alloc);
        // Callee-saved registers the final code writes: the ones the prologue must save.
        List<Integer> saved = new ArrayList<>();
        boolean[] written = rewritten.written();
        for (int r = 0; r < written.length; r++) {
            if (written[r] && target.isCalleeSaved(r)) {
                saved.add(r);
            }
        }
        return new AllocatedFunction(rewritten.code(), alloc.slotCount(), saved);
    }
}
