package dev.simplec.api.ir;

import java.util.ArrayList;
import java.util.List;

/** A small builder for hand-written IR in tests: blocks in order, values numbered as they come. */
final class Build {
    private final String name;
    private final List<IrType> params;
    private final List<IrType> returns;
    private final List<IrBlock> done = new ArrayList<>();
    private final List<IrStackSlot> slots = new ArrayList<>();
    private List<IrBlockParam> blockParams = new ArrayList<>();
    private List<IrInst> insts = new ArrayList<>();
    private int next;

    Build(String name, List<IrType> params, List<IrType> returns) {
        this.name = name;
        this.params = params;
        this.returns = returns;
    }

    int param(int index) {
        return inst(IrOp.PARAM, params.get(index), index);
    }

    int iconst(IrType t, long v) {
        return inst(IrOp.ICONST, t, v);
    }

    int fconst(double v) {
        return inst(IrOp.FCONST, IrType.F64, Double.doubleToRawLongBits(v));
    }

    int inst(IrOp op, IrType t, long imm, int... args) {
        int dst = next++;
        insts.add(new IrInst(op, t, dst, args, imm));
        return dst;
    }

    int op(IrOp op, IrType t, int... args) {
        return inst(op, t, 0, args);
    }

    void store(IrType t, int addr, int value, long offset) {
        insts.add(new IrInst(IrOp.STORE, t, IrInst.NO_VALUE, new int[] {addr, value}, offset));
    }

    int[] call2(int callee, IrType t, int... args) {
        int a = next++;
        int b = next++;
        insts.add(new IrInst(IrOp.CALL, t, a, args, callee, b));
        return new int[] {a, b};
    }

    int slot(int size, int align) {
        slots.add(new IrStackSlot(size, align));
        return slots.size() - 1;
    }

    int blockParam(IrType t) {
        int v = next++;
        blockParams.add(new IrBlockParam(v, t));
        return v;
    }

    /** Ends the current block with {@code t}; the next instructions go to a new block. */
    void end(IrTerminator t) {
        done.add(new IrBlock(blockParams, insts, t));
        blockParams = new ArrayList<>();
        insts = new ArrayList<>();
    }

    IrFunction function() {
        return new IrFunction(name, params, returns, done, next, slots);
    }
}
