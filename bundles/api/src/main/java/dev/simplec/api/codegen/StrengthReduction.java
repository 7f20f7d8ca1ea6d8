package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * product is recomputed — becomes a new header parameter: the preheader binds it to
 * {@code init * s + o}, the latch to itself plus {@code c * s}. The multiplication leaves the loop
 * (instruction selection drops the dead one), its index stays in a register and steps by an add.
 *
 * <p>Exact: i64 arithmetic wraps, and {@code (p + c) * s + o == (p * s + o) + c * s} modulo 2^64, so
 * the new parameter equals the value it replaces at every header entry; no trap moves (the
 * operations involved cannot trap). A product by a constant is left alone (an address's scale is
 * folded into its addressing mode), and so is a value without a multiplication in the loop.
 * Invariant expressions are rebuilt in the preheader (at most {@link #MAX_TREE} operations each).
 * New values are i64; other values and their types do not change.
 */
public final class StrengthReduction {
    /** Largest invariant expression tree (nodes) rebuilt in a preheader. */
    private static final int MAX_TREE = 12;
    private static final long[] NONE = {};

    /** A loop-invariant expression: a constant, a value defined outside the loop, or an operation of two. */
    private sealed interface Inv {
        int size();
    }

    private record Const(long value) implements Inv {
        @Override
        public int size() {
            return 1;
        }
    }

    private record Leaf(int value) implements Inv {
        @Override
        public int size() {
            return 1;
        }
    }

    private record Bin(IrOp op, Inv a, Inv b, int size) implements Inv {
    }

    /** {@code iv * s + o}; {@code costly} when computing it in the loop takes a multiplication. */
    private record Affine(int iv, Inv s, Inv o, boolean costly) {
    }

    private record Key(int iv, Inv s, Inv o) {
    }

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

    /** Whether some i64 multiplication has no constant operand: else there is nothing to reduce. */
    private static boolean hasVariableProduct(List<IrBlock> blocks, int values) {
        // One scan: a constant is usually defined before the product reading it; one defined after
        // only makes the answer yes, and the pass look for nothing.
        boolean[] constant = new boolean[values];
        for (IrBlock b : blocks) {
            for (IrInst i : b.insts()) {
                if (i.op() == IrOp.ICONST) {
                    constant[i.dst()] = true;
                } else if (i.op() == IrOp.MUL && i.type() == IrType.I64 && !constant[i.arg(0)] && !constant[i.arg(1)]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final class Pass {
        private final IrFunction f;
        private final @Nullable IrType[] types;
        private final List<IrBlock> blocks;
        private final int n;
        private final @Nullable IrInst[] def;
        private final int[] defBlock;
        private final int[][] preds;
        /** Per value: how often the function reads it. */
        private final int[] uses;
        /** Per value: the value it reads as after the rewrite. */
        private int[] rename;
        private int next;
        private final List<IrBlockParam>[] extraParams;
        private final List<IrInst>[] extraInsts;
        private final int[][] extraArgs;
        /** Per value, for the loop being looked at: -1 not invariant, else the size of its invariant tree. */
        private final int[] invSize;
        private final @Nullable Affine[] form;
        private final boolean[] inLoop;
        /** {@link #body}'s work arrays, one per block. */
        private final int[] stack;
        private final int[] edge;
        private final boolean[] seen;
        private final boolean[] open;
        /** Per value, for the loop being looked at: an affine value something not affine reads. */
        private final boolean[] readAsSuch;
        private final List<IrType> newTypes = new ArrayList<>();
        /** Per value: the instructions that define it instead of its own ({@code q + constant}), or null. */
        private final @Nullable IrInst[][] replacement;
        /** What replaced definitions read: perhaps read by nothing else now. */
        private final IntList orphans = new IntList();

        @SuppressWarnings("unchecked")
        Pass(IrFunction f, @Nullable IrType[] types) {
            this.f = f;
            this.types = types;
            this.blocks = f.blocks();
            this.n = blocks.size();
            int values = f.valueCount();
            this.def = new @Nullable IrInst[values];
            this.defBlock = new int[values];
            this.uses = new int[values];
            Arrays.fill(defBlock, -1);
            int[] count = new int[n];
            for (int b = 0; b < n; b++) {
                IrBlock block = blocks.get(b);
                for (IrBlockParam p : block.params()) {
                    defBlock[p.value()] = b;
                }
                for (IrInst i : block.insts()) {
                    if (i.dst() != IrInst.NO_VALUE) {
                        def[i.dst()] = i;
                        defBlock[i.dst()] = b;
                    }
                    if (i.dst2() != IrInst.NO_VALUE) {
                        defBlock[i.dst2()] = b;
                    }
                    for (int k = 0, m = i.argCount(); k < m; k++) {
                        uses[i.arg(k)]++;
                    }
                }
                IrTerminator t = block.terminator();
                for (int k = 0, m = IrEdges.count(t); k < m; k++) {
                    count[IrEdges.get(t, k)]++;
                }
                IrEdges.countUses(t, uses);
            }
            this.preds = new int[n][];
            for (int b = 0; b < n; b++) {
                preds[b] = new int[count[b]];
            }
            int[] fill = new int[n];
            for (int b = 0; b < n; b++) {
                IrTerminator t = blocks.get(b).terminator();
                for (int k = 0, m = IrEdges.count(t); k < m; k++) {
                    int s = IrEdges.get(t, k);
                    preds[s][fill[s]++] = b;
                }
            }
            this.rename = new int[values];
            for (int v = 0; v < values; v++) {
                rename[v] = v;
            }
            this.next = values;
            this.extraParams = new List[n];
            this.extraInsts = new List[n];
            this.extraArgs = new int[n][];
            this.invSize = new int[values];
            this.form = new @Nullable Affine[values];
            this.inLoop = new boolean[n];
            this.stack = new int[n];
            this.edge = new int[n];
            this.seen = new boolean[n];
            this.open = new boolean[n];
            this.readAsSuch = new boolean[values];
            this.replacement = new @Nullable IrInst[values][];
        }

        AccumulatorRecursion.Rewritten run(AccumulatorRecursion.Rewritten unchanged) {
            boolean changed = false;
            for (int h = 1; h < n; h++) {
                int[] ps = preds[h];
                if (ps.length != 2 || blocks.get(h).params().isEmpty()) {
                    continue;
                }
                // The latch: the predecessor numbered after the header (the front end's order) whose
                // way back up never reaches the entry except through the header.
                for (int k = 0; k < 2; k++) {
                    int latch = ps[k];
                    int pre = ps[1 - k];
                    if (latch < h || pre == latch || !(blocks.get(latch).terminator() instanceof IrTerminator.Jump)
                            || !(blocks.get(pre).terminator() instanceof IrTerminator.Jump)) {
                        continue;
                    }
                    int[] body = body(h, latch);
                    if (body != null) {
                        changed |= reduceLoop(h, pre, latch, body);
                        for (int b : body) {
                            inLoop[b] = false;
                            forget(blocks.get(b));
                        }
                        break;
                    }
                }
            }
            if (!changed) {
                return unchanged;
            }
            return build();
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
                for (int p : preds[b]) {
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
            // Reverse postorder of the loop's blocks from the header (iterative depth-first search).
            int size = 0;
            for (int b = 0; b < n; b++) {
                size += inLoop[b] ? 1 : 0;
            }
            int[] post = new int[size];
            int done = 0;
            boolean[] seen = this.seen;
            int[] edge = this.edge;
            boolean[] open = this.open;
            Arrays.fill(seen, false);
            Arrays.fill(edge, 0);
            Arrays.fill(open, false);
            top = 0;
            stack[top++] = h;
            seen[h] = true;
            boolean inner = false;
            while (top > 0) {
                int b = stack[top - 1];
                open[b] = true;
                IrTerminator t = blocks.get(b).terminator();
                if (edge[b] < IrEdges.count(t)) {
                    int s = IrEdges.get(t, edge[b]++);
                    if (inLoop[s] && !seen[s]) {
                        seen[s] = true;
                        stack[top++] = s;
                    } else if (s != h && open[s]) {
                        inner = true; // an edge back up inside the loop: a loop within it
                    }
                } else {
                    post[done++] = b;
                    open[b] = false;
                    top--;
                }
            }
            if (done != size || inner) {
                // Only innermost loops (an outer loop's new parameters would live across its inner
                // loops, taking their registers), whose every block the header reaches.
                Arrays.fill(inLoop, false);
                return null;
            }
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = post[size - 1 - i];
            }
            return order;
        }

        /** Clears what {@link #reduceLoop} learnt about the values {@code block} defines. */
        private void forget(IrBlock block) {
            for (IrBlockParam p : block.params()) {
                form[p.value()] = null;
            }
            for (IrInst i : block.insts()) {
                if (i.dst() != IrInst.NO_VALUE) {
                    form[i.dst()] = null;
                }
            }
        }

        private boolean reduceLoop(int h, int pre, int latch, int[] body) {
            // Invariance, in definition order.
            for (int b : body) {
                IrBlock block = blocks.get(b);
                for (IrBlockParam p : block.params()) {
                    invSize[p.value()] = -1;
                    form[p.value()] = null;
                }
                for (IrInst i : block.insts()) {
                    if (i.dst() == IrInst.NO_VALUE) {
                        continue;
                    }
                    invSize[i.dst()] = invariantSize(i);
                    form[i.dst()] = null;
                    if (i.dst2() != IrInst.NO_VALUE) {
                        invSize[i.dst2()] = -1;
                        form[i.dst2()] = null;
                    }
                }
            }
            // Induction variables: header parameters the latch steps by an invariant.
            IrBlock header = blocks.get(h);
            int[] latchArgs = ((IrTerminator.Jump) blocks.get(latch).terminator()).args();
            int[] preArgs = ((IrTerminator.Jump) blocks.get(pre).terminator()).args();
            int[] step = new int[header.params().size()];
            boolean any = false;
            for (int k = 0; k < step.length; k++) {
                step[k] = -1;
                IrBlockParam p = header.params().get(k);
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
                    if (a == p.value() && invariant(c)) {
                        step[k] = c;
                        form[p.value()] = new Affine(k, new Const(1), new Const(0), false);
                        any = true;
                    }
                }
            }
            if (!any) {
                return false;
            }
            // Affine forms, in definition order.
            for (int b : body) {
                for (IrInst i : blocks.get(b).insts()) {
                    if (i.dst() != IrInst.NO_VALUE && i.type() == IrType.I64 && i.argCount() == 2) {
                        form[i.dst()] = affine(i);
                    }
                }
            }
            // Read as such: affine values some non-affine instruction or a terminator reads.
            for (int b : body) {
                IrBlock block = blocks.get(b);
                for (IrInst i : block.insts()) {
                    if (i.dst() != IrInst.NO_VALUE && form[i.dst()] != null) {
                        continue;
                    }
                    for (int k = 0, m = i.argCount(); k < m; k++) {
                        read(i.arg(k));
                    }
                }
                IrTerminator t = block.terminator();
                if (t instanceof IrTerminator.Jump j) {
                    for (int v : j.args()) {
                        read(v);
                    }
                } else if (t instanceof IrTerminator.Branch br) {
                    read(br.cond());
                    for (int v : br.thenArgs()) {
                        read(v);
                    }
                    for (int v : br.elseArgs()) {
                        read(v);
                    }
                } else if (t instanceof IrTerminator.Ret r) {
                    for (int v : r.values()) {
                        read(v);
                    }
                }
            }
            // Roots, in definition order: a costly value read as such, unless it is one add of a
            // cheap invariant away from another root (k * n + j + 1 after k * n + j: one add in the
            // loop, no second parameter to step).
            Map<Key, long[]> reduced = new HashMap<>();
            Map<Inv, Integer> materialized = new HashMap<>();
            List<IrInst> preInsts = new ArrayList<>();
            List<IrInst> latchInsts = new ArrayList<>();
            List<IrBlockParam> params = new ArrayList<>();
            IntList preExtra = new IntList();
            IntList latchExtra = new IntList();
            for (int b : body) {
                for (IrInst i : blocks.get(b).insts()) {
                    int v = i.dst();
                    if (v == IrInst.NO_VALUE || !readAsSuch[v]) {
                        continue;
                    }
                    readAsSuch[v] = false;
                    if (nearRoot(i)) {
                        continue;
                    }
                    root(v, header, step, preArgs, reduced, materialized, preInsts, latchInsts, params, preExtra, latchExtra);
                }
                for (IrBlockParam p : blocks.get(b).params()) {
                    readAsSuch[p.value()] = false;
                }
            }
            if (params.isEmpty()) {
                return false;
            }
            add(extraParams, h, params);
            add(extraInsts, pre, preInsts);
            add(extraInsts, latch, latchInsts);
            extraArgs[pre] = concat(extraArgs[pre], preExtra.toArray());
            extraArgs[latch] = concat(extraArgs[latch], latchExtra.toArray());
            return true;
        }

        private void read(int v) {
            if (form[v] != null) {
                readAsSuch[v] = true;
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
                Affine fx = form[x];
                if (fx != null && fx.costly() && rename[x] != x && form[y] == null && !costlyInLoop(y)
                        && (k == 0 || i.op() == IrOp.ADD)) {
                    return true;
                }
            }
            return false;
        }

        /** Makes {@code v} a new header parameter when it is a costly affine value not yet reduced. */
        private void root(int v, IrBlock header, int[] step, int[] preArgs, Map<Key, long[]> reduced,
                Map<Inv, Integer> materialized, List<IrInst> preInsts, List<IrInst> latchInsts, List<IrBlockParam> params,
                IntList preExtra, IntList latchExtra) {
            Affine a = form[v];
            if (a == null || !a.costly() || rename[v] != v || replacement[v] != null || a.s() instanceof Const c && c.value() == 0) {
                return;
            }
            // o as an invariant part and a constant: k * m + 3 and k * m + 4 share one parameter.
            Inv rest = a.o();
            long c = 0;
            if (rest instanceof Const k) {
                c = k.value();
                rest = new Const(0);
            } else if (rest instanceof Bin b && b.b() instanceof Const k && (b.op() == IrOp.ADD || b.op() == IrOp.SUB)) {
                c = b.op() == IrOp.ADD ? k.value() : -k.value();
                rest = b.a();
            }
            Key key = new Key(a.iv(), a.s(), rest);
            long[] have = reduced.getOrDefault(key, NONE);
            if (have.length > 0) {
                int q = (int) have[0];
                if (have[1] == c) {
                    rename[v] = q;
                } else {
                    // v = q + (c - c0), in place of its definition.
                    IrInst d = def[v];
                    int k = newValue();
                    replacement[v] = new IrInst[] {new IrInst(IrOp.ICONST, IrType.I64, k, new int[0], c - have[1]),
                        new IrInst(IrOp.ADD, IrType.I64, v, new int[] {q, k}, 0)};
                    if (d != null) {
                        for (int x = 0, m = d.argCount(); x < m; x++) {
                            orphans.add(d.arg(x));
                        }
                    }
                }
                return;
            }
            int q = newValue();
            reduced.put(key, new long[] {q, c});
            int init = preArgs[a.iv()];
            // init * s + o, and the step c * s, in the preheader.
            Inv start = bin(IrOp.ADD, bin(IrOp.MUL, outside(init), a.s()), a.o());
            int initValue = materialize(start, materialized, preInsts);
            Inv by = bin(IrOp.MUL, expand(step[a.iv()]), a.s());
            int qNext = newValue();
            if (by instanceof Const k) {
                int t = newValue();
                latchInsts.add(new IrInst(IrOp.ICONST, IrType.I64, t, new int[0], k.value()));
                latchInsts.add(new IrInst(IrOp.ADD, IrType.I64, qNext, new int[] {q, t}, 0));
            } else {
                int t = materialize(by, materialized, preInsts);
                latchInsts.add(new IrInst(IrOp.ADD, IrType.I64, qNext, new int[] {q, t}, 0));
            }
            params.add(new IrBlockParam(q, IrType.I64));
            preExtra.add(initValue);
            latchExtra.add(qNext);
            rename[v] = q;
        }

        private int newValue() {
            newTypes.add(IrType.I64);
            return next++;
        }

        private int materialize(Inv e, Map<Inv, Integer> done, List<IrInst> out) {
            if (e instanceof Leaf l) {
                return l.value();
            }
            int have = done.getOrDefault(e, -1);
            if (have >= 0) {
                return have;
            }
            int v;
            if (e instanceof Const c) {
                v = newValue();
                out.add(new IrInst(IrOp.ICONST, IrType.I64, v, new int[0], c.value()));
            } else {
                Bin b = (Bin) e;
                int x = materialize(b.a(), done, out);
                int y = materialize(b.b(), done, out);
                v = newValue();
                out.add(new IrInst(b.op(), IrType.I64, v, new int[] {x, y}, 0));
            }
            done.put(e, v);
            return v;
        }

        private boolean invariant(int v) {
            return !inLoop[defBlock(v)] || invSize[v] >= 0;
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
                } else if (invSize[a] < 0) {
                    return -1;
                } else {
                    size += invSize[a];
                }
            }
            return size <= MAX_TREE ? size : -1;
        }

        /** An invariant value as a tree: values defined in the loop are rebuilt from what they read. */
        private Inv expand(int v) {
            IrInst d = def[v];
            if (d != null && d.op() == IrOp.ICONST && d.type() == IrType.I64) {
                return new Const(d.imm());
            }
            if (d == null || !inLoop[defBlock(v)]) {
                return new Leaf(v);
            }
            return bin(d.op(), expand(d.arg(0)), expand(d.arg(1)));
        }

        /** A value defined outside the loop. */
        private Inv outside(int v) {
            IrInst d = def[v];
            return d != null && d.op() == IrOp.ICONST && d.type() == IrType.I64 ? new Const(d.imm()) : new Leaf(v);
        }

        /** The affine form of {@code i}'s value, or null. */
        private @Nullable Affine affine(IrInst i) {
            int x = i.arg(0);
            int y = i.arg(1);
            Affine fx = form[x];
            Affine fy = form[y];
            Affine r = null;
            switch (i.op()) {
                case ADD -> {
                    if (fx != null && fy != null) {
                        if (fx.iv() == fy.iv()) {
                            r = new Affine(fx.iv(), bin(IrOp.ADD, fx.s(), fy.s()), bin(IrOp.ADD, fx.o(), fy.o()),
                                    fx.costly() || fy.costly());
                        }
                    } else if (fx != null && invariant(y)) {
                        r = new Affine(fx.iv(), fx.s(), bin(IrOp.ADD, fx.o(), expand(y)), fx.costly() || costlyInLoop(y));
                    } else if (fy != null && invariant(x)) {
                        r = new Affine(fy.iv(), fy.s(), bin(IrOp.ADD, expand(x), fy.o()), fy.costly() || costlyInLoop(x));
                    }
                }
                case SUB -> {
                    if (fx != null && invariant(y) && fy == null) {
                        r = new Affine(fx.iv(), fx.s(), bin(IrOp.SUB, fx.o(), expand(y)), fx.costly() || costlyInLoop(y));
                    }
                }
                case MUL -> {
                    // A constant factor stays (an address's scale); an invariant value's is strength-reduced.
                    if (fx != null && fy == null && invariant(y) && !constant(y)) {
                        Inv m = expand(y);
                        r = new Affine(fx.iv(), bin(IrOp.MUL, fx.s(), m), bin(IrOp.MUL, fx.o(), m), true);
                    } else if (fy != null && fx == null && invariant(x) && !constant(x)) {
                        Inv m = expand(x);
                        r = new Affine(fy.iv(), bin(IrOp.MUL, m, fy.s()), bin(IrOp.MUL, m, fy.o()), true);
                    }
                }
                default -> {
                }
            }
            if (r == null || r.s().size() + r.o().size() > MAX_TREE) {
                return null;
            }
            return r;
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
            boolean[] dead = dead();
            List<IrBlock> out = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                IrBlock block = blocks.get(b);
                List<IrInst> insts = block.insts();
                List<IrInst> kept = null; // copied from the first change on
                for (int k = 0, m = insts.size(); k < m; k++) {
                    IrInst i = insts.get(k);
                    int d = i.dst();
                    IrInst[] instead = d == IrInst.NO_VALUE ? null : replacement[d];
                    IrInst r = d != IrInst.NO_VALUE && dead[d] ? null : instead != null ? null : renamed(i);
                    if (kept == null && r != i) {
                        kept = new ArrayList<>(m + 4);
                        kept.addAll(insts.subList(0, k));
                    }
                    if (kept != null) {
                        if (instead != null && !dead[d]) {
                            for (IrInst x : instead) {
                                kept.add(renamed(x));
                            }
                        } else if (r != null) {
                            kept.add(r);
                        }
                    }
                }
                if (extraInsts[b] != null) {
                    if (kept == null) {
                        kept = new ArrayList<>(insts);
                    }
                    // Rebuilt invariants may read values another loop's rewrite replaced.
                    for (IrInst i : extraInsts[b]) {
                        kept.add(renamed(i));
                    }
                }
                IrTerminator t = block.terminator();
                IrTerminator u = t;
                if (t instanceof IrTerminator.Jump j) {
                    if (extraArgs[b] != null || anyRenamed(j.args())) {
                        u = new IrTerminator.Jump(j.target(), renamed(concat(j.args(), extraArgs[b])));
                    }
                } else if (t instanceof IrTerminator.Branch br) {
                    if (rename(br.cond()) != br.cond() || anyRenamed(br.thenArgs()) || anyRenamed(br.elseArgs())) {
                        u = new IrTerminator.Branch(rename(br.cond()), br.thenTarget(), renamed(br.thenArgs()), br.elseTarget(),
                                renamed(br.elseArgs()));
                    }
                } else if (t instanceof IrTerminator.Ret r) {
                    if (anyRenamed(r.values())) {
                        u = new IrTerminator.Ret(renamed(r.values()));
                    }
                }
                List<IrBlockParam> params = block.params();
                if (extraParams[b] != null) {
                    params = new ArrayList<>(params);
                    params.addAll(extraParams[b]);
                }
                out.add(kept == null && u == t && params == block.params() ? block : new IrBlock(params, kept == null ? insts : kept, u));
            }
            IrFunction g = new IrFunction(f.name(), f.params(), f.returns(), out, next, f.stackSlots());
            @Nullable IrType[] all = Arrays.copyOf(types, next);
            for (int v = f.valueCount(); v < next; v++) {
                all[v] = newTypes.get(v - f.valueCount());
            }
            return new AccumulatorRecursion.Rewritten(g, all);
        }

        private boolean anyRenamed(int[] vs) {
            for (int v : vs) {
                if (rename(v) != v) {
                    return true;
                }
            }
            return false;
        }

        /** The original values the rewrite leaves unread, with what only they read. */
        private boolean[] dead() {
            int values = f.valueCount();
            // The reads counted before, moved to what replaces each value, plus the new instructions' reads.
            int[] uses = Arrays.copyOf(this.uses, next);
            for (int v = 0; v < values; v++) {
                if (rename[v] != v) {
                    uses[rename[v]] += uses[v];
                    uses[v] = 0;
                }
                IrInst[] instead = replacement[v];
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
            for (int b = 0; b < n; b++) {
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
                if (rename[v] != v) {
                    work.add(v);
                }
            }
            for (int k = 0; k < orphans.size; k++) {
                work.add(orphans.items[k]);
            }
            while (work.size > 0) {
                int v = work.items[--work.size];
                IrInst d = v < values && replacement[v] == null ? def[v] : null;
                if (dead[v] || uses[v] != 0 || d == null || d.dst2() != IrInst.NO_VALUE
                        || (d.op() != IrOp.ADD && d.op() != IrOp.SUB && d.op() != IrOp.MUL && d.op() != IrOp.ICONST)) {
                    continue;
                }
                dead[v] = true;
                for (int k = 0, m = d.argCount(); k < m; k++) {
                    int x = rename(d.arg(k));
                    if (--uses[x] == 0) {
                        work.add(x);
                    }
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

        private int rename(int v) {
            return v < rename.length ? rename[v] : v;
        }

        private int[] renamed(int[] vs) {
            for (int k = 0; k < vs.length; k++) {
                vs[k] = rename(vs[k]);
            }
            return vs;
        }

        private IrInst renamed(IrInst i) {
            int m = i.argCount();
            boolean any = false;
            for (int k = 0; k < m && !any; k++) {
                any = rename(i.arg(k)) != i.arg(k);
            }
            if (!any) {
                return i;
            }
            int[] args = renamed(i.args());
            return new IrInst(i.op(), i.type(), i.dst(), args, i.imm(), i.dst2());
        }
    }

    private static Inv bin(IrOp op, Inv a, Inv b) {
        if (a instanceof Const x && b instanceof Const y) {
            return new Const(switch (op) {
                case ADD -> x.value() + y.value();
                case SUB -> x.value() - y.value();
                default -> x.value() * y.value();
            });
        }
        if (op == IrOp.ADD && a instanceof Const x && x.value() == 0) {
            return b;
        }
        if ((op == IrOp.ADD || op == IrOp.SUB) && b instanceof Const y && y.value() == 0) {
            return a;
        }
        if (op == IrOp.MUL) {
            if (a instanceof Const x && (x.value() == 0 || x.value() == 1)) {
                return x.value() == 0 ? a : b;
            }
            if (b instanceof Const y && (y.value() == 0 || y.value() == 1)) {
                return y.value() == 0 ? b : a;
            }
        }
        return new Bin(op, a, b, a.size() + b.size() + 1);
    }

    private static <T> void add(List<T>[] lists, int b, List<T> items) {
        if (items.isEmpty()) {
            return;
        }
        if (lists[b] == null) {
            lists[b] = new ArrayList<>();
        }
        lists[b].addAll(items);
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
