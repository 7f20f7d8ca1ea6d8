package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;

/**
 * A callee's body copied into a caller in place of one call, for the inlining rewrites
 * ({@link SelfCallInlining}, {@link CallInlining}): every value renumbered past the caller's, the
 * callee's parameters read as the call's arguments (no instruction left for them), every return a
 * jump to the caller's continuation block carrying the values the call binds.
 */
final class InlinedBody {
    private InlinedBody() {
    }

    /**
     * Appends the blocks of {@code callee} to {@code out}, its block {@code i} becoming block
     * {@code firstBlock + i} and its value {@code v} value {@code v + valueOffset}; its parameters
     * read as {@code args}; a return jumps to block {@code after} with the first {@code results}
     * returned values.
     */
    static void append(IrFunction callee, int[] args, int valueOffset, int firstBlock, int after, int results,
            List<IrBlock> out) {
        int[] value = new int[callee.valueCount()];
        for (int v = 0; v < value.length; v++) {
            value[v] = v + valueOffset;
        }
        for (IrBlock block : callee.blocks()) {
            for (IrInst i : block.insts()) {
                if (i.op() == IrOp.PARAM) {
                    value[i.dst()] = args[(int) i.imm()];
                }
            }
        }
        for (IrBlock block : callee.blocks()) {
            List<IrBlockParam> params = new ArrayList<>(block.params().size());
            for (IrBlockParam p : block.params()) {
                params.add(new IrBlockParam(value[p.value()], p.type()));
            }
            List<IrInst> insts = new ArrayList<>(block.insts().size());
            for (IrInst i : block.insts()) {
                if (i.op() == IrOp.PARAM) {
                    continue;
                }
                int[] a = i.args();
                for (int k = 0; k < a.length; k++) {
                    a[k] = value[a[k]];
                }
                insts.add(new IrInst(i.op(), i.type(), i.dst() == IrInst.NO_VALUE ? IrInst.NO_VALUE : value[i.dst()], a,
                        i.imm(), i.dst2() == IrInst.NO_VALUE ? IrInst.NO_VALUE : value[i.dst2()]));
            }
            out.add(new IrBlock(params, insts, terminator(block.terminator(), value, firstBlock, after, results)));
        }
    }

    private static IrTerminator terminator(IrTerminator t, int[] value, int firstBlock, int after, int results) {
        if (t instanceof IrTerminator.Ret r) {
            int[] v = r.values();
            int[] carried = new int[results];
            for (int k = 0; k < results; k++) {
                carried[k] = value[v[k]];
            }
            return new IrTerminator.Jump(after, carried);
        } else if (t instanceof IrTerminator.Jump j) {
            return new IrTerminator.Jump(j.target() + firstBlock, map(j.args(), value));
        } else if (t instanceof IrTerminator.Branch br) {
            return new IrTerminator.Branch(value[br.cond()], br.thenTarget() + firstBlock, map(br.thenArgs(), value),
                    br.elseTarget() + firstBlock, map(br.elseArgs(), value));
        }
        return t; // a trap
    }

    private static int[] map(int[] values, int[] value) {
        for (int k = 0; k < values.length; k++) {
            values[k] = value[values[k]];
        }
        return values;
    }
}
