package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Linear-scan register allocation (Poletto &amp; Sarkar) over hole-free intervals, with
 * physical-register intervals as fixed constraints and copy hints. Under pressure the interval
 * that ends last is spilled for its whole life; spill code is added later by {@link SpillRewriter}.
 */
public final class LinearScan {
    private LinearScan() {
    }

    public static Allocation run(MFunction f, TargetRegisters target, LiveIntervals intervals) {
        Allocation alloc = new Allocation(f.vregCount());
        boolean[] allocatable = new boolean[target.physicalCount()];
        for (RegClass cls : RegClass.values()) {
            for (int r : target.allocationOrder(cls)) {
                allocatable[r] = true;
            }
        }
        List<LiveInterval> todo = new ArrayList<>();
        for (int v = 0; v < f.vregCount(); v++) {
            LiveInterval iv = intervals.of(Regs.virtual(v));
            if (iv != null && !iv.isEmpty()) {
                todo.add(iv);
            }
        }
        todo.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.reg(), b.reg()));

        List<LiveInterval> active = new ArrayList<>();
        int[] holder = new int[target.physicalCount()]; // physical -> count of active intervals on it (0 or 1)
        for (LiveInterval cur : todo) {
            int from = cur.start();
            int to = cur.end();
            for (int i = active.size() - 1; i >= 0; i--) {
                LiveInterval a = active.get(i);
                if (a.end() <= from) {
                    holder[alloc.register(a.reg())]--;
                    active.remove(i);
                }
            }
            RegClass cls = f.vregClass(cur.reg());
            int reg = -1;
            for (int h : cur.hints()) {
                int r = Regs.isVirtual(h) ? alloc.register(h) : h;
                if (r >= 0 && allocatable[r] && target.regClass(r) == cls && holder[r] == 0 && !fixedOverlap(intervals, r, from, to)) {
                    reg = r;
                    break;
                }
            }
            if (reg < 0) {
                for (int r : target.allocationOrder(cls)) {
                    if (holder[r] == 0 && !fixedOverlap(intervals, r, from, to)) {
                        reg = r;
                        break;
                    }
                }
            }
            if (reg < 0) {
                // No free register: spill whichever of cur and the active intervals ends last.
                @Nullable LiveInterval victim = null;
                for (LiveInterval a : active) {
                    int r = alloc.register(a.reg());
                    if (target.regClass(r) == cls && !fixedOverlap(intervals, r, from, to)
                            && (victim == null || a.end() > victim.end())) {
                        victim = a;
                    }
                }
                if (victim != null && victim.end() > to) {
                    reg = alloc.register(victim.reg());
                    alloc.spill(victim.reg());
                    active.remove(victim);
                    holder[reg]--;
                } else {
                    alloc.spill(cur.reg());
                    continue;
                }
            }
            alloc.assign(cur.reg(), reg);
            holder[reg]++;
            active.add(cur);
        }
        return alloc;
    }

    private static boolean fixedOverlap(LiveIntervals intervals, int physical, int from, int to) {
        LiveInterval fixed = intervals.of(physical);
        return fixed != null && fixed.overlaps(from, to);
    }
}
