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
 * A target-neutral IR rewrite run before instruction selection: if-conversion. A branch whose two
 * sides meet again at one block — each side either going there directly (perhaps through blocks
 * that only pass values on) or through a block of its own with at most {@link #MAX_MOVED}
 * instructions that cannot trap and have no effect (integer arithmetic, comparisons, constants,
 * conversions between integer widths) — becomes a jump: those instructions move up into the
 * branching block, and each integer value the sides pass to the meeting block is chosen by a
 * {@code SELECT} on the branch's condition. A {@code clamp}, a maximum kept in a loop, a count under
 * {@code x >= lo && x <= hi}: the loop body becomes one block (a conditional move instead of a
 * branch the data decides, and fewer blocks, edges and moves for every later stage).
 *
 * <p>Exact: the moved instructions compute what they computed before (their operands dominate the
 * branching block, which was their block's only predecessor), only now on both sides, and none of
 * them can trap or write memory; the meeting block receives the same values. Inner branches go
 * first, so a chain of them ({@code &&}, an {@code if} inside an {@code else}) folds step by step.
 * Sides with a load, a store, a call, a division or a float, or longer than {@link #MAX_MOVED}, keep
 * their branch.
 *
 * <p>Run on a list of blocks by {@code BlockLayout.simplifyAndConvert} (before simplify's merge, so
 * that every later pass walks fewer blocks) and again by
 * {@link BlockLayout#layout(IrFunction, IrType[], boolean)} (for what the passes between made
 * convertible): their merging then joins each converted block with the block its sides met at and
 * drops the blocks moved up. A block that only passes values on is followed only when nothing but
 * its jump reads its parameters: a join whose parameter the code after it reads itself (the value
 * of an {@code if} read in the loop that follows) is where the sides meet. Cheap where it has
 * nothing to do: one look at each branch's two targets. The new values are the selects (and the
 * conditions of a {@code &&} or {@code ||}), typed as the meeting block's parameters; the other
 * values and their types do not change.
 */
final class IfConversion {
    /** Most instructions moved up from one side. */
    static final int MAX_MOVED = 8;
    /** Most blocks followed through that only pass their parameters on. */
    private static final int MAX_FORWARDS = 4;

    private final List<IrBlock> blocks;
    private final int n;
    private final boolean[] gone;
    private final int[] preds;
    private final int firstValue;
    private final List<IrType> newTypes = new ArrayList<>();
    private int next;
    /** One side, as {@link #side} finds it: the block whose instructions move up (or -1), where it leads, with what. */
    private int moved;
    private int target;
    private int[] args = new int[0];
    /** Per value, its reads, counted when {@link #uses} is first asked in a round; null until then. */
    private int @Nullable [] uses;

    private IfConversion(List<IrBlock> blocks, boolean[] gone, int valueCount) {
        this.blocks = blocks;
        this.n = blocks.size();
        this.gone = gone;
        this.preds = new int[n];
        this.firstValue = valueCount;
        this.next = valueCount;
    }

    /**
     * Converts {@code blocks}' convertible branches in place, marking {@code gone} the blocks no
     * longer reached (the sides moved up, the blocks they passed through); the new values' types,
     * numbered from {@code valueCount} on, or null when nothing converts.
     */
    static @Nullable List<IrType> convert(List<IrBlock> blocks, boolean[] gone, int valueCount) {
        if (blocks.size() < 3 || !anyCandidate(blocks)) {
            return null;
        }
        IfConversion c = new IfConversion(blocks, gone, valueCount);
        return c.run() ? c.newTypes : null;
    }

    /**
     * Whether the two sides of some branch meet within a jump each: a quick no for straight-line
     * code and for loops whose every branch leaves (an exit, a trap). Deeper shapes are found once
     * an inner one is converted.
     */
    private static boolean anyCandidate(List<IrBlock> blocks) {
        for (int b = 0, n = blocks.size(); b < n; b++) {
            if (blocks.get(b).terminator() instanceof IrTerminator.Branch br) {
                int t = br.thenTarget();
                int e = br.elseTarget();
                int t2 = jumpTarget(blocks, t);
                int e2 = jumpTarget(blocks, e);
                if (t == e2 || t2 == e || t2 >= 0 && t2 == e2) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where block {@code b} jumps, or -1 when it does not end in a jump. */
    private static int jumpTarget(List<IrBlock> blocks, int b) {
        return blocks.get(b).terminator() instanceof IrTerminator.Jump j ? j.target() : -1;
    }

    /** Converts what it can, inner branches first; whether anything changed. */
    private boolean run() {
        boolean changed = false;
        // Later blocks first: the front end numbers an inner branch after the one it sits in, and a
        // side still ending in a branch is taken up again in the next round. The counts are taken
        // once a round: a conversion removes edges, which only delays another to the next round,
        // and adds one, into the meeting block, which the sides' last steps already reach: no block
        // that a branch alone reaches gains a second way in.
        // After the first round only the branches with a side that changed are looked at again:
        // a side converted (now ending in a jump) or a block that lost a way in.
        boolean[] again = null;
        for (int round = 0; round < 4; round++) {
            countPredecessors();
            uses = null;
            boolean[] touched = new boolean[n];
            boolean any = false;
            for (int b = n - 1; b >= 0; b--) {
                if (!gone[b] && blocks.get(b).terminator() instanceof IrTerminator.Branch br
                        && (again == null || again[br.thenTarget()] || again[br.elseTarget()]) && convert(b, br)) {
                    touched[b] = true;
                    touched[br.thenTarget()] = true;
                    touched[br.elseTarget()] = true;
                    any = true;
                }
            }
            if (!any) {
                break;
            }
            changed = true;
            again = touched;
        }
        if (changed) {
            dropUnreached();
        }
        return changed;
    }

    private boolean convert(int b, IrTerminator.Branch br) {
        side(b, br.thenTarget(), br.thenArgs());
        int thenMoved = moved;
        int thenTarget = target;
        int[] thenArgs = args;
        side(b, br.elseTarget(), br.elseArgs());
        if (thenTarget != target || target == 0 || thenMoved < 0 && moved < 0 && thenTarget == b) {
            return false;
        }
        List<IrBlockParam> params = blocks.get(target).params();
        int selects = 0;
        for (int k = 0; k < params.size(); k++) {
            if (thenArgs[k] != args[k]) {
                if (!movable(params.get(k).type())) {
                    return false;
                }
                selects++;
            }
        }
        if (thenMoved < 0 && moved < 0 && selects == 0 && br.thenTarget() == br.elseTarget()) {
            return false; // both sides the same edge: nothing to choose (BlockLayout's business)
        }
        List<IrInst> insts = new ArrayList<>(blocks.get(b).insts().size() + selects
                + (thenMoved >= 0 ? blocks.get(thenMoved).insts().size() : 0) + (moved >= 0 ? blocks.get(moved).insts().size() : 0));
        insts.addAll(blocks.get(b).insts());
        if (thenMoved >= 0) {
            insts.addAll(blocks.get(thenMoved).insts());
            gone[thenMoved] = true;
        }
        if (moved >= 0) {
            insts.addAll(blocks.get(moved).insts());
            gone[moved] = true;
        }
        int[] chosen = new int[params.size()];
        // c && c2 and c || c2, each made once: the value and the c2 it was made for.
        int[] both = {-1, -1};
        int[] either = {-1, -1};
        for (int k = 0; k < chosen.length; k++) {
            int x = thenArgs[k];
            int y = args[k];
            if (x == y) {
                chosen[k] = y;
                continue;
            }
            IrType t = params.get(k).type();
            int cond = br.cond();
            // A side that chose by a select of its own (an inner branch converted before), one of
            // whose values the other side passes: one select on both conditions (&& and ||).
            IrInst inner = innerSelect(insts, x, thenArgs, args);
            boolean and = inner != null && inner.arg(2) == y;
            if (!and) {
                inner = innerSelect(insts, y, thenArgs, args);
            }
            if (inner != null && (and || inner.arg(1) == x)) {
                int[] made = and ? both : either;
                if (made[1] != inner.arg(0)) {
                    made[1] = inner.arg(0);
                    made[0] = condition(insts, and ? IrOp.AND : IrOp.OR, cond, made[1]);
                }
                cond = made[0];
                if (and) {
                    x = inner.arg(1);
                } else {
                    y = inner.arg(2);
                }
                insts.remove(inner);
            }
            chosen[k] = next++;
            newTypes.add(t);
            insts.add(new IrInst(IrOp.SELECT, t, chosen[k], new int[] {cond, x, y}, 0));
        }
        blocks.set(b, new IrBlock(blocks.get(b).params(), insts, new IrTerminator.Jump(target, chosen)));
        return true;
    }

    /**
     * The select this pass made for a side's value {@code v}, when nothing else reads it: a value
     * past the function's own, passed once among both sides' arguments; null otherwise.
     */
    private @Nullable IrInst innerSelect(List<IrInst> insts, int v, int[] thenArgs, int[] elseArgs) {
        if (v < firstValue) {
            return null;
        }
        int reads = 0;
        for (int a : thenArgs) {
            reads += a == v ? 1 : 0;
        }
        for (int a : elseArgs) {
            reads += a == v ? 1 : 0;
        }
        if (reads != 1) {
            return null;
        }
        for (int k = insts.size() - 1; k >= 0; k--) {
            IrInst i = insts.get(k);
            if (i.dst() == v) {
                return i.op() == IrOp.SELECT ? i : null;
            }
        }
        return null;
    }

    /** Appends {@code a op b} on two conditions (i8); its value. */
    private int condition(List<IrInst> insts, IrOp op, int a, int b) {
        int v = next++;
        newTypes.add(IrType.I8);
        insts.add(new IrInst(op, IrType.I8, v, new int[] {a, b}, 0));
        return v;
    }

    /**
     * Where the edge from {@code b} to {@code to} with {@code with} leads: through blocks that only
     * pass values on, and through a block of movable instructions that only {@code b} reaches
     * ({@link #moved}); sets {@link #moved}, {@link #target} and {@link #args}.
     */
    private void side(int b, int to, int[] with) {
        moved = -1;
        // Only the branch's own target moves up: a block behind another may have other ways in.
        if (to != b && to != 0 && with.length == 0 && preds[to] == 1 && movable(blocks.get(to))) {
            IrTerminator.Jump j = (IrTerminator.Jump) blocks.get(to).terminator();
            moved = to;
            forward(j.target(), j.args());
        } else {
            forward(to, with);
        }
    }

    /**
     * Follows blocks without instructions that jump on, their parameters read as the arguments they
     * get: only where nothing but that jump reads them (a join that passes a loop's start values on
     * while the loop reads the join's parameter itself is where the sides meet).
     */
    private void forward(int to, int[] with) {
        int at = to;
        int[] values = with;
        for (int step = 0; step < MAX_FORWARDS; step++) {
            IrBlock block = blocks.get(at);
            if (at == 0 || !block.insts().isEmpty() || !(block.terminator() instanceof IrTerminator.Jump j) || j.target() == at
                    || gone[at] || !onlyPassedOn(block, j)) {
                break;
            }
            List<IrBlockParam> ps = block.params();
            int[] out = j.args();
            for (int k = 0; k < out.length; k++) {
                for (int q = 0; q < ps.size(); q++) {
                    if (out[k] == ps.get(q).value()) {
                        out[k] = values[q];
                        break;
                    }
                }
            }
            at = j.target();
            values = out;
        }
        target = at;
        args = values;
    }

    /** Whether {@code block}'s jump {@code j} is all that reads its parameters. */
    private boolean onlyPassedOn(IrBlock block, IrTerminator.Jump j) {
        List<IrBlockParam> ps = block.params();
        if (ps.isEmpty()) {
            return true;
        }
        int[] u = uses();
        for (int q = 0; q < ps.size(); q++) {
            int p = ps.get(q).value();
            int inJump = 0;
            for (int k = 0, m = j.argCount(); k < m; k++) {
                inJump += j.arg(k) == p ? 1 : 0;
            }
            if (u[p] != inJump) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per value, how many times the blocks not gone read it (every value read is below {@link #next});
     * counted when first asked in a round (a conversion moves reads, never adds one of a block
     * parameter: counts taken earlier in the round are never too low).
     */
    private int[] uses() {
        int[] u = uses;
        if (u == null) {
            u = IrEdges.useCounts(blocks, next, gone);
            uses = u;
        }
        return u;
    }

    /** A block of at most {@link #MAX_MOVED} instructions, each of which may run on both sides, ending in a jump. */
    private boolean movable(IrBlock block) {
        List<IrInst> insts = block.insts();
        if (!(block.terminator() instanceof IrTerminator.Jump) || insts.size() > MAX_MOVED) {
            return false;
        }
        for (int k = 0, m = insts.size(); k < m; k++) {
            IrInst i = insts.get(k);
            boolean pure = switch (i.op()) {
                case ICONST, COPY, SELECT, ADD, SUB, MUL, AND, OR, XOR, EQ, NE, SLT, SLE, SGT, SGE, ULT, ULE, UGT, UGE, SEXT, ZEXT,
                    TRUNC -> true;
                default -> false;
            };
            if (!pure || !movable(i.type()) || i.dst2() != IrInst.NO_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** Integer scalars: values a conditional move chooses between, computed without a trap. */
    private static boolean movable(IrType t) {
        return t.isInt() && !t.isVector();
    }

    /** Per block, the edges into it from the blocks not gone. */
    private void countPredecessors() {
        Arrays.fill(preds, 0);
        for (int b = 0; b < n; b++) {
            if (!gone[b]) {
                IrTerminator t = blocks.get(b).terminator();
                for (int k = 0, m = IrEdges.count(t); k < m; k++) {
                    preds[IrEdges.get(t, k)]++;
                }
            }
        }
    }

    /** Marks gone the blocks the entry no longer reaches (those the converted sides passed through). */
    private void dropUnreached() {
        boolean[] reached = IrEdges.reachable(blocks);
        for (int b = 0; b < n; b++) {
            gone[b] |= !reached[b];
        }
    }
}
