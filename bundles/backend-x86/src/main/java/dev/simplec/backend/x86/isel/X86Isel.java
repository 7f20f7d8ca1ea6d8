package dev.simplec.backend.x86.isel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.codegen.ArgLocation;
import dev.simplec.api.codegen.MBlock;
import dev.simplec.api.codegen.MFunction;
import dev.simplec.api.codegen.MInst;
import dev.simplec.api.codegen.OperandRole;
import dev.simplec.api.codegen.RegClass;
import dev.simplec.api.codegen.Regs;
import dev.simplec.api.codegen.TrapGuards;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;
import dev.simplec.backend.x86.abi.SysVAbi;
import dev.simplec.backend.x86.emit.Cond;
import dev.simplec.backend.x86.emit.Gpr;
import dev.simplec.backend.x86.emit.SseOp;
import dev.simplec.backend.x86.emit.SseShift;
import dev.simplec.backend.x86.emit.X86Assembler;
import dev.simplec.backend.x86.emit.AvxOp;
import dev.simplec.backend.x86.targ.Addr;
import dev.simplec.backend.x86.targ.ArgSlot;
import dev.simplec.backend.x86.targ.Branches;
import dev.simplec.backend.x86.targ.FCond;
import dev.simplec.backend.x86.targ.FtoI;
import dev.simplec.backend.x86.targ.Konst;
import dev.simplec.backend.x86.targ.X86Op;
import dev.simplec.backend.x86.targ.X86Target;

/**
 * Selects x86-64 instructions for one verified IR function, one virtual register per IR value.
 * <p>
 * Narrow integers (i8, i16, i32) live in 64-bit registers whose bits above their width are
 * undefined (as C callers pass them): additions, logic and multiplications use 32-bit
 * instructions; comparisons compare at the value's width ({@code cmp r8/r16/r32}); whatever reads
 * the upper bits (division, right shifts, conversions, results) extends first. Floats use scalar
 * SSE2, one IR operation to one instruction, so nothing is fused or reordered; 128-bit vectors
 * use SSE2 (emulating what it lacks), 256-bit vectors AVX2.
 * <p>
 * Control flow: blocks keep the IR's order; block arguments become an edge-moves pseudo-op before
 * the jump (on a conditional branch, in an edge block of its own placed right after), resolved
 * after allocation. A comparison used only by the branch ending its block is fused into it
 * ({@code cmp; jcc}); an {@code add} used only as the address of loads and stores in its block is
 * folded into their addressing mode, with a constant shift or multiply by 1, 2, 4 or 8 as the
 * scaled index.
 */
public final class X86Isel {
    private final IrModule module;
    private final IrFunction f;
    private final @Nullable IrType[] types;
    private final MFunction mf;
    private final int[] vreg;
    private final List<String> traps;
    private final @Nullable IrInst[] def;
    private final int[] defBlock;
    /** Per value: the index of its defining instruction within its block, or -1. */
    private final int[] defIndex;
    private final int[] uses;
    /** Per value: the block it is a parameter of, or -1; and how many of its reads are in that block. */
    private final int[] paramBlock;
    private final int[] usesAtHome;
    /** Per block: the last block (in layout order) with an edge back to it, or -1. */
    private final int[] lastLatch;
    private final boolean[] skip; // values whose instruction is not emitted (fused or folded)
    private final int[] folded; // per result value: which operand is a folded load, or -1
    private final int[] blockIndex;
    private final int[] thenEdge;
    private final int[] elseEdge;
    private boolean usesYmm;
    private int currentBlock;
    /** Per IR block: selected into the machine block of the block before it (see {@link #guardedBlocks}). */
    private boolean[] guarded = {};
    /** Whether the host has AVX: scalar float stores then canonicalize NaN in two instructions, not six. */
    private final boolean avx;
    /** Which scalar float widths the function stores: 1 f32, 2 f64. */
    private int storesFloat;
    /**
     * The canonical NaN of each width in a register, loaded once at the entry for the scalar float
     * stores to blend in: a load from the constant pool at each store would be a fourth memory access
     * per iteration in saxpy's loop, one more than Zen 3 starts per cycle.
     */
    private int nan32 = -1;
    private int nan64 = -1;

    private X86Isel(IrModule module, IrFunction f, @Nullable IrType[] types, List<String> traps, boolean avx) {
        this.module = module;
        this.avx = avx;
        this.f = f;
        this.types = types;
        this.mf = new MFunction(f.name(), f.valueCount() + 16);
        this.vreg = new int[f.valueCount()];
        this.traps = traps;
        this.def = new @Nullable IrInst[f.valueCount()];
        this.defBlock = new int[f.valueCount()];
        this.defIndex = new int[f.valueCount()];
        this.uses = new int[f.valueCount()];
        this.paramBlock = filled(f.valueCount(), -1);
        this.usesAtHome = new int[f.valueCount()];
        this.lastLatch = filled(f.blocks().size(), -1);
        this.skip = new boolean[f.valueCount()];
        this.folded = new int[f.valueCount()];
        Arrays.fill(folded, -1);
        this.blockIndex = new int[f.blocks().size()];
        this.thenEdge = new int[f.blocks().size()];
        this.elseEdge = new int[f.blocks().size()];
        Arrays.fill(vreg, -1);
        Arrays.fill(defBlock, -1);
        Arrays.fill(defIndex, -1);
        this.paramValue = filled(f.params().size(), -1);
    }

    /** The selected code and whether it touches 256-bit registers. */
    public record Result(MFunction code, boolean usesYmm) {
    }

    /**
     * {@code types} is what {@code IrVerifier.verify} returned for {@code f}; {@code traps}
     * collects the module's trap messages (TRAP's immediate indexes it); {@code avx}: whether the
     * code may use AVX (VEX-encoded) instructions on 128-bit registers.
     */
    public static Result select(IrModule module, IrFunction f, @Nullable IrType[] types, List<String> traps, boolean avx) {
        X86Isel s = new X86Isel(module, f, types, traps, avx);
        MFunction code = s.run();
        return new Result(code, s.usesYmm);
    }

    // ---- analysis

