package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrTerminator;

/**
 * Replaces uses of IR values by other values, for the IR rewrites before instruction selection
 * that remove a value's definition and let another value stand for it (a block parameter merged
 * away, a function parameter becoming a loop's). Definitions are not touched; instructions and
 * terminators that read no renamed value are kept as they are.
 */
final class ValueRenaming {
    /** Per value: the value it stands for now (itself when not renamed). */
    private final int[] to;
    private boolean any;

    ValueRenaming(int valueCount) {
        to = new int[valueCount];
        for (int v = 0; v < valueCount; v++) {
            to[v] = v;
        }
    }

    /** From now on {@code from} reads as {@code value} (as what {@code value} reads as, if it is renamed itself). */
    void rename(int from, int value) {
        to[from] = map(value);
        any = true;
    }

    boolean any() {
        return any;
    }

    /** The value {@code v} reads as, following renamings to the end. */
    int map(int v) {
        int r = v;
        while (to[r] != r) {
            r = to[r];
        }
        to[v] = r;
        return r;
    }

    private int[] map(int[] values) {
        int[] out = values;
        for (int i = 0; i < values.length; i++) {
            int m = map(values[i]);
            if (m != values[i]) {
                if (out == values) {
                    out = values.clone();
                }
                out[i] = m;
            }
        }
        return out;
    }

    /** {@code block} reading renamed values. */
    IrBlock apply(IrBlock block) {
        List<IrInst> insts = apply(block.insts());
        IrTerminator t = apply(block.terminator());
        if (insts == block.insts() && t == block.terminator()) {
            return block;
        }
        return new IrBlock(block.params(), insts, t);
    }

    /** {@code insts} reading renamed values: the same list when none reads a renamed value. */
    List<IrInst> apply(List<IrInst> insts) {
        @Nullable List<IrInst> out = null;
        for (int j = 0, n = insts.size(); j < n; j++) {
            IrInst i = insts.get(j);
            IrInst r = apply(i);
            if (r != i && out == null) {
                out = new ArrayList<>(n);
                out.addAll(insts.subList(0, j));
            }
            if (out != null) {
                out.add(r);
            }
        }
        return out == null ? insts : out;
    }

    private IrInst apply(IrInst i) {
        boolean renamed = false;
        for (int k = 0; k < i.argCount() && !renamed; k++) {
            renamed = map(i.arg(k)) != i.arg(k);
        }
        return renamed ? new IrInst(i.op(), i.type(), i.dst(), map(i.args()), i.imm(), i.dst2()) : i;
    }

    /** {@code t} reading renamed values: the same terminator when it reads none. */
    IrTerminator apply(IrTerminator t) {
        if (t instanceof IrTerminator.Ret r) {
            int[] v = r.values();
            int[] m = map(v);
            return m == v ? t : new IrTerminator.Ret(m);
        } else if (t instanceof IrTerminator.Jump j) {
            int[] a = j.args();
            int[] m = map(a);
            return m == a ? t : new IrTerminator.Jump(j.target(), m);
        } else if (t instanceof IrTerminator.Branch br) {
            int c = map(br.cond());
            int[] ta = br.thenArgs();
            int[] ea = br.elseArgs();
            int[] tm = map(ta);
            int[] em = map(ea);
            return c == br.cond() && tm == ta && em == ea ? t
                    : new IrTerminator.Branch(c, br.thenTarget(), tm, br.elseTarget(), em);
        }
        return t;
    }
}
