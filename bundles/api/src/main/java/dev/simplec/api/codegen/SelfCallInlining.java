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
 * A target-neutral IR rewrite run after {@link AccumulatorRecursion}: a small function that still
 * calls itself once (fib's loop keeps {@code fib(n - 1)}) gets a copy of its own body in place of
 * that call, so each call does two levels of the recursion's work — for fib(32) a third as many
 * calls. The copy's own self-call stays a call. Exact (an inlined call computes what the call
 * did); new values get the types of the values they copy.
 */
public final class SelfCallInlining {
    /** Functions larger than this (IR instructions) are not doubled. */
    private static final int MAX_SIZE = 48;

    private SelfCallInlining() {
    }

    /**
     * {@code f} (function number {@code index}, value types {@code types}) with its one self-call
     * inlined once, or {@code f} unchanged (more or fewer self-calls, too large, stack slots).
     */
    public static AccumulatorRecursion.Rewritten inline(IrFunction f, int index, @Nullable IrType[] types) {
        AccumulatorRecursion.Rewritten unchanged = new AccumulatorRecursion.Rewritten(f, types);
        if (!f.stackSlots().isEmpty() || f.returns().size() != 1) {
            return unchanged;
        }
        int size = 0;
        int callBlock = -1;
        int callAt = -1;
        int calls = 0;
        for (int b = 0; b < f.blocks().size(); b++) {
            List<IrInst> insts = f.blocks().get(b).insts();
            size += insts.size() + 1;
            for (int i = 0; i < insts.size(); i++) {
                IrInst inst = insts.get(i);
                if (inst.op() == IrOp.CALL || inst.op() == IrOp.CALL_INDIRECT) {
                    calls++;
                    if (inst.op() == IrOp.CALL && inst.imm() == index && inst.dst() != IrInst.NO_VALUE && inst.dst2() == IrInst.NO_VALUE) {
                        callBlock = b;
                        callAt = i;
                    }
                }
            }
        }
        if (calls != 1 || callBlock < 0 || size > MAX_SIZE) {
            return unchanged;
        }
        int n = f.blocks().size();
        int first = n; // the copy's blocks, then the continuation
        int after = 2 * n;
        int next = f.valueCount();
        @Nullable IrType[] all = Arrays.copyOf(types, 2 * f.valueCount() + 1);
        // The copy: every value renumbered (v + offset), parameters reading the call's arguments,
        // returns jumping to the continuation with the result.
        int offset = next;
        next += f.valueCount();
        IrInst call = f.blocks().get(callBlock).insts().get(callAt);
        for (int v = 0; v < f.valueCount(); v++) {
            all[v + offset] = types[v];
        }
        List<IrBlock> blocks = new ArrayList<>(2 * n + 1);
        for (int b = 0; b < n; b++) {
            IrBlock block = f.blocks().get(b);
            if (b != callBlock) {
                blocks.add(block);
                continue;
            }
            List<IrInst> before = new ArrayList<>(block.insts().subList(0, callAt));
            blocks.add(new IrBlock(block.params(), before, new IrTerminator.Jump(first, new int[0])));
        }
        InlinedBody.append(f, call.args(), offset, first, after, 1, blocks);
        // The continuation: the rest of the calling block, the call's result its parameter.
        IrBlock caller = f.blocks().get(callBlock);
        List<IrInst> rest = new ArrayList<>(caller.insts().subList(callAt + 1, caller.insts().size()));
        blocks.add(new IrBlock(List.of(new IrBlockParam(call.dst(), f.returns().get(0))), rest, caller.terminator()));
        return new AccumulatorRecursion.Rewritten(new IrFunction(f.name(), f.params(), f.returns(), blocks, next, f.stackSlots()),
                Arrays.copyOf(all, next));
    }
}
