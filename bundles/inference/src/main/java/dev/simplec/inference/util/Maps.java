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
}
