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
import dev.simplec.api.ir.TrapKind;

/**
 * A target-neutral IR rewrite run before instruction selection: unroll and jam. A loop J over
 * {@code j} whose body holds one inner loop K (matmul's {@code for j { s = 0; for k { s += a[i*n+k]
 * * b[k*n+j] } c[i*n+j] = s }}) is rewritten in place to do two of its iterations, {@code j} and
 * {@code j2}, per pass: the code before K for both, K's body for both in one loop K' (each line
 * of a column of {@code b} brought to L1 once for two columns, where a column's 2 KiB stride put
 * all its lines in two of the L1's sets and every load came from L2; two independent sums; what
 * does not depend on {@code j} — the load of {@code a[i*n+k]} — done once), then the code after K
 * for {@code j}, then for {@code j2}. {@code j2} is {@code j + x} ({@code x} J's step) while
 * that is below J's bound and the slices do not overlap (see below), else {@code j} itself: then
 * the pass does iteration {@code j} alone (its second copy of pre and K computes the very same
 * values, the code after K runs once), and the step after it is {@code j2 + x}. No copy of J is
 * kept: the last column of an odd count, and every column when slices overlap, go through K'
 * alone.
 * <p>
 * The shape asked for. J's header {@code h} ends in a branch on {@code j <s bound} (also written
 * {@code bound >s j}, or {@code j >=s bound} / {@code bound <=s j} with the body on the else side)
 * into the body, else out; {@code j} is one of its parameters, {@code bound} is defined before J,
 * and every parameter {@code p} of {@code h} comes back from the latch as {@code p + x} ({@code x} a
 * constant or defined before J) or as itself. Every edge into J but the latch gives {@code j} a
 * constant or a function parameter (a counted loop from its start; the scalar tail after a vector
 * loop is not worth the code). From {@code h}: a chain of blocks (pre), each entered only from the
 * one before and ending in a jump or in a branch whose other side only traps (a check); then K's
 * header {@code kh}, entered from the chain and from K's latch, which tests {@code k <s kbound}
 * ({@code k} a parameter of {@code kh} the latch binds to {@code k + 1}, {@code kbound} defined
 * outside K: K ends); K's body, a chain back to {@code kh}; post, a chain from {@code kh}'s exit back
 * to {@code h}. {@code h} only computes (no memory, call or division); pre and K do not store; no
 * call or division anywhere (a division's precondition could fail where it runs early); at most
 * {@link #MAX_INSTS} instructions. A value depends on {@code j} when it is a parameter of {@code h}
 * not passed back unchanged or reads one that does, also through K's parameters (to a fixed point
 * over K's back edge); nothing {@code kh} computes may (K runs as often for {@code j2} as for
 * {@code j}). One of K's parameters must be a witness: {@code w}, entering as {@code j} or
 * {@code j + c} and stepping by {@code w + s} ({@code c}, {@code s} not depending on j; matmul's b
 * index {@code k * n + j}), so that its second copy stays {@code j2 - j} away from it; and every
 * check that depends on {@code j} must be in K, of {@code w} ({@code w <u len}), and before the
 * block that steps {@code w}. K' is {@code kh} with a second copy of the parameters that depend
 * on {@code j}; the second copies of pre and K's body clone only what depends on {@code j} (a check
 * that does not was just made for {@code j}), the second copy of post also its loads and what
 * reads them, and its stores, with {@code j2} made again as {@code j + x} there (it is a pair), so
 * that it need not live through K.
 * <p>
 * Exact. The pairs are exactly the iterations J runs: {@code j <s bound} is J's own test, and
 * {@code j2 = j + x <s bound} (wrapping as J's step does) is J's test of the next iteration; J's
 * parameters for {@code j2} are the latch's values after {@code j}. What moves: pre and K of
 * {@code j2} run before post of {@code j}. Stores are only in post, in their order (post of
 * {@code j2} runs after post of {@code j} and sees its stores). Every load that moves — in pre and
 * K — must be an access {@code base + idx * size} with {@code idx <u len} checked on the way to it
 * ({@code base}, {@code len} defined before J), so it stays in {@code [base, base + len * size)};
 * every store in post likewise. Each pass computes whether every stored range is disjoint from
 * every loaded one (exactly, on the circle of 2^64 addresses; from values in registers anyway,
 * where a result made once before J would be one more value live through K); when not, no pair is
 * made. So no moved load misses a store it saw before, every value is the same, and each sum keeps
 * its order of operations: floating-point results are bit for bit the same. A check of {@code j2}
 * in K does not branch: when it fails, {@code w}'s second copy becomes {@code w} itself (a select),
 * so j2's load reads j's element (checked a moment before) and from there on the copy is j's:
 * after K, {@code w2 == w} says j went on alone; post runs for {@code j} only, and the next pass
 * starts at {@code j2}, whose check then fails where J's does, after the same stores — traps keep
 * their place, message and memory. (A branch back to K's header with the copies reset does the
 * same in about the same compile time, but with a second back edge into K and j2 carried through
 * it.) A nest whose stores hit the slice it loads ({@code c} read in K) is left alone.
 * <p>
 * Cheap where it has nothing to do: a function without two overlapping back edges (edges to a
 * block not after their source) is passed over after one scan of its terminators; a loop is
 * followed by successors first, and the per-value state is made only for a loop of the shape. It
 * leaves nothing for {@link BlockLayout} to merge, forward or convert: its new blocks are entered
 * only by branches, its jumps go to J's and K's headers, which have other predecessors, and the
 * branch it adds after K has a store on one side.
 */
final class UnrollAndJam {
    /** The most IR instructions (terminators included) J may have to be jammed. */
    static final int MAX_INSTS = 64;

    /** An access {@code base + idx * size} with {@code idx <u len}: within {@code [base, base + len * size)}. */
    private record Slice(int base, int len, int size) {
    }

