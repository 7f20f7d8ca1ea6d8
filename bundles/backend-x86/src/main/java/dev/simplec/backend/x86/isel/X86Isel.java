package dev.simplec.backend.x86.isel;

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
import dev.simplec.backend.x86.abi.SysVAbi;
import dev.simplec.backend.x86.targ.X86Op;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Selects x86-64 instructions for one verified IR function, one virtual register per IR value.
 * <p>
 * Narrow integers (i8, i16, i32) are computed with 32-bit instructions; only their low bits are
 * meaningful until a return sign-extends them to 64 bits. Floats use scalar SSE2, one IR
 * operation to one instruction, so nothing is fused or reordered.
 */
public final class X86Isel {
    private final IrFunction f;
    private final @Nullable IrType[] types;
    private final MFunction mf;
    private final int[] vreg;

    private X86Isel(IrFunction f, @Nullable IrType[] types) {
        this.f = f;
        this.types = types;
        this.mf = new MFunction(f.name());
        this.vreg = new int[f.valueCount()];
        Arrays.fill(vreg, -1);
    }

    /** {@code types} is what {@code IrVerifier.verify} returned for {@code f}. */
    public static MFunction select(IrFunction f, @Nullable IrType[] types) {
        return new X86Isel(f, types).run();
    }

    private MFunction run() {
        for (int v = 0; v < types.length; v++) {
            IrType t = types[v];
            if (t != null) {
                vreg[v] = mf.newVreg(RegClass.of(t));
            }
        }
        List<ArgLocation> locs = SysVAbi.params(f.params());
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
                    mb.add(new MInst(t.isFloat() ? X86Op.LOAD_ARG_SD : X86Op.LOAD_ARG64, s.offset(), d));
                } else if (paramValue[k] != inst.dst()) {
                    mb.add(MInst.of(copyOp(t), d, vreg[paramValue[k]]));
                }
            }
            case ICONST -> mb.add(new MInst(X86Op.MOV_IMM, truncate(inst.imm(), t), d));
            case FCONST -> {
                int bits = mf.newVreg(RegClass.INT);
                if (t == IrType.F32) {
                    mb.add(new MInst(X86Op.MOV_IMM, inst.imm() & 0xFFFF_FFFFL, bits));
                    mb.add(MInst.of(X86Op.MOVD_TO_XMM, d, bits));
                } else {
                    mb.add(new MInst(X86Op.MOV_IMM, inst.imm(), bits));
                    mb.add(MInst.of(X86Op.MOVQ_TO_XMM, d, bits));
                }
            }
            case COPY -> mb.add(MInst.of(copyOp(t), d, arg(inst, 0)));
            case ADD -> mb.add(MInst.of(t == IrType.I64 ? X86Op.ADD64 : X86Op.ADD32, d, arg(inst, 0), arg(inst, 1)));
            case SUB -> twoAddress(mb, t == IrType.I64 ? X86Op.SUB64 : X86Op.SUB32, t, d, inst);
            case MUL -> twoAddress(mb, t == IrType.I64 ? X86Op.IMUL64 : X86Op.IMUL32, t, d, inst);
            case FADD -> twoAddress(mb, t == IrType.F64 ? X86Op.ADDSD : X86Op.ADDSS, t, d, inst);
            case FSUB -> twoAddress(mb, t == IrType.F64 ? X86Op.SUBSD : X86Op.SUBSS, t, d, inst);
            case FMUL -> twoAddress(mb, t == IrType.F64 ? X86Op.MULSD : X86Op.MULSS, t, d, inst);
            default -> throw new SimplecException(ErrorKind.UNSUPPORTED, "x86_64: function " + f.name() + ": `" + inst + "` is not supported");
        }
    }

    /**
     * {@code d = a op b} as {@code d = a; d op= b}. The operation reads {@code d}, not {@code a}, so
     * {@code a} may die at the copy and share {@code d}'s register (the copy then disappears);
     * {@code a op a} becomes {@code d op= d}.
     */
    private void twoAddress(MBlock mb, X86Op op, IrType t, int d, IrInst inst) {
        int a = arg(inst, 0);
        int b = arg(inst, 1);
        mb.add(MInst.of(copyOp(t), d, a));
        mb.add(MInst.of(op, d, b == a ? d : b));
    }

    private void terminator(IrTerminator term, MBlock mb) {
        if (term instanceof IrTerminator.Ret ret) {
            IrType rt = f.ret();
            if (rt == null || ret.value() == IrInst.NO_VALUE) {
                mb.add(MInst.of(X86Op.RET));
                return;
            }
            int out = SysVAbi.returnReg(rt);
            int v = vreg[ret.value()];
            // Narrow results are sign-extended to 64 bits, so any C caller reading al/ax/eax/rax sees the value.
            switch (rt) {
                case I8 -> mb.add(MInst.of(X86Op.MOVSX8, out, v));
                case I16 -> mb.add(MInst.of(X86Op.MOVSX16, out, v));
                case I32 -> mb.add(MInst.of(X86Op.MOVSXD, out, v));
                default -> mb.add(MInst.of(copyOp(rt), out, v));
            }
            mb.add(MInst.of(X86Op.RET, out));
        }
    }

    private int arg(IrInst inst, int i) {
        return vreg[inst.arg(i)];
    }

    private static X86Op copyOp(IrType t) {
        return t.isFloat() ? X86Op.MOVAPS : X86Op.MOV;
    }

    /** An integer constant of type {@code t}: narrow ones zero-extended, so they fit {@code mov r32, imm32}. */
    private static long truncate(long imm, IrType t) {
        return switch (t) {
            case I8 -> imm & 0xFFL;
            case I16 -> imm & 0xFFFFL;
            case I32 -> imm & 0xFFFF_FFFFL;
            default -> imm;
        };
    }
}
