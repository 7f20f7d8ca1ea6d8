package dev.simplec.api.codegen;

import java.util.ArrayList;
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
 * A target-neutral IR rewrite run before instruction selection: a branch whose outcome the
 * branches leading to it already decide becomes a jump. Facts come from the paths into a block: a
 * block entered from a branch knows that branch's outcome and everything its predecessor knew; a
 * join knows what all its predecessors agree on; a loop header, entered again from below, starts
 * knowing nothing. Facts decide a later comparison of the same operands: the same or the opposite
 * comparison, or {@code x <u y} after {@code x <s y} when {@code x} cannot be negative — a
 * constant, or a loop counter that starts at a non-negative constant and steps by one under
 * {@code counter <s bound} (so it cannot wrap). That is how the bounds check of {@code xs[i]} in
 * {@code for i in 0..len(xs)} goes, and a second check of the same index against the same length.
 * A folded check can never have failed, so no trap is lost; values and their types do not change.
 */
public final class BranchFacts {
    /** A known outcome: comparison value {@code value} is {@code truth}; {@code next} is what was known before. */
    private record Fact(int value, boolean truth, @Nullable Fact next) {
    }

    private final List<IrBlock> blocks;
    private final @Nullable IrInst[] def;
    /** Per block: what is known on entry to it (and so anywhere in it). */
    private final @Nullable Fact[] facts;
    /** Per value: 0 not yet asked, 1 never negative, 2 not known to be. */
    private final byte[] sign;

    private BranchFacts(IrFunction f) {
        this.blocks = f.blocks();
        int n = blocks.size();
        this.def = new @Nullable IrInst[f.valueCount()];
        this.facts = new @Nullable Fact[n];
        this.sign = new byte[f.valueCount()];
        for (IrBlock block : blocks) {
            for (IrInst i : block.insts()) {
                if (i.dst() != IrInst.NO_VALUE) {
                    def[i.dst()] = i;
                }
            }
        }
        int[][] preds = IrEdges.predecessors(blocks);
        // In reverse postorder, so the predecessors a block has on forward edges are settled first
        // (an inlined callee's join can come after the blocks that jump to it); an edge from a block
        // not yet settled (a back edge) makes the block know nothing.
        int[] order = Dominators.reversePostorder(f);
        boolean[] settled = new boolean[n];
        settled[0] = true;
        for (int r = 1; r < order.length; r++) {
            int b = order[r];
            settled[b] = true;
            int[] ps = preds[b];
            boolean forward = ps.length > 0;
            for (int p : ps) {
                forward &= settled[p] && p != b;
            }
            if (!forward) {
                continue;
            }
            @Nullable Fact known = entering(ps[0], b);
            for (int k = 1; k < ps.length; k++) {
                known = common(known, entering(ps[k], b));
            }
            facts[b] = known;
        }
    }

    /** What is known entering block {@code b} from {@code p}. */
    private @Nullable Fact entering(int p, int b) {
        @Nullable Fact known = facts[p];
        if (blocks.get(p).terminator() instanceof IrTerminator.Branch br && br.thenTarget() != br.elseTarget()) {
            known = new Fact(br.cond(), br.thenTarget() == b, known);
        }
        return known;
    }

    /** The facts of {@code a} that {@code b} holds too. */
    private static @Nullable Fact common(@Nullable Fact a, @Nullable Fact b) {
        if (a == b) {
            return a;
        }
        List<Fact> kept = new ArrayList<>();
        for (Fact x = a; x != null; x = x.next()) {
            for (Fact y = b; y != null; y = y.next()) {
                if (x.value() == y.value() && x.truth() == y.truth()) {
                    kept.add(x);
                    break;
                }
            }
        }
        @Nullable Fact out = null;
        for (int i = kept.size() - 1; i >= 0; i--) {
            out = new Fact(kept.get(i).value(), kept.get(i).truth(), out);
        }
        return out;
    }