    private static final int[] NONE = new int[0];
    private static final int[][] NO_PREDS = new int[0][];
    private static final @Nullable IrInst[] NO_INSTS = new IrInst[0];
    private static final boolean[] NO_FLAGS = new boolean[0];

    private final String name;
    private final List<IrType> params;
    private final List<IrType> returns;
    /** The blocks: the function's as given until a loop is jammed, then a copy that grows. */
    private List<IrBlock> blocks;
    /** The function's blocks as given. */
    private final List<IrBlock> original;
    private @Nullable IrType[] types;
    private int valueCount;
    private int[][] preds = NO_PREDS;
    /** Whether {@link #preds} is out of date (none yet, or blocks added since). */
    private boolean stale = true;
    /** K's header in the last loop jammed, or -1. */
    private int jammedHeader = -1;

    // The loop being looked at: its chains (see the class comment).
    private final List<Integer> pre = new ArrayList<>();
    private final List<Integer> kb = new ArrayList<>();
    private final List<Integer> post = new ArrayList<>();
    private @Nullable TrapKind trapKind;
    private @Nullable IrInst[] def = NO_INSTS;
    private boolean[] inRegion = NO_FLAGS;
    private boolean[] dep = NO_FLAGS;
    private int[] map1 = NONE;
    private int[] map2 = NONE;

    /** A parameter of K's header whose second copy differs from it exactly when j2 goes on (see {@link #witness}). */
    private int witness = -1;
    private IrType witnessType = IrType.I64;
    /** The witness's step for j ({@code w + s}, K's latch passes it). */
    private int witnessLatch = -1;

    // The block being emitted.
    private int curIndex;
    private List<IrBlockParam> curParams = List.of();
    private List<IrInst> curInsts = List.of();
    private final List<IrInst> scratch = new ArrayList<>(32);

    private UnrollAndJam(IrFunction f, @Nullable IrType[] types) {
        this.name = f.name();
        this.params = f.params();
        this.returns = f.returns();
        this.blocks = f.blocks();
        this.original = f.blocks();
        this.types = types;
        this.valueCount = f.valueCount();
    }

    /**
     * {@code f} with its loop nests jammed as the class comment says, and {@code types} (what the
     * verifier answered for {@code f}) extended to the values the copies add; both themselves when
     * no loop qualifies.
     */
    static AccumulatorRecursion.Rewritten jam(IrFunction f, @Nullable IrType[] types) {
        AccumulatorRecursion.Rewritten unchanged = new AccumulatorRecursion.Rewritten(f, types);
        List<IrBlock> blocks = f.blocks();
        int n = blocks.size();
        if (n < 6 || !mayHaveNest(blocks)) {
            return unchanged;
        }
        UnrollAndJam u = null;
        for (int h = 1; h < n; h++) {
            if (blocks.get(h).params().isEmpty()) {
                continue;
            }
            IrInst test = lessThan(blocks.get(h));
            if (test == null || IrEdges.paramIndex(blocks.get(h).params(), counter(test)) < 0) {
                continue;
            }
            if (u == null) {
                u = new UnrollAndJam(f, types);
            } else if (u.jammedHeader == h) {
                continue; // K of the loop just jammed
            }
            u.tryJam(h, test);
        }
        if (u == null || u.blocks == f.blocks()) {
            return unchanged;
        }
        return new AccumulatorRecursion.Rewritten(new IrFunction(u.name, u.params, u.returns, u.blocks, u.valueCount,
                f.stackSlots()), Arrays.copyOf(u.types, u.valueCount));
    }

    /**
     * Whether {@code blocks} may hold a loop nest: two edges to a block not after their source whose
     * spans {@code [target, source]} overlap. Every cycle has such edges, and every block of the
     * cycle lies in the span of one of them (going round, the cycle comes back down past it); K's
     * header is on J's cycle and on K's, which share no edge: one edge of each covers it.
     */
    private static boolean mayHaveNest(List<IrBlock> blocks) {
        int[] spans = new int[16]; // low, high of each back edge so far
        int count = 0;
        for (int b = 0, n = blocks.size(); b < n && count >= 0; b++) {
            IrTerminator t = blocks.get(b).terminator();
            if (t instanceof IrTerminator.Jump j) {
                count = span(spans, count, j.target(), b);
            } else if (t instanceof IrTerminator.Branch br) {
                count = span(spans, count, br.thenTarget(), b);
                if (count >= 0 && br.elseTarget() != br.thenTarget()) {
                    count = span(spans, count, br.elseTarget(), b);
                }
            }
        }
        return count < 0;
    }

    /** Adds the edge {@code b -> target} to {@code spans} when it goes back; -1 when it overlaps one there (or there are many). */
    private static int span(int[] spans, int count, int target, int b) {
        if (target > b) {
            return count;
        }
        for (int e = 0; e < count; e += 2) {
            if (target <= spans[e + 1] && spans[e] <= b) {
                return -1;
            }
        }
        if (count == spans.length) {
            return -1; // many loops: look closer
        }
        spans[count] = target;
        spans[count + 1] = b;
        return count + 2;
    }

    /**
     * For a block ending in a branch on its last instruction, a signed comparison: that instruction,
     * read as {@code i < bound} whichever way it is written ({@link #counter}, {@link #limit},
     * {@link #onThen}); else null.
     */
    private static @Nullable IrInst lessThan(IrBlock b) {
        if (!(b.terminator() instanceof IrTerminator.Branch br) || b.insts().isEmpty() || br.thenTarget() == br.elseTarget()) {
            return null;
        }
        IrInst c = b.insts().get(b.insts().size() - 1);
        IrOp op = c.op();
        boolean signed = op == IrOp.SLT || op == IrOp.SGE || op == IrOp.SGT || op == IrOp.SLE;
        return signed && c.dst() == br.cond() && c.type().isInt() && !c.type().isVector() ? c : null;
    }

