package dev.simplec.backend.arm.isel;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.ArgLocation;
import dev.simplec.api.codegen.MBlock;
import dev.simplec.api.codegen.MFunction;
import dev.simplec.api.codegen.MInst;
import dev.simplec.api.codegen.OperandRole;
import dev.simplec.api.codegen.RegClass;
import dev.simplec.api.codegen.TrapGuards;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.backend.arm.abi.Aapcs64Abi;
import dev.simplec.backend.arm.abi.Aapcs64Abi.ResultPart;
import dev.simplec.backend.arm.emit.Arm64Assembler;
import dev.simplec.backend.arm.emit.Arr;
import dev.simplec.backend.arm.emit.Cond;
import dev.simplec.backend.arm.emit.MemOp;
import dev.simplec.backend.arm.targ.Arm64Op;
import dev.simplec.backend.arm.targ.Arm64Op.Imm;
import dev.simplec.backend.arm.targ.Arm64Target;

/**
 * Selects AArch64 instructions for one verified IR function: virtual registers for IR values (a
 * 256-bit vector gets two, its 128-bit halves), machine blocks for IR blocks plus one block per
 * conditional edge that passes block arguments.
 * <p>
 * Representation: i64 uses x registers. i8, i16 and i32 use w registers and are kept
 * <em>normalized</em> — an i8 or i16 sign-extended to 32 bits — so comparisons, division,
 * right shifts and conversions read them as they are; arithmetic that can leave the range (add,
 * sub, mul, shl) re-extends (sxtb/sxth), and parameters and C call results are extended on the
 * way in. The upper 32 bits of an x register holding a narrow value mean nothing. Floats use
 * scalar s/d instructions, one IR operation to one instruction, so nothing is fused or reordered;
 * vectors use NEON 128-bit instructions, lane for lane. A load (or FP store) of a slice element
 * takes its address as {@code [base, index, lsl #k]} ({@link #planAddresses}).
 * <p>
 * Every float that leaves through a return or a store is canonicalized (a NaN becomes the
 * canonical quiet NaN: fcmp + fcsel for scalars, fcmeq + bsl for vectors), unless the value is
 * known not to be a NaN.
 */
public final class Arm64Isel {
    /** The selected code and what the frame needs beyond what the allocator reports. */
    public record Selected(MFunction code, int outgoingBytes, boolean calls) {
    }

    private static final long NAN64 = 0x7ff8_0000_0000_0000L;
    private static final long NAN32 = 0x7fc0_0000L;

    private final IrModule module;
    private final IrFunction f;
    private final @Nullable IrType[] types;
    private final MFunction mf;
    private final int[][] vregs;
    private final int[] uses;
    private final boolean[] number; // known not to be a NaN
    private final boolean[] constant; // ICONST / FCONST: materialized where used, or folded into an immediate
    private final long[] constBits; // integers normalized (sign-extended from their width), floats as IEEE bits
    /**
     * Per address value read by loads (and FP stores) as base + index or base + index × the access
     * size: that size (0 when none), the two values, and whether the index is scaled.
     */
    private final int[] foldSize;
    private final int[] foldBase;
    private final int[] foldIndex;
    private final boolean[] foldScaled;
    /** Values not selected: every use reads them through a register-offset address instead. */
    private final boolean[] skip;
    private final int[] mainBlock;
    /** Per IR block: selected into the machine block of the block before it, after a guard ({@link TrapGuards}). */
    private final boolean[] guarded;
    private final int[] thenEdge;
    private final int[] elseEdge;
    private final boolean vectors;
    private int outgoing;
    private boolean calls;
    private MBlock cur;
    private int curIndex;
    /** Set while a comparison's flags are waiting for the instruction that consumes them. */
    private @Nullable Cond pendingCond;
    private int pendingValue = -1;

    private Arm64Isel(IrModule module, IrFunction f, @Nullable IrType[] types) {
        this.module = module;
        this.f = f;
        this.types = types;
        this.mf = new MFunction(f.name(), f.valueCount() + 16);
        this.vregs = new int[f.valueCount()][];
        this.uses = new int[f.valueCount()];
        this.number = new boolean[f.valueCount()];
        this.constant = new boolean[f.valueCount()];
        this.constBits = new long[f.valueCount()];
        this.foldSize = new int[f.valueCount()];
        this.foldBase = new int[f.valueCount()];
        this.foldIndex = new int[f.valueCount()];
        this.foldScaled = new boolean[f.valueCount()];
        this.skip = new boolean[f.valueCount()];
        int n = f.blocks().size();
        this.mainBlock = new int[n];
        this.thenEdge = new int[n];
        this.elseEdge = new int[n];
        boolean vec = false;
        for (IrType t : types) {
            vec |= t != null && t.isVector();
        }
        this.vectors = vec;
        // Layout: each IR block, then its conditional edges that need moves; a guarded block goes
        // on in the block of its guard (a guard's sides take no parameters: no edge blocks).
        this.guarded = TrapGuards.guarded(f);
        int next = 0;
        for (int b = 0; b < n; b++) {
            mainBlock[b] = guarded[b] ? mainBlock[b - 1] : next++;
            thenEdge[b] = -1;
            elseEdge[b] = -1;
            if (f.blocks().get(b).terminator() instanceof IrTerminator.Branch br) {
                if (!f.blocks().get(br.thenTarget()).params().isEmpty()) {
                    thenEdge[b] = next++;
                }
                if (!f.blocks().get(br.elseTarget()).params().isEmpty()) {
                    elseEdge[b] = next++;
                }
            }
        }
        for (int i = 0; i < next; i++) {
            mf.addBlock();
        }
        this.cur = mf.blocks().get(0);
    }

    /** {@code types} is what {@code IrVerifier.verify(module, f)} returned. */
    public static Selected select(IrModule module, IrFunction f, @Nullable IrType[] types) {
        Arm64Isel s = new Arm64Isel(module, f, types);
        s.run();
        return new Selected(s.mf, s.outgoing, s.calls);
    }

    // ---- values and registers ----

    private IrType typeOf(int v) {
        IrType t = types[v];
        if (t == null) {
            throw new IllegalStateException("v" + v + " has no type");
        }
        return t;
    }

    private static RegClass cls(IrType t) {
        return t.isFloat() || t.isVector() ? RegClass.FLOAT : RegClass.INT;
    }

    private int[] newVregs(IrType t) {
        int[] r = new int[Aapcs64Abi.parts(t)];
        for (int p = 0; p < r.length; p++) {
            r[p] = t.isVector() ? mf.newVreg(RegClass.FLOAT, 16) : mf.newVreg(cls(t));
        }
        return r;
    }

    private int[] vv(int value) {
        if (constant[value]) {
            return new int[] {materialize(value)};
        }
        int[] r = vregs[value];
        if (r == null) {
            throw new IllegalStateException("v" + value + " has no register");
        }
        return r;
    }

    private int v(int value) {
        return vv(value)[0];
    }

    /**
     * A constant in a fresh register at its use: constants never live long (no pressure, no
     * spills), and one folded into an immediate costs nothing at all.
     */
    private int materialize(int value) {
        IrType t = typeOf(value);
        long bits = constBits[value];
        int k = itmp();
        if (t == IrType.I64 || t == IrType.F64) {
            emitImm(Arm64Op.MOVI64, bits, k);
        } else {
            emitImm(Arm64Op.MOVI32, bits & 0xFFFF_FFFFL, k);
        }
        if (!t.isFloat()) {
            return k;
        }
        int d = ftmp();
        emit(t == IrType.F64 ? Arm64Op.FMOV_D_X : Arm64Op.FMOV_S_W, d, k);
        return d;
    }

    private boolean isConst(int value) {
        return constant[value];
    }

    /** Whether {@code value} is an integer constant usable as an add/sub/cmp immediate (0..4095, negated or not). */
    private boolean smallConst(int value) {
        return constant[value] && constBits[value] >= -0xFFF && constBits[value] <= 0xFFF;
    }

