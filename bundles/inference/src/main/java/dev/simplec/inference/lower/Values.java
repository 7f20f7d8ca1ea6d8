package dev.simplec.inference.lower;

import java.util.Arrays;

/** Small helpers for the flattened IR values of one template value. */
final class Values {
    static final int[] NONE = new int[0];

    private Values() {
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int[] slice(int[] a, int from, int count) {
        return Arrays.copyOfRange(a, from, from + count);
    }
}