    /** {@code f} with its decided branches turned into jumps, or {@code f} itself when there are none. */
    public static IrFunction fold(IrFunction f) {
        int branches = 0;
        for (IrBlock b : f.blocks()) {
            branches += b.terminator() instanceof IrTerminator.Branch ? 1 : 0;
        }
        if (branches < 2 || !twoOnOneOperandPair(f)) {
            return f; // a branch is decided only by another one before it, on the same operands
        }
        BranchFacts bf = new BranchFacts(f);
        @Nullable List<IrBlock> out = null;
        for (int b = 0; b < bf.blocks.size(); b++) {
            IrBlock block = bf.blocks.get(b);
            if (block.terminator() instanceof IrTerminator.Branch br && br.thenTarget() != br.elseTarget()) {
                int known = bf.decide(br.cond(), bf.factsAt(b));
                if (known != UNKNOWN) {
                    if (out == null) {
                        out = new ArrayList<>(bf.blocks);
                    }
                    IrTerminator j = known == TRUE ? new IrTerminator.Jump(br.thenTarget(), br.thenArgs())
                            : new IrTerminator.Jump(br.elseTarget(), br.elseArgs());
                    out.set(b, new IrBlock(block.params(), block.insts(), j));
                }
            }
        }
        return out == null ? f : new IrFunction(f.name(), f.params(), f.returns(), out, f.valueCount(), f.stackSlots());
    }