    /** The {@code i} of {@code i < bound}: {@code i <s bound}, {@code bound >s i}, {@code i >=s bound}, {@code bound <=s i}. */
    private static int counter(IrInst c) {
        return c.op() == IrOp.SLT || c.op() == IrOp.SGE ? c.arg(0) : c.arg(1);
    }

    private static int limit(IrInst c) {
        return c.op() == IrOp.SLT || c.op() == IrOp.SGE ? c.arg(1) : c.arg(0);
    }

    /** Whether the loop goes on at the then side of the branch on {@code c}. */
    private static boolean onThen(IrInst c) {
        return c.op() == IrOp.SLT || c.op() == IrOp.SGT;
    }

    private static boolean trapsOnly(IrBlock b) {
        // The terminator first: most blocks a branch goes to do not trap.
        return b.terminator() instanceof IrTerminator.Trap && b.insts().isEmpty() && b.params().isEmpty();
    }

    private static boolean divides(IrOp op) {
        return op == IrOp.SDIV || op == IrOp.UDIV || op == IrOp.SREM || op == IrOp.UREM;
    }

    /** Where a chain block goes on: its jump's target, or the side of its branch that does not trap; -1 otherwise. */
    private int chainNext(int b) {
        IrTerminator t = blocks.get(b).terminator();
        if (t instanceof IrTerminator.Jump j) {
            return j.target();
        }
        if (!(t instanceof IrTerminator.Branch br) || br.thenTarget() == br.elseTarget()) {
            return -1;
        }
        boolean thenTraps = trapsOnly(blocks.get(br.thenTarget()));
        boolean elseTraps = trapsOnly(blocks.get(br.elseTarget()));
        if (thenTraps == elseTraps) {
            return -1;
        }
        TrapKind kind = ((IrTerminator.Trap) blocks.get(thenTraps ? br.thenTarget() : br.elseTarget()).terminator()).kind();
        if (trapKind != null && trapKind != kind) {
            return -1; // traps of two kinds: left alone
        }
        trapKind = kind;
        return thenTraps ? br.elseTarget() : br.thenTarget();
    }

    /** Argument {@code k} of the edge {@code t} makes to {@code s}. */
    private static int argTo(IrTerminator t, int s, int k) {
        if (t instanceof IrTerminator.Jump j) {
            return j.arg(k);
        }
        IrTerminator.Branch br = (IrTerminator.Branch) t;
        return br.thenTarget() == s ? br.thenArg(k) : br.elseArg(k);
    }

    /** The arguments of the edge from {@code b} to {@code s} (a jump, or the side of a branch to it). */
    private int[] edgeArgs(int b, int s) {
        IrTerminator t = blocks.get(b).terminator();
        if (t instanceof IrTerminator.Jump j) {
            return j.args();
        }
        IrTerminator.Branch br = (IrTerminator.Branch) t;
        return br.thenTarget() == s ? br.thenArgs() : br.elseArgs();
    }

    /**
     * Into {@code out}, the chain from {@code start} to the block that jumps to {@code end}, following
     * jumps and the sides of checks that do not trap, none of its blocks {@code h} or {@code kh};
     * false when there is none. Whether each is entered only from the one before is {@link #singleEntries}'s question.
     */
    private boolean chain(List<Integer> out, int start, int end, int h, int kh) {
        out.clear();
        int cur = start;
        while (true) {
            if (cur == h || cur == kh || out.size() > MAX_INSTS) {
                return false;
            }
            out.add(cur);
            if (blocks.get(cur).terminator() instanceof IrTerminator.Jump j && j.target() == end) {
                return true;
            }
            int next = chainNext(cur);
            if (next < 0) {
                return false;
            }
            cur = next;
        }
    }

    /** Whether every block of {@code part} has one predecessor, the block before it ({@code from} for the first). */
    private boolean singleEntries(List<Integer> part, int from) {
        int prev = from;
        for (int b : part) {
            if (preds[b].length != 1 || preds[b][0] != prev) {
                return false;
            }
            prev = b;
        }
        return true;
    }

