package dev.simplec.bridge.cache;

import java.util.function.Function;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/**
 * How many entries each cache of a session holds (docs/performance.md, "Caches"). Each cache is
 * also bounded by weight, about the bytes it keeps alive: {@link #TYPES_WEIGHT} for the serialize
 * and deserialize caches, {@link #CODE_WEIGHT} for compiled code. 0 entries turns a cache off.
 *
 * @param serialize entries of TypeInfo to JSON
 * @param deserialize entries of JSON text to TypeInfo
 * @param instantiate entries of compiled code
 */
public record CacheLimits(int serialize, int deserialize, int instantiate) {
    /** Framework properties that override the defaults, one per cache, in entries. */
    public static final String SERIALIZE_PROPERTY = "simplec.cache.serialize";
    public static final String DESERIALIZE_PROPERTY = "simplec.cache.deserialize";
    public static final String INSTANTIATE_PROPERTY = "simplec.cache.instantiate";

    public static final CacheLimits DEFAULT = new CacheLimits(1024, 1024, 4096);

    /** Weight bound of each type cache: 1 MiB. */
    public static final long TYPES_WEIGHT = 1 << 20;

    /** Weight bound of the code cache: 16 MiB. */
    public static final long CODE_WEIGHT = 16 << 20;

    public CacheLimits {
        if (serialize < 0 || deserialize < 0 || instantiate < 0) {
            throw new IllegalArgumentException("negative cache size");
        }
    }

    /** The defaults, with each property that is set in its place. */
    public static CacheLimits from(Function<String, @Nullable String> properties) {
        return new CacheLimits(
                entries(properties, SERIALIZE_PROPERTY, DEFAULT.serialize),
                entries(properties, DESERIALIZE_PROPERTY, DEFAULT.deserialize),
                entries(properties, INSTANTIATE_PROPERTY, DEFAULT.instantiate));
    }

    private static int entries(Function<String, @Nullable String> properties, String key, int fallback) {
        String value = properties.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0 && n <= 1 << 20) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SimplecException(ErrorKind.INVALID_INPUT,
                key + ": \"" + value + "\" is not a cache size (0 to 1048576 entries)");
    }
}
