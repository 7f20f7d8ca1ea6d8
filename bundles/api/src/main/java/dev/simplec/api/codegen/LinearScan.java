package dev.simplec.api.codegen;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/**
 * Linear-scan register allocation (Poletto &amp; Sarkar, with Wimmer &amp; Franz's lifetime
 * holes): intervals are visited by start; an interval in a hole ("inactive") lends its register
 * to any interval that fits in the hole, so a value live after a loop but not along its back edge
 * does not block a register inside it. Physical-register intervals are fixed constraints; copy
 * and block-argument hints come first. Under pressure the cheapest of the current interval and
 * the active ones it could displace is spilled for its whole life ({@link LiveInterval#spillCost}:
 * uses weighted by loop depth per position, so values used in loops stay in registers); spill
 * code is added later by {@link SpillRewriter}.
 * <p>
 * The sets are arrays in a fixed order (removals shift, additions append), and every interval
 * walks its segments with a cursor that only moves forward, since positions only grow.
 */
public final class LinearScan {
    private LinearScan() {
    }

    public static Allocation run(MFunction f, TargetRegisters target, LiveIntervals intervals) {
        return new Scan(f, target, intervals).run();
    }

    private static final class Scan {
        private final MFunction f;
        private final TargetRegisters target;
        private final Allocation alloc;
        private final boolean[] allocatable;
        /** Per physical register: its fixed interval (clobbers apart), or null. */
        private final @Nullable LiveInterval[] fixed;
        private final LiveIntervals intervals;
        /** Clobber positions, ascending, and the first one not before the current interval's start. */
        private final int[] clobberAt;
        private int nextClobber;
        private final LiveInterval[] todo;
        private final LiveInterval[] active;
        /** Per active interval: the next position where it may stop covering (see {@link LiveInterval#nextChange}). */
        private final int[] activeNext;
        private int activeCount;
        private final LiveInterval[] inactive;
        /** Per inactive interval: the next position where it may cover again. */
        private final int[] inactiveNext;
        private int inactiveCount;
        /** Per physical register: how many active intervals hold it. */
        private final int[] held;
        /**
         * Per physical register, for the current interval: {@code 2 * stamp + 1} free of conflicts,
         * {@code 2 * stamp + 2} in conflict (fixed or inactive), anything else not yet known; the
         * stamp counts the intervals, so nothing is cleared between them.
         */
        private final int[] conflict;
        private int stamp;
        private boolean inactiveScanned;

        Scan(MFunction f, TargetRegisters target, LiveIntervals intervals) {
            this.f = f;
            this.target = target;
            int phys = target.physicalCount();
            this.alloc = new Allocation(f.vregCount());
            this.allocatable = new boolean[phys];
            for (RegClass cls : RegClass.values()) {
                for (int r : target.allocationOrder(cls)) {
                    allocatable[r] = true;
                }
            }
            this.intervals = intervals;
            this.clobberAt = intervals.clobberPositions();
            this.fixed = new @Nullable LiveInterval[phys];
            for (int r = 0; r < phys; r++) {
                LiveInterval iv = intervals.explicit(r);
                if (iv != null) {
                    iv.resetCursor();
                    fixed[r] = iv;
                }
            }
            // Intervals by start, then register: a counting sort on the start (a position, below
            // twice the instruction count), registers taken in ascending order so ties keep it.
            int n = f.vregCount();
            @Nullable LiveInterval[] byIndex = new @Nullable LiveInterval[n];
            int count = 0;
            int maxStart = 0;
            for (int v = 0; v < n; v++) {
                LiveInterval iv = intervals.of(Regs.virtual(v));
                if (iv != null && !iv.isEmpty()) {
                    iv.resetCursor();
                    byIndex[v] = iv;
                    maxStart = Math.max(maxStart, iv.start());
                    count++;
                }
            }
            int[] at = new int[maxStart + 2];
            for (LiveInterval iv : byIndex) {
                if (iv != null) {
                    at[iv.start() + 1]++;
                }
            }
            for (int p = 1; p < at.length; p++) {
                at[p] += at[p - 1];
            }
            this.todo = new LiveInterval[count];
            for (LiveInterval iv : byIndex) {
                if (iv != null) {
                    todo[at[iv.start()]++] = iv;
                }
            }
            this.active = new LiveInterval[count];
            this.activeNext = new int[count];
            this.inactive = new LiveInterval[count];
            this.inactiveNext = new int[count];
            this.held = new int[phys];
            this.conflict = new int[phys];
        }

