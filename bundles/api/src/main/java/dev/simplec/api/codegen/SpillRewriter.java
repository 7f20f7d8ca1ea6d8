package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/**
 * Applies an {@link Allocation}: every virtual register becomes its physical register; a spilled
 * one is loaded into a scratch register before the instruction that reads it and stored after the
 * one that writes it. Copies whose two sides got one register disappear. Block-parameter
 * pseudo-instructions disappear, and each edge-moves pseudo-instruction becomes the
 * {@link ParallelMoves} from its arguments' locations to the target block's parameters'.
 */
public final class SpillRewriter {
    private static final int CLASS_COUNT = RegClass.values().length;

    private SpillRewriter() {
    }

    public static MFunction rewrite(MFunction f, TargetRegisters target, Allocation alloc) {
        MFunction out = new MFunction(f.name());
        for (MBlock block : f.blocks()) {
            MBlock nb = out.addBlock();
            nb.setSuccessors(block.successors());
            for (MInst inst : block.insts()) {
                if (inst.op().isBlockParams()) {
                    continue;
                } else if (inst.op().isEdgeMoves()) {
                    edgeMoves(inst, f, target, alloc, nb);
                } else {
                    rewrite(inst, f, target, alloc, nb);
                }
            }
        }
        return out;
    }

    private static int location(int reg, MFunction f, MInst inst, Allocation alloc) {
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

    private static void edgeMoves(MInst edge, MFunction f, TargetRegisters target, Allocation alloc, MBlock out) {
        MInst params = f.blocks().get((int) edge.imm()).insts().get(0);
        List<ParallelMoves.Move> moves = new ArrayList<>();
        for (int i = 0; i < edge.regCount(); i++) {
            int p = params.reg(i);
            if (Regs.isVirtual(p) && alloc.slot(p) < 0 && alloc.register(p) < 0) {
                continue; // the parameter is never read
            }
            int bytes = Regs.isVirtual(p) ? f.vregBytes(p) : 8;
            RegClass cls = Regs.isVirtual(p) ? f.vregClass(p) : target.regClass(p);
            moves.add(new ParallelMoves.Move(location(p, f, params, alloc), location(edge.reg(i), f, edge, alloc), cls, bytes));
        }
        for (MInst m : ParallelMoves.resolve(moves, target)) {
            out.add(m);
        }
    }

    private static void rewrite(MInst inst, MFunction f, TargetRegisters target, Allocation alloc, MBlock out) {
        int n = inst.regCount();
        int[] regs = new int[n];
        Arrays.fill(regs, -1);
        int[] scratchUsed = new int[CLASS_COUNT];
        // Pass 1: operands that are read (USE, USE_DEF) take scratch registers in order; loads go first.
        for (int i = 0; i < n; i++) {
            int r = inst.reg(i);
            if (!Regs.isVirtual(r)) {
                regs[i] = r;
            } else if (alloc.slot(r) < 0) {
                regs[i] = alloc.register(r);
                if (regs[i] < 0) {
                    throw new SimplecException(ErrorKind.INTERNAL, f.name() + ": " + inst + ": %" + Regs.virtualIndex(r) + " has no location");
                }
            } else if (inst.role(i).reads()) {
                int same = sameOperand(inst, i, regs);
                if (same >= 0) {
                    regs[i] = same;
                } else {
                    regs[i] = nextScratch(f, inst, r, target, scratchUsed);
                    out.add(target.spillLoad(regs[i], alloc.slot(r), f.vregBytes(r)));
                }
            }
        }
        // Pass 2: spilled early definitions need a scratch register no input holds.
        for (int i = 0; i < n; i++) {
            if (regs[i] < 0 && inst.role(i) == OperandRole.EARLY_DEF) {
                int same = sameOperand(inst, i, regs);
                regs[i] = same >= 0 ? same : nextScratch(f, inst, inst.reg(i), target, scratchUsed);
            }
        }
        // Pass 3: spilled late definitions are written after every input is read: any scratch register
        // that does not carry another result will do.
        for (int i = 0; i < n; i++) {
            if (regs[i] < 0) {
                int same = sameOperand(inst, i, regs);
                regs[i] = same >= 0 ? same : freeForResult(f, inst, i, regs, target);
            }
        }
        if (!(inst.op().isCopy() && regs[0] == regs[1])) {
            out.add(inst.withRegs(regs));
        }
        for (int i = 0; i < n; i++) {
            int r = inst.reg(i);
            if (Regs.isVirtual(r) && alloc.slot(r) >= 0 && inst.role(i).writes() && firstWrite(inst, i)) {
                out.add(target.spillStore(regs[i], alloc.slot(r), f.vregBytes(r)));
            }
        }
    }

    private static int nextScratch(MFunction f, MInst inst, int vreg, TargetRegisters target, int[] scratchUsed) {
        RegClass cls = f.vregClass(vreg);
        int[] scratch = target.scratch(cls);
        if (scratchUsed[cls.ordinal()] >= scratch.length) {
            throw new SimplecException(ErrorKind.INTERNAL, f.name() + ": " + inst + ": more spilled operands than scratch registers");
        }
        return scratch[scratchUsed[cls.ordinal()]++];
    }

    /** A scratch register of the operand's class that no other written operand of {@code inst} holds. */
    private static int freeForResult(MFunction f, MInst inst, int i, int[] regs, TargetRegisters target) {
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
