package dev.simplec.api.codegen;

import java.util.Arrays;

/**
 * The positions where one register holds a value, as sorted half-open segments
 * {@code [from, to)}. Instruction {@code i} (counted over all blocks in layout order) reads its
 * operands at position {@code 2i} and writes at {@code 2i + 1}, so a value whose last use is
 * instruction {@code i} does not overlap a value that instruction {@code i} defines.
 */
public final class LiveInterval {
    private static final int[] NO_HINTS = {};
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private final int reg;
    /**
     * {@code seg[2k], seg[2k+1]} = from, to of segment k. {@link LiveIntervals} builds them
     * backwards, latest first, then {@link #finish}es: from then on earliest first.
     */
    private int[] seg = new int[4]; // most intervals have one or two segments; addRange grows it
    private int count;
    private int[] hints = NO_HINTS;
    private int hintCount;
    /** Reads and writes weighted by 10^loop depth: a sum of powers of ten, exact in a long. */
    private long weight;
    private double spillCost;
    /** End of the last segment, fixed by {@link #finish}. */
    private int end;
    /**
     * Linear scan's position in the segments: every segment before it ends at or before the
     * position last asked about. Positions only grow during a scan, so each walk starts here.
     */
    private int cursor;

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
        return seg[0];
    }

    /** End of the last segment. */
    public int end() {
        return end;
    }

    /** Adds {@code [from, to)} while building: callers add in backward order (each {@code from} at or before the previous ones). */
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
            grow();
        }
        seg[2 * count] = from;
        seg[2 * count + 1] = to;
        count++;
    }

    /** Room for more segments: apart, so that {@link #addRange}, hot in {@link LiveIntervals}, compiles small enough to inline. */
    private void grow() {
        seg = Arrays.copyOf(seg, seg.length * 2);
    }

    /** While building: a definition at {@code pos} starts the value that the earliest segment holds. */
    void setStart(int pos) {
        seg[2 * (count - 1)] = pos;
    }

    void addHint(int otherReg) {
        if (hintCount == hints.length) {
            hints = Arrays.copyOf(hints, Math.max(4, 2 * hintCount)); // a parameter hints at each edge's argument
        }
        hints[hintCount++] = otherReg;
    }

    /** Counts one read or write at loop depth {@code depth} toward the spill cost. */
    void addOccurrence(int depth) {
        weight += POW10[Math.min(depth, 6)];
    }

    /** Ends building: segments earliest first, the spill cost fixed. */
    void finish() {
        for (int i = 0, j = count - 1; i < j; i++, j--) {
            int from = seg[2 * i];
            int to = seg[2 * i + 1];
            seg[2 * i] = seg[2 * j];
            seg[2 * i + 1] = seg[2 * j + 1];
            seg[2 * j] = from;
            seg[2 * j + 1] = to;
        }
        if (count > 0) {
            end = seg[2 * count - 1];
            int length = end - start();
            spillCost = length <= 2 ? Double.POSITIVE_INFINITY : (double) weight / length;
        }
    }

    /**
     * The price of spilling this interval for its whole life: its reads and writes weighted by
     * loop depth, per position covered. An interval that lives two positions or fewer (defined and
     * used by neighbouring instructions, or an instruction's temporary) gains nothing from a spill:
     * infinitely expensive.
     */
    public double spillCost() {
        return spillCost;
    }

    int segmentCount() {
        return count;
    }

    /** Start of segment {@code k} (after {@link #finish}: earliest first). */
    int segmentFrom(int k) {
        return seg[2 * k];
    }

    int segmentTo(int k) {
        return seg[2 * k + 1];
    }

    /** Registers this one is copied from or to: sharing a register with them deletes the copy. */
    public int[] hints() {
        return Arrays.copyOf(hints, hintCount);
    }

    int hintCount() {
        return hintCount;
    }

    int hint(int i) {
        return hints[i];
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
        return intersectsFrom(0, other, 0);
    }

    private boolean intersectsFrom(int i, LiveInterval other, int j) {
        while (i < count && j < other.count) {
            int aFrom = seg[2 * i];
            int aTo = seg[2 * i + 1];
            int bFrom = other.seg[2 * j];
            int bTo = other.seg[2 * j + 1];
            if (aFrom < bTo && bFrom < aTo) {
                return true;
            }
            if (aTo <= bTo) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    // ---- linear scan: queries at non-decreasing positions

    void resetCursor() {
        cursor = 0;
    }

    /** Moves the cursor past the segments that end at or before {@code pos}. */
    private void advance(int pos) {
        while (cursor < count && seg[2 * cursor + 1] <= pos) {
            cursor++;
        }
    }

    /** {@link #covers} at a position no earlier than any asked before. */
    boolean coversAt(int pos) {
        advance(pos);
        return cursor < count && seg[2 * cursor] <= pos;
    }

    /**
     * After {@link #coversAt}{@code (pos)}: the next position where that answer may change, the end
     * of the segment covering {@code pos} or the start of the next one ({@code MAX_VALUE} past the end).
     */
    int nextChange(int pos) {
        if (cursor == count) {
            return Integer.MAX_VALUE;
        }
        int from = seg[2 * cursor];
        return from <= pos ? seg[2 * cursor + 1] : from;
    }

    /** {@link #intersects} with {@code cur}, an interval starting at a position no earlier than any asked before. */
    boolean intersectsLater(LiveInterval cur) {
        advance(cur.start());
        return intersectsFrom(cursor, cur, 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < count; k++) {
            sb.append('[').append(seg[2 * k]).append(',').append(seg[2 * k + 1]).append(')');
        }
        return sb.toString();
    }
}