    private int itmp() {
        return mf.newVreg(RegClass.INT);
    }

    private int ftmp() {
        return mf.newVreg(RegClass.FLOAT);
    }

    private int vtmp() {
        return mf.newVreg(RegClass.FLOAT, 16);
    }

    private void emitImm(Arm64Op op, long imm, int... regs) {
        if (op.operandCount() >= 0 && op.operandCount() != regs.length) {
            throw new IllegalStateException(op + " takes " + op.operandCount() + " registers, got " + regs.length);
        }
        cur.add(new MInst(op, imm, regs));
    }

    private void emit(Arm64Op op, int... regs) {
        emitImm(op, 0, regs);
    }

    private static boolean narrow(IrType t) {
        return t == IrType.I8 || t == IrType.I16;
    }

    private static Arr arr(IrType t) {
        return Arr.ofLaneBits(t.laneBits());
    }

    private static Arm64Op copyOp(IrType t) {
        return t.isVector() ? Arm64Op.VMOV : t.isFloat() ? Arm64Op.FMOV : Arm64Op.MOV;
    }

    private SimplecException unsupported(String what) {
        return new SimplecException(ErrorKind.UNSUPPORTED, "aarch64: function " + f.name() + ": " + what + " is not supported");
    }

    // ---- the function ----

    private void run() {
        for (int v = 0; v < types.length; v++) {
            IrType t = types[v];
            if (t != null) {
                vregs[v] = newVregs(t);
            }
        }
        countUses();
        planAddresses();
        List<List<ArgLocation>> locs = Aapcs64Abi.params(f.params());
        int[][] paramRegs = entryParams();
        for (int b = 0; b < f.blocks().size(); b++) {
            IrBlock block = f.blocks().get(b);
            curIndex = mainBlock[b];
            cur = mf.blocks().get(curIndex);
            if (b == 0) {
                copyParamsIn(locs, paramRegs);
            }
            if (!block.params().isEmpty()) {
                emitImm(Arm64Op.BLOCK_PARAMS, 0, blockParamRegs(block));
            }
            List<IrInst> insts = block.insts();
            for (int i = 0; i < insts.size(); i++) {
                IrInst inst = insts.get(i);
                if (inst.dst() != IrInst.NO_VALUE && skip[inst.dst()]) {
                    continue;
                }
                boolean fuse = inst.op().isComparison() && !inst.type().isVector() && fusable(inst, i + 1 < insts.size() ? insts.get(i + 1) : null,
                        block.terminator());
                select(inst, locs, paramRegs, fuse);
            }
            terminator(b, block.terminator());
        }
    }

    private void countUses() {
        for (IrBlock block : f.blocks()) {
            for (IrInst inst : block.insts()) {
                for (int a : inst.args()) {
                    uses[a]++;
                }
            }
            IrTerminator t = block.terminator();
            if (t instanceof IrTerminator.Ret r) {
                for (int a : r.values()) {
                    uses[a]++;
                }
            } else if (t instanceof IrTerminator.Jump j) {
                for (int a : j.args()) {
                    uses[a]++;
                }
            } else if (t instanceof IrTerminator.Branch br) {
                uses[br.cond()]++;
                for (int a : br.thenArgs()) {
                    uses[a]++;
                }
                for (int a : br.elseArgs()) {
                    uses[a]++;
                }
            }
        }
    }

    /**
     * Decides which loads and stores take a register-offset address ({@code [xn, xm]},
     * {@code [xn, xm, lsl #k]}): a slice element's address, base + index × element size, is then
     * one load instead of a multiply (or shift), an add and a load. The add and the scaling are
     * left out when nothing else reads them. Loads of any one-register type qualify, stores only
     * of FP and vector data ({@link Arm64Op#STORE_INDEXED}); no offset, no constant base or index.
     */
    private void planAddresses() {
        @Nullable IrInst[] defs = new @Nullable IrInst[f.valueCount()];
        for (IrBlock block : f.blocks()) {
            for (IrInst i : block.insts()) {
                if (i.dst() != IrInst.NO_VALUE) {
                    defs[i.dst()] = i;
                }
            }
        }
        int[] folded = new int[f.valueCount()];
        int[] scaling = new int[f.valueCount()];
        boolean any = false;
        for (IrBlock block : f.blocks()) {
            for (IrInst i : block.insts()) {
                int size = registerOffsetSize(i);
                int a = size == 0 ? -1 : i.arg(0);
                if (a >= 0 && foldSize[a] == 0) {
                    scaling[a] = plan(a, size, defs);
                }
                if (a >= 0 && foldSize[a] == size) {
                    folded[a]++;
                    any = true;
                }
            }
        }
        if (!any) {
            return;
        }
        for (int a = 0; a < folded.length; a++) {
            if (folded[a] > 0 && folded[a] == uses[a]) {
                skip[a] = true;
                int s = scaling[a];
                if (s > 0 && uses[s] == 1) {
                    skip[s] = true;
                }
            }
        }
    }

    /** Whether {@link #planAddresses} gave this load or store its register-offset address. */
    private boolean readsRegisterOffset(IrInst i) {
        int size = foldSize[i.arg(0)];
        return size > 0 && size == registerOffsetSize(i);
    }

    /** The access size of a load or store that can take a register-offset address, else 0. */
    private static int registerOffsetSize(IrInst i) {
        if (i.imm() != 0 || Aapcs64Abi.parts(i.type()) != 1) {
            return 0;
        }
        if (i.op() == IrOp.LOAD) {
            return loadOp(i.type()).bytes();
        }
        return i.op() == IrOp.STORE && cls(i.type()) == RegClass.FLOAT ? storeOp(i.type()).bytes() : 0;
    }

    /**
     * Plans address {@code a} for accesses of {@code size} bytes (sets {@link #foldSize} when it is
     * an i64 add of two non-constant values); the scaling instruction's value it reads through, or 0.
     */
    private int plan(int a, int size, @Nullable IrInst[] defs) {
        IrInst add = defs[a];
        if (add == null || add.op() != IrOp.ADD || add.type() != IrType.I64) {
            foldSize[a] = -1;
            return 0;
        }
        for (int side = 0; side < 2; side++) {
            int base = add.arg(side);
            int scaled = add.arg(1 - side);
            int index = scaledIndex(defs[scaled], size, defs);
            if (index >= 0 && !isIconst(defs, base) && !isIconst(defs, index)) {
                setPlan(a, size, base, index, size > 1);
                return scaled;
            }
        }
        if (isIconst(defs, add.arg(0)) || isIconst(defs, add.arg(1))) {
            foldSize[a] = -1;
            return 0;
        }
        setPlan(a, size, add.arg(0), add.arg(1), false);
        return 0;
    }

    private void setPlan(int a, int size, int base, int index, boolean scaled) {
        foldSize[a] = size;
        foldBase[a] = base;
        foldIndex[a] = index;
        foldScaled[a] = scaled;
    }

    /** {@code x} when {@code d} is an i64 {@code x * size} or {@code x << log2(size)}, else -1. */
    private static int scaledIndex(@Nullable IrInst d, int size, @Nullable IrInst[] defs) {
        if (d == null || d.type() != IrType.I64) {
            return -1;
        }
        if (d.op() == IrOp.MUL) {
            for (int side = 0; side < 2; side++) {
                IrInst c = defs[d.arg(side)];
                if (c != null && c.op() == IrOp.ICONST && c.imm() == size) {
                    return d.arg(1 - side);
                }
            }
        } else if (d.op() == IrOp.SHL) {
            IrInst c = defs[d.arg(1)];
            if (c != null && c.op() == IrOp.ICONST && (c.imm() & 63) == Integer.numberOfTrailingZeros(size)) {
                return d.arg(0);
            }
        }
        return -1;
    }

    private static boolean isIconst(@Nullable IrInst[] defs, int v) {
        IrInst d = defs[v];
        return d != null && d.op() == IrOp.ICONST;
    }

