package dev.simplec.api.codegen;

import java.util.Arrays;

/**
 * The positions where one register holds a value, as sorted half-open segments
 * {@code [from, to)}. Instruction {@code i} (counted over all blocks in layout order) reads its
 * operands at position {@code 2i} and writes at {@code 2i + 1}, so a value whose last use is
 * instruction {@code i} does not overlap a value that instruction {@code i} defines.
 */
public final class LiveInterval {
    private final int reg;
    // Segments are built backwards, so they are stored latest first: seg[2k], seg[2k+1] = from, to.
    private int[] seg = new int[8];
    private int count;
    private int[] hints = new int[2];
    private int hintCount;

    public LiveInterval(int reg) {
        this.reg = reg;
    }

    public int reg() {
        return reg;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Start of the first segment. */
    public int start() {
        return seg[2 * (count - 1)];
    }

    /** End of the last segment. */
    public int end() {
        return seg[1];
    }

    /** Adds {@code [from, to)}; callers add in backward order (each {@code from} at or before the previous ones). */
    void addRange(int from, int to) {
        if (count > 0) {
            int last = 2 * (count - 1);
            if (to >= seg[last]) {
                seg[last] = Math.min(from, seg[last]);
                seg[last + 1] = Math.max(to, seg[last + 1]);
                return;
            }
        }
        if (2 * count + 2 > seg.length) {
            seg = Arrays.copyOf(seg, seg.length * 2);
        }
        seg[2 * count] = from;
        seg[2 * count + 1] = to;
        count++;
    }

    /** A definition at {@code pos} starts the value that the earliest segment holds. */
    void setStart(int pos) {
        seg[2 * (count - 1)] = pos;
    }

    void addHint(int otherReg) {
        if (hintCount == hints.length) {
            hints = Arrays.copyOf(hints, hints.length * 2);
        }
        hints[hintCount++] = otherReg;
    }

    /** Registers this one is copied from or to: sharing a register with them deletes the copy. */
    public int[] hints() {
        return Arrays.copyOf(hints, hintCount);
    }

    /** Whether any segment overlaps {@code [from, to)}. */
    public boolean overlaps(int from, int to) {
        for (int k = 0; k < count; k++) {
            if (seg[2 * k] < to && from < seg[2 * k + 1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int k = count - 1; k >= 0; k--) {
            sb.append('[').append(seg[2 * k]).append(',').append(seg[2 * k + 1]).append(')');
        }
        return sb.toString();
    }
}
