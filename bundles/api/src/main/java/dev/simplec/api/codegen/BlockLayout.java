package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;

/**
 * A target-neutral IR cleanup run before instruction selection, shaping the control flow lowering
 * produces for code generation. Value numbers and the values' types do not change (the verifier's
 * answer stays valid), nor does what the function computes:
 * <ul>
 * <li><b>trivial parameters</b>: a block parameter that every edge into the block binds to one
 * value (or to the parameter itself, round a loop) is that value; the parameter goes, and every
 * read of it reads the value;</li>
 * <li><b>split conjunctions</b>: a branch on {@code c1 & c2} of two comparisons (the bounds check of a
 * vector load, {@code lanes <= len && i <= len - lanes}) becomes a branch on {@code c1} to a
 * block branching on {@code c2}: each then compares and branches in two instructions;</li>
 * <li><b>condition threading</b> ({@link ConditionThreading}): the edges into the join of an
 * {@code &&} or {@code ||} that only branches on its result go to the branch's targets;</li>
 * <li><b>return forwarding</b>: a jump to a block that only returns its parameters (the join of
 * an {@code if} expression in tail position) returns the jump's arguments instead;</li>
 * <li><b>merging</b>: a block that jumps to a block with no other predecessor absorbs it, the
 * jump's arguments standing for its parameters;</li>
 * <li><b>layout</b>: unreachable blocks go; the others are ordered so that each block is followed
 * by its likely successor (a jump's target, a branch's then side), taking the earliest block left
 * when that one is placed, with the blocks that trap last. A loop stays contiguous, its exit after
 * its body, so the back edge is the one taken branch per iteration.</li>
 * </ul>
 */
public final class BlockLayout {
    private BlockLayout() {
    }

    /** Return forwarding and merging: what {@link AccumulatorRecursion} then recognizes in tail position. */
    public static IrFunction simplify(IrFunction f) {
        if (f.blocks().size() == 1) {
            return f; // nothing to shape
        }
        List<IrBlock> blocks = new ArrayList<>(f.blocks());
        boolean @Nullable [] shaped = shape(blocks, f.valueCount());
        boolean changed = shaped != null;
        changed |= merge(blocks, f.valueCount(), shaped, true);
        return changed ? with(f, blocks) : f;
    }

    /**
     * {@link #simplify} with {@link IfConversion} before its merge, which then also joins each
     * converted block with the block its sides met at: the rewrites after it walk fewer blocks
     * (kernel30: 10 blocks here, where simplify alone leaves 17). {@code types} covers {@code f}'s values, the answer's the
     * selects too; {@code f} and {@code types} themselves when nothing changes.
     */
    static AccumulatorRecursion.Rewritten simplifyAndConvert(IrFunction f, @Nullable IrType[] types) {
        if (f.blocks().size() == 1) {
            return new AccumulatorRecursion.Rewritten(f, types);
        }
        List<IrBlock> blocks = new ArrayList<>(f.blocks());
        boolean @Nullable [] shaped = shape(blocks, f.valueCount());
        boolean[] gone = shaped != null ? shaped : new boolean[blocks.size()];
        List<IrType> added = IfConversion.convert(blocks, gone, f.valueCount());
        boolean changed = merge(blocks, values(f, added), gone, true) || shaped != null || added != null;
        return changed ? rewritten(f, types, blocks, added) : new AccumulatorRecursion.Rewritten(f, types);
    }

    /**
     * A small leaf function as one block, for {@link CallInlining} to copy in place of its calls:
     * its branches of integer computations turned into selects ({@link IfConversion}) and the
     * blocks merged. {@code f} itself when that does not leave one block (a side that loads, a
     * float). The new values are numbered from {@code f}'s value count on; their types are the
     * verifier's business once the callee is inlined.
     */
    static IrFunction asOneBlock(IrFunction f) {
        if (f.blocks().size() == 1) {
            return f;
        }
        List<IrBlock> blocks = new ArrayList<>(f.blocks());
        boolean[] gone = new boolean[blocks.size()];
        List<IrType> added = IfConversion.convert(blocks, gone, f.valueCount());
        if (added == null) {
            return f;
        }
        merge(blocks, values(f, added), gone, true);
        return blocks.size() == 1 ? new IrFunction(f.name(), f.params(), f.returns(), blocks, values(f, added), f.stackSlots()) : f;
    }