    /** Jams the loop headed by block {@code h} (its test {@code test}, as {@link #lessThan} reads it) when it has the shape. */
    private void tryJam(int h, IrInst test) {
        trapKind = null;
        IrBlock hb = blocks.get(h);
        if (hb != original.get(h)) {
            return; // changed by a loop jammed before now
        }
        int j = counter(test);
        int bound = limit(test);
        boolean onThen = onThen(test);
        IrTerminator.Branch hbr = (IrTerminator.Branch) hb.terminator();
        int body = onThen ? hbr.thenTarget() : hbr.elseTarget();
        if (body == h || (onThen ? hbr.elseTarget() : hbr.thenTarget()) == h) {
            return;
        }
        int jk = IrEdges.paramIndex(hb.params(), j);
        // The shape, by successors first (cheap): pre, up to the first block that is not a chain
        // block (K's header); K's body back to it; post back to h.
        List<Integer> pre = this.pre;
        pre.clear();
        int cur = body;
        int on;
        while (cur != h && pre.size() <= MAX_INSTS && (on = chainNext(cur)) >= 0) {
            pre.add(cur);
            cur = on;
        }
        int kh = cur;
        IrBlock khb = blocks.get(kh);
        IrInst ktest = kh == h ? null : lessThan(khb);
        if (ktest == null || IrEdges.paramIndex(khb.params(), counter(ktest)) < 0) {
            return;
        }
        IrTerminator.Branch kbr = (IrTerminator.Branch) khb.terminator();
        boolean kOnThen = onThen(ktest);
        int kBody = kOnThen ? kbr.thenTarget() : kbr.elseTarget();
        int kExit = kOnThen ? kbr.elseTarget() : kbr.thenTarget();
        List<Integer> kb = this.kb;
        List<Integer> post = this.post;
        if (!chain(kb, kBody, kh, h, kh) || !chain(post, kExit, h, h, kh)) {
            return;
        }
        // The entries into J give j a constant or a parameter, made in the entering block or the
        // function's first (a counted loop from its start); one other edge, the latch, steps it.
        boolean entered = false;
        int latch = -1;
        for (int p = 0, n = blocks.size(); p < n; p++) {
            IrTerminator t = blocks.get(p).terminator();
            if (IrEdges.count(t) == 0 || IrEdges.get(t, 0) != h && (IrEdges.count(t) == 1 || IrEdges.get(t, 1) != h)) {
                continue;
            }
            if (t instanceof IrTerminator.Branch br && br.thenTarget() == br.elseTarget()) {
                return;
            }
            int start = argTo(t, h, jk);
            IrInst c = definedBy(start, p);
            if (c == null && p != 0) {
                c = definedBy(start, 0);
            }
            if (c != null && (c.op() == IrOp.ICONST || c.op() == IrOp.PARAM)) {
                entered = true;
            } else if (latch < 0) {
                latch = p;
            } else {
                return;
            }
        }
        if (!entered || latch != post.get(post.size() - 1)) {
            return;
        }
        int latchK = kb.get(kb.size() - 1);
        int latchJ = post.get(post.size() - 1);
        int size = hb.insts().size() + khb.insts().size() + 2;
        for (List<Integer> part : List.of(pre, kb, post)) {
            for (int b : part) {
                size += blocks.get(b).insts().size() + 1;
            }
        }
        if (size > MAX_INSTS) {
            return;
        }
        int[] bodyArgs = onThen ? hbr.thenArgs() : hbr.elseArgs();
        // Each chain block entered only from the one before; K's header from pre and its latch.
        if (stale) {
            preds = IrEdges.predecessors(blocks);
            stale = false;
        }
        int lastPre = pre.isEmpty() ? h : pre.get(pre.size() - 1);
        if (!singleEntries(pre, h) || !singleEntries(kb, kh) || !singleEntries(post, kh) || preds[kh].length != 2
                || !(preds[kh][0] == lastPre && preds[kh][1] == latchK || preds[kh][1] == lastPre && preds[kh][0] == latchK)) {
            return;
        }
        def = new IrInst[valueCount];
        for (int b = 0, n = blocks.size(); b < n; b++) {
            List<IrInst> insts = blocks.get(b).insts();
            for (int k = 0, m = insts.size(); k < m; k++) {
                IrInst x = insts.get(k);
                if (x.dst() != IrInst.NO_VALUE) {
                    def[x.dst()] = x;
                }
            }
        }
        inRegion = new boolean[valueCount];
        if (!region(h, false, false) || !region(kh, false, true)) {
            return;
        }
        for (int b : pre) {
            if (!region(b, false, true)) {
                return;
            }
        }
        for (int b : kb) {
            if (!region(b, false, true)) {
                return;
            }
        }
        for (int b : post) {
            if (!region(b, true, true)) {
                return;
            }
        }
        // Each parameter of h: itself again, or itself plus a step defined outside the loop or constant.
        int[] latchArgs = edgeArgs(latchJ, h);
        List<IrBlockParam> hps = hb.params();
        int[] step = new int[hps.size()];
        for (int k = 0; k < hps.size(); k++) {
            int p = hps.get(k).value();
            step[k] = -1;
            if (latchArgs[k] == p) {
                if (p == j) {
                    return;
                }
                continue;
            }
            IrInst add = def[latchArgs[k]];
            if (add == null || add.op() != IrOp.ADD || add.arg(0) != p && add.arg(1) != p) {
                return;
            }
            int x = add.arg(0) == p ? add.arg(1) : add.arg(0);
            IrInst xd = def[x];
            if (inRegion[x] && (xd == null || xd.op() != IrOp.ICONST)) {
                return;
            }
            step[k] = x;
        }
        // What depends on j (and on the other stepped parameters), to a fixed point over K's back edge.
        dep = new boolean[valueCount];
        for (int k = 0; k < hps.size(); k++) {
            dep[hps.get(k).value()] = step[k] >= 0;
        }
        depInsts(h);
        int first = pre.isEmpty() ? kh : pre.get(0);
        depEdge(bodyArgs, first);
        for (int b : pre) {
            depInsts(b);
            IrTerminator t = blocks.get(b).terminator();
            int next = t instanceof IrTerminator.Jump jt ? jt.target() : chainNext(b);
            depEdge(edgeArgs(b, next), next);
        }
        int[] kLatchArgs = edgeArgs(latchK, kh);
        boolean again = true;
        while (again) {
            depInsts(kh);
            depEdge(kOnThen ? kbr.thenArgs() : kbr.elseArgs(), kBody);
            for (int b : kb) {
                depInsts(b);
                if (b != latchK) {
                    int next = chainNext(b);
                    depEdge(edgeArgs(b, next), next);
                }
            }
            again = false;
            for (int k = 0; k < khb.params().size(); k++) {
                int p = khb.params().get(k).value();
                if (!dep[p] && dep[kLatchArgs[k]]) {
                    dep[p] = true;
                    again = true;
                }
            }
        }
        // K runs as often for j2 as for j, and ends: k steps by 1 below a bound from outside K.
        int k = counter(ktest);
        int kBound = limit(ktest);
        for (IrInst x : khb.insts()) {
            if (x.dst() != IrInst.NO_VALUE && dep[x.dst()]) {
                return;
            }
        }
        if (dep[k] || dep[kBound] || definedIn(kBound, kh, kb)) {
            return;
        }
        IrInst kStep = def[kLatchArgs[IrEdges.paramIndex(khb.params(), k)]];
        if (kStep == null || kStep.op() != IrOp.ADD
                || !(kStep.arg(0) == k && isOne(kStep.arg(1)) || kStep.arg(1) == k && isOne(kStep.arg(0)))) {
            return;
        }
        if (inRegion[bound]) {
            return;
        }
        witness = witness(j, khb, pre.isEmpty() ? bodyArgs : edgeArgs(pre.get(pre.size() - 1), kh), kLatchArgs);
        if (witness < 0 || !checksOnWitness(pre, kb)) {
            return;
        }
        // post's second copy: what depends on j, and what reads memory (j's stores come first).
        depEdge(kOnThen ? kbr.elseArgs() : kbr.thenArgs(), kExit);
        for (int b : post) {
            for (IrInst x : blocks.get(b).insts()) {
                if (x.dst() != IrInst.NO_VALUE) {
                    boolean d = x.op() == IrOp.LOAD;
                    for (int a = 0; a < x.argCount() && !d; a++) {
                        d = dep[x.arg(a)];
                    }
                    dep[x.dst()] = d;
                }
            }
            if (b != latchJ) {
                int next = chainNext(b);
                depEdge(edgeArgs(b, next), next);
            }
        }
        // Memory: what pre and K load, what post stores.
        List<Slice> loads = new ArrayList<>();
        List<Slice> stores = new ArrayList<>();
        List<int[]> facts = new ArrayList<>();
        if (!accesses(pre, facts, loads, IrOp.LOAD) || !accesses(List.of(kh), facts, loads, IrOp.LOAD)) {
            return;
        }
        int afterPre = facts.size();
        if (!accesses(kb, facts, loads, IrOp.LOAD)) {
            return;
        }
        facts.subList(afterPre, facts.size()).clear(); // K's checks do not hold after K
        if (!accesses(post, facts, stores, IrOp.STORE) || stores.isEmpty()) {
            return;
        }
        for (Slice s : stores) {
            for (Slice l : loads) {
                if (s.base() == l.base()) {
                    return; // the same slice: the overlap test would never let a pair run
                }
            }
        }
        emit(h, j, bound, onThen, bodyArgs, step, pre, kh, kOnThen, kb, post, loads, stores);
        stale = true;
        jammedHeader = kh;
    }

