package dev.simplec.api.service;

/**
 * Counters of one bounded cache of a compiler session, as read at one moment. Each counter is
 * exact for the calls that have finished; under concurrent calls the fields may come from
 * slightly different moments.
 *
 * @param hits lookups answered from the cache
 * @param misses lookups that had to compute the value (failed computations included; they are not cached)
 * @param evictions entries dropped to stay within {@code capacity}
 * @param size entries held now
 * @param capacity the most entries the cache holds
 */
public record CacheStats(long hits, long misses, long evictions, int size, int capacity) {
    /** Every lookup: hits plus misses. */
    public long lookups() {
        return hits + misses;
    }

    /** Hits over lookups, from 0 to 1; 0 before the first lookup. */
    public double hitRate() {
        long lookups = lookups();
        return lookups == 0 ? 0 : (double) hits / lookups;
    }

    /** The counters of this cache and {@code other} added up, e.g. over several sessions. */
    public CacheStats plus(CacheStats other) {
        return new CacheStats(hits + other.hits, misses + other.misses, evictions + other.evictions,
                size + other.size, capacity + other.capacity);
    }
}
