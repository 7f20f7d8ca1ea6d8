package dev.simplec.api.codegen;

import java.util.BitSet;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Live intervals of every register of a function, physical and virtual (Wimmer &amp; Franz's
 * backward construction over the liveness sets, so values live around a loop cover the whole
 * loop). Physical registers that instructions name directly (argument and return registers,
 * clobbers) get intervals too: the allocator keeps virtual registers off them while they are in
 * use. Block arguments and the parameters they bind hint at each other, so the edge moves
 * usually vanish.
 */
public final class LiveIntervals {
    private final int physicalCount;
    private final @Nullable LiveInterval[] byKey;

    private LiveIntervals(int physicalCount, @Nullable LiveInterval[] byKey) {
        this.physicalCount = physicalCount;
        this.byKey = byKey;
    }

    public static LiveIntervals build(MFunction f, Liveness liveness) {
        int phys = liveness.physicalCount();
        @Nullable LiveInterval[] byKey = new @Nullable LiveInterval[phys + f.vregCount()];
        List<MBlock> blocks = f.blocks();
        int[] depth = LoopDepth.compute(f);
        int[] firstIndex = new int[blocks.size() + 1];
        for (int b = 0; b < blocks.size(); b++) {
            firstIndex[b + 1] = firstIndex[b] + blocks.get(b).insts().size();
        }
        for (int b = blocks.size() - 1; b >= 0; b--) {
            int blockFrom = 2 * firstIndex[b];
            int blockTo = 2 * firstIndex[b + 1];
            BitSet live = liveness.liveOut(b);
            for (int k = live.nextSetBit(0); k >= 0; k = live.nextSetBit(k + 1)) {
                at(byKey, k, phys).addRange(blockFrom, blockTo);
            }
            List<MInst> insts = blocks.get(b).insts();
            for (int j = insts.size() - 1; j >= 0; j--) {
                MInst inst = insts.get(j);
                int usePos = 2 * (firstIndex[b] + j);
                int defPos = usePos + 1;
                for (int r : inst.op().clobbers()) {
                    at(byKey, r, phys).addRange(defPos, defPos + 1);
                }
                for (int i = 0; i < inst.regCount(); i++) {
                    OperandRole role = inst.role(i);
                    if (role.writes()) {
                        int k = Liveness.key(inst.reg(i), phys);
                        LiveInterval iv = at(byKey, k, phys);
                        int from = role == OperandRole.EARLY_DEF ? usePos : defPos;
                        if (live.get(k)) {
                            iv.setStart(from);
                            live.clear(k);
                        } else {
                            iv.addRange(from, defPos + 1); // dead definition: still occupies its register
                        }
                        iv.addOccurrence(depth[b]);
                    }
                }
                for (int i = 0; i < inst.regCount(); i++) {
                    if (inst.role(i).reads()) {
                        int k = Liveness.key(inst.reg(i), phys);
                        LiveInterval iv = at(byKey, k, phys);
                        iv.addRange(blockFrom, usePos + 1);
                        iv.addOccurrence(depth[b]);
                        live.set(k);
                    }
                }
                if (inst.op().isCopy()) {
                    at(byKey, Liveness.key(inst.reg(0), phys), phys).addHint(inst.reg(1));
                    at(byKey, Liveness.key(inst.reg(1), phys), phys).addHint(inst.reg(0));
                } else if (inst.op().isEdgeMoves()) {
                    hintEdge(f, inst, byKey, phys);
                }
            }
        }
        return new LiveIntervals(phys, byKey);
    }

    /** Each block argument and the parameter it binds prefer one register. */
    private static void hintEdge(MFunction f, MInst edge, @Nullable LiveInterval[] byKey, int phys) {
        List<MInst> target = f.blocks().get((int) edge.imm()).insts();
        if (target.isEmpty() || !target.get(0).op().isBlockParams() || target.get(0).regCount() != edge.regCount()) {
            throw new IllegalStateException(f.name() + ": " + edge + " does not match the parameters of b" + edge.imm());
        }
        MInst params = target.get(0);
        for (int i = 0; i < edge.regCount(); i++) {
            at(byKey, Liveness.key(edge.reg(i), phys), phys).addHint(params.reg(i));
            at(byKey, Liveness.key(params.reg(i), phys), phys).addHint(edge.reg(i));
        }
    }

    private static LiveInterval at(@Nullable LiveInterval[] byKey, int key, int phys) {
        LiveInterval iv = byKey[key];
        if (iv == null) {
            iv = new LiveInterval(key < phys ? key : Regs.virtual(key - phys));
            byKey[key] = iv;
        }
        return iv;
    }

    /** The interval of {@code reg}, or null when it is never touched. */
    public @Nullable LiveInterval of(int reg) {
        return byKey[Liveness.key(reg, physicalCount)];
    }
}