    /**
     * Marks what block {@code b} of the region defines; false when it calls, divides, stores where
     * it may not ({@code stores}: post) or loads in J's header ({@code loads}: anywhere but there).
     */
    private boolean region(int b, boolean stores, boolean loads) {
        IrBlock block = blocks.get(b);
        List<IrBlockParam> ps = block.params();
        for (int k = 0, n = ps.size(); k < n; k++) {
            inRegion[ps.get(k).value()] = true;
        }
        List<IrInst> insts = block.insts();
        for (int k = 0, n = insts.size(); k < n; k++) {
            IrInst x = insts.get(k);
            IrOp op = x.op();
            if (op.isCall() || divides(op) || op == IrOp.STORE && !stores || op == IrOp.LOAD && !loads) {
                return false;
            }
            if (x.dst() != IrInst.NO_VALUE) {
                inRegion[x.dst()] = true;
            }
        }
        return true;
    }

    /**
     * A parameter {@code p} of K's header that enters as {@code j} or {@code j + c} and steps by
     * {@code p + s} ({@code c}, {@code s} not depending on j), so that its second copy stays
     * {@code j2 - j} away from it through K (zero exactly when j goes alone: a failing check of j2
     * sets the copy to {@code p}); -1 when there is none (matmul's b index {@code k * n + j} is one).
     */
    private int witness(int j, IrBlock khb, int[] entry, int[] latchArgs) {
        List<IrBlockParam> ps = khb.params();
        for (int k = 0; k < ps.size(); k++) {
            IrBlockParam p = ps.get(k);
            if (!dep[p.value()] || !p.type().isInt() || p.type().isVector()) {
                continue;
            }
            int e = entry[k];
            IrInst in = def[e];
            boolean enters = e == j || in != null && in.op() == IrOp.ADD
                    && (in.arg(0) == j && !dep[in.arg(1)] || in.arg(1) == j && !dep[in.arg(0)]);
            IrInst step = def[latchArgs[k]];
            if (enters && step != null && step.op() == IrOp.ADD && (step.arg(0) == p.value() && !dep[step.arg(1)]
                    || step.arg(1) == p.value() && !dep[step.arg(0)])) {
                witnessLatch = latchArgs[k];
                witnessType = p.type();
                return p.value();
            }
        }
        return -1;
    }

    /**
     * Whether every check of j2 is one of the witness, {@code w <u len}, in K (none in pre), and the
     * witness steps after the last of them (a later block of K's body). Then a failing one can fall
     * back to j's index, and the step that follows resets the witness's copy (see {@link #emitChain}).
     */
    private boolean checksOnWitness(List<Integer> pre, List<Integer> kb) {
        for (int b : pre) {
            if (blocks.get(b).terminator() instanceof IrTerminator.Branch br && dep[br.cond()]) {
                return false;
            }
        }
        boolean stepped = false;
        for (int b : kb) {
            IrBlock block = blocks.get(b);
            stepped |= block.insts().contains(def[witnessLatch]); // before the block's own check
            if (block.terminator() instanceof IrTerminator.Branch br && dep[br.cond()]
                    && (checked(br) != witness || stepped)) {
                return false;
            }
        }
        return stepped;
    }

    /** The index a check {@code idx <u len} of the chain (one side traps) tests, or -1. */
    private int checked(IrTerminator.Branch br) {
        IrInst c = def[br.cond()];
        boolean passThen = !trapsOnly(blocks.get(br.thenTarget()));
        if (c == null || dep[c.op() == IrOp.ULT || c.op() == IrOp.UGE ? c.arg(1) : c.arg(0)]) {
            return -1;
        }
        if (c.op() == IrOp.ULT && passThen || c.op() == IrOp.UGE && !passThen) {
            return c.arg(0);
        }
        return c.op() == IrOp.UGT && passThen || c.op() == IrOp.ULE && !passThen ? c.arg(1) : -1;
    }