    /**
     * A scalar comparison whose only use is the next instruction's condition (a select) or, as the
     * block's last instruction, the branch: it sets flags and the consumer reads them, no cset.
     */
    private boolean fusable(IrInst cmp, @Nullable IrInst next, IrTerminator term) {
        if (cmp.dst() == IrInst.NO_VALUE || uses[cmp.dst()] != 1) {
            return false;
        }
        if (next == null) {
            return term instanceof IrTerminator.Branch br && br.cond() == cmp.dst();
        }
        return next.op() == IrOp.SELECT && next.arg(0) == cmp.dst() && next.arg(1) != cmp.dst() && next.arg(2) != cmp.dst();
    }

    private int[] blockParamRegs(IrBlock block) {
        List<Integer> regs = new ArrayList<>();
        for (IrBlockParam p : block.params()) {
            for (int r : vv(p.value())) {
                regs.add(r);
            }
        }
        return toArray(regs);
    }

    private static int[] toArray(List<Integer> l) {
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i);
        }
        return out;
    }

    /**
     * The registers each register parameter is copied into at the entry, before anything can
     * clobber the argument registers: a PARAM of the entry block names them directly; others copy.
     */
    private int[][] entryParams() {
        int[][] regs = new int[f.params().size()][];
        for (IrInst i : f.blocks().get(0).insts()) {
            if (i.op() == IrOp.PARAM && regs[(int) i.imm()] == null) {
                regs[(int) i.imm()] = vv(i.dst());
            }
        }
        for (IrBlock b : f.blocks()) {
            for (IrInst i : b.insts()) {
                int k = (int) i.imm();
                if (i.op() == IrOp.PARAM && regs[k] == null) {
                    regs[k] = newVregs(f.params().get(k));
                }
            }
        }
        return regs;
    }

    private void copyParamsIn(List<List<ArgLocation>> locs, int[][] paramRegs) {
        for (int k = 0; k < paramRegs.length; k++) {
            int[] regs = paramRegs[k];
            if (regs == null || !(locs.get(k).get(0) instanceof ArgLocation.InReg)) {
                continue;
            }
            IrType t = f.params().get(k);
            for (int p = 0; p < regs.length; p++) {
                int phys = ((ArgLocation.InReg) locs.get(k).get(p)).reg();
                // The caller leaves the bits above a narrow argument undefined: normalize on the way in.
                Arm64Op op = t == IrType.I8 ? Arm64Op.SXTB32 : t == IrType.I16 ? Arm64Op.SXTH32 : copyOp(t);
                emit(op, regs[p], phys);
            }
        }
    }

    // ---- instructions ----

    private void select(IrInst inst, List<List<ArgLocation>> locs, int[][] paramRegs, boolean fuse) {
        IrType t = inst.type();
        IrOp op = inst.op();
        int dst = inst.dst();
        switch (op) {
            case PARAM -> {
                int k = (int) inst.imm();
                List<ArgLocation> loc = locs.get(k);
                int[] d = vv(dst);
                if (loc.get(0) instanceof ArgLocation.OnStack) {
                    for (int p = 0; p < d.length; p++) {
                        ArgLocation.OnStack s = (ArgLocation.OnStack) loc.get(p);
                        emitImm(Arm64Op.LOAD_ARG, Imm.mem(loadOp(t).ordinal(), s.offset()), d[p]);
                    }
                } else {
                    int[] from = paramRegs[k];
                    if (from != null && from != d) {
                        for (int p = 0; p < d.length; p++) {
                            emit(copyOp(t), d[p], from[p]);
                        }
                    }
                }
            }
            case ICONST -> {
                int bits = t.bits();
                constant[dst] = true;
                constBits[dst] = bits == 64 ? inst.imm() : inst.imm() << (64 - bits) >> (64 - bits); // normalized
            }
            case FCONST -> {
                constant[dst] = true;
                constBits[dst] = t == IrType.F32 ? inst.imm() & 0xFFFF_FFFFL : inst.imm();
                number[dst] = t == IrType.F32 ? !Float.isNaN(Float.intBitsToFloat((int) inst.imm()))
                        : !Double.isNaN(Double.longBitsToDouble(inst.imm()));
            }
            case COPY -> {
                int[] d = vv(dst);
                int[] s = vv(inst.arg(0));
                for (int p = 0; p < d.length; p++) {
                    emit(copyOp(t), d[p], s[p]);
                }
                number[dst] = number[inst.arg(0)];
            }
            case SELECT -> select(inst);
            case ADD, SUB, MUL, AND, OR, XOR -> {
                if (t.isVector()) {
                    vectorInt(inst);
                } else {
                    intBinary(inst);
                }
            }
            case SDIV, UDIV, SREM, UREM -> division(inst);
            case SHL, SSHR, USHR -> shift(inst);
            case FADD, FSUB, FMUL, FDIV -> floatBinary(inst);
            case FNEG, FABS, FSQRT -> floatUnary(inst);
            case FMIN, FMAX -> {
                if (t.isVector()) {
                    vectorMinMax(inst);
                } else {
                    scalarMinMax(inst);
                }
            }
            case EQ, NE, SLT, SLE, SGT, SGE, ULT, ULE, UGT, UGE, FEQ, FNE, FLT, FLE, FGT, FGE -> {
                if (t.isVector()) {
                    vectorCompare(inst);
                } else {
                    Cond c = compare(inst);
                    if (fuse) {
                        pendingCond = c;
                        pendingValue = dst;
                    } else {
                        emitImm(Arm64Op.CSET, c.ordinal(), v(dst));
                    }
                }
            }
            case SEXT, ZEXT, TRUNC, SITOF, UITOF, FTOSI, FTOUI, FPROMOTE, FDEMOTE -> convert(inst);
            case LOAD -> load(inst);
            case STORE -> store(inst);
            case STACK_ADDR -> emitImm(Arm64Op.STACK_ADDR, inst.imm(), v(dst));
            case FUNC_ADDR -> emitImm(Arm64Op.ADR_FUNC, inst.imm(), v(dst));
            case CALL, CALL_INDIRECT -> call(inst);
            case SPLAT -> splat(inst);
            case EXTRACT -> extract(inst);
            case REDUCE_ADD -> reduceAdd(inst);
            default -> throw unsupported("`" + inst + "`");
        }
    }

    /** Sets flags for a scalar comparison; the condition under which it holds. */
    private Cond compare(IrInst inst) {
        IrType t = inst.type();
        if (t.isFloat()) {
            int a = v(inst.arg(0));
            int b = v(inst.arg(1));
            emit(t == IrType.F64 ? Arm64Op.FCMP_D : Arm64Op.FCMP_S, a, b);
            // After fcmp, unordered is NZCV = 0011: MI, LS, GT, GE are false and NE true for it.
            return switch (inst.op()) {
                case FEQ -> Cond.EQ;
                case FNE -> Cond.NE;
                case FLT -> Cond.MI;
                case FLE -> Cond.LS;
                case FGT -> Cond.GT;
                case FGE -> Cond.GE;
                default -> throw new IllegalStateException(inst.toString());
            };
        }
        IrOp op = inst.op();
        int x = inst.arg(0);
        int y = inst.arg(1);
        boolean wide = t == IrType.I64;
        if (smallConst(x) && !smallConst(y)) { // constant first: swap the operands and the condition
            int tmp = x;
            x = y;
            y = tmp;
            op = switch (op) {
                case SLT -> IrOp.SGT;
                case SLE -> IrOp.SGE;
                case SGT -> IrOp.SLT;
                case SGE -> IrOp.SLE;
                case ULT -> IrOp.UGT;
                case ULE -> IrOp.UGE;
                case UGT -> IrOp.ULT;
                case UGE -> IrOp.ULE;
                default -> op;
            };
        }
        if (smallConst(y)) {
            long c = constBits[y]; // normalized, as the register holds the other side
            if (c >= 0) {
                emitImm(wide ? Arm64Op.CMPI64 : Arm64Op.CMPI32, c, v(x));
            } else {
                emitImm(wide ? Arm64Op.CMNI64 : Arm64Op.CMNI32, -c, v(x));
            }
        } else {
            emit(wide ? Arm64Op.CMP64 : Arm64Op.CMP32, v(x), v(y)); // narrow values are normalized: 32-bit compares order them
        }
        return switch (op) {
            case EQ -> Cond.EQ;
            case NE -> Cond.NE;
            case SLT -> Cond.LT;
            case SLE -> Cond.LE;
            case SGT -> Cond.GT;
            case SGE -> Cond.GE;
            case ULT -> Cond.LO;
            case ULE -> Cond.LS;
            case UGT -> Cond.HI;
            case UGE -> Cond.HS;
            default -> throw new IllegalStateException(inst.toString());
        };
    }

    /** The condition under which I8 value {@code c} is true, flags set (or still set by its fused comparison). */
    private Cond condition(int c) {
        Cond pending = pendingCond;
        if (pending != null && pendingValue == c) {
            pendingCond = null;
            pendingValue = -1;
            return pending;
        }
        emitImm(Arm64Op.CMPI32, 0, v(c));
        return Cond.NE;
    }

    private void select(IrInst inst) {
        IrType t = inst.type();
        Cond c = condition(inst.arg(0));
        int[] d = vv(inst.dst());
        int[] a = vv(inst.arg(1));
        int[] b = vv(inst.arg(2));
        number[inst.dst()] = number[inst.arg(1)] && number[inst.arg(2)];
        if (t.isVector()) {
            int m = itmp();
            emitImm(Arm64Op.CSETM64, c.ordinal(), m);
            for (int p = 0; p < d.length; p++) {
                emitImm(Arm64Op.DUP_R, Arr.D2.ordinal(), d[p], m);
                emitImm(Arm64Op.VBSL, 0, d[p], a[p], b[p]);
            }
            return;
        }
        Arm64Op op = switch (t) {
            case I64 -> Arm64Op.CSEL64;
            case F64 -> Arm64Op.FCSEL_D;
            case F32 -> Arm64Op.FCSEL_S;
            default -> Arm64Op.CSEL32;
        };
        emitImm(op, c.ordinal(), d[0], a[0], b[0]);
    }

    /** Re-extends a narrow result computed into {@code from}; i32 and i64 need nothing. */
    private void normalize(IrType t, int to, int from) {
        switch (t) {
            case I8 -> emit(Arm64Op.SXTB32, to, from);
            case I16 -> emit(Arm64Op.SXTH32, to, from);
            default -> emit(Arm64Op.MOV, to, from);
        }
    }

    private void intBinary(IrInst inst) {
        IrType t = inst.type();
        boolean x = t == IrType.I64;
        Arm64Op op = switch (inst.op()) {
            case ADD -> x ? Arm64Op.ADD64 : Arm64Op.ADD32;
            case SUB -> x ? Arm64Op.SUB64 : Arm64Op.SUB32;
            case MUL -> x ? Arm64Op.MUL64 : Arm64Op.MUL32;
            case AND -> x ? Arm64Op.AND64 : Arm64Op.AND32;
            case OR -> x ? Arm64Op.ORR64 : Arm64Op.ORR32;
            default -> x ? Arm64Op.EOR64 : Arm64Op.EOR32;
        };
        int d = v(inst.dst());
        boolean stays = inst.op() == IrOp.AND || inst.op() == IrOp.OR || inst.op() == IrOp.XOR; // of sign-extended inputs
        int r = narrow(t) && !stays ? itmp() : d;
        int a = inst.arg(0);
        int b = inst.arg(1);
        boolean commutes = inst.op() != IrOp.SUB;
        if (commutes && isConst(a) && !isConst(b)) {
            a = b;
            b = inst.arg(0);
        }
        if ((inst.op() == IrOp.ADD || inst.op() == IrOp.SUB) && smallConst(b)) {
            long c = inst.op() == IrOp.SUB ? -constBits[b] : constBits[b];
            emitImm(c >= 0 ? (x ? Arm64Op.ADDI64 : Arm64Op.ADDI32) : (x ? Arm64Op.SUBI64 : Arm64Op.SUBI32), Math.abs(c), r, v(a));
        } else if (inst.op() == IrOp.MUL && isConst(b) && constBits[b] > 0 && Long.bitCount(constBits[b]) == 1) {
            // x * 2^k is x << k: one instruction, no constant to materialize.
            emitImm(x ? Arm64Op.LSLI64 : Arm64Op.LSLI32, Long.numberOfTrailingZeros(constBits[b]), r, v(a));
        } else if (inst.op() == IrOp.AND && isConst(b) && Arm64Assembler.isLogicalImm(x ? constBits[b] : constBits[b] & 0xFFFF_FFFFL, x ? 64 : 32)) {
            emitImm(x ? Arm64Op.ANDI64 : Arm64Op.ANDI32, x ? constBits[b] : constBits[b] & 0xFFFF_FFFFL, r, v(a));
        } else {
            emit(op, r, v(a), v(b));
        }
        if (r != d) {
            normalize(t, d, r);
        }
    }

    private void vectorInt(IrInst inst) {
        IrType t = inst.type();
        Arr arr = arr(t);
        int[] d = vv(inst.dst());
        int[] a = vv(inst.arg(0));
        int[] b = vv(inst.arg(1));
        for (int p = 0; p < d.length; p++) {
            switch (inst.op()) {
                case ADD -> emitImm(Arm64Op.VADD, arr.ordinal(), d[p], a[p], b[p]);
                case SUB -> emitImm(Arm64Op.VSUB, arr.ordinal(), d[p], a[p], b[p]);
                case MUL -> {
                    if (arr != Arr.D2) {
                        emitImm(Arm64Op.VMUL, arr.ordinal(), d[p], a[p], b[p]);
                    } else {
                        // NEON has no 64-bit lane multiply: through the general registers, lane by lane.
                        int[] prod = new int[2];
                        for (int lane = 0; lane < 2; lane++) {
                            int xa = itmp();
                            int xb = itmp();
                            emitImm(Arm64Op.UMOV, Imm.lane(Arr.D2.ordinal(), lane), xa, a[p]);
                            emitImm(Arm64Op.UMOV, Imm.lane(Arr.D2.ordinal(), lane), xb, b[p]);
                            prod[lane] = itmp();
                            emit(Arm64Op.MUL64, prod[lane], xa, xb);
                        }
                        emitImm(Arm64Op.DUP_R, Arr.D2.ordinal(), d[p], prod[0]);
                        emitImm(Arm64Op.INS_R, Imm.lane(Arr.D2.ordinal(), 1), d[p], prod[1]);
                    }
                }
                case AND -> emitImm(Arm64Op.VAND, 0, d[p], a[p], b[p]);
                case OR -> emitImm(Arm64Op.VORR, 0, d[p], a[p], b[p]);
                default -> emitImm(Arm64Op.VEOR, 0, d[p], a[p], b[p]);
            }
        }
    }

    /** The IR guarantees the divisor is not 0 (nor -1 with a MIN dividend, for signed): one instruction, no checks. */
    private void division(IrInst inst) {
        IrType t = inst.type();
        boolean x = t == IrType.I64;
        boolean signed = inst.op() == IrOp.SDIV || inst.op() == IrOp.SREM;
        boolean rem = inst.op() == IrOp.SREM || inst.op() == IrOp.UREM;
        int a = v(inst.arg(0));
        int b = v(inst.arg(1));
        int d = v(inst.dst());
        if (!signed && narrow(t)) {
            // Unsigned: divide the zero-extended values, then normalize the (possibly large) result.
            Arm64Op ext = t == IrType.I8 ? Arm64Op.UXTB32 : Arm64Op.UXTH32;
            int ua = itmp();
            int ub = itmp();
            emit(ext, ua, a);
            emit(ext, ub, b);
            a = ua;
            b = ub;
        }
        Arm64Op div = signed ? (x ? Arm64Op.SDIV64 : Arm64Op.SDIV32) : (x ? Arm64Op.UDIV64 : Arm64Op.UDIV32);
        boolean renormalize = !signed && narrow(t);
        int q = rem || renormalize ? itmp() : d;
        emit(div, q, a, b);
        int r = q;
        if (rem) {
            // a - (a / b) * b, in two two-input instructions (msub would read three spillable registers).
            int prod = itmp();
            emit(x ? Arm64Op.MUL64 : Arm64Op.MUL32, prod, q, b);
            r = renormalize ? itmp() : d;
            emit(x ? Arm64Op.SUB64 : Arm64Op.SUB32, r, a, prod);
        }
        if (renormalize) {
            normalize(t, d, r);
        }
    }

    private void shift(IrInst inst) {
        IrType t = inst.type();
        int a = v(inst.arg(0));
        int d = v(inst.dst());
        boolean x = t == IrType.I64;
        Arm64Op op = switch (inst.op()) {
            case SHL -> x ? Arm64Op.LSLV64 : Arm64Op.LSLV32;
            case SSHR -> x ? Arm64Op.ASRV64 : Arm64Op.ASRV32;
            default -> x ? Arm64Op.LSRV64 : Arm64Op.LSRV32;
        };
        if (isConst(inst.arg(1))) {
            shiftByConstant(inst, a, d, (int) (constBits[inst.arg(1)] & (t.bits() - 1)));
            return;
        }
        if (!narrow(t)) {
            emit(op, d, a, v(inst.arg(1))); // the hardware takes the amount mod 32 / 64: the IR's mask
            return;
        }
        int masked = itmp();
        emitImm(Arm64Op.ANDI32, t.bits() - 1, masked, v(inst.arg(1)));
        switch (inst.op()) {
            case SSHR -> emit(op, d, a, masked); // a is sign-extended: the result stays normalized
            case SHL -> {
                int r = itmp();
                emit(op, r, a, masked);
                normalize(t, d, r);
            }
            default -> {
                int u = itmp();
                emit(t == IrType.I8 ? Arm64Op.UXTB32 : Arm64Op.UXTH32, u, a);
                int r = itmp();
                emit(op, r, u, masked);
                normalize(t, d, r);
            }
        }
    }

    /** A shift by an amount already masked to the width: an immediate shift. */
    private void shiftByConstant(IrInst inst, int a, int d, int k) {
        IrType t = inst.type();
        boolean x = t == IrType.I64;
        switch (inst.op()) {
            case SHL -> {
                int r = narrow(t) ? itmp() : d;
                emitImm(x ? Arm64Op.LSLI64 : Arm64Op.LSLI32, k, r, a);
                if (r != d) {
                    normalize(t, d, r);
                }
            }
            case SSHR -> emitImm(x ? Arm64Op.ASRI64 : Arm64Op.ASRI32, k, d, a); // narrow: a is sign-extended, so is the result
            default -> {
                if (narrow(t)) {
                    int u = itmp();
                    emit(t == IrType.I8 ? Arm64Op.UXTB32 : Arm64Op.UXTH32, u, a);
                    int r = itmp();
                    emitImm(Arm64Op.LSRI32, k, r, u);
                    normalize(t, d, r);
                } else {
                    emitImm(x ? Arm64Op.LSRI64 : Arm64Op.LSRI32, k, d, a);
                }
            }
        }
    }

    private void floatBinary(IrInst inst) {
        IrType t = inst.type();
        int[] d = vv(inst.dst());
        int[] a = vv(inst.arg(0));
        int[] b = vv(inst.arg(1));
        if (t.isVector()) {
            Arm64Op op = switch (inst.op()) {
                case FADD -> Arm64Op.VFADD;
                case FSUB -> Arm64Op.VFSUB;
                case FMUL -> Arm64Op.VFMUL;
                default -> Arm64Op.VFDIV;
            };
            for (int p = 0; p < d.length; p++) {
                emitImm(op, arr(t).ordinal(), d[p], a[p], b[p]);
            }
            return;
        }
        boolean dbl = t == IrType.F64;
        Arm64Op op = switch (inst.op()) {
            case FADD -> dbl ? Arm64Op.FADD_D : Arm64Op.FADD_S;
            case FSUB -> dbl ? Arm64Op.FSUB_D : Arm64Op.FSUB_S;
            case FMUL -> dbl ? Arm64Op.FMUL_D : Arm64Op.FMUL_S;
            default -> dbl ? Arm64Op.FDIV_D : Arm64Op.FDIV_S;
        };
        emit(op, d[0], a[0], b[0]);
    }

    private void floatUnary(IrInst inst) {
        IrType t = inst.type();
        int[] d = vv(inst.dst());
        int[] a = vv(inst.arg(0));
        if (inst.op() != IrOp.FSQRT) {
            number[inst.dst()] = number[inst.arg(0)];
        }
        if (t.isVector()) {
            Arm64Op op = switch (inst.op()) {
                case FNEG -> Arm64Op.VFNEG;
                case FABS -> Arm64Op.VFABS;
                default -> Arm64Op.VFSQRT;
            };
            for (int p = 0; p < d.length; p++) {
                emitImm(op, arr(t).ordinal(), d[p], a[p]);
            }
            return;
        }
        boolean dbl = t == IrType.F64;
        Arm64Op op = switch (inst.op()) {
            case FNEG -> dbl ? Arm64Op.FNEG_D : Arm64Op.FNEG_S;
            case FABS -> dbl ? Arm64Op.FABS_D : Arm64Op.FABS_S;
            default -> dbl ? Arm64Op.FSQRT_D : Arm64Op.FSQRT_S;
        };
        emit(op, d[0], a[0]);
    }

    /** {@code b is NaN || a < b ? a : b} (FMAX: {@code a > b}): two compares and two selects, exactly the definition. */
    private void scalarMinMax(IrInst inst) {
        boolean dbl = inst.type() == IrType.F64;
        Arm64Op cmp = dbl ? Arm64Op.FCMP_D : Arm64Op.FCMP_S;
        Arm64Op sel = dbl ? Arm64Op.FCSEL_D : Arm64Op.FCSEL_S;
        int a = v(inst.arg(0));
        int b = v(inst.arg(1));
        int t = ftmp();
        emit(cmp, a, b);
        emitImm(sel, (inst.op() == IrOp.FMIN ? Cond.MI : Cond.GT).ordinal(), t, a, b); // ordered a < b (a > b)
        emit(cmp, b, b);
        emitImm(sel, Cond.VS.ordinal(), v(inst.dst()), a, t); // b is NaN: a
    }

    private void vectorMinMax(IrInst inst) {
        Arr arr = arr(inst.type());
        int[] d = vv(inst.dst());
        int[] a = vv(inst.arg(0));
        int[] b = vv(inst.arg(1));
        for (int p = 0; p < d.length; p++) {
            int better = vtmp();
            if (inst.op() == IrOp.FMIN) {
                emitImm(Arm64Op.VFCMGT, arr.ordinal(), better, b[p], a[p]); // a < b
            } else {
                emitImm(Arm64Op.VFCMGT, arr.ordinal(), better, a[p], b[p]); // a > b
            }
            int ordered = vtmp();
            emitImm(Arm64Op.VFCMEQ, arr.ordinal(), ordered, b[p], b[p]);
            emitImm(Arm64Op.VORN, 0, d[p], better, ordered); // a < b || b is NaN
            emitImm(Arm64Op.VBSL, 0, d[p], a[p], b[p]);
        }
    }

    private void vectorCompare(IrInst inst) {
        Arr arr = arr(inst.type());
        int[] d = vv(inst.dst());
        int[] a = vv(inst.arg(0));
        int[] b = vv(inst.arg(1));
        for (int p = 0; p < d.length; p++) {
            int x = a[p];
            int y = b[p];
            Arm64Op op;
            boolean swap = false;
            boolean not = false;
            switch (inst.op()) {
                case EQ -> op = Arm64Op.VCMEQ;
                case NE -> {
                    op = Arm64Op.VCMEQ;
                    not = true;
                }
                case SGT -> op = Arm64Op.VCMGT;
                case SGE -> op = Arm64Op.VCMGE;
                case SLT -> {
                    op = Arm64Op.VCMGT;
                    swap = true;
                }
                case SLE -> {
                    op = Arm64Op.VCMGE;
                    swap = true;
                }
                case UGT -> op = Arm64Op.VCMHI;
                case UGE -> op = Arm64Op.VCMHS;
                case ULT -> {
                    op = Arm64Op.VCMHI;
                    swap = true;
                }
                case ULE -> {
                    op = Arm64Op.VCMHS;
                    swap = true;
                }
                case FEQ -> op = Arm64Op.VFCMEQ;
                case FNE -> {
                    op = Arm64Op.VFCMEQ; // not-equal-or-unordered is the complement of ordered-equal
                    not = true;
                }
                case FGT -> op = Arm64Op.VFCMGT;
                case FGE -> op = Arm64Op.VFCMGE;
                case FLT -> {
                    op = Arm64Op.VFCMGT;
                    swap = true;
                }
                default -> {
                    op = Arm64Op.VFCMGE;
                    swap = true;
                }
            }
            int r = not ? vtmp() : d[p];
            emitImm(op, arr.ordinal(), r, swap ? y : x, swap ? x : y);
            if (not) {
                emitImm(Arm64Op.VMVN, 0, d[p], r);
            }
        }
    }

    private void convert(IrInst inst) {
        IrType to = inst.type();
        IrType from = typeOf(inst.arg(0));
        int a = v(inst.arg(0));
        int d = v(inst.dst());
        switch (inst.op()) {
            case SEXT -> emit(to == IrType.I64 ? Arm64Op.SXTW64 : Arm64Op.MOV, d, a); // narrow values are already sign-extended to 32 bits
            case ZEXT -> {
                switch (from) {
                    case I8 -> emit(Arm64Op.UXTB32, d, a);
                    case I16 -> emit(Arm64Op.UXTH32, d, a);
                    default -> emit(Arm64Op.MOV32, d, a);
                }
            }
            case TRUNC -> {
                switch (to) {
                    case I8 -> emit(Arm64Op.SXTB32, d, a);
                    case I16 -> emit(Arm64Op.SXTH32, d, a);
                    default -> emit(Arm64Op.MOV, d, a); // i64 to i32: the w view
                }
            }
            case SITOF, UITOF -> {
                boolean signed = inst.op() == IrOp.SITOF;
                boolean x = from == IrType.I64;
                int src = a;
                if (!signed && narrow(from)) {
                    src = itmp();
                    emit(from == IrType.I8 ? Arm64Op.UXTB32 : Arm64Op.UXTH32, src, a);
                }
                Arm64Op op = to == IrType.F64
                        ? (signed ? (x ? Arm64Op.SCVTF_DX : Arm64Op.SCVTF_DW) : (x ? Arm64Op.UCVTF_DX : Arm64Op.UCVTF_DW))
                        : (signed ? (x ? Arm64Op.SCVTF_SX : Arm64Op.SCVTF_SW) : (x ? Arm64Op.UCVTF_SX : Arm64Op.UCVTF_SW));
                emit(op, d, src);
                number[inst.dst()] = true;
            }
            case FTOSI, FTOUI -> floatToInt(inst, from, to, a, d);
            case FPROMOTE -> {
                emit(Arm64Op.FCVT_DS, d, a);
                number[inst.dst()] = number[inst.arg(0)];
            }
            default -> {
                emit(Arm64Op.FCVT_SD, d, a);
                number[inst.dst()] = number[inst.arg(0)];
            }
        }
    }

    /**
     * fcvtzs / fcvtzu already truncate, saturate at the 32- or 64-bit bounds and give 0 for NaN;
     * i8 and i16 results are clamped further to their own bounds.
     */
    private void floatToInt(IrInst inst, IrType from, IrType to, int a, int d) {
        boolean signed = inst.op() == IrOp.FTOSI;
        boolean x = to == IrType.I64;
        boolean dbl = from == IrType.F64;
        Arm64Op op = signed ? (x ? (dbl ? Arm64Op.FCVTZS_XD : Arm64Op.FCVTZS_XS) : (dbl ? Arm64Op.FCVTZS_WD : Arm64Op.FCVTZS_WS))
                : (x ? (dbl ? Arm64Op.FCVTZU_XD : Arm64Op.FCVTZU_XS) : (dbl ? Arm64Op.FCVTZU_WD : Arm64Op.FCVTZU_WS));
        if (!narrow(to)) {
            emit(op, d, a);
            return;
        }
        int w = itmp();
        emit(op, w, a);
        int bits = to.bits();
        if (signed) {
            int hi = itmp();
            emitImm(Arm64Op.MOVI32, (1L << (bits - 1)) - 1, hi);
            emit(Arm64Op.CMP32, w, hi);
            int below = itmp();
            emitImm(Arm64Op.CSEL32, Cond.LT.ordinal(), below, w, hi);
            int lo = itmp();
            emitImm(Arm64Op.MOVI32, -(1L << (bits - 1)) & 0xFFFF_FFFFL, lo);
            emit(Arm64Op.CMP32, below, lo);
            emitImm(Arm64Op.CSEL32, Cond.GT.ordinal(), d, below, lo); // in range and sign-extended: normalized
        } else {
            int max = itmp();
            emitImm(Arm64Op.MOVI32, (1L << bits) - 1, max);
            emit(Arm64Op.CMP32, w, max);
            int r = itmp();
            emitImm(Arm64Op.CSEL32, Cond.LO.ordinal(), r, w, max);
            normalize(to, d, r);
        }
    }

    private static MemOp loadOp(IrType t) {
        return switch (t) {
            case I8 -> MemOp.LDRSB;
            case I16 -> MemOp.LDRSH;
            case I32 -> MemOp.LDR_W;
            case I64 -> MemOp.LDR_X;
            case F32 -> MemOp.LDR_S;
            case F64 -> MemOp.LDR_D;
            default -> MemOp.LDR_Q;
        };
    }

    private static MemOp storeOp(IrType t) {
        return switch (t) {
            case I8 -> MemOp.STRB;
            case I16 -> MemOp.STRH;
            case I32 -> MemOp.STR_W;
            case I64 -> MemOp.STR_X;
            case F32 -> MemOp.STR_S;
            case F64 -> MemOp.STR_D;
            default -> MemOp.STR_Q;
        };
    }

    /** The base register for an access of {@code parts} 16-byte parts (or one scalar) at {@code base + offset}, and the offset to use. */
    private long[] address(int base, long offset, MemOp op, int parts) {
        long last = offset + 16L * (parts - 1);
        if ((op.fitsScaled(offset) || MemOp.fitsUnscaled(offset)) && (op.fitsScaled(last) || MemOp.fitsUnscaled(last))) {
            return new long[] {base, offset};
        }
        int k = itmp();
        emitImm(Arm64Op.MOVI64, offset, k);
        int sum = itmp();
        emit(Arm64Op.ADD64, sum, base, k);
        return new long[] {sum, 0};
    }

    private void load(IrInst inst) {
        IrType t = inst.type();
        int[] d = vv(inst.dst());
        MemOp op = loadOp(t);
        int a = inst.arg(0);
        if (readsRegisterOffset(inst)) {
            emitImm(Arm64Op.LOAD_INDEXED, Imm.indexed(op.ordinal(), foldScaled[a]), d[0], v(foldBase[a]), v(foldIndex[a]));
            return;
        }
        long[] at = address(v(inst.arg(0)), inst.imm(), op, d.length);
        for (int p = 0; p < d.length; p++) {
            emitImm(Arm64Op.LOAD, Imm.mem(op.ordinal(), at[1] + 16L * p), d[p], (int) at[0]);
        }
    }

    private void store(IrInst inst) {
        IrType t = inst.type();
        int[] s = canonical(t, inst.arg(1));
        MemOp op = storeOp(t);
        int a = inst.arg(0);
        if (readsRegisterOffset(inst)) {
            emitImm(Arm64Op.STORE_INDEXED, Imm.indexed(op.ordinal(), foldScaled[a]), s[0], v(foldBase[a]), v(foldIndex[a]));
            return;
        }
        long[] at = address(v(inst.arg(0)), inst.imm(), op, s.length);
        for (int p = 0; p < s.length; p++) {
            emitImm(Arm64Op.STORE, Imm.mem(op.ordinal(), at[1] + 16L * p), s[p], (int) at[0]);
        }
    }

    /** The registers of {@code value} with any NaN replaced by the canonical one (floats only). */
    private int[] canonical(IrType t, int value) {
        int[] regs = vv(value);
        if (!t.isFloat() || number[value]) {
            return regs;
        }
        boolean dbl = t.laneBits() == 64;
        int[] out = new int[regs.length];
        for (int p = 0; p < regs.length; p++) {
            int k = itmp();
            emitImm(dbl ? Arm64Op.MOVI64 : Arm64Op.MOVI32, dbl ? NAN64 : NAN32, k);
            if (t.isVector()) {
                int ordered = vtmp();
                emitImm(Arm64Op.VFCMEQ, arr(t).ordinal(), ordered, regs[p], regs[p]);
                int nan = vtmp();
                emitImm(Arm64Op.DUP_R, arr(t).ordinal(), nan, k);
                emitImm(Arm64Op.VBSL, 0, ordered, regs[p], nan);
                out[p] = ordered;
            } else {
                int nan = ftmp();
                emit(dbl ? Arm64Op.FMOV_D_X : Arm64Op.FMOV_S_W, nan, k);
                emit(dbl ? Arm64Op.FCMP_D : Arm64Op.FCMP_S, regs[p], regs[p]);
                out[p] = ftmp();
                emitImm(dbl ? Arm64Op.FCSEL_D : Arm64Op.FCSEL_S, Cond.VC.ordinal(), out[p], regs[p], nan);
            }
        }
        return out;
    }

    // ---- calls ----

    private void call(IrInst inst) {
        boolean direct = inst.op() == IrOp.CALL;
        int[] args = inst.args();
        int first = direct ? 0 : 1;
        List<IrType> paramTypes = new ArrayList<>();
        for (int i = first; i < args.length; i++) {
            paramTypes.add(typeOf(args[i]));
        }
        List<IrType> resultTypes;
        if (direct) {
            resultTypes = module.functions().get((int) inst.imm()).returns();
        } else {
            resultTypes = inst.dst() == IrInst.NO_VALUE ? List.of() : List.of(inst.type());
        }
        List<List<ArgLocation>> locs = Aapcs64Abi.params(paramTypes);
        outgoing = Math.max(outgoing, Aapcs64Abi.stackBytes(locs));
        calls = true;
        List<Integer> argRegs = new ArrayList<>();
        for (int i = 0; i < paramTypes.size(); i++) {
            IrType t = paramTypes.get(i);
            int[] regs = vv(args[first + i]);
            for (int p = 0; p < regs.length; p++) {
                ArgLocation loc = locs.get(i).get(p);
                if (loc instanceof ArgLocation.OnStack s) {
                    MemOp op = t.isVector() ? MemOp.STR_Q : t.isFloat() ? storeOp(t) : MemOp.STR_X;
                    emitImm(Arm64Op.STORE_OUT, Imm.mem(op.ordinal(), s.offset()), regs[p]);
                }
            }
        }
        for (int i = 0; i < paramTypes.size(); i++) {
            IrType t = paramTypes.get(i);
            int[] regs = vv(args[first + i]);
            for (int p = 0; p < regs.length; p++) {
                if (locs.get(i).get(p) instanceof ArgLocation.InReg r) {
                    emit(copyOp(t), r.reg(), regs[p]);
                    argRegs.add(r.reg());
                }
            }
        }
        List<ResultPart> results = Aapcs64Abi.results(resultTypes);
        List<Integer> resultRegs = new ArrayList<>();
        for (ResultPart rp : results) {
            if (!resultRegs.contains(rp.reg())) {
                resultRegs.add(rp.reg());
            }
        }
        List<Integer> regs = new ArrayList<>(resultRegs);
        List<OperandRole> roles = new ArrayList<>();
        for (int i = 0; i < resultRegs.size(); i++) {
            roles.add(OperandRole.DEF);
        }
        if (!direct) {
            regs.add(v(args[0]));
            roles.add(OperandRole.USE);
        }
        regs.addAll(argRegs);
        for (int i = 0; i < argRegs.size(); i++) {
            roles.add(OperandRole.USE);
        }
        Arm64Op op = direct ? (vectors ? Arm64Op.BL_V : Arm64Op.BL) : (vectors ? Arm64Op.BLR_V : Arm64Op.BLR);
        cur.add(new MInst(op, direct ? inst.imm() : 0, roles.toArray(new OperandRole[0]), toArray(regs)));
        int[] dsts = {inst.dst(), inst.dst2()};
        for (ResultPart rp : results) {
            int value = dsts[rp.value()];
            if (value == IrInst.NO_VALUE) {
                continue;
            }
            IrType t = resultTypes.get(rp.value());
            int d = vv(value)[rp.part()];
            unpack(t, d, rp, results.size() == 2 && t.isInt() && !t.isVector() || !direct);
        }
    }

    /**
     * Takes a result out of its register. Integers shared with another member, or from a C
     * function (which may leave the bits above a narrow result undefined), are extracted
     * sign-extended, which also normalizes them.
     */
    private void unpack(IrType t, int d, ResultPart rp, boolean extract) {
        if (t.isVector()) {
            emit(Arm64Op.VMOV, d, rp.reg());
        } else if (t.isFloat()) {
            if (Arm64Target.INSTANCE.regClass(rp.reg()) == RegClass.FLOAT) {
                emit(Arm64Op.FMOV, d, rp.reg());
            } else if (t == IrType.F64) {
                emit(Arm64Op.FMOV_D_X, d, rp.reg());
            } else if (rp.lsb() == 0) {
                emit(Arm64Op.FMOV_S_W, d, rp.reg());
            } else {
                int k = itmp();
                emitImm(Arm64Op.LSRI64, rp.lsb(), k, rp.reg());
                emit(Arm64Op.FMOV_S_W, d, k);
            }
        } else if (extract && t != IrType.I64) {
            emitImm(Arm64Op.SBFX64, Imm.field(rp.lsb(), t.bits()), d, rp.reg());
        } else {
            emit(Arm64Op.MOV, d, rp.reg());
        }
    }

    // ---- SIMD lanes ----

    private void splat(IrInst inst) {
        IrType t = inst.type();
        Arr arr = arr(t);
        int s = v(inst.arg(0));
        for (int d : vv(inst.dst())) {
            if (t.isFloat()) {
                emitImm(Arm64Op.DUP_E, Imm.lane(arr.ordinal(), 0), d, s);
            } else {
                emitImm(Arm64Op.DUP_R, arr.ordinal(), d, s);
            }
        }
        number[inst.dst()] = number[inst.arg(0)];
    }

    private void extract(IrInst inst) {
        IrType vt = typeOf(inst.arg(0));
        Arr arr = arr(vt);
        int lane = (int) inst.imm();
        int[] src = vv(inst.arg(0));
        int part = lane / arr.lanes();
        lane %= arr.lanes();
        int d = v(inst.dst());
        long imm = Imm.lane(arr.ordinal(), lane);
        if (vt.isFloat()) {
            emitImm(Arm64Op.DUP_SE, imm, d, src[part]);
        } else if (arr == Arr.B16 || arr == Arr.H8) {
            emitImm(Arm64Op.SMOV32, imm, d, src[part]); // sign-extended: normalized
        } else {
            emitImm(Arm64Op.UMOV, imm, d, src[part]);
        }
    }

    private void reduceAdd(IrInst inst) {
        IrType vt = typeOf(inst.arg(0));
        Arr arr = arr(vt);
        int[] src = vv(inst.arg(0));
        int d = v(inst.dst());
        if (vt.isFloat()) {
            // In lane order, one rounding per addition: ((l0 + l1) + l2) + ….
            boolean dbl = arr == Arr.D2;
            int acc = src[0]; // lane 0 is the scalar view of the register
            int total = vt.lanes();
            for (int i = 1; i < total; i++) {
                int part = i / arr.lanes();
                int lane = i % arr.lanes();
                int x;
                if (lane == 0) {
                    x = src[part];
                } else {
                    x = ftmp();
                    emitImm(Arm64Op.DUP_SE, Imm.lane(arr.ordinal(), lane), x, src[part]);
                }
                int next = i == total - 1 ? d : ftmp();
                emit(dbl ? Arm64Op.FADD_D : Arm64Op.FADD_S, next, acc, x);
                acc = next;
            }
            return;
        }
        // Integer addition wraps, so any order gives the same sum: halves first, then across lanes.
        int v = src[0];
        if (src.length == 2) {
            v = vtmp();
            emitImm(Arm64Op.VADD, arr.ordinal(), v, src[0], src[1]);
        }
        int sum = ftmp();
        if (arr == Arr.D2) {
            emit(Arm64Op.ADDP_D, sum, v);
            emit(Arm64Op.FMOV_X_D, d, sum);
        } else {
            emitImm(Arm64Op.ADDV, arr.ordinal(), sum, v);
            if (arr == Arr.S4) {
                emit(Arm64Op.FMOV_W_S, d, sum);
            } else {
                emitImm(Arm64Op.SMOV32, Imm.lane(arr.ordinal(), 0), d, sum);
            }
        }
    }

    // ---- terminators ----

    private void terminator(int b, IrTerminator term) {
        int next = curIndex + 1;
        if (term instanceof IrTerminator.Ret ret) {
            ret(ret.values());
        } else if (term instanceof IrTerminator.Jump j) {
            edge(j.target(), j.args());
            cur.setSuccessors(mainBlock[j.target()]);
        } else if (term instanceof IrTerminator.Branch br && b + 1 < guarded.length && guarded[b + 1]) {
            guard(br, b + 1);
        } else if (term instanceof IrTerminator.Branch br) {
            int thenDest = thenEdge[b] >= 0 ? thenEdge[b] : mainBlock[br.thenTarget()];
            int elseDest = elseEdge[b] >= 0 ? elseEdge[b] : mainBlock[br.elseTarget()];
            Cond pending = pendingCond;
            if (pending != null && pendingValue == br.cond()) {
                pendingCond = null;
                pendingValue = -1;
                if (thenDest == next) {
                    emitImm(Arm64Op.BCOND, Imm.branch(pending.invert().ordinal(), elseDest));
                } else {
                    emitImm(Arm64Op.BCOND, Imm.branch(pending.ordinal(), thenDest));
                    emitImm(Arm64Op.B, elseDest);
                }
            } else if (thenDest == next) {
                emitImm(Arm64Op.CBZ32, elseDest, v(br.cond())); // bools are 0 or 1: w is enough
            } else {
                emitImm(Arm64Op.CBNZ32, thenDest, v(br.cond()));
                emitImm(Arm64Op.B, elseDest);
            }
            cur.setSuccessors(thenDest, elseDest);
            if (thenEdge[b] >= 0) {
                cur = mf.blocks().get(thenEdge[b]);
                edge(br.thenTarget(), br.thenArgs());
                cur.setSuccessors(mainBlock[br.thenTarget()]);
            }
            if (elseEdge[b] >= 0) {
                cur = mf.blocks().get(elseEdge[b]);
                edge(br.elseTarget(), br.elseArgs());
                cur.setSuccessors(mainBlock[br.elseTarget()]);
            }
        } else if (term instanceof IrTerminator.Trap trap) {
            emitImm(Arm64Op.TRAP, trap.kind().ordinal());
        }
        if (pendingCond != null) {
            throw new IllegalStateException("flags of v" + pendingValue + " were never consumed");
        }
    }

    /**
     * A branch to a block that only traps, or on to block {@code on}, selected into the same
     * machine block: a conditional branch to the trap, then {@code on}'s instructions. The block's
     * successors are {@code on}'s.
     */
    private void guard(IrTerminator.Branch br, int on) {
        boolean trapWhenTrue = br.elseTarget() == on;
        int trap = mainBlock[trapWhenTrue ? br.thenTarget() : br.elseTarget()];
        Cond pending = pendingCond;
        if (pending != null && pendingValue == br.cond()) {
            pendingCond = null;
            pendingValue = -1;
            emitImm(Arm64Op.BCOND, Imm.branch((trapWhenTrue ? pending : pending.invert()).ordinal(), trap));
        } else {
            emitImm(trapWhenTrue ? Arm64Op.CBNZ32 : Arm64Op.CBZ32, trap, v(br.cond()));
        }
    }

    /** Block arguments (moved after allocation) and the jump. */
    private void edge(int target, int[] args) {
        if (args.length > 0) {
            List<Integer> regs = new ArrayList<>();
            for (int a : args) {
                for (int r : vv(a)) {
                    regs.add(r);
                }
            }
            emitImm(Arm64Op.EDGE_MOVES, mainBlock[target], toArray(regs));
        }
        emitImm(Arm64Op.B, mainBlock[target]);
    }

    private void ret(int[] values) {
        List<IrType> rts = f.returns();
        List<ResultPart> parts = Aapcs64Abi.results(rts);
        int[][] regs = new int[values.length][];
        for (int i = 0; i < values.length; i++) {
            regs[i] = canonical(rts.get(i), values[i]);
        }
        List<Integer> used = new ArrayList<>();
        boolean packed = values.length == 2 && parts.get(0).reg() == parts.get(1).reg();
        if (packed) {
            // Two members in x0: the low one zero-extended to its width, the other shifted above it.
            ResultPart hi = parts.get(1);
            int lo = bitsOf(rts.get(0), regs[0][0], true);
            int top = bitsOf(rts.get(1), regs[1][0], false);
            emitImm(Arm64Op.ORR_LSL64, hi.lsb(), hi.reg(), lo, top);
            used.add(hi.reg());
        } else {
            for (ResultPart rp : parts) {
                IrType t = rts.get(rp.value());
                int s = regs[rp.value()][rp.part()];
                if (Arm64Target.INSTANCE.regClass(rp.reg()) == RegClass.FLOAT) {
                    emit(copyOp(t), rp.reg(), s);
                } else if (t == IrType.F64) {
                    emit(Arm64Op.FMOV_X_D, rp.reg(), s);
                } else if (t == IrType.F32) {
                    emit(Arm64Op.FMOV_W_S, rp.reg(), s);
                } else if (t != IrType.I64 && values.length == 1) {
                    // Narrow results are sign-extended to 64 bits, so a C caller reading w0 or x0 at any width sees the value.
                    emit(Arm64Op.SXTW64, rp.reg(), s);
                } else {
                    emit(Arm64Op.MOV, rp.reg(), s);
                }
                used.add(rp.reg());
            }
        }
        emit(Arm64Op.RET, toArray(used));
    }

    /** A scalar's bits in a general register; {@code exact}: zero above its width. */
    private int bitsOf(IrType t, int reg, boolean exact) {
        int k = itmp();
        switch (t) {
            case F64 -> emit(Arm64Op.FMOV_X_D, k, reg);
            case F32 -> emit(Arm64Op.FMOV_W_S, k, reg); // writes w: zero above
            case I8 -> emit(exact ? Arm64Op.UXTB32 : Arm64Op.MOV, k, reg);
            case I16 -> emit(exact ? Arm64Op.UXTH32 : Arm64Op.MOV, k, reg);
            case I32 -> emit(exact ? Arm64Op.MOV32 : Arm64Op.MOV, k, reg);
            default -> {
                return reg;
            }
        }
        return k;
    }
}
