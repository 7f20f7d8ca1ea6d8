package dev.simplec.backend.x86;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrStackSlot;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;

/**
 * Builds an IR function by hand: blocks with parameters, instructions appended to the current
 * block (each method returns the value it defines), terminators. Block 0 exists from the start.
 */
final class Fb {
    private final String name;
    private final List<IrType> params;
    private final List<IrType> returns;
    private final List<List<IrBlockParam>> blockParams = new ArrayList<>();
    private final List<List<IrInst>> insts = new ArrayList<>();
    private final List<@Nullable IrTerminator> terms = new ArrayList<>();
    private final List<IrStackSlot> slots = new ArrayList<>();
    private int next;
    private int cur;

    Fb(String name, List<IrType> returns, IrType... params) {
        this.name = name;
        this.returns = returns;
        this.params = List.of(params);
        block();
    }

    static Fb of(String name, IrType ret, IrType... params) {
        return new Fb(name, List.of(ret), params);
    }

    /** A new block with parameters of these types; returns its number (does not switch to it). */
    int block(IrType... types) {
        List<IrBlockParam> ps = new ArrayList<>();
        for (IrType t : types) {
            ps.add(new IrBlockParam(next++, t));
        }
        blockParams.add(ps);
        insts.add(new ArrayList<>());
        terms.add(null);
        return blockParams.size() - 1;
    }

    int blockParam(int block, int k) {
        return blockParams.get(block).get(k).value();
    }

    IrType blockParamType(int block, int k) {
        return blockParams.get(block).get(k).type();
    }

    Fb at(int block) {
        cur = block;
        return this;
    }

    int slot(int size, int align) {
        slots.add(new IrStackSlot(size, align));
        return slots.size() - 1;
    }

    int param(int k) {
        return imm(IrOp.PARAM, params.get(k), k);
    }

    int iconst(IrType t, long v) {
        return imm(IrOp.ICONST, t, v);
    }

    int f32(float v) {
        return imm(IrOp.FCONST, IrType.F32, Float.floatToRawIntBits(v) & 0xFFFF_FFFFL);
    }

    int f64(double v) {
        return imm(IrOp.FCONST, IrType.F64, Double.doubleToRawLongBits(v));
    }

    int op(IrOp op, IrType t, int... args) {
        return opImm(op, t, 0, args);
    }

    int opImm(IrOp op, IrType t, long imm, int... args) {
        insts.get(cur).add(new IrInst(op, t, next, args, imm));
        return next++;
    }

    private int imm(IrOp op, IrType t, long imm) {
        return opImm(op, t, imm);
    }

    int load(IrType t, int addr, long offset) {
        return opImm(IrOp.LOAD, t, offset, addr);
    }

    void store(IrType t, int addr, int value, long offset) {
        insts.get(cur).add(new IrInst(IrOp.STORE, t, IrInst.NO_VALUE, new int[] {addr, value}, offset));
    }

    /** A call with one result of type {@code t} (or none when t is null). */
    int call(int fn, @Nullable IrType t, int... args) {
        int d = t == null ? IrInst.NO_VALUE : next++;
        insts.get(cur).add(new IrInst(IrOp.CALL, t == null ? IrType.I64 : t, d, args, fn));
        return d;
    }

    int[] call2(int fn, IrType t, int... args) {
        int d = next++;
        int d2 = next++;
        insts.get(cur).add(new IrInst(IrOp.CALL, t, d, args, fn, d2));
        return new int[] {d, d2};
    }

    int callIndirect(@Nullable IrType t, int fnAddr, int... args) {
        int[] all = new int[args.length + 1];
        all[0] = fnAddr;
        System.arraycopy(args, 0, all, 1, args.length);
        int d = t == null ? IrInst.NO_VALUE : next++;
        insts.get(cur).add(new IrInst(IrOp.CALL_INDIRECT, t == null ? IrType.I64 : t, d, all, 0));
        return d;
    }

    void ret(int... values) {
        terms.set(cur, new IrTerminator.Ret(values));
    }

    void jump(int target, int... args) {
        terms.set(cur, new IrTerminator.Jump(target, args));
    }

    void branch(int cond, int thenB, int[] thenArgs, int elseB, int[] elseArgs) {
        terms.set(cur, new IrTerminator.Branch(cond, thenB, thenArgs, elseB, elseArgs));
    }

    void branch(int cond, int thenB, int elseB) {
        branch(cond, thenB, new int[0], elseB, new int[0]);
    }

    void trap(TrapKind kind) {
        terms.set(cur, new IrTerminator.Trap(kind));
    }

    IrFunction build() {
        List<IrBlock> blocks = new ArrayList<>();
        for (int b = 0; b < insts.size(); b++) {
            IrTerminator t = terms.get(b);
            if (t == null) {
                throw new IllegalStateException(name + ": block " + b + " has no terminator");
            }
            blocks.add(new IrBlock(blockParams.get(b), insts.get(b), t));
        }
        return new IrFunction(name, params, returns, blocks, next, slots);
    }

    static IrModule module(IrFunction... fns) {
        return new IrModule(List.of(fns));
    }
}
