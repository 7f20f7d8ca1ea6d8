package dev.simplec.api.codegen;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrTerminator;

/**
 * The successors of an IR block, and the values its terminator reads, read off the terminator
 * without an array per question, every block's predecessors, how often each value is read, and
 * which parameter an edge's argument binds: the IR rewrites ask for them in several passes.
 */
final class IrEdges {
    private IrEdges() {
    }

    /** The position of {@code value} among {@code params} (a block's), or -1. */
    static int paramIndex(List<IrBlockParam> params, int value) {
        for (int i = 0, n = params.size(); i < n; i++) {
            if (params.get(i).value() == value) {
                return i;
            }
        }
        return -1;
    }

    /** How many distinct blocks {@code t} may continue at (a branch with both sides alike counts once). */
    static int count(IrTerminator t) {
        if (t instanceof IrTerminator.Jump) {
            return 1;
        } else if (t instanceof IrTerminator.Branch br) {
            return br.thenTarget() == br.elseTarget() ? 1 : 2;
        }
        return 0;
    }

    /** Successor {@code i} of {@code t} ({@code i < count(t)}): the jump's target, or the then side, then the else side. */
    static int get(IrTerminator t, int i) {
        if (t instanceof IrTerminator.Jump j) {
            return j.target();
        }
        IrTerminator.Branch br = (IrTerminator.Branch) t;
        return i == 0 ? br.thenTarget() : br.elseTarget();
    }

    /** How many values {@code t} reads: a jump's arguments; a branch's condition and both sides' arguments; a return's values. */
    static int readCount(IrTerminator t) {
        if (t instanceof IrTerminator.Jump j) {
            return j.argCount();
        } else if (t instanceof IrTerminator.Branch br) {
            return 1 + br.thenArgCount() + br.elseArgCount();
        } else if (t instanceof IrTerminator.Ret r) {
            return r.valueCount();
        }
        return 0;
    }

    /** Value {@code i} that {@code t} reads ({@code i < readCount(t)}), in the order {@link #readCount} lists them. */
    static int read(IrTerminator t, int i) {
        if (t instanceof IrTerminator.Jump j) {
            return j.arg(i);
        } else if (t instanceof IrTerminator.Branch br) {
            int then = br.thenArgCount();
            return i == 0 ? br.cond() : i <= then ? br.thenArg(i - 1) : br.elseArg(i - 1 - then);
        }
        return ((IrTerminator.Ret) t).value(i);
    }

    /** Adds one to {@code uses[v]} for each value {@code t} reads. */
    static void countUses(IrTerminator t, int[] uses) {
        for (int k = 0, m = readCount(t); k < m; k++) {
            uses[read(t, k)]++;
        }
    }

    /**
     * Per value below {@code values}, how many times the instructions and terminators of
     * {@code blocks} read it, leaving out the blocks {@code gone} marks (null: none).
     */
    static int[] useCounts(List<IrBlock> blocks, int values, boolean @Nullable [] gone) {
        int[] uses = new int[values];
        for (int b = 0, n = blocks.size(); b < n; b++) {
            if (gone != null && gone[b]) {
                continue;
            }
            IrBlock block = blocks.get(b);
            List<IrInst> insts = block.insts();
            for (int k = 0, m = insts.size(); k < m; k++) {
                IrInst i = insts.get(k);
                for (int a = 0, c = i.argCount(); a < c; a++) {
                    uses[i.arg(a)]++;
                }
            }
            countUses(block.terminator(), uses);
        }
        return uses;
    }

    /** Per block, whether the entry (block 0) reaches it. */
    static boolean[] reachable(List<IrBlock> blocks) {
        int n = blocks.size();
        boolean[] reached = new boolean[n];
        int[] stack = new int[n];
        int top = 0;
        stack[top++] = 0;
        reached[0] = true;
        while (top > 0) {
            IrTerminator t = blocks.get(stack[--top]).terminator();
            for (int k = 0, m = count(t); k < m; k++) {
                int s = get(t, k);
                if (!reached[s]) {
                    reached[s] = true;
                    stack[top++] = s;
                }
            }
        }
        return reached;
    }

    /** Per block, the blocks that continue at it, in block order (each once per distinct edge). */
    static int[][] predecessors(List<IrBlock> blocks) {
        int n = blocks.size();
        int[] count = new int[n];
        for (IrBlock b : blocks) {
            IrTerminator t = b.terminator();
            for (int k = 0, m = count(t); k < m; k++) {
                count[get(t, k)]++;
            }
        }
        int[][] preds = new int[n][];
        for (int b = 0; b < n; b++) {
            preds[b] = new int[count[b]];
            count[b] = 0;
        }
        for (int b = 0; b < n; b++) {
            IrTerminator t = blocks.get(b).terminator();
            for (int k = 0, m = count(t); k < m; k++) {
                int s = get(t, k);
                preds[s][count[s]++] = b;
            }
        }
        return preds;
    }

    /** The block with its targets renumbered by {@code map}. */
    static IrBlock retarget(IrBlock block, int[] map) {
        IrTerminator t = block.terminator();
        IrTerminator out = retarget(t, map);
        return out == t ? block : new IrBlock(block.params(), block.insts(), out);
    }

    /** The terminator with its targets renumbered by {@code map} (the same one when none moves). */
    static IrTerminator retarget(IrTerminator t, int[] map) {
        if (t instanceof IrTerminator.Jump j) {
            return map[j.target()] == j.target() ? t : j.withTarget(map[j.target()]);
        } else if (t instanceof IrTerminator.Branch br) {
            return map[br.thenTarget()] == br.thenTarget() && map[br.elseTarget()] == br.elseTarget() ? t
                    : br.withTargets(map[br.thenTarget()], map[br.elseTarget()]);
        }
        return t;
    }
}
