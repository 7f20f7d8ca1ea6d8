package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.Dominators;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;

/**
 * A target-neutral IR rewrite run before instruction selection: an innermost loop counting
 * {@code i} from a constant {@code >= 0} whose header tests {@code i <s n} and whose body checks
 * {@code i <u m} (the bounds check of {@code ys[i]} in
 * {@code for i in 0..len(xs)}, which {@link BranchFacts} cannot decide: {@code m} is another
 * length), with {@code n} and every {@code m} defined before the loop, first runs a copy of itself
 * without those checks while {@code i <u L}, {@code L = umin(smax(n, 0), m1, m2, …)} computed
 * once before the loop, then the loop itself from where the copy left off.
 * <p>
 * Exact: {@code i <u L} means {@code 0 <= i < L}, so {@code i <s n} (the loop test goes on into the
 * body) and {@code i <u m} for every {@code m} (each dropped check would have passed) — the copy
 * runs the very iterations the loop would, with the same stores and the same values. When the test
 * fails, the copy jumps to the original header with its current block arguments: the original
 * loop goes on from that iteration, still testing and checking everything, so an out-of-bounds
 * index traps at the same iteration, after the same stores, with the same message. Exactness does
 * not depend on how {@code i} steps or where it starts (a start or step that leaves the range only
 * means the copy runs fewer iterations); the constant start only keeps the copy to loops that run
 * from their beginning — not the scalar tail after a vector loop. The copy's other checks and traps
 * are kept as they are.
 * <p>
 * The shape asked for: the header, a block with parameters that ends in a branch on
 * {@code slt i, n} (or {@code sgt n, i}) into the loop, else out of it; the loop its natural loop
 * (every block dominated by the header), with no inner loop; every edge that leaves it from a
 * block other than the header goes to a block that only traps (a loop that breaks out elsewhere
 * could use its values after it, which a copy would not define); at most {@link #MAX_INSTS}
 * instructions, the bound on the code the copy adds. Functions without a branch on an unsigned
 * comparison of a block parameter — most — are passed over after one scan of their blocks.
 */
public final class BoundsSplitting {
    /** The most IR instructions (terminators included) a loop may have to be copied. */
    public static final int MAX_INSTS = 64;

    private final IrFunction f;
    private final List<IrBlock> blocks;
    private @Nullable IrType[] types;
    private int valueCount;

    private BoundsSplitting(IrFunction f, @Nullable IrType[] types) {
        this.f = f;
        this.blocks = new ArrayList<>(f.blocks());
        this.types = types;
        this.valueCount = f.valueCount();
    }

    /**
     * {@code f} with its loops split as the class comment says, and {@code types} (what the verifier
     * answered for {@code f}) extended to the values the copies add; both themselves when no loop qualifies.
     */
    public static AccumulatorRecursion.Rewritten split(IrFunction f, @Nullable IrType[] types) {
        AccumulatorRecursion.Rewritten unchanged = new AccumulatorRecursion.Rewritten(f, types);
        int n = f.blocks().size();
        if (n < 3) {
            return unchanged;
        }
        // The cheap gate: block parameters that some branch compares unsigned (the index of a check).
        boolean[] checked = null;
        for (IrBlock b : f.blocks()) {
            IrInst c = branchCompare(b);
            if (c != null && isUnsigned(c.op())) {
                if (checked == null) {
                    checked = new boolean[f.valueCount()];
                }
                checked[index(c)] = true;
            }
        }
        if (checked == null) {
            return unchanged;
        }
        BoundsSplitting s = null;
        for (int h = 1; h < n; h++) {
            IrBlock b = f.blocks().get(h);
            IrInst c = branchCompare(b);
            if (c == null || b.params().isEmpty() || !(c.op() == IrOp.SLT || c.op() == IrOp.SGT)) {
                continue;
            }
            int i = c.op() == IrOp.SLT ? c.arg(0) : c.arg(1);
            if (!checked[i] || IrEdges.paramIndex(b.params(), i) < 0) {
                continue;
            }
            if (s == null) {
                s = new BoundsSplitting(f, types);
            }
            s.trySplit(h, c);
        }
        if (s == null || s.blocks.size() == n) {
            return unchanged;
        }
        return new AccumulatorRecursion.Rewritten(new IrFunction(f.name(), f.params(), f.returns(), s.blocks, s.valueCount,
                f.stackSlots()), s.types);
    }

    /** The scalar integer comparison that is the last instruction of {@code b} and the condition of its branch, or null. */
    private static @Nullable IrInst branchCompare(IrBlock b) {
        if (!(b.terminator() instanceof IrTerminator.Branch br) || b.insts().isEmpty() || br.thenTarget() == br.elseTarget()) {
            return null;
        }
        IrInst c = b.insts().get(b.insts().size() - 1);
        return c.dst() == br.cond() && c.op().isComparison() && c.type().isInt() && !c.type().isVector() ? c : null;
    }

