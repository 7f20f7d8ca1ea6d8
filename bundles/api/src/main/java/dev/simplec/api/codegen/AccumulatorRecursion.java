package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

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
        IrFunction f = module.functions().get(index);
        if (f.returns().size() != 1 || f.returns().get(0).isFloat() || f.returns().get(0).isVector() || !f.stackSlots().isEmpty()) {
            return f;
        }
        IrType t = f.returns().get(0);
        int[] uses = useCounts(f);
        boolean[] tail = new boolean[f.blocks().size()];
        boolean any = false;
        for (int b = 0; b < f.blocks().size(); b++) {
            tail[b] = isTailSum(f, f.blocks().get(b), index, t, uses);
            any |= tail[b];
        }
        if (!any) {
            return f;
        }
        int np = f.params().size();
        int next = f.valueCount();
        int[] entryParams = new int[np];
        List<IrInst> entry = new ArrayList<>();
        for (int k = 0; k < np; k++) {
            entryParams[k] = next++;
            entry.add(new IrInst(IrOp.PARAM, f.params().get(k), entryParams[k], new int[0], k));
        }
        int zero = next++;
        entry.add(new IrInst(IrOp.ICONST, t, zero, new int[0], 0));
        int[] entryArgs = new int[np + 1];
        System.arraycopy(entryParams, 0, entryArgs, 0, np);
        entryArgs[np] = zero;
        List<IrBlockParam> headParams = new ArrayList<>();
        int[] head = new int[np + 1];
        for (int k = 0; k <= np; k++) {
            head[k] = next++;
            headParams.add(new IrBlockParam(head[k], k < np ? f.params().get(k) : t));
        }
        int acc = head[np];
        List<IrBlock> blocks = new ArrayList<>();
        blocks.add(new IrBlock(entry, new IrTerminator.Jump(1, entryArgs)));
        for (int b = 0; b < f.blocks().size(); b++) {
            IrBlock block = f.blocks().get(b);
            List<IrInst> insts = new ArrayList<>();
            for (IrInst i : block.insts()) {
                insts.add(i.op() == IrOp.PARAM ? new IrInst(IrOp.COPY, i.type(), i.dst(), new int[] {head[(int) i.imm()]}, 0) : i);
            }
            IrTerminator term = block.terminator();
            IrTerminator out;
            if (tail[b]) {
                IrInst sum = insts.remove(insts.size() - 1);
                IrInst call = insts.remove(insts.size() - 1);
                int x = sum.arg(0) == call.dst() ? sum.arg(1) : sum.arg(0);
                int acc2 = next++;
                insts.add(new IrInst(IrOp.ADD, t, acc2, new int[] {acc, x}, 0));
                int[] args = new int[np + 1];
                System.arraycopy(call.args(), 0, args, 0, np);
                args[np] = acc2;
                out = new IrTerminator.Jump(1, args);
            } else if (term instanceof IrTerminator.Ret r) {
                int total = next++;
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
        return new IrFunction(f.name(), f.params(), f.returns(), blocks, next, f.stackSlots());
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

    private static int[] useCounts(IrFunction f) {
        int[] uses = new int[f.valueCount()];
        for (IrBlock b : f.blocks()) {
            for (IrInst i : b.insts()) {
                for (int a : i.args()) {
                    uses[a]++;
                }
            }
            IrTerminator t = b.terminator();
            if (t instanceof IrTerminator.Ret r) {
                for (int v : r.values()) {
                    uses[v]++;
                }
            } else if (t instanceof IrTerminator.Jump j) {
                for (int v : j.args()) {
                    uses[v]++;
                }
            } else if (t instanceof IrTerminator.Branch br) {
                uses[br.cond()]++;
                for (int v : br.thenArgs()) {
                    uses[v]++;
                }
                for (int v : br.elseArgs()) {
                    uses[v]++;
                }
            }
        }
        return uses;
    }
}
