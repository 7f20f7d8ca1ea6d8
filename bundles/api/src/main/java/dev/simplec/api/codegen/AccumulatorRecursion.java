package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;

/**
 * A target-neutral IR rewrite run before instruction selection: recursion whose result is
 * combined by integer addition, {@code return x + f(args)}, becomes a loop carrying an
 * accumulator — the self-call in that position turns into a jump back to the top with
 * {@code args} and {@code acc + x}, and every other return {@code v} returns {@code acc + v}.
 * Integer addition wraps, so regrouping the sum gives the same bits. {@code fib(n - 1) + fib(n - 2)}
 * keeps one call per level instead of two. Functions with stack slots are left alone (a slot's
 * address could be passed to the recursive call, and the loop would reuse the slot).
 */
public final class AccumulatorRecursion {
    private AccumulatorRecursion() {
    }

    /** The rewritten function number {@code index} of {@code module}, or the function itself when the pattern does not occur. */
    public static IrFunction rewrite(IrModule module, int index) {
        return rewrite(module.functions().get(index), index);
    }

    /** The rewritten {@code f}, function number {@code index} of its module (its self-calls name it so), or {@code f}. */
    public static IrFunction rewrite(IrFunction f, int index) {
        @Nullable IrType[] none = new @Nullable IrType[f.valueCount()];
        return rewrite(f, index, none).function();
    }

    /** A rewritten function and the types of all its values. */
    public record Rewritten(IrFunction function, @Nullable IrType[] types) {
    }

    /**
     * {@link #rewrite(IrFunction, int)}, also extending {@code types} (what the verifier answered for
     * {@code f}) to the values the rewrite adds; {@code f} and {@code types} themselves when nothing changes.
     */
    public static Rewritten rewrite(IrFunction f, int index, @Nullable IrType[] types) {
        Rewritten unchanged = new Rewritten(f, types);
        if (f.returns().size() != 1 || f.returns().get(0).isFloat() || f.returns().get(0).isVector() || !f.stackSlots().isEmpty()) {
            return unchanged;
        }
        IrType t = f.returns().get(0);
        if (!mayHaveTailSum(f, index)) {
            return unchanged; // the common case, settled without counting uses
        }
        int[] uses = IrEdges.useCounts(f.blocks(), f.valueCount(), null);
        boolean[] tail = new boolean[f.blocks().size()];
        boolean any = false;
        for (int b = 0; b < f.blocks().size(); b++) {
            tail[b] = isTailSum(f, f.blocks().get(b), index, t, uses);
            any |= tail[b];
        }
        if (!any) {
            return unchanged;
        }
        return new Rewrite(f, t, tail, types).run();
    }

    /** One rewrite: new values are numbered from the function's value count on, their types kept beside. */
    private static final class Rewrite {
        private final IrFunction f;
        private final IrType t;
        private final boolean[] tail;
        private final List<@Nullable IrType> newTypes = new ArrayList<>();
        private final @Nullable IrType[] types;
        private int next;

        Rewrite(IrFunction f, IrType t, boolean[] tail, @Nullable IrType[] types) {
            this.f = f;
            this.t = t;
            this.tail = tail;
            this.types = types;
            this.next = f.valueCount();
        }

        private int fresh(@Nullable IrType type) {
            newTypes.add(type);
            return next++;
        }

