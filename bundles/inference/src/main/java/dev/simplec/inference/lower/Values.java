package dev.simplec.inference.lower;

import java.util.Arrays;

/**
 * Small helpers for the flattened IR values of one template value. Value arrays are never written
 * after they are made, so they may be shared.
 */
final class Values {
    static final int[] NONE = new int[0];

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

    /** {@code first, first + 1, …}: {@code count} consecutive values. */
    static int[] range(int first, int count) {
        if (count == 0) {
            return NONE;
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = first + i;
        }
        return out;
    }
}
