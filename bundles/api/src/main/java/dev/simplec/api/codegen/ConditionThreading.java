package dev.simplec.api.codegen;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrTerminator;

/**
 * Edges into a block that only branches on one of its parameters go to the branch's targets
 * instead. Lowering joins {@code a && b} and {@code a || b} in such a block, {@code j(c)} with
 * {@code branch c}: without this, the condition becomes a byte in a register (set, widen, test)
 * before the join branches on it.
 * <ul>
 * <li>A jump {@code jump j(a)} becomes the branch itself, {@code branch a, …}: the comparison that
 * made {@code a} just before, and the branch, become one compare-and-branch.</li>
 * <li>A branch side that passes the branch's own condition, {@code branch c, t, j(c)} (false on
 * the else side: lowering's {@code &&}; true on the then side: {@code ||}), goes where the join
 * would go.</li>
 * </ul>
 * Only where the join's parameters are read by its branch alone (not {@code let ok = a && b} read
 * later), for edges that go forward in block order (never a loop's back edge). A join nothing
 * reaches any more is marked for the caller to drop when it next renumbers the blocks (one
 * renumbering instead of two). Arguments the targets take from the join's parameters become the edge's.
 */
final class ConditionThreading {
    private ConditionThreading() {
    }

    /**
     * Threads the edges of {@code blocks} (see the class comment): null when nothing changed, else
     * per block whether no edge reaches it any more (the blocks stay in the list, numbered as before).
     */
    static boolean @Nullable [] thread(List<IrBlock> blocks) {
        int n = blocks.size();
        boolean changed = false;
        for (int j = 1; j < n; j++) {
            IrBlock join = blocks.get(j);
            if (!join.insts().isEmpty() || join.params().isEmpty() || !(join.terminator() instanceof IrTerminator.Branch br)
                    || br.thenTarget() == j || br.elseTarget() == j) {
                continue;
            }
            int k = IrEdges.paramIndex(join.params(), br.cond());
            if (k < 0) {
                continue;
            }
            if (hasEdgeFromLater(blocks, j) || readElsewhere(blocks, j)) {
                continue;
            }
            for (int p = 0; p < j; p++) {
                IrTerminator t = blocks.get(p).terminator();
                IrTerminator out = threaded(t, j, k, join.params(), br);
                if (out != t) {
                    IrBlock b = blocks.get(p);
                    blocks.set(p, new IrBlock(b.params(), b.insts(), out));
                    changed = true;
                }
            }
        }
        return changed ? unreached(blocks) : null;
    }

    /** {@code t} with its edges into {@code j} threaded where they can be; {@code t} itself when none can. */
    private static IrTerminator threaded(IrTerminator t, int j, int k, List<IrBlockParam> params, IrTerminator.Branch br) {
        if (t instanceof IrTerminator.Jump jump && jump.target() == j) {
            int[] a = jump.args();
            return new IrTerminator.Branch(a[k], br.thenTarget(), substitute(br.thenArgs(), params, a),
                    br.elseTarget(), substitute(br.elseArgs(), params, a));
        }
        if (!(t instanceof IrTerminator.Branch b)) {
            return t;
        }
        // A side that passes the branch's own condition: non-zero on the then side, zero on the else side.
        boolean thenDecided = b.thenTarget() == j && b.thenArgs()[k] == b.cond();
        boolean elseDecided = b.elseTarget() == j && b.elseArgs()[k] == b.cond();
        if (!thenDecided && !elseDecided) {
            return t;
        }
        IrTerminator.Jump then = thenDecided ? side(true, br, params, b.thenArgs()) : new IrTerminator.Jump(b.thenTarget(), b.thenArgs());
        IrTerminator.Jump otherwise = elseDecided ? side(false, br, params, b.elseArgs()) : new IrTerminator.Jump(b.elseTarget(), b.elseArgs());
        return new IrTerminator.Branch(b.cond(), then.target(), then.args(), otherwise.target(), otherwise.args());
    }

    /** Where the join's branch goes when its condition is {@code holds}, with the join's parameters bound to {@code args}. */
    private static IrTerminator.Jump side(boolean holds, IrTerminator.Branch br, List<IrBlockParam> params, int[] args) {
        return holds ? new IrTerminator.Jump(br.thenTarget(), substitute(br.thenArgs(), params, args))
                : new IrTerminator.Jump(br.elseTarget(), substitute(br.elseArgs(), params, args));
    }

    /** {@code values} with each parameter of the join replaced by the argument the edge binds it to. */
    private static int[] substitute(int[] values, List<IrBlockParam> params, int[] args) {
        int[] out = values;
        for (int i = 0; i < values.length; i++) {
            int p = IrEdges.paramIndex(params, values[i]);
            if (p >= 0) {
                if (out == values) {
                    out = values.clone();
                }
                out[i] = args[p];
            }
        }
        return out;
    }

    /** Whether a block other than join {@code j} reads one of its parameters (then every way must still go through it). */
    private static boolean readElsewhere(List<IrBlock> blocks, int j) {
        List<IrBlockParam> params = blocks.get(j).params();
        // The parameters' range first: most reads are of other values, told apart by two compares.
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int k = 0, m = params.size(); k < m; k++) {
            lo = Math.min(lo, params.get(k).value());
            hi = Math.max(hi, params.get(k).value());
        }
        for (int b = 0; b < blocks.size(); b++) {
            if (b == j) {
                continue;
            }
            IrBlock block = blocks.get(b);
            List<IrInst> insts = block.insts();
            for (int x = 0, n = insts.size(); x < n; x++) {
                IrInst i = insts.get(x);
                for (int a = 0, m = i.argCount(); a < m; a++) {
                    if (reads(params, lo, hi, i.arg(a))) {
                        return true;
                    }
                }
            }
            IrTerminator t = block.terminator();
            for (int a = 0, m = IrEdges.readCount(t); a < m; a++) {
                if (reads(params, lo, hi, IrEdges.read(t, a))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code v} is one of {@code params}, whose values lie in {@code [lo, hi]}. */
    private static boolean reads(List<IrBlockParam> params, int lo, int hi, int v) {
        return v >= lo && v <= hi && IrEdges.paramIndex(params, v) >= 0;
    }

    /** Whether a block at or after {@code j} continues at {@code j}: a loop's back edge, or a block a rewrite appended. */
    private static boolean hasEdgeFromLater(List<IrBlock> blocks, int j) {
        for (int b = j; b < blocks.size(); b++) {
            IrTerminator t = blocks.get(b).terminator();
            for (int e = 0, m = IrEdges.count(t); e < m; e++) {
                if (IrEdges.get(t, e) == j) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Per block, whether it is not the entry and no edge from a block still reached reaches it. */
    private static boolean[] unreached(List<IrBlock> blocks) {
        int n = blocks.size();
        int[] preds = new int[n];
        for (IrBlock b : blocks) {
            IrTerminator t = b.terminator();
            for (int e = 0, m = IrEdges.count(t); e < m; e++) {
                preds[IrEdges.get(t, e)]++;
            }
        }
        // A dropped join's own edges go too, which can leave more unreached: to a fixed point.
        boolean[] gone = new boolean[n];
        boolean more = true;
        while (more) {
            more = false;
            for (int b = 1; b < n; b++) {
                if (!gone[b] && preds[b] == 0) {
                    gone[b] = true;
                    more = true;
                    IrTerminator t = blocks.get(b).terminator();
                    for (int e = 0, m = IrEdges.count(t); e < m; e++) {
                        preds[IrEdges.get(t, e)]--;
                    }
                }
            }
        }
        return gone;
    }
}