        Rewritten run() {
            int np = f.params().size();
            int[] entryParams = new int[np];
            List<IrInst> entry = new ArrayList<>();
            for (int k = 0; k < np; k++) {
                entryParams[k] = fresh(f.params().get(k));
                entry.add(new IrInst(IrOp.PARAM, f.params().get(k), entryParams[k], new int[0], k));
            }
            int zero = fresh(t);
            entry.add(new IrInst(IrOp.ICONST, t, zero, new int[0], 0));
            int[] entryArgs = new int[np + 1];
            System.arraycopy(entryParams, 0, entryArgs, 0, np);
            entryArgs[np] = zero;
            List<IrBlockParam> headParams = new ArrayList<>();
            int[] head = new int[np + 1];
            for (int k = 0; k <= np; k++) {
                head[k] = fresh(k < np ? f.params().get(k) : t);
                headParams.add(new IrBlockParam(head[k], k < np ? f.params().get(k) : t));
            }
            int acc = head[np];
            // The function's parameters become the loop's: every read of one reads the loop's instead.
            ValueRenaming renaming = new ValueRenaming(next + 2 * f.blocks().size());
            List<IrBlock> blocks = new ArrayList<>();
            blocks.add(new IrBlock(entry, new IrTerminator.Jump(1, entryArgs))); // replaced below when peeled
            for (int b = 0; b < f.blocks().size(); b++) {
                IrBlock block = f.blocks().get(b);
                List<IrInst> insts = new ArrayList<>();
                for (IrInst i : block.insts()) {
                    if (i.op() == IrOp.PARAM) {
                        renaming.rename(i.dst(), head[(int) i.imm()]);
                    } else {
                        insts.add(i);
                    }
                }
                IrTerminator term = block.terminator();
                IrTerminator out;
                if (tail[b]) {
                    IrInst sum = insts.remove(insts.size() - 1);
                    IrInst call = insts.remove(insts.size() - 1);
                    int x = sum.arg(0) == call.dst() ? sum.arg(1) : sum.arg(0);
                    int acc2 = fresh(t);
                    insts.add(new IrInst(IrOp.ADD, t, acc2, new int[] {acc, x}, 0));
                    int[] args = new int[np + 1];
                    System.arraycopy(call.args(), 0, args, 0, np);
                    args[np] = acc2;
                    out = new IrTerminator.Jump(1, args);
                } else if (term instanceof IrTerminator.Ret r) {
                    int total = fresh(t);
                    insts.add(new IrInst(IrOp.ADD, t, total, new int[] {acc, r.values()[0]}, 0));
                    out = IrTerminator.Ret.of(total);
                } else if (term instanceof IrTerminator.Jump j) {
                    out = new IrTerminator.Jump(j.target() + 1, j.args());
                } else if (term instanceof IrTerminator.Branch br) {
                    out = new IrTerminator.Branch(br.cond(), br.thenTarget() + 1, br.thenArgs(), br.elseTarget() + 1, br.elseArgs());
                } else {
                    out = term;
                }
                blocks.add(new IrBlock(b == 0 ? headParams : block.params(), insts, out));
            }
            for (int b = 1; b < blocks.size(); b++) {
                blocks.set(b, renaming.apply(blocks.get(b)));
            }
            peelEntryTest(blocks, entry, entryParams, entryArgs);
            @Nullable IrType[] all = java.util.Arrays.copyOf(types, next);
            for (int v = f.valueCount(); v < next; v++) {
                all[v] = newTypes.get(v - f.valueCount());
            }
            return new Rewritten(new IrFunction(f.name(), f.params(), f.returns(), blocks, next, f.stackSlots()), all);
        }

        /**
         * When the original entry block is a test between returning at once (a block of plain
         * computations ending in {@code ret}, fib's {@code n < 2}) and recursing, the new entry makes
         * that test itself and returns from its own copy of that block, entering the loop only
         * otherwise: the quick case then runs no loop set-up (and, in code generation, no frame).
         * Only side-effect-free, non-trapping instructions are copied (they run once more, on the
         * loop's first test).
         */
        private void peelEntryTest(List<IrBlock> blocks, List<IrInst> entry, int[] entryParams, int[] entryArgs) {
            IrBlock b0 = f.blocks().get(0);
            if (!(b0.terminator() instanceof IrTerminator.Branch br) || br.thenTarget() == br.elseTarget()
                    || br.thenArgs().length > 0 || br.elseArgs().length > 0 || !copyable(b0, true)) {
                return;
            }
            int quick = quickReturn(br.thenTarget()) ? br.thenTarget() : quickReturn(br.elseTarget()) ? br.elseTarget() : -1;
            if (quick < 0) {
                return;
            }
            ValueRenaming copy = new ValueRenaming(next + b0.insts().size() + f.blocks().get(quick).insts().size() + 2);
            List<IrInst> test = new ArrayList<>(entry);
            cloneInto(b0, copy, entryParams, test);
            List<IrInst> ret = new ArrayList<>();
            IrBlock q = f.blocks().get(quick);
            cloneInto(q, copy, entryParams, ret);
            int[] values = ((IrTerminator.Ret) q.terminator()).values();
            for (int k = 0; k < values.length; k++) {
                values[k] = copy.map(values[k]);
            }
            int quickIndex = blocks.size();
            blocks.add(new IrBlock(List.of(), ret, new IrTerminator.Ret(values)));
            int cond = copy.map(br.cond());
            boolean quickOnTrue = quick == br.thenTarget();
            IrTerminator branch = quickOnTrue ? new IrTerminator.Branch(cond, quickIndex, new int[0], 1, entryArgs)
                    : new IrTerminator.Branch(cond, 1, entryArgs, quickIndex, new int[0]);
            blocks.set(0, new IrBlock(List.of(), test, branch));
        }

