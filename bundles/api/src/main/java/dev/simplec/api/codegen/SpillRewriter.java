package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/**
 * Applies an {@link Allocation}, in place: every virtual register becomes its physical register; a
 * spilled one is loaded into a scratch register before the instruction that reads it and stored
 * after the one that writes it. Copies whose two sides got one register disappear. Block-parameter
 * pseudo-instructions disappear, and each edge-moves pseudo-instruction becomes the
 * {@link ParallelMoves} from its arguments' locations to the target block's parameters'.
 * <p>
 * The function is rewritten rather than copied (instructions keep their objects, a block's list
 * is rebuilt only where instructions come or go): allocation consumes selected code.
 */
public final class SpillRewriter {
    private static final int CLASS_COUNT = RegClass.values().length;

    private final MFunction f;
    private final TargetRegisters target;
    private final Allocation alloc;
    private final ParallelMoves.Batch moves = new ParallelMoves.Batch(8);
    private final int[] scratchUsed = new int[CLASS_COUNT];
    /** Per physical register: written by the rewritten code (a register the callee must save, if callee-saved). */
    private final boolean[] written;
    /** The block being rewritten, instruction by instruction. */
    private final ArrayList<MInst> out = new ArrayList<>(32);

    private SpillRewriter(MFunction f, TargetRegisters target, Allocation alloc) {
        this.f = f;
        this.target = target;
        this.alloc = alloc;
        this.written = new boolean[target.physicalCount()];
    }

    /** Rewrites {@code f} in place and returns it. */
    public static MFunction rewrite(MFunction f, TargetRegisters target, Allocation alloc) {
        return rewriteAndTrack(f, target, alloc).code();
    }

    /** The rewritten code and, per physical register, whether an instruction of it writes or clobbers that register. */
    record Result(MFunction code, boolean[] written) {
    }

    static Result rewriteAndTrack(MFunction f, TargetRegisters target, Allocation alloc) {
        SpillRewriter r = new SpillRewriter(f, target, alloc);
        r.run();
        return new Result(f, r.written);
    }

    private void run() {
        // Edge moves read the parameter lists of their targets: take the parameters' locations
        // before any block loses its PARAMS.
        List<MBlock> blocks = f.blocks();
        int[] @Nullable [] paramLocations = new int[blocks.size()][];
        @Nullable MInst[] paramInsts = new @Nullable MInst[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            List<MInst> insts = blocks.get(b).insts();
            if (!insts.isEmpty() && insts.get(0).op().isBlockParams()) {
                MInst params = insts.get(0);
                paramInsts[b] = params;
                int[] loc = new int[params.regCount()];
                for (int i = 0; i < loc.length; i++) {
                    int p = params.reg(i);
                    loc[i] = Regs.isVirtual(p) && alloc.slot(p) < 0 && alloc.register(p) < 0 ? UNREAD : location(p, params);
                }
                paramLocations[b] = loc;
            }
        }
        for (int b = 0; b < blocks.size(); b++) {
            List<MInst> insts = blocks.get(b).insts();
            int n = insts.size();
            // In place while every instruction is kept or dropped (a block's parameters, a copy onto
            // itself): the usual case up to the block's edge moves or a spilled operand; from there
            // on the rest goes through out, as its instructions may become several.
            int kept = 0;
            int j = 0;
            for (; j < n; j++) {
                MInst inst = insts.get(j);
                MOpcode op = inst.op();
                if (op.isBlockParams()) {
                    continue;
                }
                if (op.isEdgeMoves() || !inRegisters(inst)) {
                    break;
                }
                if (op.isCopy() && inst.reg(0) == inst.reg(1)) {
                    continue;
                }
                track(inst);
                if (kept != j) {
                    insts.set(kept, inst);
                }
                kept++;
            }
            if (j < n) {
                out.clear();
                for (; j < n; j++) {
                    MInst inst = insts.get(j);
                    if (inst.op().isBlockParams()) {
                        continue;
                    } else if (inst.op().isEdgeMoves()) {
                        edgeMoves(inst, paramInsts[(int) inst.imm()], paramLocations[(int) inst.imm()]);
                    } else {
                        rewrite(inst);
                    }
                }
                // Element by element: addAll would copy out into an array first.
                for (int k = 0, m = out.size(); k < m; k++) {
                    MInst x = out.get(k);
                    track(x);
                    if (kept < n) {
                        insts.set(kept, x);
                    } else {
                        insts.add(x);
                    }
                    kept++;
                }
            }
            if (kept < insts.size()) {
                insts.subList(kept, insts.size()).clear();
            }
        }
    }

    /**
     * Rewrites {@code inst} where it is when every operand has a register (virtual ones become
     * theirs); false, and nothing changed, when one is spilled.
     */
    private boolean inRegisters(MInst inst) {
        int n = inst.regCount();
        for (int i = 0; i < n; i++) {
            int r = inst.reg(i);
            if (Regs.isVirtual(r) && alloc.slot(r) >= 0) {
                return false;
            } else if (Regs.isVirtual(r) && alloc.register(r) < 0) {
                throw new SimplecException(ErrorKind.INTERNAL, f.name() + ": " + inst + ": %" + Regs.virtualIndex(r) + " has no location");
            }
        }
        for (int i = 0; i < n; i++) {
            int r = inst.reg(i);
            if (Regs.isVirtual(r)) {
                inst.setReg(i, alloc.register(r));
            }
        }
        return true;
    }

    /** The location of a parameter nothing reads. */
    private static final int UNREAD = Integer.MIN_VALUE;