    /**
     * Simplify's steps before its merge, on {@code blocks} in place: trivial parameters, split
     * conjunctions, threaded conditions, forwarded returns. Null when none changed anything, else
     * the blocks no edge reaches now (those the threading left).
     */
    private static boolean @Nullable [] shape(List<IrBlock> blocks, int valueCount) {
        boolean changed = removeTrivialParams(blocks, valueCount);
        changed |= splitConjunctions(blocks, valueCount);
        boolean @Nullable [] unreached = ConditionThreading.thread(blocks);
        changed |= forwardReturns(blocks);
        return unreached != null ? unreached : changed ? new boolean[blocks.size()] : null;
    }

    /** {@code f}'s values and those a conversion {@code added} (null: none). */
    private static int values(IrFunction f, @Nullable List<IrType> added) {
        return f.valueCount() + (added == null ? 0 : added.size());
    }

    /**
     * {@code f} with {@code blocks}, and {@code types} followed by the types of the values a
     * conversion {@code added} (null: none), numbered from {@code f}'s value count on.
     */
    private static AccumulatorRecursion.Rewritten rewritten(IrFunction f, @Nullable IrType[] types, List<IrBlock> blocks,
            @Nullable List<IrType> added) {
        int values = values(f, added);
        IrFunction g = new IrFunction(f.name(), f.params(), f.returns(), blocks, values, f.stackSlots());
        if (added == null) {
            return new AccumulatorRecursion.Rewritten(g, types);
        }
        @Nullable IrType[] all = Arrays.copyOf(types, values);
        for (int k = 0; k < added.size(); k++) {
            all[f.valueCount() + k] = added.get(k);
        }
        return new AccumulatorRecursion.Rewritten(g, all);
    }

    /** {@link #simplify}, then the layout. */
    public static IrFunction layout(IrFunction f) {
        if (f.blocks().size() == 1) {
            return f;
        }
        List<IrBlock> blocks = new ArrayList<>(f.blocks());
        return lay(blocks, f.valueCount(), null) ? with(f, blocks) : f;
    }

    /**
     * Return forwarding, merging and the order, on {@code blocks} in place; whether anything
     * changed. {@code gone}: blocks no edge counts from (or null).
     */
    private static boolean lay(List<IrBlock> blocks, int valueCount, boolean @Nullable [] gone) {
        boolean changed = forwardReturns(blocks);
        // The order renumbers the blocks anyway, dropping the ones no edge reaches: the merged-away
        // blocks stay where they are until then (one renumbering, not two).
        changed |= merge(blocks, valueCount, gone, false);
        changed |= order(blocks);
        return changed;
    }

    /**
     * {@link #layout} with {@link IfConversion} first, as {@link IrRewrites} runs it: its merging joins
     * each converted block with the block its sides met at. {@code simplified}: nothing changed
     * {@code f} since {@link #simplify}, so unless a branch converts only the order is left to do.
     * {@code types} covers {@code f}'s values; the answer's covers the selects too.
     */
    public static AccumulatorRecursion.Rewritten layout(IrFunction f, @Nullable IrType[] types, boolean simplified) {
        if (f.blocks().size() == 1) {
            return new AccumulatorRecursion.Rewritten(f, types);
        }
        List<IrBlock> blocks = new ArrayList<>(f.blocks());
        boolean[] gone = new boolean[blocks.size()];
        List<IrType> added = IfConversion.convert(blocks, gone, f.valueCount());
        // Nothing converted and nothing changed since simplify: only the order is left to do.
        boolean changed = added == null && simplified ? order(blocks)
                : lay(blocks, values(f, added), added != null ? gone : null) || added != null;
        return changed ? rewritten(f, types, blocks, added) : new AccumulatorRecursion.Rewritten(f, types);
    }

