package dev.simplec.api.codegen;

import java.util.List;

/**
 * How deeply each block is nested in loops, for spill costs: a use inside a loop counts ten times
 * one outside it. Every edge from a block to itself or an earlier block in layout order is taken
 * as a loop's back edge, and the blocks between its target and its source as the loop's body —
 * exact for the layouts instruction selection produces (IR block order, loop bodies contiguous),
 * and only a cost estimate otherwise, never a matter of correctness.
 */
public final class LoopDepth {
    private LoopDepth() {
    }

    public static int[] compute(MFunction f) {
        List<MBlock> blocks = f.blocks();
        int[] depth = new int[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            for (int s : blocks.get(b).successorsView()) {
                if (s <= b) {
                    for (int k = s; k <= b; k++) {
                        depth[k]++;
                    }
                }
            }
        }
        return depth;
    }
}
