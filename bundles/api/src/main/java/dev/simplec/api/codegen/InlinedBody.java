package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;

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
        int[] value = values(callee, args, valueOffset);
        for (IrBlock block : callee.blocks()) {
            List<IrBlockParam> params = new ArrayList<>(block.params().size());
            for (IrBlockParam p : block.params()) {
                params.add(new IrBlockParam(value[p.value()], p.type()));
            }
            List<IrInst> insts = new ArrayList<>(block.insts().size());
            copy(block.insts(), value, insts);
            out.add(new IrBlock(params, insts, terminator(block.terminator(), value, firstBlock, after, results)));
        }
    }

    /** Per callee value, what it becomes: past the caller's values, or the argument a parameter reads. */
    private static int[] values(IrFunction callee, int[] args, int valueOffset) {
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
        return value;
    }

    /** {@code insts} but their parameter reads, renumbered by {@code value}, onto {@code out}. */
    private static void copy(List<IrInst> insts, int[] value, List<IrInst> out) {
        for (IrInst i : insts) {
            if (i.op() == IrOp.PARAM) {
                continue;
            }
            int[] a = i.args();
            for (int k = 0; k < a.length; k++) {
                a[k] = value[a[k]];
            }
            out.add(new IrInst(i.op(), i.type(), i.dst() == IrInst.NO_VALUE ? IrInst.NO_VALUE : value[i.dst()], a,
                    i.imm(), i.dst2() == IrInst.NO_VALUE ? IrInst.NO_VALUE : value[i.dst2()]));
        }
    }

    /**
     * Whether {@link #splice} can copy {@code callee} in place of {@code call}: one block that
     * returns, and each value the call binds defined there by an instruction of the returned type
     * (it then defines the call's value itself, and no block or parameter is needed).
     */
    static boolean splices(IrFunction callee, IrInst call) {
        if (callee.blocks().size() != 1 || !(callee.blocks().get(0).terminator() instanceof IrTerminator.Ret r)
                || r.values().length != callee.returns().size()) {
            return false;
        }
        int[] returned = r.values();
        int results = call.dst() == IrInst.NO_VALUE ? 0 : call.dst2() == IrInst.NO_VALUE ? 1 : 2;
        if (results == 2 && returned[0] == returned[1]) {
            return false;
        }
        for (int k = 0; k < results; k++) {
            if (returned[k] < 0 || returned[k] >= callee.valueCount()) {
                return false;
            }
            int definers = 0;
            for (IrInst i : callee.blocks().get(0).insts()) {
                if (i.dst() == returned[k] || i.dst2() == returned[k]) {
                    definers += i.op() != IrOp.PARAM && i.dst() == returned[k]
                            && resultType(i) == callee.returns().get(k) ? 1 : 2;
                }
            }
            if (definers != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the instructions of {@code callee}, which {@link #splices} {@code call}, to
     * {@code out}: its value {@code v} becomes {@code v + valueOffset}, its parameters read as the
     * call's arguments, and the instructions that define its returned values define the call's.
     */
    static void splice(IrFunction callee, IrInst call, int valueOffset, List<IrInst> out) {
        int[] value = values(callee, call.args(), valueOffset);
        IrBlock block = callee.blocks().get(0);
        int[] returned = ((IrTerminator.Ret) block.terminator()).values();
        if (call.dst() != IrInst.NO_VALUE) {
            value[returned[0]] = call.dst();
            if (call.dst2() != IrInst.NO_VALUE) {
                value[returned[1]] = call.dst2();
            }
        }
        copy(block.insts(), value, out);
    }

    /** A leaf's instructions define no second value; comparisons define a flag. */
    private static IrType resultType(IrInst i) {
        return i.op().isComparison() ? i.type().compareResult() : i.type();
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