    private void track(MInst inst) {
        for (long m = inst.writeMask(); m != 0; m &= m - 1) {
            written[inst.reg(Long.numberOfTrailingZeros(m))] = true;
        }
        for (int r : inst.op().clobbers()) {
            written[r] = true;
        }
    }

    private int location(int reg, MInst inst) {
        if (!Regs.isVirtual(reg)) {
            return reg;
        }
        if (alloc.slot(reg) >= 0) {
            return ParallelMoves.slot(alloc.slot(reg));
        }
        if (alloc.register(reg) < 0) {
            throw new SimplecException(ErrorKind.INTERNAL, f.name() + ": " + inst + ": %" + Regs.virtualIndex(reg) + " has no location");
        }
        return alloc.register(reg);
    }

    private void edgeMoves(MInst edge, @Nullable MInst params, int @Nullable [] paramLocation) {
        if (params == null || paramLocation == null || paramLocation.length != edge.regCount()) {
            throw new IllegalStateException(f.name() + ": " + edge + " does not match the parameters of b" + edge.imm());
        }
        moves.clear();
        for (int i = 0; i < edge.regCount(); i++) {
            if (paramLocation[i] == UNREAD) {
                continue; // the parameter is never read
            }
            int p = params.reg(i);
            int bytes = Regs.isVirtual(p) ? f.vregBytes(p) : 8;
            RegClass cls = Regs.isVirtual(p) ? f.vregClass(p) : target.regClass(p);
            moves.add(paramLocation[i], location(edge.reg(i), edge), cls, bytes);
        }
        moves.resolve(target, out);
    }

    /** Rewrites {@code inst} into {@link #out}, with the loads and stores of its spilled operands. */
    private void rewrite(MInst inst) {
        if (inRegisters(inst)) {
            if (!(inst.op().isCopy() && inst.reg(0) == inst.reg(1))) {
                out.add(inst);
            }
            return;
        }
        int n = inst.regCount();
        int[] regs = new int[n];
        for (int i = 0; i < n; i++) {
            int r = inst.reg(i);
            regs[i] = !Regs.isVirtual(r) ? r : alloc.slot(r) < 0 ? alloc.register(r) : -1;
        }
        Arrays.fill(scratchUsed, 0);
        // Pass 1: spilled operands that are read (USE, USE_DEF) take scratch registers in order; loads go first.
        for (int i = 0; i < n; i++) {
            int r = inst.reg(i);
            if (regs[i] < 0 && inst.role(i).reads()) {
                int same = sameOperand(inst, i, regs);
                if (same >= 0) {
                    regs[i] = same;
                } else {
                    regs[i] = nextScratch(inst, r);
                    out.add(target.spillLoad(regs[i], alloc.slot(r), f.vregBytes(r)));
                }
            }
        }
        // Pass 2: spilled early definitions need a scratch register no input holds.
        for (int i = 0; i < n; i++) {
            if (regs[i] < 0 && inst.role(i) == OperandRole.EARLY_DEF) {
                int same = sameOperand(inst, i, regs);
                regs[i] = same >= 0 ? same : nextScratch(inst, inst.reg(i));
            }
        }
        // Pass 3: spilled late definitions are written after every input is read: any scratch register
        // that does not carry another result will do.
        for (int i = 0; i < n; i++) {
            if (regs[i] < 0) {
                int same = sameOperand(inst, i, regs);
                regs[i] = same >= 0 ? same : freeForResult(inst, i, regs);
            }
        }
        // Stores after the instruction, for the spilled registers it writes (each once), read off
        // the virtual operands before they are overwritten.
        int stores = out.size();
        for (int i = 0; i < n; i++) {
            int r = inst.reg(i);
            if (Regs.isVirtual(r) && alloc.slot(r) >= 0 && inst.role(i).writes() && firstWrite(inst, i)) {
                out.add(target.spillStore(regs[i], alloc.slot(r), f.vregBytes(r)));
            }
        }
        for (int i = 0; i < n; i++) {
            inst.setReg(i, regs[i]);
        }
        if (!(inst.op().isCopy() && regs[0] == regs[1])) {
            out.add(stores, inst);
        }
    }

    private int nextScratch(MInst inst, int vreg) {
        RegClass cls = f.vregClass(vreg);
        int[] scratch = target.scratch(cls);
        if (scratchUsed[cls.ordinal()] >= scratch.length) {
            throw new SimplecException(ErrorKind.INTERNAL, f.name() + ": " + inst + ": more spilled operands than scratch registers");
        }
        return scratch[scratchUsed[cls.ordinal()]++];
    }

    /** A scratch register of the operand's class that no other written operand of {@code inst} holds. */
    private int freeForResult(MInst inst, int i, int[] regs) {
        for (int s : target.scratch(f.vregClass(inst.reg(i)))) {
            boolean taken = false;
            for (int j = 0; j < inst.regCount(); j++) {
                if (j != i && regs[j] == s && inst.role(j).writes()) {
                    taken = true;
                }
            }
            if (!taken) {
                return s;
            }
        }
        throw new SimplecException(ErrorKind.INTERNAL, f.name() + ": " + inst + ": more spilled results than scratch registers");
    }

    /** The register already chosen for another operand naming the same virtual register, or -1. */
    private static int sameOperand(MInst inst, int i, int[] regs) {
        for (int j = 0; j < inst.regCount(); j++) {
            if (j != i && inst.reg(j) == inst.reg(i) && regs[j] >= 0) {
                return regs[j];
            }
        }
        return -1;
    }

    private static boolean firstWrite(MInst inst, int i) {
        for (int j = 0; j < i; j++) {
            if (inst.reg(j) == inst.reg(i) && inst.role(j).writes()) {
                return false;
            }
        }
        return true;
    }
}