        Allocation run() {
            for (LiveInterval cur : todo) {
                int pos = cur.start();
                // Only intervals whose coverage may have changed since they were last looked at are
                // examined (their next change is at or before pos); the others keep their set.
                for (int i = activeCount - 1; i >= 0; i--) {
                    if (activeNext[i] > pos) {
                        continue;
                    }
                    LiveInterval a = active[i];
                    if (a.end() <= pos) {
                        removeActive(i);
                    } else if (!a.coversAt(pos)) {
                        removeActive(i);
                        addInactive(a, a.nextChange(pos));
                    } else {
                        activeNext[i] = a.nextChange(pos);
                    }
                }
                for (int i = inactiveCount - 1; i >= 0; i--) {
                    if (inactiveNext[i] > pos) {
                        continue;
                    }
                    LiveInterval a = inactive[i];
                    if (a.end() <= pos) {
                        removeInactive(i);
                    } else if (a.coversAt(pos)) {
                        removeInactive(i);
                        addActive(a, a.nextChange(pos));
                    } else {
                        inactiveNext[i] = a.nextChange(pos);
                    }
                }
                stamp++;
                inactiveScanned = false;
                RegClass cls = f.vregClass(cur.reg());
                int reg = -1;
                for (int k = 0; k < cur.hintCount(); k++) {
                    int h = cur.hint(k);
                    int r = Regs.isVirtual(h) ? alloc.register(h) : h;
                    if (r >= 0 && allocatable[r] && target.regClass(r) == cls && free(r, cur)) {
                        reg = r;
                        break;
                    }
                }
                if (reg < 0) {
                    for (int r : target.allocationOrder(cls)) {
                        if (free(r, cur)) {
                            reg = r;
                            break;
                        }
                    }
                }
                if (reg < 0) {
                    // No free register: spill the cheapest of cur and the active intervals whose register cur could take.
                    int victim = -1;
                    for (int i = 0; i < activeCount; i++) {
                        LiveInterval a = active[i];
                        int r = alloc.register(a.reg());
                        if (target.regClass(r) == cls && !conflicts(r, cur) && (victim < 0 || cheaper(a, active[victim]))) {
                            victim = i;
                        }
                    }
                    boolean curSpillable = cur.spillCost() != Double.POSITIVE_INFINITY;
                    if (victim >= 0 && (cheaper(active[victim], cur) || !curSpillable)) {
                        LiveInterval v = active[victim];
                        if (v.spillCost() == Double.POSITIVE_INFINITY) {
                            throw tooMany(cur);
                        }
                        reg = alloc.register(v.reg());
                        removeActive(victim);
                        alloc.spill(v.reg(), f.vregBytes(v.reg()));
                    } else if (!curSpillable) {
                        throw tooMany(cur);
                    } else {
                        alloc.spill(cur.reg(), f.vregBytes(cur.reg()));
                        continue;
                    }
                }
                alloc.assign(cur.reg(), reg);
                cur.coversAt(pos);
                addActive(cur, cur.nextChange(pos));
            }
            return alloc;
        }

        private void addActive(LiveInterval a, int next) {
            active[activeCount] = a;
            activeNext[activeCount++] = next;
            int r = alloc.register(a.reg());
            if (r >= 0) {
                held[r]++;
            }
        }

        private void removeActive(int i) {
            int r = alloc.register(active[i].reg());
            if (r >= 0) {
                held[r]--;
            }
            System.arraycopy(active, i + 1, active, i, activeCount - i - 1);
            System.arraycopy(activeNext, i + 1, activeNext, i, activeCount - i - 1);
            activeCount--;
        }

        private void addInactive(LiveInterval a, int next) {
            inactive[inactiveCount] = a;
            inactiveNext[inactiveCount++] = next;
        }

        private void removeInactive(int i) {
            System.arraycopy(inactive, i + 1, inactive, i, inactiveCount - i - 1);
            System.arraycopy(inactiveNext, i + 1, inactiveNext, i, inactiveCount - i - 1);
            inactiveCount--;
        }

        /** No active interval holds {@code r}, no inactive one on it resumes inside {@code cur}, no fixed use of it meets {@code cur}. */
        private boolean free(int r, LiveInterval cur) {
            return held[r] == 0 && !conflicts(r, cur);
        }

        /** An inactive interval on {@code r} or {@code r}'s fixed interval meets {@code cur}, or a clobber of {@code r} inside it. */
        private boolean conflicts(int r, LiveInterval cur) {
            if (!inactiveScanned) {
                inactiveScanned = true;
                // The registers of every clobber inside cur (a call it lives across).
                int start = cur.start();
                int end = cur.end();
                while (nextClobber < clobberAt.length && clobberAt[nextClobber] < start) {
                    nextClobber++;
                }
                for (int e = nextClobber; e < clobberAt.length && clobberAt[e] < end; e++) {
                    if (cur.covers(clobberAt[e])) {
                        for (int c : intervals.clobberSet(e)) {
                            conflict[c] = 2 * stamp + 2;
                        }
                    }
                }
            }
            if (conflict[r] != 2 * stamp + 1 && conflict[r] != 2 * stamp + 2) {
                // Only the inactive intervals on r are walked against cur, and only for the few
                // registers asked about (the hints, then the allocation order up to a free one).
                boolean meets = false;
                int end = cur.end();
                for (int i = 0; i < inactiveCount && !meets; i++) {
                    // An interval that resumes only after cur ends cannot meet it.
                    meets = inactiveNext[i] < end && alloc.register(inactive[i].reg()) == r && inactive[i].intersectsLater(cur);
                }
                LiveInterval fx = fixed[r];
                meets = meets || fx != null && fx.intersectsLater(cur);
                conflict[r] = meets ? 2 * stamp + 2 : 2 * stamp + 1;
            }
            return conflict[r] == 2 * stamp + 2;
        }

        /** Lower spill cost; among equals, the one that ends later (Poletto &amp; Sarkar's choice). */
        private static boolean cheaper(LiveInterval a, LiveInterval b) {
            return a.spillCost() < b.spillCost() || (a.spillCost() == b.spillCost() && a.end() > b.end());
        }

        private SimplecException tooMany(LiveInterval cur) {
            return new SimplecException(ErrorKind.INTERNAL, f.name() + ": no register for %" + Regs.virtualIndex(cur.reg()) + " "
                    + cur + ": an instruction needs more registers of its class than the target has");
        }
    }
}
