package dev.simplec.inference.util;

import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

/**
 * {@code Map.get} as the null analysis should see it: with non-null value types the analysis takes
 * the JDK's unannotated {@code get} to return non-null, but a missing key gives null.
 */
public final class Maps {
    private Maps() {
    }

    public static <K, V> @Nullable V get(Map<K, V> map, K key) {
        return map.get(key);
    }

    /** {@code putIfAbsent}, whose null answer (the key was absent) the analysis must see as possible. */
    public static <K, V> @Nullable V putIfAbsent(Map<K, V> map, K key, V value) {
        return map.putIfAbsent(key, value);
    }

    /** {@code poll} of a queue: null when empty. */
    public static <T> @Nullable T poll(java.util.Queue<T> queue) {
        return queue.poll();
    }
}