    private static boolean isUnsigned(IrOp op) {
        return op == IrOp.ULT || op == IrOp.UGT || op == IrOp.UGE || op == IrOp.ULE;
    }

    /** The index side of an unsigned comparison: {@code i} of {@code i <u m}, {@code m >u i}, {@code i >=u m}, {@code m <=u i}. */
    private static int index(IrInst c) {
        return c.op() == IrOp.ULT || c.op() == IrOp.UGE ? c.arg(0) : c.arg(1);
    }

    /** Whether the then side of a branch on {@code c} is the side where the check passed. */
    private static boolean passesThen(IrInst c) {
        return c.op() == IrOp.ULT || c.op() == IrOp.UGT;
    }

    /** Splits the loop headed by block {@code h} (its test {@code test}) when it has the shape; appends the new blocks. */
    private void trySplit(int h, IrInst test) {
        IrFunction current = new IrFunction(f.name(), f.params(), f.returns(), blocks, valueCount, f.stackSlots());
        int n = blocks.size();
        int[] idom = Dominators.immediate(current);
        if (idom[h] == Dominators.UNREACHABLE) {
            return;
        }
        int[][] preds = IrEdges.predecessors(blocks);
        IrTerminator.Branch hb = (IrTerminator.Branch) blocks.get(h).terminator();
        // The natural loop: back from the latches (predecessors the header dominates) to the header.
        boolean[] in = new boolean[n];
        in[h] = true;
        int[] work = new int[n];
        int top = 0;
        for (int p : preds[h]) {
            if (idom[p] != Dominators.UNREACHABLE && Dominators.dominates(idom, h, p) && !in[p]) {
                in[p] = true;
                work[top++] = p;
            }
        }
        if (top == 0) {
            return; // not a loop
        }
        int size = 0;
        while (top > 0) {
            int b = work[--top];
            for (int p : preds[b]) {
                if (!in[p] && idom[p] != Dominators.UNREACHABLE) {
                    in[p] = true;
                    work[top++] = p;
                }
            }
        }
        List<Integer> loop = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            if (!in[b]) {
                continue;
            }
            if (!Dominators.dominates(idom, h, b)) {
                return; // entered other than through the header
            }
            loop.add(b);
            size += blocks.get(b).insts().size() + 1;
        }
        if (size > MAX_INSTS || !in[hb.thenTarget()] || in[hb.elseTarget()]) {
            return;
        }
        // Values defined in the loop: the bound n and each m must not be.
        boolean[] inside = new boolean[valueCount];
        for (int b : loop) {
            IrBlock block = blocks.get(b);
            for (IrBlockParam p : block.params()) {
                inside[p.value()] = true;
            }
            for (IrInst x : block.insts()) {
                if (x.dst() != IrInst.NO_VALUE) {
                    inside[x.dst()] = true;
                }
                if (x.dst2() != IrInst.NO_VALUE) {
                    inside[x.dst2()] = true;
                }
            }
        }
        int i = test.op() == IrOp.SLT ? test.arg(0) : test.arg(1);
        int bound = test.op() == IrOp.SLT ? test.arg(1) : test.arg(0);
        IrType t = test.type();
        if (inside[bound] || !startsAtConstant(h, i, in, preds[h])) {
            return;
        }
        // Per loop block: the side of its check that passes (0 then, 1 else), or -1 for no check.
        int[] passes = new int[n];
        Arrays.fill(passes, -1);
        List<Integer> limits = new ArrayList<>();
        for (int b : loop) {
            IrBlock block = blocks.get(b);
            IrTerminator term = block.terminator();
            for (int k = 0, m = IrEdges.count(term); k < m; k++) {
                int s = IrEdges.get(term, k);
                if (b != h && !in[s] && !trapsOnly(blocks.get(s))) {
                    return; // leaves the loop to code that may use its values
                }
                if (in[s] && s != h && Dominators.dominates(idom, s, b)) {
                    return; // a back edge of an inner loop
                }
            }
            IrInst c = b == h ? null : branchCompare(block);
            if (c == null || !isUnsigned(c.op()) || index(c) != i || c.type() != t) {
                continue;
            }
            int m = c.op() == IrOp.ULT || c.op() == IrOp.UGE ? c.arg(1) : c.arg(0);
            if (inside[m]) {
                continue;
            }
            passes[b] = passesThen(c) ? 0 : 1;
            if (m != bound && !limits.contains(m)) {
                limits.add(m);
            }
        }
        boolean any = false;
        for (int b : loop) {
            any |= passes[b] >= 0;
        }
        if (!any) {
            return;
        }
        copy(h, loop, passes, i, bound, limits, t);
    }

    /**
     * Whether every edge entering the loop gives {@code i} a constant that is not negative: a
     * counted loop from its start. A loop picking up where another left off (the scalar tail after
     * a vector loop, a few iterations at most) is not worth its copy.
     */
    private boolean startsAtConstant(int h, int i, boolean[] in, int[] entries) {
        int k = IrEdges.paramIndex(blocks.get(h).params(), i);
        boolean any = false;
        for (int p : entries) {
            if (in[p]) {
                continue;
            }
            IrTerminator term = blocks.get(p).terminator();
            int[] args = term instanceof IrTerminator.Jump j ? j.args()
                    : term instanceof IrTerminator.Branch br && br.thenTarget() == h ? br.thenArgs()
                    : term instanceof IrTerminator.Branch br2 ? br2.elseArgs() : new int[0];
            if (k >= args.length) {
                return false;
            }
            IrInst c = definition(args[k]);
            if (c == null || c.op() != IrOp.ICONST || c.imm() < 0 || c.type().bits() < 64 && c.imm() >= 1L << (c.type().bits() - 1)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private @Nullable IrInst definition(int v) {
        for (IrBlock b : blocks) {
            for (IrInst x : b.insts()) {
                if (x.dst() == v) {
                    return x;
                }
            }
        }
        return null;
    }

    private static boolean trapsOnly(IrBlock b) {
        return b.insts().isEmpty() && b.terminator() instanceof IrTerminator.Trap;
    }

    /**
     * Adds, after the existing blocks: P, the new preheader, computing L and passing the loop's
     * entry arguments on; H, the copy's test {@code i <u L}, into the copy or else to the original
     * header; then the copy of every loop block (the header's first), its checks turned into jumps
     * to their passing side. The loop's entry edges go to P.
     */
    private void copy(int h, List<Integer> loop, int[] passes, int i, int bound, List<Integer> limits, IrType t) {
        int n = blocks.size();
        int pre = n;
        int head = n + 1;
        int[] at = new int[n]; // per loop block: its copy's index
        Arrays.fill(at, -1);
        int next = n + 2;
        for (int b : loop) {
            at[b] = next++;
        }
        int[] map = new int[valueCount];
        for (int v = 0; v < valueCount; v++) {
            map[v] = v;
        }
        @Nullable IrType[] ty = Arrays.copyOf(types, valueCount + 8 + 2 * limits.size() + countValues(loop));
        List<IrBlockParam> hps = blocks.get(h).params();
        // P's parameters receive the entry arguments; H's are the copy's state (the header's parameters, renamed).
        int[] preParams = new int[hps.size()];
        List<IrBlockParam> pps = new ArrayList<>(hps.size());
        List<IrBlockParam> qps = new ArrayList<>(hps.size());
        int[] state = new int[hps.size()];
        for (int k = 0; k < hps.size(); k++) {
            IrType pt = hps.get(k).type();
            preParams[k] = newValue(ty, pt);
            pps.add(new IrBlockParam(preParams[k], pt));
            state[k] = newValue(ty, pt);
            map[hps.get(k).value()] = state[k];
            qps.add(new IrBlockParam(state[k], pt));
        }
        // L = umin(smax(n, 0), m1, m2, …): below it, i <s n and i <u m for every m. smax(n, 0) is
        // n & ~(n >>s (bits - 1)): shifts and logic with immediates, fewer registers than a select.
        List<IrInst> pre0 = new ArrayList<>();
        int amount = newValue(ty, t);
        pre0.add(new IrInst(IrOp.ICONST, t, amount, new int[0], t.bits() - 1));
        int sign = newValue(ty, t);
        pre0.add(new IrInst(IrOp.SSHR, t, sign, new int[] {bound, amount}, 0));
        int ones = newValue(ty, t);
        pre0.add(new IrInst(IrOp.ICONST, t, ones, new int[0], -1));
        int keep = newValue(ty, t);
        pre0.add(new IrInst(IrOp.XOR, t, keep, new int[] {sign, ones}, 0));
        int limit = newValue(ty, t);
        pre0.add(new IrInst(IrOp.AND, t, limit, new int[] {bound, keep}, 0));
        for (int m : limits) {
            int below = newValue(ty, IrType.I8);
            pre0.add(new IrInst(IrOp.ULT, t, below, new int[] {m, limit}, 0));
            int l2 = newValue(ty, t);
            pre0.add(new IrInst(IrOp.SELECT, t, l2, new int[] {below, m, limit}, 0));
            limit = l2;
        }
        blocks.add(new IrBlock(pps, pre0, new IrTerminator.Jump(head, preParams)));
        int in = newValue(ty, IrType.I8);
        int iq = state[IrEdges.paramIndex(blocks.get(h).params(), i)];
        blocks.add(new IrBlock(qps, List.of(new IrInst(IrOp.ULT, t, in, new int[] {iq, limit}, 0)),
                new IrTerminator.Branch(in, at[h], new int[0], h, state)));
        // Fresh values for everything else the loop defines, then the copies.
        for (int b : loop) {
            IrBlock block = blocks.get(b);
            if (b != h) {
                for (IrBlockParam p : block.params()) {
                    map[p.value()] = newValue(ty, p.type());
                }
            }
            for (IrInst x : block.insts()) {
                if (x.dst() != IrInst.NO_VALUE) {
                    map[x.dst()] = newValue(ty, types[x.dst()]);
                }
                if (x.dst2() != IrInst.NO_VALUE) {
                    map[x.dst2()] = newValue(ty, types[x.dst2()]);
                }
            }
        }
        // The comparisons of the decided branches are not copied when nothing else reads them.
        int[] uses = IrEdges.useCounts(blocks, valueCount, null);
        boolean[] drop = new boolean[valueCount];
        for (int b : loop) {
            if (b == h || passes[b] >= 0) {
                int c = ((IrTerminator.Branch) blocks.get(b).terminator()).cond();
                drop[c] = uses[c] == 1;
            }
        }
        int[] target = new int[n]; // where an edge of the copy goes
        for (int b = 0; b < n; b++) {
            target[b] = at[b] >= 0 ? at[b] : b;
        }
        target[h] = head; // the copy's back edges go to its test
        for (int b : loop) {
            IrBlock block = blocks.get(b);
            List<IrBlockParam> ps = new ArrayList<>(block.params().size());
            if (b != h) {
                for (IrBlockParam p : block.params()) {
                    ps.add(new IrBlockParam(map[p.value()], p.type()));
                }
            }
            List<IrInst> insts = new ArrayList<>(block.insts().size());
            for (IrInst x : block.insts()) {
                if (x.dst() != IrInst.NO_VALUE && drop[x.dst()]) {
                    continue;
                }
                int[] args = x.args();
                for (int k = 0; k < args.length; k++) {
                    args[k] = map[args[k]];
                }
                insts.add(new IrInst(x.op(), x.type(), x.dst() == IrInst.NO_VALUE ? x.dst() : map[x.dst()], args, x.imm(),
                        x.dst2() == IrInst.NO_VALUE ? x.dst2() : map[x.dst2()]));
            }
            IrTerminator term = block.terminator();
            IrTerminator out;
            if (b == h) {
                // The copy's test decided the loop test: on into the loop.
                IrTerminator.Branch br = (IrTerminator.Branch) term;
                out = new IrTerminator.Jump(target[br.thenTarget()], mapped(br.thenArgs(), map));
            } else if (passes[b] >= 0) {
                IrTerminator.Branch br = (IrTerminator.Branch) term;
                out = passes[b] == 0 ? new IrTerminator.Jump(target[br.thenTarget()], mapped(br.thenArgs(), map))
                        : new IrTerminator.Jump(target[br.elseTarget()], mapped(br.elseArgs(), map));
            } else if (term instanceof IrTerminator.Jump j) {
                out = new IrTerminator.Jump(target[j.target()], mapped(j.args(), map));
            } else if (term instanceof IrTerminator.Branch br) {
                out = new IrTerminator.Branch(map[br.cond()], target[br.thenTarget()], mapped(br.thenArgs(), map),
                        target[br.elseTarget()], mapped(br.elseArgs(), map));
            } else {
                out = term; // a trap (a return cannot be: it would leave the loop)
            }
            blocks.add(new IrBlock(ps, insts, out));
        }
        // The loop's entries now go through P.
        for (int b = 0; b < n; b++) {
            if (at[b] >= 0) {
                continue; // inside the loop: its back edges stay
            }
            IrTerminator term = blocks.get(b).terminator();
            if (term instanceof IrTerminator.Jump j && j.target() == h) {
                blocks.set(b, new IrBlock(blocks.get(b).params(), blocks.get(b).insts(), j.withTarget(pre)));
            } else if (term instanceof IrTerminator.Branch br && (br.thenTarget() == h || br.elseTarget() == h)) {
                blocks.set(b, new IrBlock(blocks.get(b).params(), blocks.get(b).insts(),
                        br.withTargets(br.thenTarget() == h ? pre : br.thenTarget(), br.elseTarget() == h ? pre : br.elseTarget())));
            }
        }
        types = Arrays.copyOf(ty, valueCount);
    }

    private int countValues(List<Integer> loop) {
        int c = 0;
        for (int b : loop) {
            c += blocks.get(b).params().size() * 3 + 2 * blocks.get(b).insts().size();
        }
        return c;
    }

    private int newValue(@Nullable IrType[] ty, @Nullable IrType t) {
        ty[valueCount] = t;
        return valueCount++;
    }

    private static int[] mapped(int[] values, int[] map) {
        int[] out = values.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] = map[out[k]];
        }
        return out;
    }
}