    /** Only the ordering of {@link #layout}: for a function {@link #simplify} left as it is since. */
    public static IrFunction order(IrFunction f) {
        if (f.blocks().size() == 1) {
            return f;
        }
        List<IrBlock> blocks = new ArrayList<>(f.blocks());
        return order(blocks) ? with(f, blocks) : f;
    }

    private static IrFunction with(IrFunction f, List<IrBlock> blocks) {
        return new IrFunction(f.name(), f.params(), f.returns(), blocks, f.valueCount(), f.stackSlots());
    }

    /**
     * Removes the trivial parameters (see the class comment), to a fixed point; whether there were
     * any. The rounds only decide (reading the original edges, through the renamings so far); the
     * blocks are rebuilt once at the end.
     */
    private static boolean removeTrivialParams(List<IrBlock> blocks, int valueCount) {
        int n = blocks.size();
        if (!anyTrivialParam(blocks)) {
            return false;
        }
        // Per block: the argument lists of the edges into it, in two flat arrays.
        int[] count = new int[n + 1];
        for (IrBlock block : blocks) {
            IrTerminator t = block.terminator();
            if (t instanceof IrTerminator.Jump j) {
                count[j.target()]++;
            } else if (t instanceof IrTerminator.Branch br) {
                count[br.thenTarget()]++;
                count[br.elseTarget()]++;
            }
        }
        int[] first = new int[n + 1];
        for (int b = 0; b < n; b++) {
            first[b + 1] = first[b] + count[b];
        }
        int[][] edgeArgs = new int[first[n]][];
        int[] fill = first.clone();
        for (IrBlock block : blocks) {
            IrTerminator t = block.terminator();
            if (t instanceof IrTerminator.Jump j) {
                edgeArgs[fill[j.target()]++] = j.args();
            } else if (t instanceof IrTerminator.Branch br) {
                edgeArgs[fill[br.thenTarget()]++] = br.thenArgs();
                edgeArgs[fill[br.elseTarget()]++] = br.elseArgs();
            }
        }
        ValueRenaming renaming = new ValueRenaming(valueCount);
        boolean[][] drop = new boolean[n][];
        boolean any = false;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = 1; b < n; b++) {
                List<IrBlockParam> ps = blocks.get(b).params();
                for (int k = 0; k < ps.size(); k++) {
                    boolean[] gone = drop[b];
                    if (gone != null && gone[k]) {
                        continue;
                    }
                    int p = ps.get(k).value();
                    int only = -1;
                    for (int e = first[b]; e < first[b + 1]; e++) {
                        int v = renaming.map(edgeArgs[e][k]);
                        if (v == p) {
                            continue;
                        }
                        if (only >= 0 && v != only) {
                            only = -2;
                            break;
                        }
                        only = v;
                    }
                    if (only >= 0) {
                        renaming.rename(p, only);
                        if (gone == null) {
                            gone = new boolean[ps.size()];
                            drop[b] = gone;
                        }
                        gone[k] = true;
                        changed = true;
                        any = true;
                    }
                }
            }
        }
        if (!any) {
            return false;
        }
        // Each changed block is built once: its parameters, its terminator's arguments and its reads.
        for (int b = 0; b < n; b++) {
            IrBlock block = blocks.get(b);
            List<IrBlockParam> ps = block.params();
            boolean[] gone = drop[b];
            if (gone != null) {
                List<IrBlockParam> kept = new ArrayList<>(ps.size());
                for (int k = 0; k < ps.size(); k++) {
                    if (!gone[k]) {
                        kept.add(ps.get(k));
                    }
                }
                ps = kept;
            }
            IrTerminator t = block.terminator();
            IrTerminator out = t;
            if (t instanceof IrTerminator.Jump j && drop[j.target()] != null) {
                out = new IrTerminator.Jump(j.target(), without(j.args(), drop[j.target()]));
            } else if (t instanceof IrTerminator.Branch br && (drop[br.thenTarget()] != null || drop[br.elseTarget()] != null)) {
                out = new IrTerminator.Branch(br.cond(), br.thenTarget(), without(br.thenArgs(), drop[br.thenTarget()]),
                        br.elseTarget(), without(br.elseArgs(), drop[br.elseTarget()]));
            }
            out = renaming.apply(out);
            List<IrInst> insts = renaming.apply(block.insts());
            if (gone != null || out != t || insts != block.insts()) {
                blocks.set(b, new IrBlock(ps, insts, out));
            }
        }
        return true;
    }

    /**
     * Whether some parameter is trivial before any renaming: the first round of
     * {@link #removeTrivialParams}, with nothing made but one int per parameter. Most functions
     * have none (the lowering passes on only what changes), and this answers for them.
     */
    private static boolean anyTrivialParam(List<IrBlock> blocks) {
        int n = blocks.size();
        // Per parameter, numbered block by block: the one value other than itself every edge so
        // far passes it (-1: none yet; -2: two different ones).
        int[] base = new int[n + 1];
        for (int b = 0; b < n; b++) {
            base[b + 1] = base[b] + (b == 0 ? 0 : blocks.get(b).params().size());
        }
        if (base[n] == 0) {
            return false;
        }
        int[] only = new int[base[n]];
        Arrays.fill(only, -1);
        for (int b = 0; b < n; b++) {
            IrTerminator t = blocks.get(b).terminator();
            if (t instanceof IrTerminator.Jump j) {
                for (int k = 0, m = j.argCount(); k < m; k++) {
                    passes(blocks, only, base, j.target(), k, j.arg(k));
                }
            } else if (t instanceof IrTerminator.Branch br) {
                for (int k = 0, m = br.thenArgCount(); k < m; k++) {
                    passes(blocks, only, base, br.thenTarget(), k, br.thenArg(k));
                }
                for (int k = 0, m = br.elseArgCount(); k < m; k++) {
                    passes(blocks, only, base, br.elseTarget(), k, br.elseArg(k));
                }
            }
        }
        for (int o : only) {
            if (o >= 0) {
                return true;
            }
        }
        return false;
    }

    /** An edge passes {@code v} to parameter {@code k} of block {@code target}: {@link #anyTrivialParam}'s step. */
    private static void passes(List<IrBlock> blocks, int[] only, int[] base, int target, int k, int v) {
        if (target == 0) {
            return; // the entry's parameters are the function's: never removed
        }
        int slot = base[target] + k;
        int o = only[slot];
        if (o == -2 || v == blocks.get(target).params().get(k).value()) {
            return;
        }
        only[slot] = o == -1 || o == v ? v : -2;
    }

    private static int[] without(int[] a, boolean @Nullable [] gone) {
        if (gone == null) {
            return a;
        }
        int kept = 0;
        for (boolean g : gone) {
            kept += g ? 0 : 1;
        }
        int[] out = new int[kept];
        for (int k = 0, i = 0; k < a.length; k++) {
            if (!gone[k]) {
                out[i++] = a[k];
            }
        }
        return out;
    }

    /** Splits the branches on a conjunction of two comparisons (see the class comment); new blocks go at the end. */
    private static boolean splitConjunctions(List<IrBlock> blocks, int valueCount) {
        int n = blocks.size();
        int[] uses = null;
        boolean changed = false;
        for (int b = 0; b < n; b++) {
            IrBlock block = blocks.get(b);
            List<IrInst> insts = block.insts();
            if (!(block.terminator() instanceof IrTerminator.Branch br) || insts.size() < 3) {
                continue;
            }
            IrInst and = insts.get(insts.size() - 1);
            if (and.op() != IrOp.AND || and.dst() != br.cond() || and.arg(0) == and.arg(1)) {
                continue;
            }
            int c2at = -1;
            for (int k = insts.size() - 2; k >= 0 && c2at < 0; k--) {
                if (insts.get(k).dst() == and.arg(1)) {
                    c2at = k;
                }
            }
            int c1at = -1;
            for (int k = insts.size() - 2; k >= 0 && c1at < 0; k--) {
                if (insts.get(k).dst() == and.arg(0)) {
                    c1at = k;
                }
            }
            // Both sides comparisons (0 or 1): then c1 & c2 is true exactly when both are.
            if (c2at < 0 || c1at < 0 || !isScalarCompare(insts.get(c2at)) || !isScalarCompare(insts.get(c1at))) {
                continue;
            }
            if (uses == null) {
                uses = IrEdges.useCounts(blocks, valueCount, null);
            }
            IrInst c2 = insts.get(c2at);
            if (uses[and.dst()] != 1 || uses[c2.dst()] != 1 || uses[and.arg(0)] != 1) {
                continue;
            }
            List<IrInst> rest = new ArrayList<>(insts);
            rest.remove(rest.size() - 1);
            rest.remove(c2at);
            int second = blocks.size();
            blocks.add(new IrBlock(List.of(), List.of(c2), new IrTerminator.Branch(c2.dst(), br.thenTarget(), br.thenArgs(),
                    br.elseTarget(), br.elseArgs())));
            blocks.set(b, new IrBlock(block.params(), rest, new IrTerminator.Branch(and.arg(0), second, new int[0], br.elseTarget(),
                    br.elseArgs())));
            changed = true;
        }
        return changed;
    }

    private static boolean isScalarCompare(IrInst i) {
        return i.op().isComparison() && !i.type().isVector();
    }

    /** Jumps to a block that only returns values it receives (or values defined before it) become returns. */
    private static boolean forwardReturns(List<IrBlock> blocks) {
        boolean changed = false;
        for (int b = 0; b < blocks.size(); b++) {
            IrBlock block = blocks.get(b);
            if (!(block.terminator() instanceof IrTerminator.Jump j) || j.target() == b) {
                continue;
            }
            IrBlock target = blocks.get(j.target());
            if (!target.insts().isEmpty() || !(target.terminator() instanceof IrTerminator.Ret r)) {
                continue;
            }
            // A value the return names is a parameter of the target (the jump's argument takes its
            // place) or defined before the target, so before this block too (it dominates the target,
            // and this block is one way there).
            int[] values = r.values();
            int[] args = j.args();
            for (int k = 0; k < values.length; k++) {
                int p = IrEdges.paramIndex(target.params(), values[k]);
                if (p >= 0) {
                    values[k] = args[p];
                }
            }
            blocks.set(b, new IrBlock(block.params(), block.insts(), new IrTerminator.Ret(values)));
            changed = true;
        }
        return changed;
    }

    /**
     * A block jumping to a block no other block reaches absorbs it; repeated along chains. Removed
     * blocks leave the list, and so do the {@code unreached} ones (marked by {@link ConditionThreading}):
     * their edges do not count, and the one renumbering drops them too. Without {@code renumber} the
     * removed blocks stay in the list, unreached, for a renumbering to come ({@link #order}).
     */
    private static boolean merge(List<IrBlock> blocks, int valueCount, boolean @Nullable [] unreached, boolean renumber) {
        int n = blocks.size();
        boolean[] gone = unreached != null ? unreached : new boolean[n];
        int[] preds = predecessorCounts(blocks, gone);
        boolean changed = false;
        for (int b = 0; b < n && !changed; b++) {
            changed = gone[b];
        }
        ValueRenaming renaming = new ValueRenaming(valueCount);
        for (int b = 0; b < n; b++) {
            if (gone[b]) {
                continue;
            }
            IrBlock block = blocks.get(b);
            IrTerminator end = block.terminator();
            @Nullable List<IrInst> insts = null;
            while (end instanceof IrTerminator.Jump j && j.target() != b && j.target() != 0
                    && preds[j.target()] == 1 && !gone[j.target()]) {
                IrBlock next = blocks.get(j.target());
                if (insts == null) {
                    insts = new ArrayList<>(block.insts());
                }
                int[] args = j.args();
                List<IrBlockParam> ps = next.params();
                for (int k = 0; k < ps.size(); k++) {
                    renaming.rename(ps.get(k).value(), args[k]);
                }
                insts.addAll(next.insts());
                gone[j.target()] = true;
                end = next.terminator();
            }
            if (insts != null) {
                // The whole chain in one block, built once.
                blocks.set(b, new IrBlock(block.params(), insts, end));
                changed = true;
            }
        }
        if (changed && !renumber) {
            if (renaming.any()) {
                for (int b = 0; b < n; b++) {
                    if (!gone[b]) {
                        IrBlock block = blocks.get(b);
                        List<IrInst> insts = renaming.apply(block.insts());
                        IrTerminator t = renaming.apply(block.terminator());
                        if (insts != block.insts() || t != block.terminator()) {
                            blocks.set(b, new IrBlock(block.params(), insts, t));
                        }
                    }
                }
            }
        } else if (changed) {
            int[] map = new int[n];
            int count = 0;
            for (int b = 0; b < n; b++) {
                map[b] = gone[b] ? -1 : count++;
            }
            List<IrBlock> kept = new ArrayList<>(count);
            for (int b = 0; b < n; b++) {
                if (!gone[b]) {
                    // Renamed reads and renumbered targets together: one new block at most.
                    IrBlock block = blocks.get(b);
                    List<IrInst> insts = renaming.any() ? renaming.apply(block.insts()) : block.insts();
                    IrTerminator t = IrEdges.retarget(renaming.any() ? renaming.apply(block.terminator()) : block.terminator(), map);
                    kept.add(insts == block.insts() && t == block.terminator() ? block : new IrBlock(block.params(), insts, t));
                }
            }
            blocks.clear();
            blocks.addAll(kept);
        }
        return changed;
    }

    /** Orders the reachable blocks for fall-through (see the class comment); false when the order stays. */
    private static boolean order(List<IrBlock> blocks) {
        int n = blocks.size();
        boolean[] reachable = IrEdges.reachable(blocks);
        int[] order = new int[n];
        int count = 0;
        boolean[] placed = new boolean[n];
        int scan = 1; // the earliest block that may still be unplaced
        int cur = 0;
        while (cur >= 0) {
            placed[cur] = true;
            order[count++] = cur;
            int next = -1;
            IrTerminator t = blocks.get(cur).terminator();
            if (t instanceof IrTerminator.Jump j) {
                next = j.target();
            } else if (t instanceof IrTerminator.Branch br) {
                next = hot(blocks, br.thenTarget(), placed) ? br.thenTarget() : br.elseTarget();
            }
            if (next < 0 || !hot(blocks, next, placed)) {
                next = -1;
                while (scan < n && (placed[scan] || !reachable[scan] || cold(blocks.get(scan)))) {
                    scan++;
                }
                if (scan < n) {
                    next = scan;
                }
            }
            cur = next;
        }
        for (int b = 1; b < n; b++) {
            if (reachable[b] && !placed[b]) {
                order[count++] = b; // the blocks that trap
            }
        }
        boolean same = count == n;
        for (int i = 0; i < count && same; i++) {
            same = order[i] == i;
        }
        if (same) {
            return false;
        }
        int[] map = new int[n];
        Arrays.fill(map, -1);
        for (int i = 0; i < count; i++) {
            map[order[i]] = i;
        }
        List<IrBlock> ordered = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ordered.add(IrEdges.retarget(blocks.get(order[i]), map));
        }
        blocks.clear();
        blocks.addAll(ordered);
        return true;
    }

    /** Not yet placed and not a block that traps. */
    private static boolean hot(List<IrBlock> blocks, int b, boolean[] placed) {
        return !placed[b] && !cold(blocks.get(b));
    }

    /** A block that ends the process: out of the way of every path that goes on. */
    private static boolean cold(IrBlock block) {
        return block.terminator() instanceof IrTerminator.Trap;
    }

    /** Per block, the edges into it from the blocks not {@code gone}. */
    private static int[] predecessorCounts(List<IrBlock> blocks, boolean[] gone) {
        int[] preds = new int[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            if (gone[b]) {
                continue;
            }
            IrTerminator t = blocks.get(b).terminator();
            for (int k = 0, m = IrEdges.count(t); k < m; k++) {
                preds[IrEdges.get(t, k)]++;
            }
        }
        return preds;
    }
}
