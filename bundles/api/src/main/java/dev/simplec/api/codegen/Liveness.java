package dev.simplec.api.codegen;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Which registers are live on entry to and exit from each block (backward dataflow to a fixed
 * point). Registers are keyed densely: physical {@code r} is key {@code r}, virtual register
 * {@code n} is key {@code physicalCount + n}.
 * <p>
 * The sets are plain bit words, {@link #words()} per block, all blocks in one array: no object
 * per set, and the fixed-point loop allocates nothing.
 */
public final class Liveness {
    private final int physicalCount;
    private final int words;
    private final long[] liveIn;
    private final long[] liveOut;

    private Liveness(int physicalCount, int words, long[] liveIn, long[] liveOut) {
        this.physicalCount = physicalCount;
        this.words = words;
        this.liveIn = liveIn;
        this.liveOut = liveOut;
    }

    public static Liveness compute(MFunction f, int physicalCount) {
        List<MBlock> blocks = f.blocks();
        int n = blocks.size();
        int w = (physicalCount + f.vregCount() + 63) >>> 6;
        long[] gen = new long[n * w];
        long[] kill = new long[n * w];
        for (int b = 0; b < n; b++) {
            int base = b * w;
            List<MInst> insts = blocks.get(b).insts();
            for (int j = 0, size = insts.size(); j < size; j++) {
                MInst inst = insts.get(j);
                for (long m = inst.readMask(); m != 0; m &= m - 1) {
                    int k = key(inst.reg(Long.numberOfTrailingZeros(m)), physicalCount);
                    int at = base + (k >>> 6);
                    long bit = 1L << k;
                    if ((kill[at] & bit) == 0) {
                        gen[at] |= bit;
                    }
                }
                for (long m = inst.writeMask(); m != 0; m &= m - 1) {
                    int k = key(inst.reg(Long.numberOfTrailingZeros(m)), physicalCount);
                    kill[base + (k >>> 6)] |= 1L << k;
                }
                for (int r : inst.op().clobbers()) {
                    kill[base + (r >>> 6)] |= 1L << r;
                }
            }
        }
        long[] in = new long[n * w];
        long[] out = new long[n * w];
        // Blocks mostly flow forward in layout, so a backward sweep converges in a few rounds. A
        // block is looked at again only when a successor's live-in changed since it was last
        // computed (stamps: the step of each block's last change, and of its last computation).
        int[] changedAt = new int[n];
        int[] computedAt = new int[n];
        Arrays.fill(computedAt, -1);
        int step = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = n - 1; b >= 0; b--) {
                int[] succ = blocks.get(b).successorsView();
                boolean stale = computedAt[b] < 0;
                for (int s : succ) {
                    stale |= changedAt[s] > computedAt[b];
                }
                if (!stale) {
                    continue;
                }
                computedAt[b] = ++step;
                int base = b * w;
                boolean blockChanged = false;
                for (int k = 0; k < w; k++) {
                    long o = 0;
                    for (int s : succ) {
                        o |= in[s * w + k];
                    }
                    long i = gen[base + k] | (o & ~kill[base + k]);
                    out[base + k] = o;
                    if (i != in[base + k]) {
                        in[base + k] = i;
                        blockChanged = true;
                    }
                }
                if (blockChanged) {
                    changedAt[b] = ++step;
                    changed = true;
                }
            }
        }
        return new Liveness(physicalCount, w, in, out);
    }

    public static int key(int reg, int physicalCount) {
        return Regs.isVirtual(reg) ? physicalCount + Regs.virtualIndex(reg) : reg;
    }

    public int physicalCount() {
        return physicalCount;
    }

    public BitSet liveIn(int block) {
        return BitSet.valueOf(Arrays.copyOfRange(liveIn, block * words, (block + 1) * words));
    }

    public BitSet liveOut(int block) {
        return BitSet.valueOf(Arrays.copyOfRange(liveOut, block * words, (block + 1) * words));
    }

    /** Bit words per block set. */
    int words() {
        return words;
    }

    /** Every block's live-out words, block {@code b} at {@code b * words()} (read only). */
    long[] liveOutWords() {
        return liveOut;
    }
}
