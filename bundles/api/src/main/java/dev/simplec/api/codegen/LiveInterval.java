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
    private double weight;
    /** {@code Math.pow(10, d)} for the depths {@link #addOccurrence} weighs, computed once. */
    private static final double[] POW10 = new double[7];

    static {
        for (int d = 0; d < POW10.length; d++) {
            POW10[d] = Math.pow(10, d);
        }
    }

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

    /** Counts one read or write at loop depth {@code depth} toward the spill cost. */
    void addOccurrence(int depth) {
        int d = Math.min(depth, 6);
        weight += d >= 0 ? POW10[d] : Math.pow(10, d);
    }

    /**
     * The price of spilling this interval for its whole life: its reads and writes weighted by
     * loop depth, per position covered. An interval that lives two positions or fewer (defined and
     * used by neighbouring instructions, or an instruction's temporary) gains nothing from a spill:
     * infinitely expensive.
     */
    public double spillCost() {
        int length = end() - start();
        return length <= 2 ? Double.POSITIVE_INFINITY : weight / length;
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

    /** Whether some segment contains {@code pos}. */
    public boolean covers(int pos) {
        for (int k = 0; k < count; k++) {
            if (seg[2 * k] <= pos && pos < seg[2 * k + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Whether this interval and {@code other} hold their values at a common position (lifetime holes count as free). */
    public boolean intersects(LiveInterval other) {
        int i = count - 1;
        int j = other.count - 1;
        while (i >= 0 && j >= 0) {
            int aFrom = seg[2 * i];
            int aTo = seg[2 * i + 1];
            int bFrom = other.seg[2 * j];
            int bTo = other.seg[2 * j + 1];
            if (aFrom < bTo && bFrom < aTo) {
                return true;
            }
            if (aTo <= bTo) {
                i--;
            } else {
                j--;
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
