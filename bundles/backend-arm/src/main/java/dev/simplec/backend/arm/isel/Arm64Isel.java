package dev.simplec.backend.arm.isel;

import java.util.Arrays;
import java.util.List;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.ArgLocation;
import dev.simplec.api.codegen.MBlock;
import dev.simplec.api.codegen.MFunction;
import dev.simplec.api.codegen.MInst;
import dev.simplec.api.codegen.RegClass;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.backend.arm.abi.Aapcs64Abi;
import dev.simplec.backend.arm.targ.Arm64Op;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Selects AArch64 instructions for one verified IR function, one virtual register per IR value.
 * <p>
 * Narrow integers (i8, i16, i32) are computed with 32-bit (w) instructions; only their low bits are
 * meaningful until a return sign-extends them to 64 bits. Floats use scalar FP instructions, one IR
 * operation to one instruction, so nothing is fused or reordered.
 */
public final class Arm64Isel {
    private final IrFunction f;
    private final @Nullable IrType[] types;
    private final MFunction mf;
    private final int[] vreg;

    private Arm64Isel(IrFunction f, @Nullable IrType[] types) {
        this.f = f;
        this.types = types;
        this.mf = new MFunction(f.name());
        this.vreg = new int[f.valueCount()];
        Arrays.fill(vreg, -1);
    }

    /** {@code types} is what {@code IrVerifier.verify} returned for {@code f}. */
    public static MFunction select(IrFunction f, @Nullable IrType[] types) {
        return new Arm64Isel(f, types).run();
    }

    private MFunction run() {
        for (int v = 0; v < types.length; v++) {
            IrType t = types[v];
            if (t != null) {
                vreg[v] = mf.newVreg(RegClass.of(t));
            }
        }
        List<ArgLocation> locs = Aapcs64Abi.params(f.params());
        // The first PARAM of each register parameter takes it straight from the register at the
        // entry, before anything can clobber it; later PARAMs of the same index copy that value.
        int[] paramValue = new int[f.params().size()];
        Arrays.fill(paramValue, -1);
        for (IrBlock b : f.blocks()) {
            for (IrInst i : b.insts()) {
                if (i.op() == IrOp.PARAM && paramValue[(int) i.imm()] < 0) {
                    paramValue[(int) i.imm()] = i.dst();
                }
            }
        }
        for (int b = 0; b < f.blocks().size(); b++) {
            MBlock mb = mf.addBlock();
            if (b == 0) {
                for (int k = 0; k < paramValue.length; k++) {
                    if (paramValue[k] >= 0 && locs.get(k) instanceof ArgLocation.InReg r) {
                        mb.add(MInst.of(copyOp(f.params().get(k)), vreg[paramValue[k]], r.reg()));
                    }
                }
            }
            IrBlock block = f.blocks().get(b);
            for (IrInst inst : block.insts()) {
                select(inst, mb, locs, paramValue);
            }
            terminator(block.terminator(), mb);
        }
        return mf;
    }

    private void select(IrInst inst, MBlock mb, List<ArgLocation> locs, int[] paramValue) {
        IrType t = inst.type();
        int d = vreg[inst.dst()];
        switch (inst.op()) {
            case PARAM -> {
                int k = (int) inst.imm();
                ArgLocation loc = locs.get(k);
                if (loc instanceof ArgLocation.OnStack s) {
                    mb.add(new MInst(t.isFloat() ? Arm64Op.LOAD_ARG_D : Arm64Op.LOAD_ARG64, s.offset(), d));
                } else if (paramValue[k] != inst.dst()) {
                    mb.add(MInst.of(copyOp(t), d, vreg[paramValue[k]]));
                }
            }
            case ICONST -> mb.add(new MInst(t == IrType.I64 ? Arm64Op.MOV_IMM64 : Arm64Op.MOV_IMM32, truncate(inst.imm(), t), d));
            case FCONST -> {
                int bits = mf.newVreg(RegClass.INT);
                if (t == IrType.F32) {
                    mb.add(new MInst(Arm64Op.MOV_IMM32, inst.imm() & 0xFFFF_FFFFL, bits));
                    mb.add(MInst.of(Arm64Op.FMOV_S_W, d, bits));
                } else {
                    mb.add(new MInst(Arm64Op.MOV_IMM64, inst.imm(), bits));
                    mb.add(MInst.of(Arm64Op.FMOV_D_X, d, bits));
                }
            }
            case COPY -> mb.add(MInst.of(copyOp(t), d, arg(inst, 0)));
            case ADD -> three(mb, t == IrType.I64 ? Arm64Op.ADD64 : Arm64Op.ADD32, d, inst);
            case SUB -> three(mb, t == IrType.I64 ? Arm64Op.SUB64 : Arm64Op.SUB32, d, inst);
            case MUL -> three(mb, t == IrType.I64 ? Arm64Op.MUL64 : Arm64Op.MUL32, d, inst);
            case FADD -> three(mb, t == IrType.F64 ? Arm64Op.FADD_D : Arm64Op.FADD_S, d, inst);
            case FSUB -> three(mb, t == IrType.F64 ? Arm64Op.FSUB_D : Arm64Op.FSUB_S, d, inst);
            case FMUL -> three(mb, t == IrType.F64 ? Arm64Op.FMUL_D : Arm64Op.FMUL_S, d, inst);
            default -> throw new SimplecException(ErrorKind.UNSUPPORTED, "aarch64: function " + f.name() + ": `" + inst + "` is not supported");
        }
    }

    private void three(MBlock mb, Arm64Op op, int d, IrInst inst) {
        mb.add(MInst.of(op, d, arg(inst, 0), arg(inst, 1)));
    }

    private void terminator(IrTerminator term, MBlock mb) {
        if (term instanceof IrTerminator.Ret ret) {
            IrType rt = f.ret();
            if (rt == null || ret.value() == IrInst.NO_VALUE) {
                mb.add(MInst.of(Arm64Op.RET));
                return;
            }
            int out = Aapcs64Abi.returnReg(rt);
            int v = vreg[ret.value()];
            // Narrow results are sign-extended to 64 bits, so any C caller reading w0 or x0 (at any width) sees the value.
            switch (rt) {
                case I8 -> mb.add(MInst.of(Arm64Op.SXTB, out, v));
                case I16 -> mb.add(MInst.of(Arm64Op.SXTH, out, v));
                case I32 -> mb.add(MInst.of(Arm64Op.SXTW, out, v));
                default -> mb.add(MInst.of(copyOp(rt), out, v));
            }
            mb.add(MInst.of(Arm64Op.RET, out));
        }
    }

    private int arg(IrInst inst, int i) {
        return vreg[inst.arg(i)];
    }

    private static Arm64Op copyOp(IrType t) {
        return t.isFloat() ? Arm64Op.FMOV : Arm64Op.MOV;
    }

    /** An integer constant of type {@code t}: narrow ones zero-extended to 32 bits (a w-register move). */
    private static long truncate(long imm, IrType t) {
        return switch (t) {
            case I8 -> imm & 0xFFL;
            case I16 -> imm & 0xFFFFL;
            case I32 -> imm & 0xFFFF_FFFFL;
            default -> imm;
        };
    }
}