    /** The instruction of block {@code b} that defines {@code v}, or null. */
    private @Nullable IrInst definedBy(int v, int b) {
        List<IrInst> insts = blocks.get(b).insts();
        for (int k = 0, m = insts.size(); k < m; k++) {
            if (insts.get(k).dst() == v) {
                return insts.get(k);
            }
        }
        return null;
    }

    private boolean isOne(int v) {
        IrInst d = def[v];
        return d != null && d.op() == IrOp.ICONST && d.imm() == 1;
    }

    private boolean definedIn(int v, int kh, List<Integer> kb) {
        if (IrEdges.paramIndex(blocks.get(kh).params(), v) >= 0 || blocks.get(kh).insts().contains(def[v])) {
            return true;
        }
        for (int b : kb) {
            if (IrEdges.paramIndex(blocks.get(b).params(), v) >= 0 || def[v] != null && blocks.get(b).insts().contains(def[v])) {
                return true;
            }
        }
        return false;
    }

    private void depInsts(int b) {
        for (IrInst x : blocks.get(b).insts()) {
            if (x.dst() == IrInst.NO_VALUE) {
                continue;
            }
            boolean d = false;
            for (int a = 0; a < x.argCount() && !d; a++) {
                d = dep[x.arg(a)];
            }
            dep[x.dst()] = d;
        }
    }

    private void depEdge(int[] args, int to) {
        List<IrBlockParam> ps = blocks.get(to).params();
        for (int k = 0; k < ps.size(); k++) {
            dep[ps.get(k).value()] |= dep[args[k]];
        }
    }

    /**
     * Adds to {@code out} the slice of every {@code op} (LOAD or STORE) of the chain {@code part},
     * {@code facts} the checks passed on the way ({idx, len}: {@code idx <u len}), extended by the
     * chain's own; false when an access is not a checked slice element.
     */
    private boolean accesses(List<Integer> part, List<int[]> facts, List<Slice> out, IrOp op) {
        for (int b : part) {
            for (IrInst x : blocks.get(b).insts()) {
                if (x.op() == IrOp.LOAD || x.op() == IrOp.STORE) {
                    if (x.op() != op) {
                        continue; // a load in post: it runs where it ran
                    }
                    Slice s = slice(x, facts);
                    if (s == null) {
                        return false;
                    }
                    if (!out.contains(s)) {
                        out.add(s);
                    }
                }
            }
            if (blocks.get(b).terminator() instanceof IrTerminator.Branch br && br.thenTarget() != br.elseTarget()) {
                IrInst c = def[br.cond()];
                boolean passThen = !trapsOnly(blocks.get(br.thenTarget()));
                if (c != null && c.type() == IrType.I64) {
                    if (c.op() == IrOp.ULT && passThen || c.op() == IrOp.UGE && !passThen) {
                        facts.add(new int[] {c.arg(0), c.arg(1)});
                    } else if (c.op() == IrOp.UGT && passThen || c.op() == IrOp.ULE && !passThen) {
                        facts.add(new int[] {c.arg(1), c.arg(0)});
                    }
                }
            }
        }
        return true;
    }

