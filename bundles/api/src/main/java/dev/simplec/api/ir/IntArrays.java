package dev.simplec.api.ir;

/** Defensive copies of the IR's int arrays. */
final class IntArrays {
    private IntArrays() {
    }

    /** A copy of {@code a}; an empty array is returned as it is, since there is nothing in it to change. */
    static int[] copy(int[] a) {
        return a.length == 0 ? a : a.clone();
    }
}
