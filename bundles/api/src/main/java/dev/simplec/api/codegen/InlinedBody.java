package dev.simplec.api.codegen;

import java.util.ArrayList;
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
        appendBinding(callee, args, valueOffset, firstBlock, after, results, null, out);
    }

    /**
     * {@link #append}; when {@code binding} is a call that {@link #bindsInPlace}, the values its
     * return returns are numbered as the call's values instead, and the return jumps to block
     * {@code after} with no arguments.
     */
    static void appendBinding(IrFunction callee, int[] args, int valueOffset, int firstBlock, int after, int results,
            @Nullable IrInst binding, List<IrBlock> out) {
        int[] value = values(callee, args, valueOffset);
        if (binding != null) {
            bind(callee, binding, value);
        }
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
        return callee.blocks().size() == 1 && bindsInPlace(callee, call);
    }

    /**
     * Appends the instructions of {@code callee}, which {@link #splices} {@code call}, to
     * {@code out}: its value {@code v} becomes {@code v + valueOffset}, its parameters read as the
     * call's arguments, and the instructions that define its returned values define the call's.
     */
    static void splice(IrFunction callee, IrInst call, int valueOffset, List<IrInst> out) {
        int[] value = values(callee, call.args(), valueOffset);
        bind(callee, call, value);
        copy(callee.blocks().get(0).insts(), value, out);
    }

    /**
     * Whether the values {@code call} binds can be the callee's own: one block returns, and each
     * value the call binds is defined in the callee — a block parameter or an instruction, not a
     * parameter of the function — with the returned type. Its copy then defines the call's values,
     * which dominate the continuation (reached from that return alone), and the continuation needs
     * no parameters.
     */
    static boolean bindsInPlace(IrFunction callee, IrInst call) {
        IrTerminator.Ret ret = null;
        for (IrBlock b : callee.blocks()) {
            if (b.terminator() instanceof IrTerminator.Ret r) {
                if (ret != null) {
                    return false;
                }
                ret = r;
            }
        }
        if (ret == null || ret.values().length != callee.returns().size()) {
            return false;
        }
        int[] returned = ret.values();
        int results = call.dst() == IrInst.NO_VALUE ? 0 : call.dst2() == IrInst.NO_VALUE ? 1 : 2;
        if (results == 2 && returned[0] == returned[1]) {
            return false;
        }
        for (int k = 0; k < results; k++) {
            if (returned[k] < 0 || returned[k] >= callee.valueCount() || definers(callee, returned[k], callee.returns().get(k)) != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many times {@code v} is defined in {@code f}. A definition that cannot stand for the
     * call's value (a read of a function parameter, a second value, another type than {@code t})
     * counts twice, so the answer is 1 only for one definition that can.
     */
    private static int definers(IrFunction f, int v, IrType t) {
        int n = 0;
        for (IrBlock b : f.blocks()) {
            for (IrBlockParam p : b.params()) {
                n += p.value() != v ? 0 : p.type() == t ? 1 : 2;
            }
            for (IrInst i : b.insts()) {
                if (i.dst() == v || i.dst2() == v) {
                    n += i.op() != IrOp.PARAM && i.dst() == v && resultType(i) == t ? 1 : 2;
                }
            }
        }
        return n;
    }

    /** Numbers the values {@code call} binds as the call's: what the callee's return returns. */
    private static void bind(IrFunction callee, IrInst call, int[] value) {
        if (call.dst() == IrInst.NO_VALUE) {
            return;
        }
        for (IrBlock b : callee.blocks()) {
            if (b.terminator() instanceof IrTerminator.Ret r) {
                int[] returned = r.values();
                value[returned[0]] = call.dst();
                if (call.dst2() != IrInst.NO_VALUE) {
                    value[returned[1]] = call.dst2();
                }
                return;
            }
        }
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
