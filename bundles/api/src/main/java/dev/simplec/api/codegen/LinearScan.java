package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

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
        List<LiveInterval> inactive = new ArrayList<>();
        boolean[] held = new boolean[target.physicalCount()];
        for (LiveInterval cur : todo) {
            int pos = cur.start();
            for (int i = active.size() - 1; i >= 0; i--) {
                LiveInterval a = active.get(i);
                if (a.end() <= pos) {
                    active.remove(i);
                } else if (!a.covers(pos)) {
                    inactive.add(active.remove(i));
                }
            }
            for (int i = inactive.size() - 1; i >= 0; i--) {
                LiveInterval a = inactive.get(i);
                if (a.end() <= pos) {
                    inactive.remove(i);
                } else if (a.covers(pos)) {
                    active.add(inactive.remove(i));
                }
            }
            // Registers held by active intervals, so each candidate is checked without scanning them.
            java.util.Arrays.fill(held, false);
            for (LiveInterval a : active) {
                int r = alloc.register(a.reg());
                if (r >= 0) {
                    held[r] = true;
                }
            }
            RegClass cls = f.vregClass(cur.reg());
            int reg = -1;
            for (int h : cur.hints()) {
                int r = Regs.isVirtual(h) ? alloc.register(h) : h;
                if (r >= 0 && allocatable[r] && target.regClass(r) == cls && free(r, cur, held, inactive, alloc, intervals)) {
                    reg = r;
                    break;
                }
            }
            if (reg < 0) {
                for (int r : target.allocationOrder(cls)) {
                    if (free(r, cur, held, inactive, alloc, intervals)) {
                        reg = r;
                        break;
                    }
                }
            }
            if (reg < 0) {
                // No free register: spill the cheapest of cur and the active intervals whose register cur could take.
                @Nullable LiveInterval victim = null;
                for (LiveInterval a : active) {
                    int r = alloc.register(a.reg());
                    if (target.regClass(r) == cls && !fixedConflict(intervals, r, cur) && !inactiveConflict(r, cur, inactive, alloc)
                            && (victim == null || cheaper(a, victim))) {
                        victim = a;
                    }
                }
                boolean curSpillable = cur.spillCost() != Double.POSITIVE_INFINITY;
                if (victim != null && (cheaper(victim, cur) || !curSpillable)) {
                    if (victim.spillCost() == Double.POSITIVE_INFINITY) {
                        throw tooMany(f, cur);
                    }
                    reg = alloc.register(victim.reg());
                    alloc.spill(victim.reg(), f.vregBytes(victim.reg()));
                    active.remove(victim);
                } else if (!curSpillable) {
                    throw tooMany(f, cur);
                } else {
                    alloc.spill(cur.reg(), f.vregBytes(cur.reg()));
                    continue;
                }
            }
            alloc.assign(cur.reg(), reg);
            active.add(cur);
        }
        return alloc;
    }

    /** No active interval holds {@code r}, no inactive one on it resumes inside {@code cur}, no fixed use of it meets {@code cur}. */
    private static boolean free(int r, LiveInterval cur, boolean[] held, List<LiveInterval> inactive, Allocation alloc,
            LiveIntervals intervals) {
        if (held[r]) {
            return false;
        }
        return !inactiveConflict(r, cur, inactive, alloc) && !fixedConflict(intervals, r, cur);
    }

    private static boolean inactiveConflict(int r, LiveInterval cur, List<LiveInterval> inactive, Allocation alloc) {
        for (LiveInterval a : inactive) {
            if (alloc.register(a.reg()) == r && a.intersects(cur)) {
                return true;
            }
        }
        return false;
    }

    /** Lower spill cost; among equals, the one that ends later (Poletto &amp; Sarkar's choice). */
    private static boolean cheaper(LiveInterval a, LiveInterval b) {
        return a.spillCost() < b.spillCost() || (a.spillCost() == b.spillCost() && a.end() > b.end());
    }

    private static SimplecException tooMany(MFunction f, LiveInterval cur) {
        return new SimplecException(ErrorKind.INTERNAL, f.name() + ": no register for %" + Regs.virtualIndex(cur.reg()) + " "
                + cur + ": an instruction needs more registers of its class than the target has");
    }

    private static boolean fixedConflict(LiveIntervals intervals, int physical, LiveInterval cur) {
        LiveInterval fixed = intervals.of(physical);
        return fixed != null && fixed.intersects(cur);
    }
}
