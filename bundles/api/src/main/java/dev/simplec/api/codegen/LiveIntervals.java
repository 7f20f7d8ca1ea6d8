package dev.simplec.api.codegen;

import java.util.BitSet;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Live intervals of every register of a function, physical and virtual (Wimmer &amp; Franz's
 * backward construction). Physical registers that instructions name directly (argument and
 * return registers, clobbers) get intervals too: the allocator keeps virtual registers off them
 * while they are in use.
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
                    if (inst.op().role(i).writes()) {
                        int k = Liveness.key(inst.reg(i), phys);
                        LiveInterval iv = at(byKey, k, phys);
                        if (live.get(k)) {
                            iv.setStart(defPos);
                            live.clear(k);
                        } else {
                            iv.addRange(defPos, defPos + 1); // dead definition: still occupies its register
                        }
                    }
                }
                for (int i = 0; i < inst.regCount(); i++) {
                    if (inst.op().role(i).reads()) {
                        int k = Liveness.key(inst.reg(i), phys);
                        at(byKey, k, phys).addRange(blockFrom, usePos + 1);
                        live.set(k);
                    }
                }
                if (inst.op().isCopy()) {
                    at(byKey, Liveness.key(inst.reg(0), phys), phys).addHint(inst.reg(1));
                    at(byKey, Liveness.key(inst.reg(1), phys), phys).addHint(inst.reg(0));
                }
            }
        }
        return new LiveIntervals(phys, byKey);
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
