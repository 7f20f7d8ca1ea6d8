package dev.simplec.inference.util;

import java.util.Arrays;
import java.util.List;

/**
 * Immutable lists made with one copy. On JDK 17, {@code List.copyOf(arrayList)} and
 * {@code List.of(array)} copy the elements twice (to an array, then again inside); the fixed-arity
 * {@code List.of(e1, …, e10)} keep the array they are given. Records that {@code List.copyOf} their
 * list components keep such a list as it is.
 */
public final class Lists {
    private Lists() {
    }

    /** {@code buf[from, from + n)} as an immutable list (no null elements). */
    public static <T> List<T> copyOf(T[] buf, int from, int n) {
        // The common short lists here, the rest in another method: this one stays small enough to inline.
        int i = from;
        return switch (n) {
            case 0 -> List.of();
            case 1 -> List.of(buf[i]);
            case 2 -> List.of(buf[i], buf[i + 1]);
            case 3 -> List.of(buf[i], buf[i + 1], buf[i + 2]);
            default -> longer(buf, from, n);
        };
    }

    private static <T> List<T> longer(T[] buf, int from, int n) {
        int i = from;
        return switch (n) {
            case 4 -> List.of(buf[i], buf[i + 1], buf[i + 2], buf[i + 3]);
            case 5 -> List.of(buf[i], buf[i + 1], buf[i + 2], buf[i + 3], buf[i + 4]);
            case 6 -> List.of(buf[i], buf[i + 1], buf[i + 2], buf[i + 3], buf[i + 4], buf[i + 5]);
            case 7 -> List.of(buf[i], buf[i + 1], buf[i + 2], buf[i + 3], buf[i + 4], buf[i + 5], buf[i + 6]);
            case 8 -> List.of(buf[i], buf[i + 1], buf[i + 2], buf[i + 3], buf[i + 4], buf[i + 5], buf[i + 6], buf[i + 7]);
            case 9 -> List.of(buf[i], buf[i + 1], buf[i + 2], buf[i + 3], buf[i + 4], buf[i + 5], buf[i + 6], buf[i + 7],
                    buf[i + 8]);
            case 10 -> List.of(buf[i], buf[i + 1], buf[i + 2], buf[i + 3], buf[i + 4], buf[i + 5], buf[i + 6], buf[i + 7],
                    buf[i + 8], buf[i + 9]);
            default -> List.of(Arrays.copyOfRange(buf, from, from + n));
        };
    }

    /** The whole of {@code array} as an immutable list. */
    public static <T> List<T> copyOf(T[] array) {
        return copyOf(array, 0, array.length);
    }
}