    private void analyze() {
        List<IrBlock> blocks = f.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            for (IrBlockParam p : blocks.get(b).params()) {
                paramBlock[p.value()] = b;
            }
            IrTerminator t = blocks.get(b).terminator();
            if (t instanceof IrTerminator.Jump j && j.target() <= b) {
                lastLatch[j.target()] = Math.max(lastLatch[j.target()], b);
            } else if (t instanceof IrTerminator.Branch br) {
                if (br.thenTarget() <= b) {
                    lastLatch[br.thenTarget()] = Math.max(lastLatch[br.thenTarget()], b);
                }
                if (br.elseTarget() <= b) {
                    lastLatch[br.elseTarget()] = Math.max(lastLatch[br.elseTarget()], b);
                }
            }
        }
        // Per value, its reads as the address of a load or store in its own block (SSA: a value
        // this block defines is defined before such a read, so its defBlock is already known).
        int[] addressUses = new int[f.valueCount()];
        for (int b = 0; b < blocks.size(); b++) {
            List<IrInst> insts = blocks.get(b).insts();
            for (int j = 0, n = insts.size(); j < n; j++) {
                IrInst i = insts.get(j);
                for (int k = 0, args = i.argCount(); k < args; k++) {
                    use(i.arg(k), b);
                }
                if ((i.op() == IrOp.LOAD || i.op() == IrOp.STORE) && defBlock[i.arg(0)] == b) {
                    addressUses[i.arg(0)]++;
                }
                if (i.dst() != IrInst.NO_VALUE) {
                    def[i.dst()] = i;
                    defBlock[i.dst()] = b;
                    defIndex[i.dst()] = j;
                }
                if (i.dst2() != IrInst.NO_VALUE) {
                    defBlock[i.dst2()] = b;
                }
                if (i.op() == IrOp.PARAM) {
                    int k = (int) i.imm();
                    paramValue[k] = paramValue[k] != -1 ? paramValue[k] : b == 0 ? i.dst() : ENTRY_COPY;
                } else if (i.op() == IrOp.STORE && (i.type() == IrType.F32 || i.type() == IrType.F64)) {
                    storesFloat |= i.type() == IrType.F32 ? 1 : 2;
                }
            }
            IrTerminator t = blocks.get(b).terminator();
            if (t instanceof IrTerminator.Ret r) {
                for (int k = 0, m = r.valueCount(); k < m; k++) {
                    use(r.value(k), b);
                }
            } else if (t instanceof IrTerminator.Jump j) {
                for (int k = 0, m = j.argCount(); k < m; k++) {
                    use(j.arg(k), b);
                }
            } else if (t instanceof IrTerminator.Branch br) {
                use(br.cond(), b);
                for (int k = 0, m = br.thenArgCount(); k < m; k++) {
                    use(br.thenArg(k), b);
                }
                for (int k = 0, m = br.elseArgCount(); k < m; k++) {
                    use(br.elseArg(k), b);
                }
            }
        }
        // Compare-and-branch fusion.
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b).terminator() instanceof IrTerminator.Branch br) {
                IrInst c = def[br.cond()];
                if (c != null && defBlock[br.cond()] == b && uses[br.cond()] == 1 && c.op().isComparison() && !c.type().isVector()) {
                    skip[br.cond()] = true;
                }
            }
        }
        // Address folding: an i64 add whose every use is the address of a load/store in its block
        // (addressUses, counted in the pass above).
        int[] indexUses = new int[f.valueCount()];
        for (int v = 0; v < f.valueCount(); v++) {
            IrInst d = def[v];
            if (d != null && d.op() == IrOp.ADD && d.type() == IrType.I64 && addressUses[v] == uses[v] && uses[v] > 0) {
                skip[v] = true;
                int idx = scaledIndexOperand(d, defBlock[v]);
                if (idx >= 0) {
                    indexUses[d.arg(idx)]++;
                }
            }
        }
        for (int v = 0; v < f.valueCount(); v++) {
            if (indexUses[v] > 0 && indexUses[v] == uses[v]) {
                skip[v] = true;
            }
        }
        // Load folding: a scalar load used once, by arithmetic later in its block with nothing but
        // loads in between, becomes that instruction's memory operand.
        for (int b = 0; b < blocks.size(); b++) {
            List<IrInst> insts = blocks.get(b).insts();
            for (int j = 0; j < insts.size(); j++) {
                IrInst user = insts.get(j);
                int k = foldableOperand(user);
                if (k < 0 || skip[user.dst()]) {
                    continue;
                }
                int v = user.arg(k);
                IrInst load = def[v];
                if (load == null || load.op() != IrOp.LOAD || defBlock[v] != b || uses[v] != 1 || skip[v]) {
                    continue;
                }
                int at = defIndex[v];
                boolean clobbered = at < 0 || !diesHere(user.arg(1 - k), b);
                int[] addressValues = addressValues(load);
                for (int m = at + 1; m < j && !clobbered; m++) {
                    // No store or call in between, and nothing that reads the address's values:
                    // moving the load later must not keep them live where they would have died.
                    IrInst between = insts.get(m);
                    IrOp op = between.op();
                    clobbered = op == IrOp.STORE || op == IrOp.CALL || op == IrOp.CALL_INDIRECT;
                    for (int a = 0, args = between.argCount(); a < args && !clobbered; a++) {
                        clobbered = contains(addressValues, between.arg(a));
                    }
                }
                if (!clobbered) {
                    skip[v] = true;
                    folded[user.dst()] = k;
                }
            }
        }
    }

    private void use(int v, int block) {
        uses[v]++;
        if (paramBlock[v] == block) {
            usesAtHome[v]++;
        }
    }

    /**
     * Whether the other operand of a two-address operation can become its destination without a
     * copy: defined in this block, or a block parameter (a loop-carried value). A value from an
     * earlier block — a loop invariant — would need a copy; better to load into the destination
     * and keep the memory operand for a later instruction.
     */
    private boolean diesHere(int v, int block) {
        return defBlock[v] == block || def[v] == null;
    }

    /** The IR values a load's address reads, after address folding (at most five; unused entries -1). */
    private int[] addressValues(IrInst load) {
        int[] out = {-1, -1, -1, -1, -1};
        int addr = load.arg(0);
        out[0] = addr;
        int n = 1;
        IrInst add = def[addr];
        if (skip[addr] && add != null && add.op() == IrOp.ADD) {
            for (int k = 0; k < 2; k++) {
                int a = add.arg(k);
                out[n++] = a;
                IrInst sh = def[a];
                if (skip[a] && sh != null) {
                    out[n++] = sh.arg(0);
                }
            }
        }
        return out;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which operand of {@code user} could be a memory operand: the right one (or, for commutative
     * operations, the left one) of i32/i64 add/sub/and/or/xor/mul and scalar fadd/fsub/fmul/fdiv.
     */
    private int foldableOperand(IrInst user) {
        IrType t = user.type();
        boolean intOp = (t == IrType.I32 || t == IrType.I64) && switch (user.op()) {
            case ADD, SUB, AND, OR, XOR, MUL -> true;
            default -> false;
        };
        boolean floatOp = (t == IrType.F32 || t == IrType.F64) && switch (user.op()) {
            case FADD, FSUB, FMUL, FDIV -> true;
            default -> false;
        };
        if (!intOp && !floatOp || user.dst() == IrInst.NO_VALUE || user.arg(0) == user.arg(1)) {
            return -1;
        }
        boolean commutative = user.op() != IrOp.SUB && user.op() != IrOp.FSUB && user.op() != IrOp.FDIV;
        for (int k = 1; k >= (commutative ? 0 : 1); k--) {
            IrInst d = def[user.arg(k)];
            if (d != null && d.op() == IrOp.LOAD && d.type() == t && !isConstant(user.arg(1 - k))) {
                return k;
            }
        }
        return -1;
    }

    /** {@code d = other op [load's address]} for a user whose operand {@code folded[d]} is a folded load. */
    private void foldedArith(IrInst inst, MBlock mb, int d) {
        int k = folded[inst.dst()];
        IrInst load = java.util.Objects.requireNonNull(def[inst.arg(k)]);
        IrType t = inst.type();
        Address a = address(load, mb);
        mb.add(MInst.of(copyOp(t), d, vreg[inst.arg(1 - k)]));
        X86Op op;
        int extra;
        if (t.isFloat()) {
            boolean f64 = t == IrType.F64;
            op = X86Op.SSE_MEM;
            extra = (switch (inst.op()) {
                case FADD -> f64 ? SseOp.ADDSD : SseOp.ADDSS;
                case FSUB -> f64 ? SseOp.SUBSD : SseOp.SUBSS;
                case FMUL -> f64 ? SseOp.MULSD : SseOp.MULSS;
                default -> f64 ? SseOp.DIVSD : SseOp.DIVSS;
            }).ordinal();
        } else {
            op = t == IrType.I64 ? X86Op.ALU_MEM64 : X86Op.ALU_MEM32;
            extra = switch (inst.op()) {
                case ADD -> X86Assembler.AluOp.ADD.ordinal();
                case SUB -> X86Assembler.AluOp.SUB.ordinal();
                case AND -> X86Assembler.AluOp.AND.ordinal();
                case OR -> X86Assembler.AluOp.OR.ordinal();
                case XOR -> X86Assembler.AluOp.XOR.ordinal();
                default -> 7;
            };
        }
        mb.add(memInst(op, a, extra, new int[] {d}, new OperandRole[] {OperandRole.USE_DEF}));
    }

    /** Which operand (0 or 1) of an address add is a shift or multiply that fits a scaled index, or -1. */
    private int scaledIndexOperand(IrInst add, int block) {
        for (int k = 1; k >= 0; k--) {
            if (scaleOf(add.arg(k), block) > 0) {
                return k;
            }
        }
        return -1;
    }

    /** The scale (1, 2, 4, 8) if {@code v} is {@code x << c} or {@code x * 2^c} (i64) defined in {@code block}, else 0. */
    private int scaleOf(int v, int block) {
        IrInst d = def[v];
        if (d == null || defBlock[v] != block || d.type() != IrType.I64) {
            return 0;
        }
        if (d.op() == IrOp.SHL && isConstant(d.arg(1))) {
            long c = constant(d.arg(1));
            return (c & 63) <= 3 ? 1 << (int) (c & 63) : 0;
        }
        if (d.op() == IrOp.MUL && isConstant(d.arg(1))) {
            long c = constant(d.arg(1));
            return c == 1 || c == 2 || c == 4 || c == 8 ? (int) c : 0;
        }
        return 0;
    }

    /** Whether {@code v} is an integer constant ({@link #constant} then gives it). */
    private boolean isConstant(int v) {
        IrInst d = def[v];
        return d != null && d.op() == IrOp.ICONST;
    }

    private long constant(int v) {
        return java.util.Objects.requireNonNull(def[v]).imm();
    }

    private IrType typeOf(int v) {
        IrType t = types[v];
        if (t == null) {
            throw new IllegalStateException("v" + v + " has no type");
        }
        return t;
    }

    // ---- driver

    private MFunction run() {
        analyze();
        for (int v = 0; v < types.length; v++) {
            IrType t = types[v];
            if (t != null && !skip[v]) {
                vreg[v] = newVreg(t);
                usesYmm |= t.bits() == 256;
            }
        }
        List<IrBlock> blocks = f.blocks();
        guarded = guardedBlocks();
        // Edge blocks (a branch side passing arguments) go right before their target, which they
        // then fall into: a loop's exit moves, after the loop, need no jump of their own.
        int n = blocks.size();
        int[] edgesInto = new int[n];
        Arrays.fill(thenEdge, -1);
        Arrays.fill(elseEdge, -1);
        for (int b = 0; b < n; b++) {
            if (blocks.get(b).terminator() instanceof IrTerminator.Branch br) {
                if (br.thenArgCount() > 0) {
                    edgesInto[br.thenTarget()]++;
                }
                if (br.elseArgCount() > 0) {
                    edgesInto[br.elseTarget()]++;
                }
            }
        }
        int next = 0;
        for (int b = 0; b < n; b++) {
            next += edgesInto[b];
            // A guarded block goes on in the block of its guard (no edge block leads into it).
            blockIndex[b] = guarded[b] ? blockIndex[b - 1] : next++;
        }
        int[] edgeNext = new int[n]; // per target: the index of its next edge block
        for (int b = 0; b < n; b++) {
            edgeNext[b] = blockIndex[b] - edgesInto[b];
        }
        for (int b = 0; b < n; b++) {
            if (blocks.get(b).terminator() instanceof IrTerminator.Branch br) {
                if (br.thenArgCount() > 0) {
                    thenEdge[b] = edgeNext[br.thenTarget()]++;
                }
                if (br.elseArgCount() > 0) {
                    elseEdge[b] = edgeNext[br.elseTarget()]++;
                }
            }
        }
        // Edge blocks in index order: by target, then by source.
        int[] edgeSource = new int[next];
        boolean[] edgeThen = new boolean[next];
        for (int b = 0; b < n; b++) {
            if (thenEdge[b] >= 0) {
                edgeSource[thenEdge[b]] = b;
                edgeThen[thenEdge[b]] = true;
            }
            if (elseEdge[b] >= 0) {
                edgeSource[elseEdge[b]] = b;
            }
        }
        @Nullable MBlock open = null; // the machine block being filled (block 0 is never guarded)
        for (int b = 0; b < n; b++) {
            for (int e = blockIndex[b] - edgesInto[b]; e < blockIndex[b]; e++) {
                IrTerminator.Branch br = (IrTerminator.Branch) blocks.get(edgeSource[e]).terminator();
                edgeBlock(edgeThen[e] ? br.thenArgs() : br.elseArgs(), blockIndex[b]);
            }
            IrBlock block = blocks.get(b);
            currentBlock = b;
            if (!guarded[b]) {
                // About two machine instructions per IR instruction (and the guarded blocks after it),
                // with the parameters' copies in the entry.
                int size = block.insts().size();
                for (int g = b + 1; g < n && guarded[g]; g++) {
                    size += blocks.get(g).insts().size() + 1;
                }
                open = mf.addBlock(2 * size + (b == 0 ? 2 * f.params().size() : 0) + 4);
            }
            MBlock mb = java.util.Objects.requireNonNull(open);
            if (b == 0) {
                entry(mb);
                if ((storesFloat & 1) != 0) {
                    nan32 = newVreg(IrType.F32);
                    mb.add(MInst.ofImm(X86Op.FCONST32, 0x7FC0_0000L, nan32));
                }
                if ((storesFloat & 2) != 0) {
                    nan64 = newVreg(IrType.F64);
                    mb.add(MInst.ofImm(X86Op.FCONST64, 0x7FF8_0000_0000_0000L, nan64));
                }
            }
            List<IrBlockParam> params = block.params();
            if (!params.isEmpty()) {
                int[] ps = new int[params.size()];
                for (int k = 0; k < ps.length; k++) {
                    ps[k] = vreg[params.get(k).value()];
                }
                mb.add(MInst.of(X86Op.PARAMS, ps));
            }
            List<IrInst> insts = block.insts();
            for (int j = 0, size = insts.size(); j < size; j++) {
                IrInst inst = insts.get(j);
                if (inst.dst() == IrInst.NO_VALUE || !skip[inst.dst()]) {
                    select(inst, mb);
                }
            }
            terminator(b, block.terminator(), mb);
        }
        removeDeadCode();
        return mf;
    }

    /**
     * Drops instructions without side effects whose results nothing reads (constants folded into
     * immediates, parameters never used), to a fixed point.
     */
    private void removeDeadCode() {
        // Reads by USE operands and in-place updates by USE_DEF ones (an updated register is kept: its
        // chain is live), counted once and kept exact as instructions go. Removing only ever makes more
        // instructions dead, so a worklist reaches the same fixed point as sweeping until nothing
        // changes: when a register's last reader goes, the pure instructions writing it are looked at again.
        List<MBlock> blocks = mf.blocks();
        int[] blockStart = new int[blocks.size() + 1];
        for (int b = 0, n = blocks.size(); b < n; b++) {
            blockStart[b + 1] = blockStart[b] + blocks.get(b).insts().size();
        }
        int total = blockStart[blocks.size()];
        MInst[] all = new MInst[total];
        int[] reads = new int[mf.vregCount()];
        int[] updated = new int[mf.vregCount()];
        int at = 0;
        for (MBlock b : blocks) {
            List<MInst> insts = b.insts();
            for (int j = 0, n = insts.size(); j < n; j++, at++) {
                MInst i = insts.get(j);
                all[at] = i;
                count(i, reads, updated);
            }
        }
        boolean[] removed = new boolean[total];
        int[] work = new int[total];
        int top = 0;
        for (int k = 0; k < total; k++) {
            MInst i = all[k];
            if (PURE[((X86Op) i.op()).ordinal()] && deadDefs(i, reads, updated)) {
                removed[k] = true;
                work[top++] = k;
            }
        }
        if (top == 0) {
            return;
        }
        // Most dead instructions are constants folded into immediates: they read nothing, so the
        // writer lists are built only when a removal leaves a register unread.
        @Nullable Writers writers = null;
        while (top > 0) {
            MInst i = all[work[--top]];
            // Its USE operands: read, not written.
            for (long m = i.readMask() & ~i.writeMask(); m != 0; m &= m - 1) {
                int r = i.reg(Long.numberOfTrailingZeros(m));
                if (!Regs.isVirtual(r) || --reads[Regs.virtualIndex(r)] != 0 || updated[Regs.virtualIndex(r)] != 0) {
                    continue;
                }
                if (writers == null) {
                    writers = new Writers(all, mf.vregCount());
                }
                // A pure instruction writing it may be dead now.
                for (int node = writers.head[Regs.virtualIndex(r)]; node >= 0; node = writers.next[node]) {
                    int w = writers.inst[node];
                    if (!removed[w] && deadDefs(all[w], reads, updated)) {
                        removed[w] = true;
                        work[top++] = w;
                    }
                }
            }
        }
        for (int b = 0, n = blocks.size(); b < n; b++) {
            int from = blockStart[b];
            int to = blockStart[b + 1];
            int r = from;
            while (r < to && !removed[r]) {
                r++;
            }
            if (r == to) {
                continue; // nothing removed here: the list stays as it is
            }
            List<MInst> insts = blocks.get(b).insts();
            int kept = r - from; // the instructions before the first removed one stay where they are
            for (int j = kept, size = insts.size(); j < size; j++) {
                if (!removed[from + j]) {
                    if (kept != j) {
                        insts.set(kept, insts.get(j));
                    }
                    kept++;
                }
            }
            if (kept != insts.size()) {
                insts.subList(kept, insts.size()).clear();
            }
        }
    }

    /**
     * Per virtual register, the pure instructions (indexes into the function's instructions) that
     * write it: a list from {@code head[v]} through {@code next}, each node naming {@code inst}.
     */
    private static final class Writers {
        final int[] head;
        int[] inst;
        int[] next;

        Writers(MInst[] all, int vregs) {
            head = new int[vregs];
            Arrays.fill(head, -1);
            inst = new int[all.length + 8]; // about one register written per instruction
            next = new int[all.length + 8];
            int nodes = 0;
            for (int k = 0; k < all.length; k++) {
                MInst x = all[k];
                if (!PURE[((X86Op) x.op()).ordinal()]) {
                    continue;
                }
                for (long m = x.writeMask(); m != 0; m &= m - 1) {
                    int r = x.reg(Long.numberOfTrailingZeros(m));
                    if (Regs.isVirtual(r)) {
                        if (nodes == inst.length) {
                            inst = Arrays.copyOf(inst, 2 * nodes);
                            next = Arrays.copyOf(next, 2 * nodes);
                        }
                        inst[nodes] = k;
                        next[nodes] = head[Regs.virtualIndex(r)];
                        head[Regs.virtualIndex(r)] = nodes++;
                    }
                }
            }
        }
    }

    /** Per {@link X86Op} ordinal: {@link #pure}. */
    private static final boolean[] PURE = new boolean[X86Op.values().length];

    static {
        for (X86Op op : X86Op.values()) {
            PURE[op.ordinal()] = pure(op);
        }
    }

    /** Counts {@code i}'s USE operands in {@code reads} and its USE_DEF ones in {@code updated} (virtual registers only). */
    private static void count(MInst i, int[] reads, int[] updated) {
        long r = i.readMask();
        long w = i.writeMask();
        for (long m = r; m != 0; m &= m - 1) {
            int k = Long.numberOfTrailingZeros(m);
            int reg = i.reg(k);
            if (Regs.isVirtual(reg)) {
                if ((w & 1L << k) == 0) {
                    reads[Regs.virtualIndex(reg)]++;
                } else {
                    updated[Regs.virtualIndex(reg)]++;
                }
            }
        }
    }

    /** Every register the instruction writes is virtual, never read and never updated in place. */
    private static boolean deadDefs(MInst i, int[] reads, int[] updated) {
        long w = i.writeMask();
        for (long m = w; m != 0; m &= m - 1) {
            int r = i.reg(Long.numberOfTrailingZeros(m));
            if (!Regs.isVirtual(r) || reads[Regs.virtualIndex(r)] > 0 || updated[Regs.virtualIndex(r)] > 0) {
                return false;
            }
        }
        return w != 0;
    }

    /** Whether {@code v} is the constant 0 or +0.0 (all bits clear: a zero register is one xor). */
    private boolean isZero(int v) {
        IrInst c = def[v];
        return c != null && (c.op() == IrOp.ICONST || c.op() == IrOp.FCONST) && c.imm() == 0;
    }

    private static boolean pure(X86Op op) {
        return switch (op) {
            case MOV, MOVAPS, VMOVAPS, MOV_IMM, FCONST32, FCONST64, ADD64, ADD32, SUB64, SUB32, AND64, AND32, OR64, OR32, XOR64, XOR32,
                    IMUL64, IMUL32, ADDI64, ADDI32, SUBI64, SUBI32, ANDI64, ANDI32, ORI64, ORI32, XORI64, XORI32, IMULI64, IMULI32,
                    SHLI64, SHLI32, SHRI64, SHRI32, SARI64, SARI32, MOVSX8, MOVSX16, MOVSXD, MOVZX8, MOVZX16, MOVZX32, SETCC8, SETCC16,
                    SETCC32, SETCC64, SETCCI32, SETCCI64, FSETCC_SS, FSETCC_SD, LEA_STACK, LEA_FUNC, SSE, SSE_DEF, SSE_K, SSE_SHIFT, AVX,
                    AVX_UNARY, AVX_K, AVX_SHIFT, MOVQ_XR, MOVD_XR, MOVQ_RX, MOVD_RX, FMINMAX, CVTSI2F, CVTUI2F, FTOI, VMUL, VCMP, VFMINMAX,
                    VSPLAT, VZERO, VEXTRACT, VREDUCE, LOAD8, LOAD16, LOAD32, LOAD64, LOAD_SS, LOAD_SD, LOAD_V128, LOAD_V256, SSE_MEM, ALU_MEM64, ALU_MEM32 -> true;
            default -> false;
        };
    }

    private int newVreg(IrType t) {
        return mf.newVreg(RegClass.of(t), RegClass.spillBytes(t));
    }

    private int newInt() {
        return mf.newVreg(RegClass.INT);
    }

    private int newXmm(int bytes) {
        return mf.newVreg(RegClass.FLOAT, Math.max(8, bytes));
    }

    /**
     * Parameters: register ones copied out at the entry (the copies usually vanish), stack ones
     * loaded; into the register of the entry block's PARAM of each, which then needs no copy of its own.
     */
    private int[] paramRegs = new int[0];

    /**
     * Per parameter, as {@link #analyze} finds the PARAM instructions: -1 none reads it, the value of
     * the first one when it is in the entry block, {@link #ENTRY_COPY} when it is elsewhere.
     */
    private final int[] paramValue;
    private static final int ENTRY_COPY = -2;

    private void entry(MBlock mb) {
        List<ArgLocation> locs = SysVAbi.params(f.params());
        paramRegs = new int[f.params().size()];
        Arrays.fill(paramRegs, -1);
        for (int k = 0; k < locs.size(); k++) {
            if (paramValue[k] == -1) {
                continue;
            }
            IrType t = f.params().get(k);
            int v = paramValue[k] >= 0 ? vreg[paramValue[k]] : newVreg(t);
            paramRegs[k] = v;
            if (locs.get(k) instanceof ArgLocation.InReg r) {
                mb.add(MInst.of(copyOp(t), v, r.reg()));
            } else if (locs.get(k) instanceof ArgLocation.OnStack s) {
                mb.add(MInst.ofImm(X86Op.LOAD_ARG, ArgSlot.of(s.offset(), argKind(t)), v));
            }
        }
    }

    private static int argKind(IrType t) {
        if (t.isVector()) {
            return t.bits() == 256 ? ArgSlot.V256 : ArgSlot.V128;
        }
        return t == IrType.F32 ? ArgSlot.F32 : t == IrType.F64 ? ArgSlot.F64 : ArgSlot.INT;
    }

    // ---- instructions

    private void select(IrInst inst, MBlock mb) {
        IrType t = inst.type();
        int d = inst.dst() == IrInst.NO_VALUE ? -1 : vreg[inst.dst()];
        if (inst.dst() != IrInst.NO_VALUE && folded[inst.dst()] >= 0) {
            foldedArith(inst, mb, d);
            return;
        }
        switch (inst.op()) {
            case PARAM -> {
                int from = paramRegs[(int) inst.imm()];
                if (from != d) {
                    mb.add(MInst.of(copyOp(t), d, from));
                }
            }
            case ICONST -> mb.add(MInst.ofImm(X86Op.MOV_IMM, truncate(inst.imm(), t), d));
            case FCONST -> mb.add(MInst.ofImm(t == IrType.F32 ? X86Op.FCONST32 : X86Op.FCONST64, inst.imm(), d));
            case COPY -> mb.add(MInst.of(copyOp(t), d, arg(inst, 0)));
            case SELECT -> {
                mb.add(MInst.of(copyOp(t), d, arg(inst, 2)));
                if (t.isInt() && !t.isVector()) {
                    // test, then cmov: at most two operands each, whatever the allocator spills.
                    mb.add(MInst.of(X86Op.TEST8, arg(inst, 0)));
                    mb.add(MInst.of(t == IrType.I64 ? X86Op.CMOVNE64 : X86Op.CMOVNE32, d, arg(inst, 1)));
                } else {
                    mb.add(MInst.ofImm(X86Op.FSELECT, t.bytes(), d, arg(inst, 0), arg(inst, 1)));
                }
            }
            case ADD, SUB, MUL, AND, OR, XOR -> {
                if (t.isVector()) {
                    vectorInt(inst, mb, d);
                } else {
                    intArith(inst, mb, d);
                }
            }
            case SDIV, SREM, UDIV, UREM -> divide(inst, mb, d);
            case SHL, SSHR, USHR -> shift(inst, mb, d);
            case FADD, FSUB, FMUL, FDIV -> floatArith(inst, mb, d);
            case FNEG, FABS -> {
                boolean neg = inst.op() == IrOp.FNEG;
                Konst k = t.laneBits() == 32 ? (neg ? Konst.SIGN32 : Konst.ABS32) : (neg ? Konst.SIGN64 : Konst.ABS64);
                if (t.bits() == 256) {
                    mb.add(MInst.ofImm(X86Op.AVX_K, avx(neg ? AvxOp.VXORPS : AvxOp.VANDPS, true, k.ordinal()), d, arg(inst, 0)));
                } else {
                    mb.add(MInst.of(copyOp(t), d, arg(inst, 0)));
                    mb.add(MInst.ofImm(X86Op.SSE_K, (neg ? SseOp.XORPS : SseOp.ANDPS).ordinal() | k.ordinal() << 16, d));
                }
            }
            case FSQRT -> {
                boolean f64 = t.laneBits() == 64;
                if (t.bits() == 256) {
                    mb.add(MInst.ofImm(X86Op.AVX_UNARY, avx(f64 ? AvxOp.VSQRTPD : AvxOp.VSQRTPS, true, 0), d, arg(inst, 0)));
                } else {
                    SseOp op = t.isVector() ? (f64 ? SseOp.SQRTPD : SseOp.SQRTPS) : (f64 ? SseOp.SQRTSD : SseOp.SQRTSS);
                    mb.add(MInst.ofImm(X86Op.SSE_DEF, op.ordinal(), d, arg(inst, 0)));
                }
            }
            case FMIN, FMAX -> {
                boolean max = inst.op() == IrOp.FMAX;
                if (t.isVector()) {
                    mb.add(MInst.ofImm(X86Op.VFMINMAX, t.ordinal() | (max ? 1 << 8 : 0), d, arg(inst, 0), arg(inst, 1),
                            newXmm(t.bytes())));
                } else {
                    SseOp op = t == IrType.F32 ? (max ? SseOp.MAXSS : SseOp.MINSS) : (max ? SseOp.MAXSD : SseOp.MINSD);
                    int b = arg(inst, 1);
                    mb.add(MInst.of(X86Op.MOVAPS, d, arg(inst, 0)));
                    mb.add(MInst.ofImm(X86Op.FMINMAX, op.ordinal(), d, inst.arg(1) == inst.arg(0) ? d : b));
                }
            }
            case EQ, NE, SLT, SLE, SGT, SGE, ULT, ULE, UGT, UGE, FEQ, FNE, FLT, FLE, FGT, FGE -> compare(inst, mb, d);
            case SEXT -> {
                IrType from = typeOf(inst.arg(0));
                mb.add(MInst.of(from == IrType.I8 ? X86Op.MOVSX8 : from == IrType.I16 ? X86Op.MOVSX16 : X86Op.MOVSXD, d, arg(inst, 0)));
            }
            case ZEXT -> mb.add(MInst.of(zext(typeOf(inst.arg(0))), d, arg(inst, 0)));
            case TRUNC -> mb.add(MInst.of(X86Op.MOV, d, arg(inst, 0)));
            case SITOF, UITOF -> intToFloat(inst, mb, d);
            case FTOSI, FTOUI -> {
                IrType from = typeOf(inst.arg(0));
                mb.add(MInst.ofImm(X86Op.FTOI, FtoI.of(from == IrType.F64, inst.op() == IrOp.FTOSI, t.bits()), d, arg(inst, 0),
                        newXmm(8), newInt()));
            }
            case FPROMOTE -> mb.add(MInst.ofImm(X86Op.SSE_DEF, SseOp.CVTSS2SD.ordinal(), d, arg(inst, 0)));
            case FDEMOTE -> mb.add(MInst.ofImm(X86Op.SSE_DEF, SseOp.CVTSD2SS.ordinal(), d, arg(inst, 0)));
            case LOAD -> load(inst, mb, d);
            case STORE -> store(inst, mb);
            case STACK_ADDR -> mb.add(MInst.ofImm(X86Op.LEA_STACK, inst.imm(), d));
            case FUNC_ADDR -> mb.add(MInst.ofImm(X86Op.LEA_FUNC, inst.imm(), d));
            case CALL, CALL_INDIRECT -> call(inst, mb);
            case SPLAT -> mb.add(isZero(inst.arg(0)) ? MInst.ofImm(X86Op.VZERO, t.ordinal(), d)
                    : MInst.ofImm(X86Op.VSPLAT, t.ordinal(), d, arg(inst, 0)));
            case EXTRACT -> {
                IrType v = typeOf(inst.arg(0));
                mb.add(MInst.ofImm(X86Op.VEXTRACT, v.ordinal() | inst.imm() << 8, d, arg(inst, 0), newXmm(v.bytes())));
            }
            case REDUCE_ADD -> {
                IrType v = typeOf(inst.arg(0));
                mb.add(MInst.ofImm(X86Op.VREDUCE, v.ordinal(), d, arg(inst, 0), newXmm(v.bytes()), newXmm(v.bytes())));
            }
        }
    }

    private static X86Op zext(IrType from) {
        return from == IrType.I8 ? X86Op.MOVZX8 : from == IrType.I16 ? X86Op.MOVZX16 : X86Op.MOVZX32;
    }

    private void intArith(IrInst inst, MBlock mb, int d) {
        IrType t = inst.type();
        boolean w = t == IrType.I64;
        int a = arg(inst, 0);
        int b = arg(inst, 1);
        IrOp op = inst.op();
        // A constant right operand (or left, for commutative ops) becomes an immediate.
        boolean isC = isConstant(inst.arg(1));
        long c = isC ? constant(inst.arg(1)) : 0;
        int other = a;
        if (!isC && op != IrOp.SUB && isConstant(inst.arg(0))) {
            isC = true;
            c = constant(inst.arg(0));
            other = b;
        }
        if (isC && (!w || c == (int) c)) {
            int imm = (int) c;
            if (op == IrOp.MUL) {
                mb.add(MInst.ofImm(w ? X86Op.IMULI64 : X86Op.IMULI32, imm, d, other));
                return;
            }
            if (op == IrOp.ADD || op == IrOp.SUB) {
                // Three-address: no copy for the allocator to coalesce (lea when the registers differ).
                X86Op aop = op == IrOp.ADD ? (w ? X86Op.ADDI64 : X86Op.ADDI32) : (w ? X86Op.SUBI64 : X86Op.SUBI32);
                mb.add(MInst.ofImm(aop, imm, d, other));
                return;
            }
            X86Op iop = switch (op) {
                case AND -> w ? X86Op.ANDI64 : X86Op.ANDI32;
                case OR -> w ? X86Op.ORI64 : X86Op.ORI32;
                default -> w ? X86Op.XORI64 : X86Op.XORI32;
            };
            mb.add(MInst.of(X86Op.MOV, d, other));
            mb.add(MInst.ofImm(iop, imm, d));
            return;
        }
        if (op == IrOp.ADD) {
            mb.add(MInst.of(w ? X86Op.ADD64 : X86Op.ADD32, d, a, b));
            return;
        }
        X86Op rop = switch (op) {
            case SUB -> w ? X86Op.SUB64 : X86Op.SUB32;
            case MUL -> w ? X86Op.IMUL64 : X86Op.IMUL32;
            case AND -> w ? X86Op.AND64 : X86Op.AND32;
            case OR -> w ? X86Op.OR64 : X86Op.OR32;
            default -> w ? X86Op.XOR64 : X86Op.XOR32;
        };
        if (op != IrOp.SUB && preferSwap(inst)) {
            twoAddress(mb, rop, t, d, b, a, false);
            return;
        }
        twoAddress(mb, rop, t, d, a, b, inst.arg(0) == inst.arg(1));
    }

    /**
     * For a commutative two-address operation: copy the right operand into the destination instead
     * of the left when the right one dies here and the left one lives on (a loop-invariant factor,
     * an accumulator read again later), so the copy can vanish. Swapping float operands changes
     * at most which NaN payload propagates, and payloads never leave generated code.
     */
    private boolean preferSwap(IrInst inst) {
        int a = inst.arg(0);
        int b = inst.arg(1);
        return a != b && uses[b] == 1 && (uses[a] > 1 || defBlock[a] != defBlock[b]) && defBlock[b] == currentBlock
                && !carriedDiesHere(a);
    }

    /**
     * {@code v} is a parameter of a loop header whose loop holds the current block, read here and
     * otherwise only in the header: this is its last read in the iteration (the next one binds a new
     * value), so it can become the destination (an accumulator: {@code s = s + x} updates s in place).
     * Loops are contiguous in the layout ({@code BlockLayout}): the header, then up to its last back edge.
     */
    private boolean carriedDiesHere(int v) {
        int h = paramBlock[v];
        return h >= 0 && h < currentBlock && currentBlock <= lastLatch[h] && uses[v] - usesAtHome[v] == 1;
    }

    /**
     * {@code d = a op b} as {@code d = a; d op= b}. The operation reads {@code d}, not {@code a}, so
     * {@code a} may die at the copy and share {@code d}'s register (the copy then disappears);
     * {@code a op a} becomes {@code d op= d}.
     */
    private void twoAddress(MBlock mb, X86Op op, IrType t, int d, int a, int b, boolean same) {
        mb.add(MInst.of(copyOp(t), d, a));
        mb.add(MInst.of(op, d, same ? d : b));
    }

    private void twoAddressImm(MBlock mb, X86Op op, long imm, IrType t, int d, int a, int b, boolean same) {
        mb.add(MInst.of(copyOp(t), d, a));
        mb.add(MInst.ofImm(op, imm, d, same ? d : b));
    }

    private void divide(IrInst inst, MBlock mb, int d) {
        IrType t = inst.type();
        boolean signed = inst.op() == IrOp.SDIV || inst.op() == IrOp.SREM;
        int a = arg(inst, 0);
        int b = arg(inst, 1);
        if (t == IrType.I8 || t == IrType.I16) {
            // Extend both to 32 bits; the 32-bit quotient and remainder are exact.
            X86Op ext = signed ? (t == IrType.I8 ? X86Op.MOVSX8 : X86Op.MOVSX16) : zext(t);
            int a2 = newInt();
            int b2 = newInt();
            mb.add(MInst.of(ext, a2, a));
            mb.add(MInst.of(ext, b2, b));
            a = a2;
            b = b2;
        }
        boolean w = t == IrType.I64;
        int rax = X86Target.gpr(Gpr.RAX);
        int rdx = X86Target.gpr(Gpr.RDX);
        mb.add(MInst.of(X86Op.MOV, rax, a));
        X86Op op = signed ? (w ? X86Op.IDIV64 : X86Op.IDIV32) : (w ? X86Op.UDIV64 : X86Op.UDIV32);
        mb.add(MInst.of(op, rax, rdx, b));
        boolean quotient = inst.op() == IrOp.SDIV || inst.op() == IrOp.UDIV;
        mb.add(MInst.of(X86Op.MOV, d, quotient ? rax : rdx));
    }

    private void shift(IrInst inst, MBlock mb, int d) {
        IrType t = inst.type();
        int w = t.bits();
        boolean wide = w == 64;
        int a = arg(inst, 0);
        // Narrow right shifts read the bits above the width: extend first (sign for sar, zero for shr).
        X86Op first = switch (inst.op()) {
            case SSHR -> w == 8 ? X86Op.MOVSX8 : w == 16 ? X86Op.MOVSX16 : X86Op.MOV;
            case USHR -> w == 8 ? X86Op.MOVZX8 : w == 16 ? X86Op.MOVZX16 : X86Op.MOV;
            default -> X86Op.MOV;
        };
        boolean isC = isConstant(inst.arg(1));
        long c = isC ? constant(inst.arg(1)) : 0;
        mb.add(MInst.of(first, d, a));
        if (isC) {
            int amount = (int) (c & (w - 1));
            X86Op op = switch (inst.op()) {
                case SHL -> wide ? X86Op.SHLI64 : X86Op.SHLI32;
                case SSHR -> wide ? X86Op.SARI64 : X86Op.SARI32;
                default -> wide ? X86Op.SHRI64 : X86Op.SHRI32;
            };
            if (amount != 0) {
                mb.add(MInst.ofImm(op, amount, d));
            }
            return;
        }
        int amount = arg(inst, 1);
        if (w < 32) {
            // x86 masks 8- and 16-bit shift counts by 31; the IR masks by width - 1.
            int m = newInt();
            mb.add(MInst.of(X86Op.MOV, m, amount));
            mb.add(MInst.ofImm(X86Op.ANDI32, w - 1, m));
            amount = m;
        }
        int rcx = X86Target.gpr(Gpr.RCX);
        mb.add(MInst.of(X86Op.MOV, rcx, amount));
        X86Op op = switch (inst.op()) {
            case SHL -> wide ? X86Op.SHL64 : X86Op.SHL32;
            case SSHR -> wide ? X86Op.SAR64 : X86Op.SAR32;
            default -> wide ? X86Op.SHR64 : X86Op.SHR32;
        };
        mb.add(MInst.of(op, d, rcx));
    }

    private void floatArith(IrInst inst, MBlock mb, int d) {
        IrType t = inst.type();
        boolean f64 = t.laneBits() == 64;
        int a = arg(inst, 0);
        int b = arg(inst, 1);
        if (t.bits() == 256) {
            AvxOp op = switch (inst.op()) {
                case FADD -> f64 ? AvxOp.VADDPD : AvxOp.VADDPS;
                case FSUB -> f64 ? AvxOp.VSUBPD : AvxOp.VSUBPS;
                case FMUL -> f64 ? AvxOp.VMULPD : AvxOp.VMULPS;
                default -> f64 ? AvxOp.VDIVPD : AvxOp.VDIVPS;
            };
            mb.add(MInst.ofImm(X86Op.AVX, avx(op, true, 0), d, a, b));
            return;
        }
        boolean v = t.isVector();
        SseOp op = switch (inst.op()) {
            case FADD -> v ? (f64 ? SseOp.ADDPD : SseOp.ADDPS) : (f64 ? SseOp.ADDSD : SseOp.ADDSS);
            case FSUB -> v ? (f64 ? SseOp.SUBPD : SseOp.SUBPS) : (f64 ? SseOp.SUBSD : SseOp.SUBSS);
            case FMUL -> v ? (f64 ? SseOp.MULPD : SseOp.MULPS) : (f64 ? SseOp.MULSD : SseOp.MULSS);
            default -> v ? (f64 ? SseOp.DIVPD : SseOp.DIVPS) : (f64 ? SseOp.DIVSD : SseOp.DIVSS);
        };
        boolean commutative = inst.op() == IrOp.FADD || inst.op() == IrOp.FMUL;
        if (commutative && preferSwap(inst)) {
            twoAddressImm(mb, X86Op.SSE, op.ordinal(), t, d, b, a, false);
            return;
        }
        twoAddressImm(mb, X86Op.SSE, op.ordinal(), t, d, a, b, inst.arg(0) == inst.arg(1));
    }

    private void vectorInt(IrInst inst, MBlock mb, int d) {
        IrType t = inst.type();
        int a = arg(inst, 0);
        int b = arg(inst, 1);
        boolean same = inst.arg(0) == inst.arg(1);
        if (inst.op() == IrOp.MUL && (t == IrType.I8X16 || t == IrType.I32X4 || t == IrType.I64X2 || t == IrType.I64X4)) {
            mb.add(MInst.ofImm(X86Op.VMUL, t.ordinal(), d, a, b, newXmm(t.bytes()), newXmm(t.bytes())));
            return;
        }
        if (t.bits() == 256) {
            boolean q = t.laneBits() == 64;
            AvxOp op = switch (inst.op()) {
                case ADD -> q ? AvxOp.VPADDQ : AvxOp.VPADDD;
                case SUB -> q ? AvxOp.VPSUBQ : AvxOp.VPSUBD;
                case MUL -> AvxOp.VPMULLD;
                case AND -> AvxOp.VPAND;
                case OR -> AvxOp.VPOR;
                default -> AvxOp.VPXOR;
            };
            mb.add(MInst.ofImm(X86Op.AVX, avx(op, true, 0), d, a, b));
            return;
        }
        int lane = t.laneBits();
        SseOp op = switch (inst.op()) {
            case ADD -> lane == 8 ? SseOp.PADDB : lane == 16 ? SseOp.PADDW : lane == 32 ? SseOp.PADDD : SseOp.PADDQ;
            case SUB -> lane == 8 ? SseOp.PSUBB : lane == 16 ? SseOp.PSUBW : lane == 32 ? SseOp.PSUBD : SseOp.PSUBQ;
            case MUL -> SseOp.PMULLW;
            case AND -> SseOp.PAND;
            case OR -> SseOp.POR;
            default -> SseOp.PXOR;
        };
        if (inst.op() != IrOp.SUB && preferSwap(inst)) {
            twoAddressImm(mb, X86Op.SSE, op.ordinal(), t, d, b, a, false);
            return;
        }
        twoAddressImm(mb, X86Op.SSE, op.ordinal(), t, d, a, b, same);
    }

    private static long avx(AvxOp op, boolean l256, int imm8) {
        return op.ordinal() | (l256 ? 1L << 16 : 0) | (long) imm8 << 24;
    }

    private void compare(IrInst inst, MBlock mb, int d) {
        IrType t = inst.type();
        if (t.isVector()) {
            mb.add(MInst.ofImm(X86Op.VCMP, t.ordinal() | inst.op().ordinal() << 8, d, arg(inst, 0), arg(inst, 1),
                    newXmm(t.bytes()), newXmm(t.bytes())));
            return;
        }
        if (t.isFloat()) {
            FCond c = fcond(inst.op());
            mb.add(MInst.ofImm(t == IrType.F32 ? X86Op.FSETCC_SS : X86Op.FSETCC_SD, c.ordinal(), d, newInt(), arg(inst, 0), arg(inst, 1)));
            return;
        }
        CmpImm ci = cmpImm(inst);
        if (ci != null) {
            mb.add(MInst.ofImm(t == IrType.I64 ? X86Op.SETCCI64 : X86Op.SETCCI32, ci.cond().enc() | (long) ci.constant() << 8, d, ci.reg()));
            return;
        }
        mb.add(MInst.ofImm(setcc(t), cond(inst.op()).enc(), d, arg(inst, 0), arg(inst, 1)));
    }

    /** An i32/i64 comparison with a constant that fits an imm32: the register, the condition (swapped if the constant is on the left), the constant. */
    private record CmpImm(int reg, Cond cond, int constant) {
    }

    private @Nullable CmpImm cmpImm(IrInst c) {
        IrType t = c.type();
        if (t != IrType.I32 && t != IrType.I64) {
            return null;
        }
        Cond cond = cond(c.op());
        for (int k = 1; k >= 0; k--) {
            if (!isConstant(c.arg(k))) {
                continue;
            }
            long v = constant(c.arg(k));
            if (t == IrType.I32 || v == (int) v) {
                return new CmpImm(vreg[c.arg(1 - k)], k == 1 ? cond : swap(cond), (int) v);
            }
        }
        return null;
    }

    /** The condition with the operands exchanged: a &lt; b is b &gt; a. */
    private static Cond swap(Cond c) {
        return switch (c) {
            case L -> Cond.G;
            case G -> Cond.L;
            case LE -> Cond.GE;
            case GE -> Cond.LE;
            case B -> Cond.A;
            case A -> Cond.B;
            case BE -> Cond.AE;
            case AE -> Cond.BE;
            default -> c;
        };
    }

    private static X86Op setcc(IrType t) {
        return switch (t) {
            case I8 -> X86Op.SETCC8;
            case I16 -> X86Op.SETCC16;
            case I32 -> X86Op.SETCC32;
            default -> X86Op.SETCC64;
        };
    }

    private static Cond cond(IrOp op) {
        return switch (op) {
            case EQ -> Cond.E;
            case NE -> Cond.NE;
            case SLT -> Cond.L;
            case SLE -> Cond.LE;
            case SGT -> Cond.G;
            case SGE -> Cond.GE;
            case ULT -> Cond.B;
            case ULE -> Cond.BE;
            case UGT -> Cond.A;
            default -> Cond.AE;
        };
    }

    private static FCond fcond(IrOp op) {
        return switch (op) {
            case FEQ -> FCond.EQ;
            case FNE -> FCond.NE;
            case FLT -> FCond.LT;
            case FLE -> FCond.LE;
            case FGT -> FCond.GT;
            default -> FCond.GE;
        };
    }

    private void intToFloat(IrInst inst, MBlock mb, int d) {
        IrType from = typeOf(inst.arg(0));
        boolean f64 = inst.type() == IrType.F64;
        int s = arg(inst, 0);
        boolean signed = inst.op() == IrOp.SITOF;
        if (!signed && from == IrType.I64) {
            mb.add(MInst.ofImm(X86Op.CVTUI2F, f64 ? 64 : 32, d, s, newInt()));
            return;
        }
        if (from != IrType.I64) {
            // Extend to 64 bits: the 64-bit conversion is then exact for every narrower value.
            int e = newInt();
            X86Op ext = signed ? (from == IrType.I8 ? X86Op.MOVSX8 : from == IrType.I16 ? X86Op.MOVSX16 : X86Op.MOVSXD) : zext(from);
            mb.add(MInst.of(ext, e, s));
            s = e;
        }
        mb.add(MInst.ofImm(X86Op.CVTSI2F, f64 ? 64 : 32, d, s));
    }

    // ---- memory

    /** Base register, optional index register and scale, displacement. */
    private record Address(int base, int index, int scale, int disp) {
    }

    private Address address(IrInst inst, MBlock mb) {
        int addr = inst.arg(0);
        long disp = inst.imm();
        int base = vreg[addr];
        int index = -1;
        int scale = 1;
        IrInst add = def[addr];
        if (skip[addr] && add != null && add.op() == IrOp.ADD) {
            int b = defBlock[addr];
            int k = scaledIndexOperand(add, b);
            if (k >= 0) {
                IrInst sh = def[add.arg(k)];
                scale = scaleOf(add.arg(k), b);
                index = vreg[sh == null ? add.arg(k) : sh.arg(0)];
                base = vreg[add.arg(1 - k)];
            } else {
                long c = isConstant(add.arg(1)) ? constant(add.arg(1)) : 0;
                if (isConstant(add.arg(1)) && disp + c == (int) (disp + c)) {
                    base = vreg[add.arg(0)];
                    disp += c;
                } else {
                    base = vreg[add.arg(0)];
                    index = vreg[add.arg(1)];
                }
            }
        }
        if (disp != (int) disp) {
            int t = newInt();
            int sum = newInt();
            mb.add(MInst.ofImm(X86Op.MOV_IMM, disp, t));
            mb.add(MInst.of(X86Op.ADD64, sum, base, t));
            base = sum;
            disp = 0;
        }
        return new Address(base, index, scale, (int) disp);
    }

    /** An instruction on {@code regs} (their roles given) followed by the address registers (USE). */
    private static MInst memInst(X86Op op, Address a, int extra, int[] regs, OperandRole[] roles) {
        int n = regs.length + (a.index() >= 0 ? 2 : 1);
        int[] r = Arrays.copyOf(regs, n);
        OperandRole[] ro = Arrays.copyOf(roles, n);
        r[regs.length] = a.base();
        ro[regs.length] = OperandRole.USE;
        if (a.index() >= 0) {
            r[regs.length + 1] = a.index();
            ro[regs.length + 1] = OperandRole.USE;
        }
        return new MInst(op, Addr.of(a.disp(), a.index() >= 0, a.scale(), extra), ro, r);
    }

    private void load(IrInst inst, MBlock mb, int d) {
        IrType t = inst.type();
        X86Op op = switch (t) {
            case I8 -> X86Op.LOAD8;
            case I16 -> X86Op.LOAD16;
            case I32 -> X86Op.LOAD32;
            case I64 -> X86Op.LOAD64;
            case F32 -> X86Op.LOAD_SS;
            case F64 -> X86Op.LOAD_SD;
            default -> t.bits() == 256 ? X86Op.LOAD_V256 : X86Op.LOAD_V128;
        };
        mb.add(memInst(op, address(inst, mb), 0, new int[] {d}, new OperandRole[] {OperandRole.DEF}));
    }

    private void store(IrInst inst, MBlock mb) {
        IrType t = inst.type();
        int v = arg(inst, 1);
        Address a = address(inst, mb);
        if (t.isVector() && t.isFloat()) {
            int t1 = newXmm(t.bytes());
            int t2 = newXmm(t.bytes());
            mb.add(memInst(X86Op.STORE_VF, a, t.ordinal(), new int[] {v, t1, t2},
                    new OperandRole[] {OperandRole.USE, OperandRole.EARLY_DEF, OperandRole.EARLY_DEF}));
            return;
        }
        if (t == IrType.F32 || t == IrType.F64) {
            // value, canonical NaN, then one temporary (AVX: compare, blend) or two (SSE2: compare, and, andn, or).
            int nan = t == IrType.F32 ? nan32 : nan64;
            int t1 = newXmm(16);
            int[] regs = avx ? new int[] {v, nan, t1} : new int[] {v, nan, t1, newXmm(16)};
            OperandRole[] roles = avx ? new OperandRole[] {OperandRole.USE, OperandRole.USE, OperandRole.EARLY_DEF}
                    : new OperandRole[] {OperandRole.USE, OperandRole.USE, OperandRole.EARLY_DEF, OperandRole.EARLY_DEF};
            mb.add(memInst(t == IrType.F32 ? X86Op.STORE_SS : X86Op.STORE_SD, a, avx ? 1 : 0, regs, roles));
            return;
        }
        X86Op op = switch (t) {
            case I8 -> X86Op.STORE8;
            case I16 -> X86Op.STORE16;
            case I32 -> X86Op.STORE32;
            case I64 -> X86Op.STORE64;
            default -> t.bits() == 256 ? X86Op.STORE_V256 : X86Op.STORE_V128;
        };
        mb.add(memInst(op, a, 0, new int[] {v}, new OperandRole[] {OperandRole.USE}));
    }

    // ---- calls

    private void call(IrInst inst, MBlock mb) {
        boolean indirect = inst.op() == IrOp.CALL_INDIRECT;
        int[] args = inst.args();
        int first = indirect ? 1 : 0;
        List<IrType> paramTypes = new ArrayList<>(args.length - first);
        for (int k = first; k < args.length; k++) {
            paramTypes.add(typeOf(args[k]));
        }
        List<IrType> resultTypes;
        if (indirect) {
            resultTypes = inst.dst() == IrInst.NO_VALUE ? List.of() : List.of(inst.type());
        } else {
            resultTypes = module.functions().get((int) inst.imm()).returns();
        }
        List<ArgLocation> locs = SysVAbi.params(paramTypes);
        // Stack arguments first, then the register copies right before the call.
        for (int k = 0; k < locs.size(); k++) {
            if (locs.get(k) instanceof ArgLocation.OnStack s) {
                mb.add(MInst.ofImm(X86Op.STORE_ARG, ArgSlot.of(s.offset(), argKind(paramTypes.get(k))), vreg[args[first + k]]));
            }
        }
        // Operands: the target (indirect), the result registers (each once), the argument registers.
        List<SysVAbi.ResultPart> parts = SysVAbi.returns(resultTypes);
        int[] regs = new int[(indirect ? 1 : 0) + parts.size() + locs.size()];
        OperandRole[] roles = new OperandRole[regs.length];
        int at = 0;
        if (indirect) {
            regs[at] = vreg[args[0]];
            roles[at++] = OperandRole.USE;
        }
        int resultsFrom = at;
        for (SysVAbi.ResultPart p : parts) {
            if (indexOf(regs, resultsFrom, at, p.reg()) < 0) {
                regs[at] = p.reg();
                roles[at++] = OperandRole.DEF;
            }
        }
        for (int k = 0; k < locs.size(); k++) {
            if (locs.get(k) instanceof ArgLocation.InReg r) {
                mb.add(MInst.of(copyOp(paramTypes.get(k)), r.reg(), vreg[args[first + k]]));
                regs[at] = r.reg();
                roles[at++] = OperandRole.USE;
            }
        }
        if (at < regs.length) {
            regs = Arrays.copyOf(regs, at);
            roles = Arrays.copyOf(roles, at);
        }
        mb.add(new MInst(indirect ? X86Op.CALL_IND : X86Op.CALL, indirect ? 0 : inst.imm(), roles, regs));
        int[] dsts = {inst.dst(), inst.dst2()};
        for (int i = 0; i < parts.size(); i++) {
            if (dsts[i] != IrInst.NO_VALUE) {
                unpack(mb, parts.get(i), resultTypes.get(i), vreg[dsts[i]]);
            }
        }
    }

    private static int indexOf(int[] a, int from, int to, int v) {
        for (int i = from; i < to; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** {@code d} = the returned value {@code part} describes. */
    private void unpack(MBlock mb, SysVAbi.ResultPart part, IrType t, int d) {
        boolean inGpr = X86Target.INSTANCE.regClass(part.reg()) == RegClass.INT;
        if (inGpr) {
            int bits = part.reg();
            if (part.shift() > 0) {
                bits = newInt();
                mb.add(MInst.of(X86Op.MOV, bits, part.reg()));
                mb.add(MInst.ofImm(X86Op.SHRI64, part.shift(), bits));
            }
            if (t.isFloat()) {
                mb.add(MInst.of(t == IrType.F32 ? X86Op.MOVD_XR : X86Op.MOVQ_XR, d, bits));
            } else {
                mb.add(MInst.of(X86Op.MOV, d, bits));
            }
        } else if (part.shift() > 0) {
            // The second f32 of a packed pair: bits 32..63 of xmm0.
            mb.add(MInst.of(X86Op.MOVAPS, d, part.reg()));
            mb.add(MInst.ofImm(X86Op.SSE_SHIFT, SseShift.PSRLQ.ordinal() | 32 << 16, d));
        } else {
            mb.add(MInst.of(copyOp(t), d, part.reg()));
        }
    }

    // ---- terminators

    /**
     * Per block: whether it goes on in the block before it, after a guard ({@link TrapGuards}).
     * Only integer compares and tests: a float compare's branch takes two jumps.
     */
    private boolean[] guardedBlocks() {
        boolean[] out = TrapGuards.guarded(f);
        List<IrBlock> blocks = f.blocks();
        for (int b = 1; b < out.length; b++) {
            if (out[b]) {
                int cond = ((IrTerminator.Branch) blocks.get(b - 1).terminator()).cond();
                IrInst c = def[cond];
                out[b] = !(skip[cond] && c != null && c.type().isFloat());
            }
        }
        return out;
    }

    private void terminator(int b, IrTerminator term, MBlock mb) {
        if (term instanceof IrTerminator.Ret ret) {
            ret(ret.values(), mb);
        } else if (term instanceof IrTerminator.Jump j) {
            int target = blockIndex[j.target()];
            edge(j.args(), target, mb);
            mb.add(MInst.ofImm(X86Op.JMP, target));
            mb.setSuccessors(target);
        } else if (term instanceof IrTerminator.Branch br) {
            boolean guard = b + 1 < guarded.length && guarded[b + 1];
            int thenB = guard && br.thenTarget() == b + 1 ? Branches.NEXT
                    : thenEdge[b] >= 0 ? thenEdge[b] : blockIndex[br.thenTarget()];
            int elseB = guard && br.elseTarget() == b + 1 ? Branches.NEXT
                    : elseEdge[b] >= 0 ? elseEdge[b] : blockIndex[br.elseTarget()];
            branch(br.cond(), thenB, elseB, mb);
            if (!guard) {
                mb.setSuccessors(thenB, elseB);
            } // else the guarded block's own way out ends the machine block
        } else if (term instanceof IrTerminator.Trap trap) {
            mb.add(MInst.ofImm(X86Op.TRAP, trapMessage(trap.kind())));
        }
    }

    /** The index of this function's message for {@code kind} in the module's list, added on first use. */
    private int trapMessage(TrapKind kind) {
        int idx = trapIndex[kind.ordinal()];
        if (idx < 0) {
            String msg = kind.message(f.name()) + "\n";
            idx = traps.indexOf(msg);
            if (idx < 0) {
                idx = traps.size();
                traps.add(msg);
            }
            trapIndex[kind.ordinal()] = idx;
        }
        return idx;
    }

    private final int[] trapIndex = filled(TrapKind.values().length, -1);

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    private void edge(int[] args, int target, MBlock mb) {
        if (args.length > 0) {
            int[] regs = new int[args.length];
            for (int k = 0; k < args.length; k++) {
                regs[k] = vreg[args[k]];
            }
            mb.add(MInst.ofImm(X86Op.EDGE, target, regs));
        }
    }

    private void edgeBlock(int[] args, int target) {
        MBlock e = mf.addBlock();
        edge(args, target, e);
        e.add(MInst.ofImm(X86Op.JMP, target));
        e.setSuccessors(target);
    }

    private void branch(int cond, int thenB, int elseB, MBlock mb) {
        IrInst c = def[cond];
        if (skip[cond] && c != null) {
            IrType t = c.type();
            if (t.isFloat()) {
                mb.add(MInst.ofImm(t == IrType.F32 ? X86Op.BR_FCMP_SS : X86Op.BR_FCMP_SD, Branches.of(thenB, elseB, fcond(c.op()).ordinal()),
                        vreg[c.arg(0)], vreg[c.arg(1)]));
            } else if (cmpImm(c) != null && thenB < Branches.SMALL && elseB < Branches.SMALL) {
                CmpImm ci = java.util.Objects.requireNonNull(cmpImm(c));
                mb.add(MInst.ofImm(t == IrType.I64 ? X86Op.BR_CMPI64 : X86Op.BR_CMPI32,
                        Branches.withConstant(thenB, elseB, ci.cond().enc(), ci.constant()), ci.reg()));
            } else {
                X86Op op = switch (t) {
                    case I8 -> X86Op.BR_CMP8;
                    case I16 -> X86Op.BR_CMP16;
                    case I32 -> X86Op.BR_CMP32;
                    default -> X86Op.BR_CMP64;
                };
                mb.add(MInst.ofImm(op, Branches.of(thenB, elseB, cond(c.op()).enc()), vreg[c.arg(0)], vreg[c.arg(1)]));
            }
            return;
        }
        mb.add(MInst.ofImm(X86Op.BR_TEST, Branches.of(thenB, elseB, 0), vreg[cond]));
    }

    private void ret(int[] values, MBlock mb) {
        List<SysVAbi.ResultPart> parts = SysVAbi.returns(f.returns());
        int[] regs = new int[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            SysVAbi.ResultPart p = parts.get(i);
            IrType t = f.returns().get(i);
            int v = vreg[values[i]];
            if (indexOf(regs, 0, n, p.reg()) < 0) {
                regs[n++] = p.reg();
            }
            if (!p.packed()) {
                result(mb, t, p.reg(), v);
            } else {
                pack(mb, p, t, v, i == 0);
            }
        }
        mb.add(MInst.of(X86Op.RET, n == regs.length ? regs : Arrays.copyOf(regs, n)));
    }

    /** A lone result: narrow integers sign-extended to 64 bits, NaNs canonical. */
    private void result(MBlock mb, IrType t, int reg, int v) {
        switch (t) {
            case I8 -> mb.add(MInst.of(X86Op.MOVSX8, reg, v));
            case I16 -> mb.add(MInst.of(X86Op.MOVSX16, reg, v));
            case I32 -> mb.add(MInst.of(X86Op.MOVSXD, reg, v));
            case I64 -> mb.add(MInst.of(X86Op.MOV, reg, v));
            case F32, F64 -> {
                mb.add(MInst.of(X86Op.MOVAPS, reg, v));
                mb.add(MInst.ofImm(X86Op.CANON, t.bits(), reg));
            }
            default -> {
                mb.add(MInst.of(copyOp(t), reg, v));
                if (t.isFloat()) {
                    mb.add(MInst.ofImm(X86Op.VCANON, t.laneBits() | (t.bits() == 256 ? 1 << 8 : 0), reg, newXmm(t.bytes()),
                            newXmm(t.bytes())));
                }
            }
        }
    }

    /** Two fields in one eightbyte: the first zero-extended in the low bits, the second shifted over it. */
    private void pack(MBlock mb, SysVAbi.ResultPart p, IrType t, int v, boolean first) {
        boolean inGpr = X86Target.INSTANCE.regClass(p.reg()) == RegClass.INT;
        if (!inGpr) {
            // {f32, f32} in xmm0: unpcklps puts the second in bits 32..63.
            int c = newXmm(8);
            mb.add(MInst.of(X86Op.MOVAPS, c, v));
            mb.add(MInst.ofImm(X86Op.CANON, 32, c));
            if (first) {
                mb.add(MInst.of(X86Op.MOVAPS, p.reg(), c));
            } else {
                mb.add(MInst.ofImm(X86Op.SSE, SseOp.UNPCKLPS.ordinal(), p.reg(), c));
            }
            return;
        }
        int bits = newInt();
        if (t.isFloat()) {
            int c = newXmm(8);
            mb.add(MInst.of(X86Op.MOVAPS, c, v));
            mb.add(MInst.ofImm(X86Op.CANON, t.bits(), c));
            mb.add(MInst.of(t == IrType.F32 ? X86Op.MOVD_RX : X86Op.MOVQ_RX, bits, c)); // movd zero-extends
        } else {
            mb.add(MInst.of(zext(t == IrType.I64 ? IrType.I32 : t), bits, v));
        }
        if (first) {
            mb.add(MInst.of(X86Op.MOV, p.reg(), bits));
        } else {
            mb.add(MInst.ofImm(X86Op.SHLI64, p.shift(), bits));
            mb.add(MInst.of(X86Op.OR64, p.reg(), bits));
        }
    }

    private int arg(IrInst inst, int i) {
        return vreg[inst.arg(i)];
    }

    private static X86Op copyOp(IrType t) {
        if (t.bits() == 256) {
            return X86Op.VMOVAPS;
        }
        return t.isFloat() || t.isVector() ? X86Op.MOVAPS : X86Op.MOV;
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
