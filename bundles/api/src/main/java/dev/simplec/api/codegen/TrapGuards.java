package dev.simplec.api.codegen;

import java.util.List;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrTerminator;

/**
 * Which IR blocks instruction selection may continue in the machine block of the block before
 * them: a branch whose one side only traps (a block with no parameters and no instructions) and
 * whose other side is the next block, entered from nowhere else and taking no parameters, becomes
 * a guard — a conditional jump to the trap in the middle of one machine block (bounds, division
 * and conversion checks). Nothing is live into a trap, so the trap is no successor of the block;
 * allocation and emission then see fewer, longer blocks. The order of the blocks does not change.
 */
public final class TrapGuards {
    private TrapGuards() {
    }

    /** Per block of {@code f}: whether it goes on in the machine block of the block before it. */
    public static boolean[] guarded(IrFunction f) {
        List<IrBlock> blocks = f.blocks();
        int n = blocks.size();
        int[] preds = new int[n];
        for (int b = 0; b < n; b++) {
            IrTerminator t = blocks.get(b).terminator();
            for (int k = 0, m = IrEdges.count(t); k < m; k++) {
                preds[IrEdges.get(t, k)]++;
            }
        }
        boolean[] out = new boolean[n];
        for (int b = 0; b + 1 < n; b++) {
            if (blocks.get(b).terminator() instanceof IrTerminator.Branch br) {
                boolean thenTraps = trapsOnly(blocks.get(br.thenTarget()));
                boolean elseTraps = trapsOnly(blocks.get(br.elseTarget()));
                int on = thenTraps == elseTraps ? -1 : thenTraps ? br.elseTarget() : br.thenTarget();
                out[b + 1] = on == b + 1 && preds[on] == 1 && blocks.get(on).params().isEmpty();
            }
        }
        return out;
    }

    private static boolean trapsOnly(IrBlock block) {
        return block.params().isEmpty() && block.insts().isEmpty() && block.terminator() instanceof IrTerminator.Trap;
    }
}
