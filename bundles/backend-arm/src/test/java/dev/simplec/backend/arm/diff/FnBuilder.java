package dev.simplec.backend.arm.diff;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrStackSlot;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;

/**
 * Builds an IR function by hand, block by block: {@link #block} adds a block (with parameters),
 * {@link #at} makes it current, each instruction method appends to the current block and returns
 * the value it defines.
 */
public final class FnBuilder {
    private final String name;
    private final List<IrType> params;
    private final List<IrType> returns;
    private final List<List<IrBlockParam>> blockParams = new ArrayList<>();
    private final List<List<IrInst>> insts = new ArrayList<>();
    private final List<@Nullable IrTerminator> terms = new ArrayList<>();
    private final List<IrStackSlot> slots = new ArrayList<>();
    private final List<IrType> valueTypes = new ArrayList<>();
    private int current;

    public FnBuilder(String name, List<IrType> params, List<IrType> returns) {
        this.name = name;
        this.params = List.copyOf(params);
        this.returns = List.copyOf(returns);
        block();
    }

    public String name() {
        return name;
    }

    public List<IrType> params() {
        return params;
    }

    public List<IrType> returns() {
        return returns;
    }

    private int newValue(IrType t) {
        valueTypes.add(t);
        return valueTypes.size() - 1;
    }

    public IrType type(int value) {
        return valueTypes.get(value);
    }

    /** A new block with parameters of these types; returns its number. */
    public int block(IrType... paramTypes) {
        List<IrBlockParam> ps = new ArrayList<>();
        for (IrType t : paramTypes) {
            ps.add(new IrBlockParam(newValue(t), t));
        }
        blockParams.add(ps);
        insts.add(new ArrayList<>());
        terms.add(null);
        return insts.size() - 1;
    }

    /** Parameter {@code i} of block {@code b}. */
    public int blockParam(int b, int i) {
        return blockParams.get(b).get(i).value();
    }

    public void at(int b) {
        current = b;
    }

    public int current() {
        return current;
    }

    public boolean terminated(int b) {
        return terms.get(b) != null;
    }

    public int slot(int size, int align) {
        slots.add(new IrStackSlot(size, align));
        return slots.size() - 1;
    }

    private int add(IrOp op, IrType t, IrType result, long imm, int... args) {
        int d = newValue(result);
        insts.get(current).add(new IrInst(op, t, d, args, imm));
        return d;
    }

    public int param(int k) {
        return add(IrOp.PARAM, params.get(k), params.get(k), k);
    }

    public int iconst(IrType t, long v) {
        return add(IrOp.ICONST, t, t, v);
    }

    public int f32(float v) {
        return add(IrOp.FCONST, IrType.F32, IrType.F32, Float.floatToRawIntBits(v) & 0xFFFF_FFFFL);
    }

    public int f64(double v) {
        return add(IrOp.FCONST, IrType.F64, IrType.F64, Double.doubleToRawLongBits(v));
    }

    /** An operation of type {@code t} (comparisons: the operand type). */
    public int op(IrOp op, IrType t, int... args) {
        return add(op, t, op.isComparison() ? t.compareResult() : t, 0, args);
    }

    /** An operation with an immediate (EXTRACT's lane, STACK_ADDR's slot, FUNC_ADDR's function). */
    public int opImm(IrOp op, IrType t, long imm, int... args) {
        return add(op, t, t, imm, args);
    }

    public int load(IrType t, int address, long offset) {
        return add(IrOp.LOAD, t, t, offset, address);
    }

    public void store(IrType t, int address, long offset, int value) {
        insts.get(current).add(new IrInst(IrOp.STORE, t, IrInst.NO_VALUE, new int[] {address, value}, offset));
    }

    /** Calls module function {@code callee} (returning {@code results}); the values of its results. */
    public int[] call(int callee, List<IrType> results, int... args) {
        int d = results.isEmpty() ? IrInst.NO_VALUE : newValue(results.get(0));
        int d2 = results.size() > 1 ? newValue(results.get(1)) : IrInst.NO_VALUE;
        IrType t = results.isEmpty() ? IrType.I64 : results.get(0);
        insts.get(current).add(new IrInst(IrOp.CALL, t, d, args, callee, d2));
        return results.isEmpty() ? new int[0] : results.size() == 1 ? new int[] {d} : new int[] {d, d2};
    }

    /** Calls the function at {@code address}; {@code result} null for none. */
    public int callIndirect(@Nullable IrType result, int address, int... args) {
        int[] all = new int[args.length + 1];
        all[0] = address;
        System.arraycopy(args, 0, all, 1, args.length);
        int d = result == null ? IrInst.NO_VALUE : newValue(result);
        insts.get(current).add(new IrInst(IrOp.CALL_INDIRECT, result == null ? IrType.I64 : result, d, all, 0));
        return d;
    }

    public void ret(int... values) {
        terms.set(current, IrTerminator.Ret.of(values));
    }

    public void jump(int target, int... args) {
        terms.set(current, new IrTerminator.Jump(target, args));
    }

    public void branch(int cond, int thenTarget, int[] thenArgs, int elseTarget, int[] elseArgs) {
        terms.set(current, new IrTerminator.Branch(cond, thenTarget, thenArgs, elseTarget, elseArgs));
    }

    public void branch(int cond, int thenTarget, int elseTarget) {
        branch(cond, thenTarget, new int[0], elseTarget, new int[0]);
    }

    public void trap(TrapKind kind) {
        terms.set(current, new IrTerminator.Trap(kind));
    }

    public IrFunction build() {
        List<IrBlock> blocks = new ArrayList<>();
        for (int b = 0; b < insts.size(); b++) {
            IrTerminator t = terms.get(b);
            if (t == null) {
                throw new IllegalStateException(name + ": block " + b + " has no terminator");
            }
            blocks.add(new IrBlock(blockParams.get(b), insts.get(b), t));
        }
        return new IrFunction(name, params, returns, blocks, valueTypes.size(), slots);
    }
}
