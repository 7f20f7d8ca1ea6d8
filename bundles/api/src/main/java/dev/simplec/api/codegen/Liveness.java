package dev.simplec.api.codegen;

import java.util.BitSet;
import java.util.List;

/**
 * Which registers are live on entry to and exit from each block (backward dataflow to a fixed
 * point). Registers are keyed densely: physical {@code r} is key {@code r}, virtual register
 * {@code n} is key {@code physicalCount + n}.
 */
public final class Liveness {
    private final int physicalCount;
    private final BitSet[] liveIn;
    private final BitSet[] liveOut;

    private Liveness(int physicalCount, BitSet[] liveIn, BitSet[] liveOut) {
        this.physicalCount = physicalCount;
        this.liveIn = liveIn;
        this.liveOut = liveOut;
    }

    public static Liveness compute(MFunction f, int physicalCount) {
        List<MBlock> blocks = f.blocks();
        int n = blocks.size();
        BitSet[] gen = new BitSet[n];
        BitSet[] kill = new BitSet[n];
        BitSet[] in = new BitSet[n];
        BitSet[] out = new BitSet[n];
        for (int b = 0; b < n; b++) {
            gen[b] = new BitSet();
            kill[b] = new BitSet();
            in[b] = new BitSet();
            out[b] = new BitSet();
            for (MInst inst : blocks.get(b).insts()) {
                for (int i = 0; i < inst.regCount(); i++) {
                    int k = key(inst.reg(i), physicalCount);
                    if (inst.role(i).reads() && !kill[b].get(k)) {
                        gen[b].set(k);
                    }
                }
                for (int i = 0; i < inst.regCount(); i++) {
                    if (inst.role(i).writes()) {
                        kill[b].set(key(inst.reg(i), physicalCount));
                    }
                }
                for (int r : inst.op().clobbers()) {
                    kill[b].set(r);
                }
            }
        }
        int[][] successors = new int[n][];
        for (int b = 0; b < n; b++) {
            successors[b] = blocks.get(b).successors();
        }
        // Scratch sets: a block's sets are copied only when they change.
        BitSet o = new BitSet();
        BitSet i = new BitSet();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = n - 1; b >= 0; b--) {
                o.clear();
                for (int s : successors[b]) {
                    o.or(in[s]);
                }
                i.clear();
                i.or(o);
                i.andNot(kill[b]);
                i.or(gen[b]);
                if (!i.equals(in[b]) || !o.equals(out[b])) {
                    in[b] = (BitSet) i.clone();
                    out[b] = (BitSet) o.clone();
                    changed = true;
                }
            }
        }
        return new Liveness(physicalCount, in, out);
    }

    public static int key(int reg, int physicalCount) {
        return Regs.isVirtual(reg) ? physicalCount + Regs.virtualIndex(reg) : reg;
    }

    public int physicalCount() {
        return physicalCount;
    }

    public BitSet liveIn(int block) {
        return (BitSet) liveIn[block].clone();
    }

    public BitSet liveOut(int block) {
        return (BitSet) liveOut[block].clone();
    }
}
