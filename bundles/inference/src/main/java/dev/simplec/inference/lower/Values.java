package dev.simplec.inference.lower;

import java.util.Arrays;

/**
 * Small helpers for the flattened IR values of one template value. Value arrays are never written
 * after they are made, so they may be shared.
 */
final class Values {
    static final int[] NONE = new int[0];
    /**
     * {@code {v}} for the low value numbers, made once: most template values are one IR value, and
     * value arrays are never written, so every function can share these instead of making its own.
     */
    private static final int[][] ONE = new int[1024][];

    static {
        for (int v = 0; v < ONE.length; v++) {
            ONE[v] = new int[] {v};
        }
    }

    private Values() {
    }

    static int[] concat(int[] a, int[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int[] slice(int[] a, int from, int count) {
        return Arrays.copyOfRange(a, from, from + count);
    }

    /** {@code {v}}, shared for the low value numbers. */
    static int[] one(int v) {
        return v >= 0 && v < ONE.length ? ONE[v] : new int[] {v};
    }

    /** {@code first, first + 1, …}: {@code count} consecutive values. */
    static int[] range(int first, int count) {
        if (count <= 1) {
            return count == 0 ? NONE : one(first);
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = first + i;
        }
        return out;
    }
}
