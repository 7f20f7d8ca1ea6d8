package dev.simplec.api.codegen;

import java.util.Arrays;
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
    /** Per key: the interval, for physical registers without the clobbers (kept apart, below). */
    private final @Nullable LiveInterval[] byKey;
    /**
     * Clobbers (calls), kept as events rather than one segment per clobbered register per call:
     * event {@code e} destroys the registers {@code clobberSets[e]} at position {@code clobberAt[e]}
     * (a write position), ascending.
     */
    private final int[] clobberAt;
    private final int[][] clobberSets;
    /** Physical intervals with their clobbers merged in, built when {@link #of} asks. */
    private final @Nullable LiveInterval[] merged;

    private LiveIntervals(int physicalCount, @Nullable LiveInterval[] byKey, int[] clobberAt, int[][] clobberSets) {
        this.physicalCount = physicalCount;
        this.byKey = byKey;
        this.clobberAt = clobberAt;
        this.clobberSets = clobberSets;
        this.merged = new @Nullable LiveInterval[physicalCount];
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
        int words = liveness.words();
        long[] liveOut = liveness.liveOutWords();
        long[] live = new long[words]; // the block's live set, updated backwards instruction by instruction
        // A register live out of a block, and into the next without being touched there, continues
        // one segment: its range is added once, when something touches it or it stops being live
        // out (a function's parameters pass through most blocks). Pending: the registers whose
        // segment runs from the current block's start to pendingTo[key], not added yet.
        long[] pending = new long[words];
        int[] pendingTo = new int[byKey.length];
        int pendingFrom = 2 * firstIndex[blocks.size()]; // the start of the block walked before (the end, at first)
        // Clobber events, found backwards (latest first).
        int[] clobberAt = new int[8];
        int[][] clobberSets = new int[8][];
        int clobbers = 0;
        for (int b = blocks.size() - 1; b >= 0; b--) {
            int blockFrom = 2 * firstIndex[b];
            int blockTo = 2 * firstIndex[b + 1];
            System.arraycopy(liveOut, b * words, live, 0, words);
            for (int w = 0; w < words; w++) {
                long out = live[w];
                // Pending and no longer live out: the segment starts where the block after this one starts.
                for (long bits = pending[w] & ~out; bits != 0; bits &= bits - 1) {
                    int k = 64 * w + Long.numberOfTrailingZeros(bits);
                    at(byKey, k, phys).addRange(pendingFrom, pendingTo[k]);
                }
                // Live out and not pending: a segment to this block's end begins.
                for (long bits = out & ~pending[w]; bits != 0; bits &= bits - 1) {
                    pendingTo[64 * w + Long.numberOfTrailingZeros(bits)] = blockTo;
                }
                pending[w] = out;
            }
            pendingFrom = blockFrom;
            List<MInst> insts = blocks.get(b).insts();
            int d = depth[b];
            for (int j = insts.size() - 1; j >= 0; j--) {
                MInst inst = insts.get(j);
                MOpcode op = inst.op();
                int usePos = 2 * (firstIndex[b] + j);
                int defPos = usePos + 1;
                int[] destroyed = op.clobbers();
                if (destroyed.length > 0) {
                    if (clobbers == clobberAt.length) {
                        clobberAt = Arrays.copyOf(clobberAt, 2 * clobbers);
                        clobberSets = Arrays.copyOf(clobberSets, 2 * clobbers);
                    }
                    clobberAt[clobbers] = defPos;
                    clobberSets[clobbers++] = destroyed;
                }
                long early = inst.earlyMask();
                for (long m = inst.writeMask(); m != 0; m &= m - 1) {
                    int i = Long.numberOfTrailingZeros(m);
                    int k = Liveness.key(inst.reg(i), phys);
                    LiveInterval iv = at(byKey, k, phys);
                    endPending(iv, k, pending, pendingTo, blockFrom);
                    int from = (early & 1L << i) != 0 ? usePos : defPos;
                    long bit = 1L << k;
                    if ((live[k >>> 6] & bit) != 0) {
                        iv.setStart(from);
                        live[k >>> 6] &= ~bit;
                    } else {
                        iv.addRange(from, defPos + 1); // dead definition: still occupies its register
                    }
                    iv.addOccurrence(d);
                }
                for (long m = inst.readMask(); m != 0; m &= m - 1) {
                    int k = Liveness.key(inst.reg(Long.numberOfTrailingZeros(m)), phys);
                    LiveInterval iv = at(byKey, k, phys);
                    endPending(iv, k, pending, pendingTo, blockFrom);
                    iv.addRange(blockFrom, usePos + 1);
                    iv.addOccurrence(d);
                    live[k >>> 6] |= 1L << k;
                }
                if (op.isCopy() || op.prefersSameRegister()) {
                    at(byKey, Liveness.key(inst.reg(0), phys), phys).addHint(inst.reg(1));
                    at(byKey, Liveness.key(inst.reg(1), phys), phys).addHint(inst.reg(0));
                } else if (op.isEdgeMoves()) {
                    hintEdge(f, inst, byKey, phys);
                }
            }
        }
        for (int w = 0; w < words; w++) {
            for (long bits = pending[w]; bits != 0; bits &= bits - 1) {
                int k = 64 * w + Long.numberOfTrailingZeros(bits);
                at(byKey, k, phys).addRange(pendingFrom, pendingTo[k]);
            }
        }
        for (LiveInterval iv : byKey) {
            if (iv != null) {
                iv.finish();
            }
        }
        int[] at = new int[clobbers];
        int[][] sets = new int[clobbers][];
        for (int e = 0; e < clobbers; e++) {
            at[e] = clobberAt[clobbers - 1 - e];
            sets[e] = clobberSets[clobbers - 1 - e];
        }
        return new LiveIntervals(phys, byKey, at, sets);
    }

    /**
     * An instruction of the block starting at {@code blockFrom} touches key {@code k}: a segment
     * pending for it (live through the blocks after this one, untouched) runs from this block's start.
     */
    private static void endPending(LiveInterval iv, int k, long[] pending, int[] pendingTo, int blockFrom) {
        if ((pending[k >>> 6] & 1L << k) != 0) {
            pending[k >>> 6] &= ~(1L << k);
            iv.addRange(blockFrom, pendingTo[k]);
        }
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

    /** The interval of {@code reg}, or null when it is never touched (for a physical register, clobbers included). */
    public @Nullable LiveInterval of(int reg) {
        if (Regs.isVirtual(reg)) {
            return byKey[Liveness.key(reg, physicalCount)];
        }
        LiveInterval m = merged[reg];
        if (m == null) {
            m = mergeClobbers(reg);
            merged[reg] = m;
        }
        return m;
    }

    /** {@code reg}'s interval with a one-position segment at each clobber of it, built as {@link #build} used to. */
    private @Nullable LiveInterval mergeClobbers(int reg) {
        LiveInterval explicit = byKey[reg];
        int[] clobbered = new int[clobberAt.length];
        int n = 0;
        for (int e = 0; e < clobberAt.length; e++) {
            for (int r : clobberSets[e]) {
                if (r == reg) {
                    clobbered[n++] = clobberAt[e];
                    break;
                }
            }
        }
        if (n == 0) {
            return explicit;
        }
        LiveInterval m = new LiveInterval(reg);
        LiveInterval none = new LiveInterval(reg);
        LiveInterval x = explicit == null ? none : explicit;
        // Both sources backwards, latest first, as addRange expects.
        int k = x.segmentCount() - 1;
        int c = n - 1;
        while (k >= 0 || c >= 0) {
            if (c < 0 || (k >= 0 && x.segmentFrom(k) >= clobbered[c])) {
                m.addRange(x.segmentFrom(k), x.segmentTo(k));
                k--;
            } else {
                m.addRange(clobbered[c], clobbered[c] + 1);
                c--;
            }
        }
        m.finish();
        return m;
    }

    /** For the allocator: {@code reg}'s interval without clobbers (physical), or null. */
    @Nullable
    LiveInterval explicit(int reg) {
        return byKey[Liveness.key(reg, physicalCount)];
    }

    /** Positions of the clobber events, ascending. */
    int[] clobberPositions() {
        return clobberAt;
    }

    /** The registers clobber event {@code e} destroys. */
    int[] clobberSet(int e) {
        return clobberSets[e];
    }
}