    /**
     * Whether two branch conditions are comparisons of the same two values (in either order): the
     * only case a fact can decide. Most functions have none, and skip the analysis.
     */
    private static boolean twoOnOneOperandPair(IrFunction f) {
        long[] pairs = new long[8];
        int n = 0;
        for (IrBlock block : f.blocks()) {
            if (!(block.terminator() instanceof IrTerminator.Branch br) || block.insts().isEmpty()) {
                continue;
            }
            // The compare a branch tests is, in lowered code, the last instruction of its block.
            IrInst c = block.insts().get(block.insts().size() - 1);
            if (c.dst() != br.cond() || !isIntCompare(c)) {
                continue;
            }
            int a = Math.min(c.arg(0), c.arg(1));
            int b = Math.max(c.arg(0), c.arg(1));
            long pair = (long) a << 32 | b;
            for (int k = 0; k < n; k++) {
                if (pairs[k] == pair) {
                    return true;
                }
            }
            if (n == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, 2 * n);
            }
            pairs[n++] = pair;
        }
        return false;
    }

    private static final int UNKNOWN = 0;
    private static final int TRUE = 1;
    private static final int FALSE = 2;

    /** What is known on entry to block {@code b} (and so anywhere in it). */
    private @Nullable Fact factsAt(int b) {
        return facts[b];
    }

    /** Whether {@code cond} is decided by {@code known}: TRUE, FALSE or UNKNOWN. */
    private int decide(int cond, @Nullable Fact known) {
        IrInst c = def[cond];
        for (Fact k = known; k != null; k = k.next()) {
            if (k.value() == cond) {
                return k.truth() ? TRUE : FALSE;
            }
            IrInst o = def[k.value()];
            if (c == null || o == null || !isIntCompare(c) || !isIntCompare(o) || c.type() != o.type()) {
                continue;
            }
            int r = implied(c, o, k.truth());
            if (r != UNKNOWN) {
                return r;
            }
        }
        return UNKNOWN;
    }

    private static boolean isIntCompare(IrInst i) {
        return i.type().isInt() && !i.type().isVector() && switch (i.op()) {
            case EQ, NE, SLT, SLE, SGT, SGE, ULT, ULE, UGT, UGE -> true;
            default -> false;
        };
    }

    /** What {@code other} having come out {@code truth} says about {@code c} (both integer comparisons of one type). */
    private int implied(IrInst c, IrInst other, boolean truth) {
        // Normal form: EQ, NE, SLT, SLE, ULT, ULE of (a, b), greater-than forms swapped round.
        IrOp op = normal(c.op());
        int a = swaps(c.op()) ? c.arg(1) : c.arg(0);
        int b = swaps(c.op()) ? c.arg(0) : c.arg(1);
        IrOp op2 = normal(other.op());
        int a2 = swaps(other.op()) ? other.arg(1) : other.arg(0);
        int b2 = swaps(other.op()) ? other.arg(0) : other.arg(1);
        if (a != a2 || b != b2) {
            return UNKNOWN;
        }
        if (op == op2) {
            return truth ? TRUE : FALSE;
        }
        if (op == IrOp.EQ && op2 == IrOp.NE || op == IrOp.NE && op2 == IrOp.EQ) {
            return truth ? FALSE : TRUE;
        }
        // a <s b with a >= 0 puts both in [0, max]: there signed and unsigned order agree.
        if (truth && nonNegative(a, c.type(), 0)) {
            if (op == IrOp.ULT && op2 == IrOp.SLT || op == IrOp.ULE && op2 == IrOp.SLE) {
                return TRUE;
            }
        }
        return UNKNOWN;
    }

    private static IrOp normal(IrOp op) {
        return switch (op) {
            case SGT -> IrOp.SLT;
            case SGE -> IrOp.SLE;
            case UGT -> IrOp.ULT;
            case UGE -> IrOp.ULE;
            default -> op;
        };
    }

    private static boolean swaps(IrOp op) {
        return op == IrOp.SGT || op == IrOp.SGE || op == IrOp.UGT || op == IrOp.UGE;
    }

    /**
     * Whether {@code v} (of type {@code t}) is never negative: a constant that is not, or a block
     * parameter every incoming value of which is such a constant or the parameter plus one on a path
     * that knows {@code parameter <s bound} (so the step cannot wrap past the largest value).
     */
    private boolean nonNegative(int v, IrType t, int depth) {
        IrInst d = def[v];
        if (d != null) {
            return d.op() == IrOp.ICONST && nonNegativeConstant(d.imm(), t);
        }
        if (depth > 0) {
            return false;
        }
        if (sign[v] == 0) {
            sign[v] = 2; // while it is being decided, the parameter itself does not count as known
            sign[v] = counter(v, t) ? (byte) 1 : (byte) 2;
        }
        return sign[v] == 1;
    }

    /** The loop-counter case of {@link #nonNegative}: {@code v} is a block parameter. */
    private boolean counter(int v, IrType t) {
        int depth = 0;
        int header = -1;
        int index = -1;
        for (int b = 0; b < blocks.size() && header < 0; b++) {
            List<IrBlockParam> ps = blocks.get(b).params();
            for (int k = 0; k < ps.size(); k++) {
                if (ps.get(k).value() == v) {
                    header = b;
                    index = k;
                }
            }
        }
        if (header < 0 || blocks.get(header).params().get(index).type() != t) {
            return false;
        }
        boolean any = false;
        for (int b = 0; b < blocks.size(); b++) {
            IrTerminator term = blocks.get(b).terminator();
            int[] args;
            if (term instanceof IrTerminator.Jump j && j.target() == header) {
                args = j.args();
            } else if (term instanceof IrTerminator.Branch br && (br.thenTarget() == header || br.elseTarget() == header)) {
                return false; // arguments on a branch: not a shape lowering makes for loops
            } else {
                continue;
            }
            any = true;
            int arg = args[index];
            if (!nonNegative(arg, t, depth + 1) && !steppedUnderBound(arg, v, t, factsAt(b))) {
                return false;
            }
        }
        return any;
    }

    /** {@code arg} is {@code v + 1} and {@code known} holds {@code v <s something}. */
    private boolean steppedUnderBound(int arg, int v, IrType t, @Nullable Fact known) {
        IrInst add = def[arg];
        if (add == null || add.op() != IrOp.ADD || add.type() != t) {
            return false;
        }
        int other = add.arg(0) == v ? add.arg(1) : add.arg(1) == v ? add.arg(0) : -1;
        @Nullable IrInst one = other < 0 ? null : def[other];
        if (one == null || one.op() != IrOp.ICONST || one.imm() != 1) {
            return false;
        }
        for (Fact k = known; k != null; k = k.next()) {
            IrInst o = def[k.value()];
            if (o != null && o.type() == t && isIntCompare(o)) {
                boolean less = k.truth() ? o.op() == IrOp.SLT && o.arg(0) == v || o.op() == IrOp.SGT && o.arg(1) == v
                        : o.op() == IrOp.SGE && o.arg(0) == v || o.op() == IrOp.SLE && o.arg(1) == v;
                if (less) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean nonNegativeConstant(long imm, IrType t) {
        return switch (t) {
            case I8 -> (byte) imm >= 0;
            case I16 -> (short) imm >= 0;
            case I32 -> (int) imm >= 0;
            default -> imm >= 0;
        };
    }
}
