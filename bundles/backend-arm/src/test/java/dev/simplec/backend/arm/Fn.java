package dev.simplec.backend.arm;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;

/** Builds a one-block IR function by hand: each method appends an instruction and returns its value. */
final class Fn {
    private final String name;
    private final List<IrType> params;
    private final IrType ret;
    private final List<IrInst> insts = new ArrayList<>();
    private int next;

    Fn(String name, IrType ret, IrType... params) {
        this.name = name;
        this.ret = ret;
        this.params = List.of(params);
    }

    int param(int k) {
        return add(IrOp.PARAM, params.get(k), k);
    }

    int iconst(IrType t, long v) {
        return add(IrOp.ICONST, t, v);
    }

    int f32(float v) {
        return add(IrOp.FCONST, IrType.F32, Float.floatToRawIntBits(v));
    }

    int f64(double v) {
        return add(IrOp.FCONST, IrType.F64, Double.doubleToRawLongBits(v));
    }

    int op(IrOp op, IrType t, int... args) {
        insts.add(new IrInst(op, t, next, args, 0));
        return next++;
    }

    private int add(IrOp op, IrType t, long imm) {
        insts.add(new IrInst(op, t, next, new int[0], imm));
        return next++;
    }

    IrFunction ret(int value) {
        return new IrFunction(name, params, List.of(ret), List.of(new IrBlock(insts, IrTerminator.Ret.of(value))), next);
    }

    static IrFunction retVoid(String name, IrType... params) {
        return new IrFunction(name, List.of(params), List.of(), List.of(new IrBlock(List.of(), IrTerminator.Ret.of())), 0);
    }

    static IrModule module(IrFunction... fns) {
        return new IrModule(List.of(fns));
    }
}
