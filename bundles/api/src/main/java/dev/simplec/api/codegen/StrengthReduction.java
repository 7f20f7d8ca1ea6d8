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
 * A target-neutral IR rewrite run before instruction selection: loop induction-variable strength
 * reduction. In a loop whose header {@code h} is entered by one jump from outside (the preheader)
 * and one jump from inside (the latch), a header parameter {@code p} that the latch binds to
 * {@code p + c} ({@code c} loop-invariant) is an induction variable. An i64 value computed in the
 * loop as {@code p * s + o} ({@code s}, {@code o} loop-invariant) through a multiplication that runs
 * every iteration — the row-major index {@code k * n + j}, or {@code i * n + k} whose invariant
 * product is recomputed — becomes a header parameter, under its own number: the preheader binds it
 * to {@code init * s + o}, the latch to itself plus {@code c * s}, and what reads it is left as it
 * is (the header dominates all of it). The multiplication leaves the loop, its index stays in a
 * register and steps by an add. A second value of the same form reads the first one's parameter.
 *
 * <p>Exact: i64 arithmetic wraps, and {@code (p + c) * s + o == (p * s + o) + c * s} modulo 2^64, so
 * the new parameter equals the value it replaces at every header entry; no trap moves (the
 * operations involved cannot trap). A product by a constant is left alone (an address's scale is
 * folded into its addressing mode), and so is a value without a multiplication in the loop.
 * Invariant expressions are rebuilt in the preheader (at most {@link #MAX_TREE} operations each).
 * New values are i64; other values and their types do not change.
 *
 * <p>Cheap where it has nothing to do, which is most functions: without an i64 multiplication by a
 * variable nothing is made; a loop without an i64 multiplication is skipped; the per-value state
 * is made only for a loop with one and an induction variable. Invariant expressions are
 * {@link InvariantTerms} ids, compared as ints; only the blocks the rewrite touches are rebuilt.
 */
public final class StrengthReduction {
    /** Largest invariant expression tree (nodes) rebuilt in a preheader. */
    private static final int MAX_TREE = 12;

    private StrengthReduction() {
    }

    /**
     * {@code f} with its loops' multiplied induction expressions strength-reduced, and {@code types}
     * extended to the new values (i64); {@code f} and {@code types} themselves when nothing changes.
     */
    public static AccumulatorRecursion.Rewritten reduce(IrFunction f, @Nullable IrType[] types) {
        AccumulatorRecursion.Rewritten unchanged = new AccumulatorRecursion.Rewritten(f, types);
        List<IrBlock> blocks = f.blocks();
        int n = blocks.size();
        if (n < 2 || !hasVariableProduct(blocks, f.valueCount())) {
            return unchanged;
        }
        return new StrengthReduction.Pass(f, types).run(unchanged);
    }

    /**
     * Whether an innermost loop has an i64 multiplication the pass may reduce: one with no constant
     * operand, or a constant times a value from outside the loop (an invariant recomputed in it)
     * where the function has a product by a variable somewhere. Else there is nothing to reduce.
     * The loops here are the spans of the back edges in block order (an edge to the block itself or
     * an earlier one, from the front end's numbering), innermost when no other one starts inside,
     * and their blocks those of the span with no edge out of it but to a trap: a product the
     * lowering left before an inner loop (its stepping index's start, {@code i * n}) or after it is
     * in an outer loop only. A gate, not the pass's own loops: a loop it misses (one that leaves
     * other than to a trap from where the product is) keeps its products.
     */
    private static boolean hasVariableProduct(List<IrBlock> blocks, int values) {
        // Two scans, the second only where the first finds a product by a variable (most functions
        // have none).
        Products products = new Products(blocks, values);
        if (!products.worth(null)) {
            return false;
        }
        int[] span = innermostSpans(blocks);
        return span != null && products.worth(span);
    }

    /**
     * Scans of a function's i64 multiplications. A constant is usually defined before the product
     * reading it; one defined after only makes the answer yes, and the pass look for nothing. An
     * operand defined by a constant a few instructions up the same block (an address's scale) needs
     * no array of constants.
     */
    private static final class Products {
        private final List<IrBlock> blocks;
        private final int values;
        private boolean @Nullable [] constant;
        private int @Nullable [] defBlock;

        Products(List<IrBlock> blocks, int values) {
            this.blocks = blocks;
            this.values = values;
        }

        /**
         * Without {@code span}: whether some product is by a variable. With it ({@link #innermostSpans}):
         * whether one in an innermost loop is by a variable, or a constant times a value from outside
         * that loop.
         */
        boolean worth(int @Nullable [] span) {
            for (int b = 0, n = blocks.size(); b < n; b++) {
                List<IrInst> insts = blocks.get(b).insts();
                for (int k = 0, m = insts.size(); k < m; k++) {
                    IrInst i = insts.get(k);
                    if (i.op() != IrOp.MUL || i.type() != IrType.I64) {
                        boolean[] known = constant;
                        if (i.op() == IrOp.ICONST && known != null) {
                            known[i.dst()] = true;
                        }
                        continue;
                    }
                    int x = i.arg(0);
                    int y = i.arg(1);
                    boolean cx = constantJustBefore(insts, k, x);
                    boolean cy = constantJustBefore(insts, k, y);
                    if (!cx && !cy) {
                        boolean[] c = constant;
                        if (c == null) {
                            c = constants(blocks, values, b, k);
                            constant = c;
                        }
                        cx = c[x];
                        cy = c[y];
                    }
                    if (span == null) {
                        if (!cx && !cy) {
                            return true;
                        }
                        continue;
                    }
                    if (span[b] < 0 || cx && cy) {
                        continue;
                    }
                    if (!cx && !cy) {
                        return true;
                    }
                    int other = cx ? y : x;
                    if (isParam(blocks.get(span[b]), other)) {
                        continue; // the scale of an index that steps
                    }
                    int[] d = defBlock;
                    if (d == null) {
                        d = defBlocks(blocks, values);
                        defBlock = d;
                    }
                    if (d[other] < 0 || span[d[other]] != span[b]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static boolean isParam(IrBlock block, int v) {
        List<IrBlockParam> params = block.params();
        for (int k = 0, m = params.size(); k < m; k++) {
            if (params.get(k).value() == v) {
                return true;
            }
        }
        return false;
    }

    /** Per value, the block that defines it (a parameter or an instruction), -1 for none. */
    private static int[] defBlocks(List<IrBlock> blocks, int values) {
        int[] at = new int[values];
        Arrays.fill(at, -1);
        for (int b = 0, n = blocks.size(); b < n; b++) {
            IrBlock block = blocks.get(b);
            List<IrBlockParam> params = block.params();
            for (int k = 0, m = params.size(); k < m; k++) {
                at[params.get(k).value()] = b;
            }
            List<IrInst> insts = block.insts();
            for (int k = 0, m = insts.size(); k < m; k++) {
                IrInst i = insts.get(k);
                if (i.dst() != IrInst.NO_VALUE) {
                    at[i.dst()] = b;
                }
                if (i.dst2() != IrInst.NO_VALUE) {
                    at[i.dst2()] = b;
                }
            }
        }
        return at;
    }

    /**
     * Per block, the header of the innermost back-edge span it is a block of
     * ({@link #hasVariableProduct}), -1 for none; null when there is no loop.
     */
    private static int @Nullable [] innermostSpans(List<IrBlock> blocks) {
        int n = blocks.size();
        int[] from = new int[4];
        int[] to = new int[4];
        int spans = 0;
        for (int b = 0; b < n; b++) {
            IrTerminator t = blocks.get(b).terminator();
            for (int k = 0, m = IrEdges.count(t); k < m; k++) {
                int s = IrEdges.get(t, k);
                if (s <= b) {
                    if (spans == from.length) {
                        from = Arrays.copyOf(from, 2 * spans);
                        to = Arrays.copyOf(to, 2 * spans);
                    }
                    from[spans] = s;
                    to[spans++] = b;
                }
            }
        }
        if (spans == 0) {
            return null;
        }
        int[] span = new int[n];
        Arrays.fill(span, -1);
        for (int x = 0; x < spans; x++) {
            boolean inner = true;
            for (int y = 0; y < spans && inner; y++) {
                inner = from[y] <= from[x] || from[y] > to[x];
            }
            if (!inner) {
                continue;
            }
            // Its blocks: those that stay in the span (a trap apart). The loop's exit, numbered
            // between its header and its body, leaves it and is not one.
            for (int b = from[x]; b <= to[x]; b++) {
                IrTerminator t = blocks.get(b).terminator();
                boolean stays = true;
                for (int k = 0, m = IrEdges.count(t); k < m && stays; k++) {
                    int s = IrEdges.get(t, k);
                    stays = s >= from[x] && s <= to[x] || blocks.get(s).terminator() instanceof IrTerminator.Trap;
                }
                if (stays || b == from[x]) {
                    span[b] = from[x];
                }
            }
        }
        return span;
    }

    /** Whether one of the few instructions before {@code insts[k]} defines {@code v} as a constant. */
    private static boolean constantJustBefore(List<IrInst> insts, int k, int v) {
        for (int j = k - 1; j >= 0 && j >= k - 4; j--) {
            IrInst d = insts.get(j);
            if (d.dst() == v) {
                return d.op() == IrOp.ICONST;
            }
        }
        return false;
    }

    /** The values the instructions before block {@code b}'s instruction {@code k} define as constants. */
    private static boolean[] constants(List<IrBlock> blocks, int values, int b, int k) {
        boolean[] constant = new boolean[values];
        for (int x = 0; x <= b; x++) {
            List<IrInst> insts = blocks.get(x).insts();
            for (int y = 0, m = x == b ? k : insts.size(); y < m; y++) {
                IrInst i = insts.get(y);
                if (i.op() == IrOp.ICONST) {
                    constant[i.dst()] = true;
                }
            }
        }
        return constant;
    }

    private static final class Pass {
        // Per value, state bits of the loop being looked at (the rest of the word is the affine form's number).
        /** 1 + the size of the value's invariant tree, or 0 when it is not invariant. */
        private static final int INV_MASK = 0xF;
        /** An affine value something not affine reads. */
        private static final int READ_AS_SUCH = 0x10;
        private static final int FORM_SHIFT = 5;
        /** {@link #build}'s marks per block: an instruction changes; the terminator reads a renamed value. */
        private static final byte TOUCHED_INSTS = 1;
        private static final byte TOUCHED_TERMINATOR = 2;

        private final IrFunction f;
        private final @Nullable IrType[] types;
        private final List<IrBlock> blocks;
        private final int n;
        private final int values;
        private final @Nullable IrInst[] def;
        private final int[] defBlock;
        /** The predecessors of block {@code b}: {@code predList[predStart[b] .. predStart[b + 1]]}. */
        private final int[] predStart;
        private final int[] predList;
        /** The successors of block {@code b}, as {@link IrEdges} lists them: {@code succList[succStart[b] .. succStart[b + 1]]}. */
        private final int[] succStart;
        private final int[] succList;
        private int next;
        private final boolean[] inLoop;
        /** Per value: how many times the function reads it. */
        private final int[] uses;
        /** Per block: it has an i64 multiplication. */
        private final boolean[] multiplying;
        /** Per block: a loop header {@link #body} found dominating its latch (an outer loop's walk meeting one stops). */
        private final boolean[] header;
        /** {@link #body}'s work arrays, one per block. */
        private final int[] stack;
        private final int[] edge;
        private final boolean[] seen;
        private final boolean[] open;

        // Made by the first loop with an induction variable and an i64 product.
        /** Per value, for the loop being looked at: invariant tree size, read as such, affine form (see above). */
        private int[] state = new int[0];
        private final InvariantTerms terms = new InvariantTerms();
        private int zero;
        private int one;
        /** The loop's affine forms {@code iv * s + o}: iv * 2 + 1 when computing it in the loop takes a multiplication (costly), s, o. */
        private int[] forms = new int[0];
        private int formCount;
        /** The loop's roots so far: induction variable, scale term, offset term less its constant, parameter. */
        private int[] roots = new int[0];
        private long[] rootConstant = new long[0];
        private int rootCount;
        /** What the loop's roots add, made by its first root. */
        private @Nullable Additions adding;

        // Made by the first change.
        /** Per value: the value it reads as after the rewrite (identity beyond the array). */
        private int[] rename = new int[0];
        /** Per value: the instructions that define it instead of its own ({@code q + constant}), or null. */
        private @Nullable IrInst[][] replacement = NO_REPLACEMENTS;
        /** What replaced definitions read: perhaps read by nothing else now. */
        private final IntList orphans = new IntList();
        /** Per block: the parameters, instructions and jump arguments changed loops add to it, or null. */
        private List<IrBlockParam>[] extraParams = noLists();
        private List<IrInst>[] extraInsts = noLists();
        private int[][] extraArgs = NO_ARGS;

        Pass(IrFunction f, @Nullable IrType[] types) {
            this.f = f;
            this.types = types;
            this.blocks = f.blocks();
            this.n = blocks.size();
            this.values = f.valueCount();
            this.def = new @Nullable IrInst[values];
            this.defBlock = new int[values];
            Arrays.fill(defBlock, -1);
            int[] start = new int[n + 1];
            boolean[] multiplying = this.multiplying = new boolean[n];
            int[] uses = this.uses = new int[values];
            for (int b = 0; b < n; b++) {
                IrBlock block = blocks.get(b);
                List<IrBlockParam> params = block.params();
                for (int k = 0, m = params.size(); k < m; k++) {
                    defBlock[params.get(k).value()] = b;
                }
                List<IrInst> insts = block.insts();
                for (int k = 0, m = insts.size(); k < m; k++) {
                    IrInst i = insts.get(k);
                    if (i.dst() != IrInst.NO_VALUE) {
                        def[i.dst()] = i;
                        defBlock[i.dst()] = b;
                        multiplying[b] |= i.op() == IrOp.MUL && i.type() == IrType.I64;
                    }
                    if (i.dst2() != IrInst.NO_VALUE) {
                        defBlock[i.dst2()] = b;
                    }
                    for (int x = 0, y = i.argCount(); x < y; x++) {
                        uses[i.arg(x)]++;
                    }
                }
                IrTerminator t = block.terminator();
                IrEdges.countUses(t, uses);
                for (int k = 0, m = IrEdges.count(t); k < m; k++) {
                    start[IrEdges.get(t, k) + 1]++;
                }
            }
            for (int b = 0; b < n; b++) {
                start[b + 1] += start[b];
            }
            this.predStart = start;
            this.predList = new int[start[n]];
            this.succStart = new int[n + 1];
            this.succList = new int[start[n]];
            int[] fill = this.stack = new int[n]; // the stack, free until body() runs
            for (int b = 0, e = 0; b < n; b++) {
                IrTerminator t = blocks.get(b).terminator();
                for (int k = 0, m = IrEdges.count(t); k < m; k++) {
                    int s = IrEdges.get(t, k);
                    predList[start[s] + fill[s]++] = b;
                    succList[e++] = s;
                }
                succStart[b + 1] = e;
            }
            this.next = values;
            this.inLoop = new boolean[n];
            this.header = new boolean[n];
            this.edge = new int[n];
            this.seen = new boolean[n];
            this.open = new boolean[n];
        }

        AccumulatorRecursion.Rewritten run(AccumulatorRecursion.Rewritten unchanged) {
            // The innermost loops first found from the last header back, so that an outer loop's
            // walk stops at the first inner header it meets; then reduced in block order (the
            // order the new values are numbered in).
            int @Nullable [][] bodies = new int @Nullable [n][];
            int[] ends = new int[2 * n]; // per header with a body: preheader, latch
            boolean any = false;
            for (int h = n - 1; h >= 1; h--) {
                int p0 = predStart[h];
                if (predStart[h + 1] - p0 != 2 || blocks.get(h).params().isEmpty()) {
                    continue;
                }
                // The latch: the predecessor numbered after the header (the front end's order) whose
                // way back up never reaches the entry except through the header.
                for (int k = 0; k < 2; k++) {
                    int latch = predList[p0 + k];
                    int pre = predList[p0 + 1 - k];
                    if (latch < h || pre == latch || !(blocks.get(latch).terminator() instanceof IrTerminator.Jump)
                            || !(blocks.get(pre).terminator() instanceof IrTerminator.Jump)) {
                        continue;
                    }
                    int[] body = body(h, latch);
                    if (body != null) {
                        boolean worth = multiplies(body);
                        for (int b : body) {
                            inLoop[b] = false;
                        }
                        if (worth) {
                            bodies[h] = body;
                            ends[2 * h] = pre;
                            ends[2 * h + 1] = latch;
                            any = true;
                        }
                        break;
                    }
                }
            }
            if (!any) {
                return unchanged;
            }
            boolean changed = false;
            for (int h = 1; h < n; h++) {
                int[] body = bodies[h];
                if (body == null) {
                    continue;
                }
                for (int b : body) {
                    inLoop[b] = true;
                }
                changed |= reduceLoop(h, ends[2 * h], ends[2 * h + 1], body);
                for (int b : body) {
                    inLoop[b] = false;
                    forget(blocks.get(b));
                }
            }
            if (!changed) {
                return unchanged;
            }
            return build();
        }

        /**
         * Whether the loop (its blocks marked in {@link #inLoop}) has an i64 multiplication to reduce:
         * of two values neither of which is a constant, or of a constant and a value from outside the
         * loop (an invariant recomputed in it). Else nothing in it is costly, but an invariant a
         * product by a constant of a value computed in the loop recomputes, which stays: a loop whose
         * only products are address scales ({@code k * 8}) is passed over without its forms.
         */
        private boolean multiplies(int[] body) {
            for (int b : body) {
                if (!multiplying[b]) {
                    continue;
                }
                List<IrInst> insts = blocks.get(b).insts();
                for (int k = 0, m = insts.size(); k < m; k++) {
                    IrInst i = insts.get(k);
                    if (i.op() != IrOp.MUL || i.type() != IrType.I64) {
                        continue;
                    }
                    boolean cx = constant(i.arg(0));
                    boolean cy = constant(i.arg(1));
                    int other = cx ? i.arg(1) : i.arg(0);
                    if (!cx && !cy || cx != cy && (defBlock[other] < 0 || !inLoop[defBlock[other]])) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * The loop's blocks in an order where every definition comes before its uses (reverse
         * postorder from the header), marking {@link #inLoop}; null when the header does not dominate the latch.
         */
        private int @Nullable [] body(int h, int latch) {
            // Blocks that reach the latch without passing the header.
            int[] stack = this.stack;
            int top = 0;
            inLoop[h] = true;
            if (!inLoop[latch]) {
                inLoop[latch] = true;
                stack[top++] = latch;
            }
            boolean entry = false;
            while (top > 0) {
                int b = stack[--top];
                if (b == 0) {
                    entry = true;
                    break;
                }
                if (header[b]) {
                    // An inner loop's header: the search below would find its back edge (or, were
                    // that header to dominate this one, the entry here), so this loop is not innermost.
                    Arrays.fill(inLoop, false);
                    return null;
                }
                for (int x = predStart[b], end = predStart[b + 1]; x < end; x++) {
                    int p = predList[x];
                    if (!inLoop[p]) {
                        inLoop[p] = true;
                        stack[top++] = p;
                    }
                }
            }
            if (entry) {
                Arrays.fill(inLoop, false);
                return null;
            }
            header[h] = true;
            // Reverse postorder of the loop's blocks from the header (iterative depth-first search).
            int size = 0;
            for (int b = 0; b < n; b++) {
                size += inLoop[b] ? 1 : 0;
            }
            int[] order = new int[size];
            int done = 0;
            boolean[] seen = this.seen; // all false, 0 and false again after each search (cleared below)
            int[] edge = this.edge;
            boolean[] open = this.open;
            top = 0;
            stack[top++] = h;
            seen[h] = true;
            boolean inner = false;
            while (top > 0) {
                int b = stack[top - 1];
                open[b] = true;
                if (edge[b] < succStart[b + 1] - succStart[b]) {
                    int s = succList[succStart[b] + edge[b]++];
                    if (inLoop[s] && !seen[s]) {
                        seen[s] = true;
                        stack[top++] = s;
                    } else if (s != h && open[s]) {
                        inner = true; // an edge back up inside the loop: a loop within it
                    }
                } else {
                    order[size - 1 - done++] = b; // postorder, filled from the back (only loop blocks are seen)
                    open[b] = false;
                    top--;
                }
            }
            for (int k = size - done; k < size; k++) {
                seen[order[k]] = false;
                edge[order[k]] = 0;
            }
            if (done != size || inner) {
                // Only innermost loops (an outer loop's new parameters would live across its inner
                // loops, taking their registers), whose every block the header reaches.
                Arrays.fill(inLoop, false);
                return null;
            }
            return order;
        }

        /** Clears what {@link #reduceLoop} learnt about the values {@code block} defines: their affine forms. */
        private void forget(IrBlock block) {
            if (state.length == 0) {
                return;
            }
            List<IrBlockParam> params = block.params();
            for (int k = 0, m = params.size(); k < m; k++) {
                setForm(params.get(k).value(), 0);
            }
            List<IrInst> insts = block.insts();
            for (int k = 0, m = insts.size(); k < m; k++) {
                int d = insts.get(k).dst();
                if (d != IrInst.NO_VALUE) {
                    setForm(d, 0);
                }
            }
        }

        private int form(int v) {
            return state[v] >>> FORM_SHIFT;
        }

        private void setForm(int v, int form) {
            state[v] = state[v] & ((1 << FORM_SHIFT) - 1) | form << FORM_SHIFT;
        }

        private int invSize(int v) {
            return (state[v] & INV_MASK) - 1;
        }

        private void setInvSize(int v, int size) {
            state[v] = state[v] & ~INV_MASK | (size + 1);
        }

        private boolean readAsSuch(int v) {
            return (state[v] & READ_AS_SUCH) != 0;
        }

        private void clearReadAsSuch(int v) {
            state[v] &= ~READ_AS_SUCH;
        }

        private int formIv(int a) {
            return forms[3 * a] >> 1;
        }

        private boolean formCostly(int a) {
            return (forms[3 * a] & 1) != 0;
        }

        private int formS(int a) {
            return forms[3 * a + 1];
        }

        private int formO(int a) {
            return forms[3 * a + 2];
        }

        /** The per-value state and the terms' and forms' arrays: made for the first loop that needs them. */
        private void loopState() {
            if (state.length == 0) {
                state = new int[values];
                forms = new int[3 * 8];
            }
        }

        private boolean reduceLoop(int h, int pre, int latch, int[] body) {
            // Induction variable candidates first (they need only the loop's blocks): header
            // parameters the latch steps by something, invariant as asked below.
            IrBlock header = blocks.get(h);
            List<IrBlockParam> headerParams = header.params();
            int[] latchArgs = ((IrTerminator.Jump) blocks.get(latch).terminator()).args();
            int[] step = new int[headerParams.size()];
            boolean any = false;
            for (int k = 0; k < step.length; k++) {
                step[k] = -1;
                IrBlockParam p = headerParams.get(k);
                if (p.type() != IrType.I64) {
                    continue;
                }
                IrInst d = def[latchArgs[k]];
                if (d != null && d.op() == IrOp.ADD && d.type() == IrType.I64 && inLoop[defBlock[d.dst()]]) {
                    int a = d.arg(0);
                    int c = d.arg(1);
                    if (c == p.value()) {
                        c = a;
                        a = p.value();
                    }
                    if (a == p.value()) {
                        step[k] = c;
                        any = true;
                    }
                }
            }
            if (!any) {
                return false;
            }
            loopState();
            terms.clear();
            zero = terms.constant(0);
            one = terms.constant(1);
            formCount = 0;
            rootCount = 0;
            adding = null;
            // Invariance, in definition order.
            for (int b : body) {
                IrBlock block = blocks.get(b);
                List<IrBlockParam> params = block.params();
                for (int k = 0, m = params.size(); k < m; k++) {
                    setInvSize(params.get(k).value(), -1);
                }
                List<IrInst> insts = block.insts();
                for (int k = 0, m = insts.size(); k < m; k++) {
                    IrInst i = insts.get(k);
                    if (i.dst() == IrInst.NO_VALUE) {
                        continue;
                    }
                    setInvSize(i.dst(), invariantSize(i));
                    if (i.dst2() != IrInst.NO_VALUE) {
                        setInvSize(i.dst2(), -1);
                    }
                }
            }
            any = false;
            for (int k = 0; k < step.length; k++) {
                if (step[k] >= 0 && invariant(step[k])) {
                    setForm(headerParams.get(k).value(), newForm(k, one, zero, false));
                    any = true;
                } else {
                    step[k] = -1;
                }
            }
            if (!any) {
                return false;
            }
            // Affine forms, in definition order.
            for (int b : body) {
                List<IrInst> insts = blocks.get(b).insts();
                for (int k = 0, m = insts.size(); k < m; k++) {
                    IrInst i = insts.get(k);
                    if (i.dst() != IrInst.NO_VALUE && i.type() == IrType.I64 && i.argCount() == 2) {
                        setForm(i.dst(), affine(i));
                    }
                }
            }
            // Read as such: affine values some non-affine instruction or a terminator reads.
            for (int b : body) {
                IrBlock block = blocks.get(b);
                List<IrInst> insts = block.insts();
                for (int k = 0, m = insts.size(); k < m; k++) {
                    IrInst i = insts.get(k);
                    if (i.dst() != IrInst.NO_VALUE && form(i.dst()) != 0) {
                        continue;
                    }
                    for (int x = 0, y = i.argCount(); x < y; x++) {
                        read(i.arg(x));
                    }
                }
                IrTerminator t = block.terminator();
                if (t instanceof IrTerminator.Jump j) {
                    for (int k = 0, m = j.argCount(); k < m; k++) {
                        read(j.arg(k));
                    }
                } else if (t instanceof IrTerminator.Branch br) {
                    read(br.cond());
                    for (int k = 0, m = br.thenArgCount(); k < m; k++) {
                        read(br.thenArg(k));
                    }
                    for (int k = 0, m = br.elseArgCount(); k < m; k++) {
                        read(br.elseArg(k));
                    }
                } else if (t instanceof IrTerminator.Ret r) {
                    for (int k = 0, m = r.valueCount(); k < m; k++) {
                        read(r.value(k));
                    }
                }
            }
            // Roots, in definition order: a costly value read as such, unless it is one add of a
            // cheap invariant away from another root (k * n + j + 1 after k * n + j: one add in the
            // loop, no second parameter to step).
            for (int b : body) {
                IrBlock block = blocks.get(b);
                List<IrInst> insts = block.insts();
                for (int k = 0, m = insts.size(); k < m; k++) {
                    IrInst i = insts.get(k);
                    int v = i.dst();
                    if (v == IrInst.NO_VALUE || !readAsSuch(v)) {
                        continue;
                    }
                    clearReadAsSuch(v);
                    if (nearRoot(i)) {
                        continue;
                    }
                    root(v, step, pre);
                }
                List<IrBlockParam> params = block.params();
                for (int k = 0, m = params.size(); k < m; k++) {
                    clearReadAsSuch(params.get(k).value());
                }
            }
            Additions out = adding;
            if (out == null) {
                return false;
            }
            if (extraArgs.length == 0) {
                extraParams = lists(n);
                extraInsts = lists(n);
                extraArgs = new int[n][];
            }
            add(extraParams, h, out.params);
            add(extraInsts, pre, out.preInsts);
            add(extraInsts, latch, out.latchInsts);
            extraArgs[pre] = concat(extraArgs[pre], out.preArgsAdded.toArray());
            extraArgs[latch] = concat(extraArgs[latch], out.latchArgsAdded.toArray());
            return true;
        }

        /** What a loop's roots add: the header's parameters, the preheader's and latch's instructions and arguments. */
        private static final class Additions {
            /** The preheader's arguments to the header, before the additions. */
            final int[] preArgs;
            final List<IrInst> preInsts = new ArrayList<>();
            final List<IrInst> latchInsts = new ArrayList<>();
            final List<IrBlockParam> params = new ArrayList<>();
            final IntList preArgsAdded = new IntList();
            final IntList latchArgsAdded = new IntList();

            Additions(int[] preArgs) {
                this.preArgs = preArgs;
            }
        }

        private int newForm(int iv, int s, int o, boolean costly) {
            if (3 * formCount == forms.length) {
                forms = Arrays.copyOf(forms, 2 * forms.length);
            }
            forms[3 * formCount] = iv << 1 | (costly ? 1 : 0);
            forms[3 * formCount + 1] = s;
            forms[3 * formCount + 2] = o;
            return ++formCount;
        }

        private void read(int v) {
            if (form(v) != 0) {
                state[v] |= READ_AS_SUCH;
            }
        }

        /** {@code i} adds or subtracts a cheap invariant to a value that becomes (or is) a root. */
        private boolean nearRoot(IrInst i) {
            if (i.op() != IrOp.ADD && i.op() != IrOp.SUB) {
                return false;
            }
            for (int k = 0; k < 2; k++) {
                int x = i.arg(k);
                int y = i.arg(1 - k);
                int fx = form(x);
                if (fx != 0 && formCostly(fx - 1) && isRoot(x) && form(y) == 0 && !costlyInLoop(y)
                        && (k == 0 || i.op() == IrOp.ADD)) {
                    return true;
                }
            }
            return false;
        }

        /** Makes {@code v} a new header parameter when it is a costly affine value not yet reduced. */
        private void root(int v, int[] step, int pre) {
            int a = form(v) - 1;
            if (a < 0 || !formCostly(a) || rename(v) != v || replacement(v) != null || terms.isConst(formS(a), 0)) {
                return;
            }
            int iv = formIv(a);
            int s = formS(a);
            int o = formO(a);
            // o as an invariant part and a constant: k * m + 3 and k * m + 4 share one parameter.
            int rest = o;
            long c = 0;
            int ko = terms.kind(o);
            if (ko == InvariantTerms.CONST) {
                c = terms.value(o);
                rest = zero;
            } else if ((ko == InvariantTerms.ADD || ko == InvariantTerms.SUB) && terms.kind(terms.right(o)) == InvariantTerms.CONST) {
                long k = terms.value(terms.right(o));
                c = ko == InvariantTerms.ADD ? k : -k;
                rest = terms.left(o);
            }
            for (int r = 0; r < rootCount; r++) {
                if (roots[4 * r] == iv && roots[4 * r + 1] == s && roots[4 * r + 2] == rest) {
                    int q = roots[4 * r + 3];
                    if (rootConstant[r] == c) {
                        setRename(v, q);
                    } else {
                        // v = q + (c - c0), in place of its definition.
                        int k = newValue();
                        replace(v, new IrInst[] {new IrInst(IrOp.ICONST, IrType.I64, k, new int[0], c - rootConstant[r]),
                            new IrInst(IrOp.ADD, IrType.I64, v, new int[] {q, k}, 0)});
                    }
                    return;
                }
            }
            Additions out = adding;
            if (out == null) {
                out = adding = new Additions(((IrTerminator.Jump) blocks.get(pre).terminator()).args());
            }
            // v itself becomes the header's parameter: its readers, which its definition in the loop
            // dominates, are dominated by the header too, and need no renaming.
            int q = v;
            replace(v, DROPPED);
            if (4 * rootCount == roots.length) {
                roots = Arrays.copyOf(roots, Math.max(16, 2 * roots.length));
                rootConstant = Arrays.copyOf(rootConstant, roots.length / 4);
            }
            roots[4 * rootCount] = iv;
            roots[4 * rootCount + 1] = s;
            roots[4 * rootCount + 2] = rest;
            roots[4 * rootCount + 3] = q;
            rootConstant[rootCount++] = c;
            int init = out.preArgs[iv];
            // init * s + o, and the step c * s, in the preheader.
            int start = terms.bin(IrOp.ADD, terms.bin(IrOp.MUL, outside(init), s), o);
            int initValue = materialize(start, out.preInsts);
            int by = terms.bin(IrOp.MUL, expand(step[iv]), s);
            int qNext = newValue();
            if (terms.kind(by) == InvariantTerms.CONST) {
                int t = newValue();
                out.latchInsts.add(new IrInst(IrOp.ICONST, IrType.I64, t, new int[0], terms.value(by)));
                out.latchInsts.add(new IrInst(IrOp.ADD, IrType.I64, qNext, new int[] {q, t}, 0));
            } else {
                int t = materialize(by, out.preInsts);
                out.latchInsts.add(new IrInst(IrOp.ADD, IrType.I64, qNext, new int[] {q, t}, 0));
            }
            out.params.add(new IrBlockParam(q, IrType.I64));
            out.preArgsAdded.add(initValue);
            out.latchArgsAdded.add(qNext);
        }

        /**
         * {@code v}'s definition replaced by {@code instead} ({@link #DROPPED}: by nothing, it became
         * a parameter); what the definition read is perhaps read by nothing else now.
         */
        private void replace(int v, IrInst[] instead) {
            if (replacement.length == 0) {
                replacement = new @Nullable IrInst[values][];
            }
            replacement[v] = instead;
            IrInst d = def[v];
            if (d != null) {
                for (int x = 0, m = d.argCount(); x < m; x++) {
                    orphans.add(d.arg(x));
                }
            }
        }

        /** Whether {@code v} is a root: a header parameter now, or read as one. */
        private boolean isRoot(int v) {
            return rename(v) != v || replacement(v) == DROPPED;
        }

        private void setRename(int v, int q) {
            if (rename.length == 0) {
                rename = new int[values];
                for (int x = 0; x < values; x++) {
                    rename[x] = x;
                }
            }
            rename[v] = q;
        }

        private int newValue() {
            return next++;
        }

        /** The value of term {@code e} in the preheader: one the loop's roots made already, or new instructions. */
        private int materialize(int e, List<IrInst> out) {
            int kind = terms.kind(e);
            if (kind == InvariantTerms.LEAF) {
                return terms.leafValue(e);
            }
            int have = terms.materialized(e);
            if (have >= 0) {
                return have;
            }
            int v;
            if (kind == InvariantTerms.CONST) {
                v = newValue();
                out.add(new IrInst(IrOp.ICONST, IrType.I64, v, new int[0], terms.value(e)));
            } else {
                int x = materialize(terms.left(e), out);
                int y = materialize(terms.right(e), out);
                v = newValue();
                out.add(new IrInst(InvariantTerms.op(kind), IrType.I64, v, new int[] {x, y}, 0));
            }
            terms.materialized(e, v);
            return v;
        }

        private boolean invariant(int v) {
            return !inLoop[defBlock(v)] || invSize(v) >= 0;
        }

        private int defBlock(int v) {
            int b = defBlock[v];
            return b < 0 ? 0 : b; // never defined: not something to rewrite (block 0 is never in a loop)
        }

        /** The invariant tree size of the value {@code i} defines in the loop, or -1. */
        private int invariantSize(IrInst i) {
            if (i.type() != IrType.I64) {
                return -1;
            }
            if (i.op() == IrOp.ICONST) {
                return 1;
            }
            if (i.op() != IrOp.ADD && i.op() != IrOp.SUB && i.op() != IrOp.MUL) {
                return -1;
            }
            int size = 1;
            for (int k = 0; k < 2; k++) {
                int a = i.arg(k);
                if (!inLoop[defBlock(a)]) {
                    size++;
                } else if (invSize(a) < 0) {
                    return -1;
                } else {
                    size += invSize(a);
                }
            }
            return size <= MAX_TREE ? size : -1;
        }

        /** An invariant value as a term: values defined in the loop are rebuilt from what they read. */
        private int expand(int v) {
            IrInst d = def[v];
            if (d != null && d.op() == IrOp.ICONST && d.type() == IrType.I64) {
                return terms.constant(d.imm());
            }
            if (d == null || !inLoop[defBlock(v)]) {
                return terms.leaf(v);
            }
            return terms.bin(d.op(), expand(d.arg(0)), expand(d.arg(1)));
        }

        /** A value defined outside the loop. */
        private int outside(int v) {
            IrInst d = def[v];
            return d != null && d.op() == IrOp.ICONST && d.type() == IrType.I64 ? terms.constant(d.imm()) : terms.leaf(v);
        }

        /** 1 + the number of the affine form of {@code i}'s value, or 0. */
        private int affine(IrInst i) {
            int x = i.arg(0);
            int y = i.arg(1);
            int fx = form(x) - 1;
            int fy = form(y) - 1;
            int iv;
            int s;
            int o;
            boolean costly;
            switch (i.op()) {
                case ADD -> {
                    if (fx >= 0 && fy >= 0) {
                        if (formIv(fx) != formIv(fy)) {
                            return 0;
                        }
                        iv = formIv(fx);
                        s = terms.bin(IrOp.ADD, formS(fx), formS(fy));
                        o = terms.bin(IrOp.ADD, formO(fx), formO(fy));
                        costly = formCostly(fx) || formCostly(fy);
                    } else if (fx >= 0 && invariant(y)) {
                        iv = formIv(fx);
                        s = formS(fx);
                        o = terms.bin(IrOp.ADD, formO(fx), expand(y));
                        costly = formCostly(fx) || costlyInLoop(y);
                    } else if (fy >= 0 && invariant(x)) {
                        iv = formIv(fy);
                        s = formS(fy);
                        o = terms.bin(IrOp.ADD, expand(x), formO(fy));
                        costly = formCostly(fy) || costlyInLoop(x);
                    } else {
                        return 0;
                    }
                }
                case SUB -> {
                    if (fx >= 0 && invariant(y) && fy < 0) {
                        iv = formIv(fx);
                        s = formS(fx);
                        o = terms.bin(IrOp.SUB, formO(fx), expand(y));
                        costly = formCostly(fx) || costlyInLoop(y);
                    } else {
                        return 0;
                    }
                }
                case MUL -> {
                    // A constant factor stays (an address's scale); an invariant value's is strength-reduced.
                    if (fx >= 0 && fy < 0 && invariant(y) && !constant(y)) {
                        int m = expand(y);
                        iv = formIv(fx);
                        s = terms.bin(IrOp.MUL, formS(fx), m);
                        o = terms.bin(IrOp.MUL, formO(fx), m);
                    } else if (fy >= 0 && fx < 0 && invariant(x) && !constant(x)) {
                        int m = expand(x);
                        iv = formIv(fy);
                        s = terms.bin(IrOp.MUL, m, formS(fy));
                        o = terms.bin(IrOp.MUL, m, formO(fy));
                    } else {
                        return 0;
                    }
                    costly = true;
                }
                default -> {
                    return 0;
                }
            }
            if (terms.size(s) + terms.size(o) > MAX_TREE) {
                return 0;
            }
            return newForm(iv, s, o, costly);
        }

        private boolean constant(int v) {
            IrInst d = def[v];
            return d != null && d.op() == IrOp.ICONST;
        }

        /** An invariant value the loop recomputes with a multiplication every iteration. */
        private boolean costlyInLoop(int v) {
            if (!inLoop[defBlock(v)]) {
                return false;
            }
            IrInst d = def[v];
            if (d == null || d.op() == IrOp.ICONST) {
                return false;
            }
            return d.op() == IrOp.MUL || costlyInLoop(d.arg(0)) || costlyInLoop(d.arg(1));
        }

        /**
         * The rewritten function and types: the new parameters, arguments and instructions; reads of
         * replaced values renamed; and without the computations the rewrite left unread (each
         * replaced value's definition, and what only it read: integer arithmetic and constants, which
         * cannot trap). Blocks nothing touches are kept as they are.
         */
        private AccumulatorRecursion.Rewritten build() {
            byte[] touched = new byte[n];
            boolean[] dead = dead(touched);
            IrBlock[] out = new IrBlock[n];
            for (int b = 0; b < n; b++) {
                IrBlock block = blocks.get(b);
                List<IrInst> extra = extraInsts.length == 0 ? null : extraInsts[b];
                int[] args = extraArgs.length == 0 ? null : extraArgs[b];
                List<IrBlockParam> more = extraParams.length == 0 ? null : extraParams[b];
                if (touched[b] == 0 && extra == null && args == null && more == null) {
                    out[b] = block;
                    continue;
                }
                List<IrInst> insts = block.insts();
                // How many instructions the block keeps, and whether any changes: no copy otherwise.
                boolean changed = extra != null;
                int kept = extra != null ? extra.size() : 0;
                for (int k = 0, m = (touched[b] & TOUCHED_INSTS) != 0 ? insts.size() : 0; k < m; k++) {
                    IrInst i = insts.get(k);
                    int d = i.dst();
                    if (d != IrInst.NO_VALUE && dead[d]) {
                        changed = true;
                        continue;
                    }
                    IrInst[] instead = d == IrInst.NO_VALUE ? null : replacement(d);
                    if (instead != null) {
                        changed = true;
                        kept += instead.length;
                    } else {
                        changed |= readsRenamed(i);
                        kept++;
                    }
                }
                if (changed && (touched[b] & TOUCHED_INSTS) == 0) {
                    kept += insts.size();
                }
                List<IrInst> newInsts = insts;
                if (changed) {
                    IrInst[] keep = new IrInst[kept];
                    int at = 0;
                    for (int k = 0, m = insts.size(); k < m; k++) {
                        IrInst i = insts.get(k);
                        int d = i.dst();
                        if (d != IrInst.NO_VALUE && dead[d]) {
                            continue;
                        }
                        IrInst[] instead = d == IrInst.NO_VALUE ? null : replacement(d);
                        if (instead != null) {
                            for (IrInst x : instead) {
                                keep[at++] = renamed(x);
                            }
                        } else {
                            keep[at++] = renamed(i);
                        }
                    }
                    if (extra != null) {
                        // Rebuilt invariants may read values another loop's rewrite replaced.
                        for (int k = 0, m = extra.size(); k < m; k++) {
                            keep[at++] = renamed(extra.get(k));
                        }
                    }
                    newInsts = List.of(keep);
                }
                IrTerminator t = block.terminator();
                IrTerminator u = t;
                boolean terminatorRenamed = (touched[b] & TOUCHED_TERMINATOR) != 0;
                if (t instanceof IrTerminator.Jump j) {
                    if (args != null || terminatorRenamed) {
                        u = new IrTerminator.Jump(j.target(), renamed(concat(j.args(), args)));
                    }
                } else if (terminatorRenamed) {
                    if (t instanceof IrTerminator.Branch br) {
                        u = new IrTerminator.Branch(rename(br.cond()), br.thenTarget(), renamed(br.thenArgs()), br.elseTarget(),
                                renamed(br.elseArgs()));
                    } else if (t instanceof IrTerminator.Ret r) {
                        u = new IrTerminator.Ret(renamed(r.values()));
                    }
                }
                List<IrBlockParam> params = block.params();
                if (more != null) {
                    IrBlockParam[] all = params.toArray(new IrBlockParam[params.size() + more.size()]);
                    for (int k = 0, m = more.size(); k < m; k++) {
                        all[params.size() + k] = more.get(k);
                    }
                    params = List.of(all);
                }
                out[b] = !changed && u == t && more == null ? block : new IrBlock(params, newInsts, u);
            }
            IrFunction g = new IrFunction(f.name(), f.params(), f.returns(), List.of(out), next, f.stackSlots());
            @Nullable IrType[] all = Arrays.copyOf(types, next);
            Arrays.fill(all, f.valueCount(), next, IrType.I64); // every new value is an i64
            return new AccumulatorRecursion.Rewritten(g, all);
        }

        private boolean readsRenamed(IrInst i) {
            if (rename.length == 0) {
                return false; // the usual case: every root became a parameter under its own number
            }
            for (int k = 0, m = i.argCount(); k < m; k++) {
                if (rename(i.arg(k)) != i.arg(k)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The original values the rewrite leaves unread, with what only they read; and per block,
         * whether an instruction changes ({@link #TOUCHED_INSTS}: reads a renamed value, is dead
         * or replaced), whether the terminator reads a renamed value ({@link #TOUCHED_TERMINATOR}).
         */
        private boolean[] dead(byte[] touched) {
            int values = f.valueCount();
            // The reads (the constructor counted them), moved to what replaces each value, plus
            // the new instructions' reads.
            int[] uses = Arrays.copyOf(this.uses, next);
            // The blocks that read a renamed value (none unless a second value of a root's form
            // reads the root's parameter).
            for (int b = 0; b < n && rename.length != 0; b++) {
                IrBlock block = blocks.get(b);
                List<IrInst> insts = block.insts();
                for (int k = 0, m = insts.size(); k < m; k++) {
                    if (readsRenamed(insts.get(k))) {
                        touched[b] |= TOUCHED_INSTS;
                    }
                }
                IrTerminator t = block.terminator();
                for (int k = 0, m = IrEdges.readCount(t); k < m; k++) {
                    int v = IrEdges.read(t, k);
                    if (rename(v) != v) {
                        touched[b] |= TOUCHED_TERMINATOR;
                    }
                }
            }
            for (int v = 0; v < values; v++) {
                if (rename(v) != v) {
                    uses[rename(v)] += uses[v];
                    uses[v] = 0;
                }
                IrInst[] instead = replacement(v);
                IrInst d = def[v];
                if (instead != null && d != null) {
                    for (int k = 0, m = d.argCount(); k < m; k++) {
                        uses[rename(d.arg(k))]--;
                    }
                    for (IrInst x : instead) {
                        countReads(x, uses);
                    }
                }
            }
            for (int b = 0; b < extraArgs.length; b++) {
                if (extraInsts[b] != null) {
                    for (IrInst i : extraInsts[b]) {
                        countReads(i, uses);
                    }
                }
                if (extraArgs[b] != null) {
                    countReads(extraArgs[b], uses);
                }
            }
            boolean[] dead = new boolean[next];
            IntList work = new IntList();
            for (int v = 0; v < values; v++) {
                if (rename(v) != v) {
                    work.add(v);
                }
            }
            for (int k = 0; k < orphans.size; k++) {
                work.add(orphans.items[k]);
            }
            while (work.size > 0) {
                int v = work.items[--work.size];
                IrInst d = v < values && replacement(v) == null ? def[v] : null;
                if (dead[v] || uses[v] != 0 || d == null || d.dst2() != IrInst.NO_VALUE
                        || (d.op() != IrOp.ADD && d.op() != IrOp.SUB && d.op() != IrOp.MUL && d.op() != IrOp.ICONST)) {
                    continue;
                }
                dead[v] = true;
                touched[defBlock[v]] |= TOUCHED_INSTS;
                for (int k = 0, m = d.argCount(); k < m; k++) {
                    int x = rename(d.arg(k));
                    if (--uses[x] == 0) {
                        work.add(x);
                    }
                }
            }
            for (int v = 0; v < replacement.length; v++) {
                if (replacement[v] != null && defBlock[v] >= 0) {
                    touched[defBlock[v]] |= TOUCHED_INSTS;
                }
            }
            return dead;
        }

        private void countReads(IrInst i, int[] uses) {
            for (int k = 0, m = i.argCount(); k < m; k++) {
                uses[rename(i.arg(k))]++;
            }
        }

        private void countReads(int[] vs, int[] uses) {
            for (int v : vs) {
                uses[rename(v)]++;
            }
        }

        private IrInst @Nullable [] replacement(int v) {
            return v < replacement.length ? replacement[v] : null;
        }

        private int rename(int v) {
            return v < rename.length ? rename[v] : v;
        }

        /** {@code vs} renamed in place (a copy the caller owns). */
        private int[] renamed(int[] vs) {
            for (int k = 0; k < vs.length; k++) {
                vs[k] = rename(vs[k]);
            }
            return vs;
        }

        private IrInst renamed(IrInst i) {
            if (!readsRenamed(i)) {
                return i;
            }
            int[] args = renamed(i.args());
            return new IrInst(i.op(), i.type(), i.dst(), args, i.imm(), i.dst2());
        }
    }

    private static final @Nullable IrInst[][] NO_REPLACEMENTS = {};
    /** The replacement of a root's definition: none, the root is a header parameter. */
    private static final IrInst[] DROPPED = {};
    private static final int[][] NO_ARGS = {};
    private static final List<?>[] NO_LISTS = {};

    @SuppressWarnings("unchecked")
    private static <T> List<T>[] noLists() {
        return (List<T>[]) NO_LISTS;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T>[] lists(int n) {
        return new List[n];
    }

    /** Appends {@code items} to block {@code b}'s list (taking {@code items} itself when it is the first). */
    private static <T> void add(List<T>[] lists, int b, List<T> items) {
        if (items.isEmpty()) {
            return;
        }
        if (lists[b] == null) {
            lists[b] = items;
        } else {
            lists[b].addAll(items);
        }
    }

    private static int[] concat(int @Nullable [] a, int @Nullable [] b) {
        if (a == null || a.length == 0) {
            return b == null ? new int[0] : b;
        }
        if (b == null || b.length == 0) {
            return a;
        }
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** A growable list of ints. */
    private static final class IntList {
        private int[] items = new int[4];
        private int size;

        void add(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, 2 * size);
            }
            items[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