        /** {@code block}'s instructions, renumbered afresh (PARAMs read the entry's), appended to {@code out}. */
        private void cloneInto(IrBlock block, ValueRenaming copy, int[] entryParams, List<IrInst> out) {
            for (IrInst i : block.insts()) {
                if (i.op() == IrOp.PARAM) {
                    copy.rename(i.dst(), entryParams[(int) i.imm()]);
                    continue;
                }
                int v = fresh(types[i.dst()]);
                int[] args = i.args();
                for (int k = 0; k < args.length; k++) {
                    args[k] = copy.map(args[k]);
                }
                out.add(new IrInst(i.op(), i.type(), v, args, i.imm()));
                copy.rename(i.dst(), v);
            }
        }

        /** A block only the original entry reaches, without parameters, of plain computations, that returns. */
        private boolean quickReturn(int b) {
            IrBlock block = f.blocks().get(b);
            if (b == 0 || !block.params().isEmpty() || !(block.terminator() instanceof IrTerminator.Ret) || !copyable(block, false)) {
                return false;
            }
            for (int p = 1; p < f.blocks().size(); p++) {
                IrTerminator term = f.blocks().get(p).terminator();
                if (term instanceof IrTerminator.Jump j && j.target() == b
                        || term instanceof IrTerminator.Branch o && (o.thenTarget() == b || o.elseTarget() == b)) {
                    return false;
                }
            }
            return true;
        }

        /** Instructions that may run twice: no memory, no calls, nothing that divides, one result each. */
        private static boolean copyable(IrBlock block, boolean params) {
            for (IrInst i : block.insts()) {
                boolean ok = switch (i.op()) {
                    case PARAM -> params;
                    case ICONST, FCONST, COPY, ADD, SUB, MUL, AND, OR, XOR, SHL, SSHR, USHR, EQ, NE, SLT, SLE, SGT, SGE, ULT, ULE,
                            UGT, UGE, SEXT, ZEXT, TRUNC -> true;
                    default -> false;
                };
                if (!ok || i.dst() == IrInst.NO_VALUE || i.dst2() != IrInst.NO_VALUE) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Some block ends in {@code call self; add; ret}: the shape {@link #isTailSum} then checks in full. */
    private static boolean mayHaveTailSum(IrFunction f, int self) {
        for (IrBlock block : f.blocks()) {
            List<IrInst> insts = block.insts();
            int n = insts.size();
            if (n >= 2 && block.terminator() instanceof IrTerminator.Ret && insts.get(n - 1).op() == IrOp.ADD
                    && insts.get(n - 2).op() == IrOp.CALL && insts.get(n - 2).imm() == self) {
                return true;
            }
        }
        return false;
    }

    /** The block ends {@code y = call self(args); r = add x, y; ret r} with y and r used nowhere else. */
    private static boolean isTailSum(IrFunction f, IrBlock block, int self, IrType t, int[] uses) {
        List<IrInst> insts = block.insts();
        if (!(block.terminator() instanceof IrTerminator.Ret r) || r.values().length != 1 || insts.size() < 2) {
            return false;
        }
        IrInst sum = insts.get(insts.size() - 1);
        IrInst call = insts.get(insts.size() - 2);
        if (call.op() != IrOp.CALL || call.imm() != self || call.dst() == IrInst.NO_VALUE || call.dst2() != IrInst.NO_VALUE) {
            return false;
        }
        if (sum.op() != IrOp.ADD || sum.type() != t || sum.dst() != r.values()[0] || sum.arg(0) == sum.arg(1)) {
            return false;
        }
        boolean usesCall = sum.arg(0) == call.dst() || sum.arg(1) == call.dst();
        return usesCall && uses[call.dst()] == 1 && uses[sum.dst()] == 1 && call.argCount() == f.params().size();
    }
}