    /** The slice {@code x} (a LOAD or STORE at {@code base + idx * size}, {@code idx <u len} a fact) accesses, or null. */
    private @Nullable Slice slice(IrInst x, List<int[]> facts) {
        int size = x.type().bytes();
        IrInst a = def[x.arg(0)];
        if (x.imm() != 0 || a == null || a.op() != IrOp.ADD || a.type() != IrType.I64 || Integer.bitCount(size) != 1) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            int base = a.arg(side);
            int idx = scaled(a.arg(1 - side), size);
            if (inRegion[base] || idx < 0) {
                continue;
            }
            for (int[] fact : facts) {
                if (fact[0] == idx && !inRegion[fact[1]]) {
                    return new Slice(base, fact[1], size);
                }
            }
        }
        return null;
    }

    /** {@code idx} when {@code v} is {@code idx * size} ({@code idx} itself for bytes), else -1. */
    private int scaled(int v, int size) {
        if (size == 1) {
            return v;
        }
        IrInst d = def[v];
        if (d == null) {
            return -1;
        }
        if (d.op() == IrOp.MUL) {
            IrInst c0 = def[d.arg(0)];
            IrInst c1 = def[d.arg(1)];
            if (c1 != null && c1.op() == IrOp.ICONST && c1.imm() == size) {
                return d.arg(0);
            }
            if (c0 != null && c0.op() == IrOp.ICONST && c0.imm() == size) {
                return d.arg(1);
            }
        } else if (d.op() == IrOp.SHL) {
            IrInst c1 = def[d.arg(1)];
            if (c1 != null && c1.op() == IrOp.ICONST && c1.imm() == Integer.numberOfTrailingZeros(size)) {
                return d.arg(0);
            }
        }
        return -1;
    }

    // ---- emission

    private int newValue(@Nullable IrType t) {
        if (valueCount >= types.length) {
            types = Arrays.copyOf(types, Math.max(16, valueCount * 2));
        }
        types[valueCount] = t;
        return valueCount++;
    }

    private int reserve() {
        blocks.add(blocks.get(0)); // a placeholder, replaced when the block is closed
        return blocks.size() - 1;
    }

    private void open(int index, List<IrBlockParam> ps) {
        curIndex = index;
        curParams = ps;
        curInsts = scratch;
        scratch.clear(); // the block copies what it gets
    }

    private void close(IrTerminator t) {
        blocks.set(curIndex, new IrBlock(curParams, curInsts, t));
    }

    private int add(IrOp op, IrType t, long imm, int... args) {
        int v = newValue(op.isComparison() ? IrType.I8 : t);
        curInsts.add(new IrInst(op, t, v, args, imm));
        return v;
    }

    private int m1(int v) {
        return map1[v] >= 0 ? map1[v] : v;
    }

    private int m2(int v) {
        return map2[v] >= 0 ? map2[v] : m1(v);
    }

    private int[] mapped(int[] values, boolean second) {
        int[] out = new int[values.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = second ? m2(values[k]) : m1(values[k]);
        }
        return out;
    }

    /**
     * Emits {@code x}: for j the instruction itself, its operands renamed only where a
     * chain block's parameter stood for its argument; for j2 ({@code second}) a new value.
     */
    private void clone(IrInst x, boolean second) {
        if (!second) {
            int[] args = null;
            for (int a = 0; a < x.argCount(); a++) {
                int m = m1(x.arg(a));
                if (m != x.arg(a)) {
                    if (args == null) {
                        args = x.args();
                    }
                    args[a] = m;
                }
            }
            curInsts.add(args == null ? x : new IrInst(x.op(), x.type(), x.dst(), args, x.imm()));
            return;
        }
        int dst = IrInst.NO_VALUE;
        if (x.dst() != IrInst.NO_VALUE) {
            dst = newValue(types[x.dst()]);
        }
        int[] args = new int[x.argCount()];
        for (int a = 0; a < args.length; a++) {
            args[a] = m2(x.arg(a));
        }
        curInsts.add(new IrInst(x.op(), x.type(), dst, args, x.imm()));
        if (dst != IrInst.NO_VALUE) {
            map2[x.dst()] = dst;
        }
    }

    /**
     * Emits the chain {@code part} (entered with {@code args}) into the current block, for j, or for
     * j2 ({@code second}: only the stores and what depends on j); a check ends the current block
     * and opens the next one, failing to its trap, except a check of j2 in K ({@code guard}): it
     * does not branch, the witness's copy goes on as j's own index when it fails (so it is j's, in
     * bounds, from there on). Returns the arguments of the chain's last jump.
     */
    private int[] emitChain(List<Integer> part, int[] args, boolean second, boolean guard) {
        int[] in = args;
        for (int b : part) {
            IrBlock block = blocks.get(b);
            List<IrBlockParam> ps = block.params();
            for (int k = 0; k < ps.size(); k++) {
                int v = ps.get(k).value();
                if (second) {
                    map2[v] = m2(in[k]);
                } else {
                    map1[v] = m1(in[k]);
                }
            }
            for (IrInst x : block.insts()) {
                if (!second || x.op() == IrOp.STORE || x.dst() != IrInst.NO_VALUE && dep[x.dst()]) {
                    clone(x, second);
                }
            }
            IrTerminator t = block.terminator();
            if (t instanceof IrTerminator.Jump jt) {
                in = jt.args();
                continue;
            }
            IrTerminator.Branch br = (IrTerminator.Branch) t;
            boolean passThen = !trapsOnly(blocks.get(br.thenTarget()));
            in = passThen ? br.thenArgs() : br.elseArgs();
            if (second && !dep[br.cond()]) {
                continue; // the check for j was this very one
            }
            int cond = second ? m2(br.cond()) : m1(br.cond());
            if (guard) {
                // A check of j2 before j's store: j goes on alone (see the class comment).
                map2[witness] = passThen ? add(IrOp.SELECT, witnessType, 0, cond, m2(witness), m1(witness))
                        : add(IrOp.SELECT, witnessType, 0, cond, m1(witness), m2(witness));
                continue;
            }
            int next = reserve();
            int fail = passThen ? br.elseTarget() : br.thenTarget();
            close(passThen ? new IrTerminator.Branch(cond, next, NONE, fail, NONE)
                    : new IrTerminator.Branch(cond, fail, NONE, next, NONE));
            open(next, List.of());
        }
        return in;
    }

    /** The value to add for a step: {@code x} itself, or a new constant when {@code x} is one defined in the loop. */
    private int stepValue(int x) {
        IrInst c = def[x];
        return inRegion[x] && c != null ? add(IrOp.ICONST, c.type(), c.imm()) : x;
    }

    private void emit(int h, int j, int bound, boolean onThen, int[] bodyArgs, int[] step, List<Integer> pre, int kh,
            boolean kOnThen, List<Integer> kb, List<Integer> post, List<Slice> loads, List<Slice> stores) {
        if (blocks == original) {
            List<IrBlock> copy = new ArrayList<>(original.size() + 16);
            copy.addAll(original);
            blocks = copy;
        }
        map1 = new int[valueCount];
        map2 = new int[valueCount];
        Arrays.fill(map1, -1);
        Arrays.fill(map2, -1);
        types = Arrays.copyOf(types, valueCount + 64);
        IrBlock hb = blocks.get(h);
        IrBlock khb = blocks.get(kh);
        int jk = IrEdges.paramIndex(hb.params(), j);
        IrType jt = hb.params().get(jk).type();
        // h goes on into the jammed body.
        IrTerminator.Branch hbr = (IrTerminator.Branch) hb.terminator();
        int bodyStart = reserve();
        blocks.set(h, new IrBlock(hb.params(), hb.insts(), onThen
                ? new IrTerminator.Branch(hbr.cond(), bodyStart, NONE, hbr.elseTarget(), hbr.elseArgs())
                : new IrTerminator.Branch(hbr.cond(), hbr.thenTarget(), hbr.thenArgs(), bodyStart, NONE)));
        // The second iteration: j + x when it is below the bound too, else j again.
        open(bodyStart, List.of());
        int next = add(IrOp.ADD, jt, 0, j, stepValue(step[jk]));
        // The overlap test, made again for every pair: it reads only values live anyway, where a
        // result made once before J would be one more value live through K (matmul: a spill, and
        // 1.3 us more of its compile). When ranges may overlap, no pair.
        int pair = add(IrOp.SLT, jt, 0, next, bound);
        if (!loads.isEmpty()) {
            pair = add(IrOp.AND, IrType.I8, 0, disjoint(loads, stores), pair);
        }
        map2[j] = add(IrOp.SELECT, jt, 0, pair, next, j);
        for (int k = 0; k < step.length; k++) {
            IrBlockParam p = hb.params().get(k);
            if (k != jk && step[k] >= 0) {
                int stepped = add(IrOp.ADD, p.type(), 0, p.value(), stepValue(step[k]));
                map2[p.value()] = add(IrOp.SELECT, p.type(), 0, pair, stepped, p.value());
            }
        }
        for (IrInst x : hb.insts()) {
            if (x.dst() != IrInst.NO_VALUE && dep[x.dst()] && x.dst() != hbr.cond()) {
                clone(x, true);
            }
        }
        int[] toK = emitChain(pre, bodyArgs, false, false);
        List<IrBlockParam> kps = khb.params();
        emitChain(pre, bodyArgs, true, false);
        close(new IrTerminator.Jump(kh, kArgs(toK, kps)));
        // K': K's header with a second copy of the parameters that depend on j.
        List<IrBlockParam> kHeadParams = new ArrayList<>(kps);
        for (IrBlockParam p : kps) {
            if (dep[p.value()]) {
                int v = newValue(p.type());
                map2[p.value()] = v;
                kHeadParams.add(new IrBlockParam(v, p.type()));
            }
        }
        int witness2 = map2[witness];
        IrTerminator.Branch kbr = (IrTerminator.Branch) khb.terminator();
        int kBodyStart = reserve();
        int postStart = reserve();
        blocks.set(kh, new IrBlock(kHeadParams, khb.insts(), kOnThen
                ? new IrTerminator.Branch(kbr.cond(), kBodyStart, NONE, postStart, NONE)
                : new IrTerminator.Branch(kbr.cond(), postStart, NONE, kBodyStart, NONE)));
        int[] kBodyArgs = kOnThen ? kbr.thenArgs() : kbr.elseArgs();
        int[] kExitArgs = kOnThen ? kbr.elseArgs() : kbr.thenArgs();
        open(kBodyStart, List.of());
        int[] back = emitChain(kb, kBodyArgs, false, false);
        emitChain(kb, kBodyArgs, true, true);
        close(new IrTerminator.Jump(kh, kArgs(back, kps)));
        // post for j; then, when the second iteration was j2 to the end (not j again), post for it
        // (after j's stores, as in J).
        open(postStart, List.of());
        int[] latch = emitChain(post, kExitArgs, false, false);
        int two = add(IrOp.NE, witnessType, 0, witness2, witness);
        int second = reserve();
        close(new IrTerminator.Branch(two, second, NONE, h, mapped(latch, false)));
        open(second, List.of());
        map2[witness] = witness2;
        // Here j2 is j + x (a pair): made again, so that j2 itself need not live through K.
        for (int k = 0; k < step.length; k++) {
            IrBlockParam p = hb.params().get(k);
            if (step[k] >= 0) {
                map2[p.value()] = add(IrOp.ADD, p.type(), 0, p.value(), stepValue(step[k]));
            }
        }
        int[] latch2 = emitChain(post, kExitArgs, true, false);
        close(new IrTerminator.Jump(h, mapped(latch2, true)));
        // The blocks copied from are reached no more (their values are defined where they were copied to).
        IrBlock gone = new IrBlock(List.of(), List.of(), new IrTerminator.Trap(TrapKind.UNREACHABLE));
        for (List<Integer> part : List.of(pre, kb, post)) {
            for (int b : part) {
                blocks.set(b, gone);
            }
        }
    }

    /**
     * The arguments for K's header: {@code args} (for K's parameters) for j, then j2's for the
     * second copies of the parameters that depend on j.
     */
    private int[] kArgs(int[] args, List<IrBlockParam> kps) {
        int[] out = new int[args.length * 2];
        int c = 0;
        for (int a : args) {
            out[c++] = m1(a);
        }
        for (int k = 0; k < kps.size(); k++) {
            if (dep[kps.get(k).value()]) {
                out[c++] = m2(args[k]);
            }
        }
        return Arrays.copyOf(out, c);
    }

    /**
     * Emits into the current block the test that every stored range is disjoint from every loaded
     * one, and returns it (an i8). Ranges {@code [s, s + S)} and {@code [l, l + L)} on the circle of
     * 2^64 addresses are disjoint exactly when {@code l - s >=u S} and {@code s - l >=u L}; with
     * {@code S = lenS * size}, {@code l - s >=u S} is {@code (l - s) >>u log2(size) >=u lenS}, also
     * when {@code lenS * size} would not fit in 64 bits (then the range is every address, and the
     * test fails as it should).
     */
    private int disjoint(List<Slice> loads, List<Slice> stores) {
        int[] amounts = new int[8]; // per log2 size, its constant
        int ok = -1;
        for (Slice st : stores) {
            for (Slice ld : loads) {
                int up = scaledDown(add(IrOp.SUB, IrType.I64, 0, ld.base(), st.base()), st.size(), amounts);
                int below = add(IrOp.UGE, IrType.I64, 0, up, st.len());
                int down = scaledDown(add(IrOp.SUB, IrType.I64, 0, st.base(), ld.base()), ld.size(), amounts);
                int above = add(IrOp.UGE, IrType.I64, 0, down, ld.len());
                int both = add(IrOp.AND, IrType.I8, 0, below, above);
                ok = ok < 0 ? both : add(IrOp.AND, IrType.I8, 0, ok, both);
            }
        }
        return ok;
    }

    /** {@code v >>u log2(size)}. */
    private int scaledDown(int v, int size, int[] amounts) {
        int shift = Integer.numberOfTrailingZeros(size);
        if (shift == 0) {
            return v;
        }
        if (amounts[shift] == 0) {
            amounts[shift] = add(IrOp.ICONST, IrType.I64, shift);
        }
        return add(IrOp.USHR, IrType.I64, 0, v, amounts[shift]);
    }
}
