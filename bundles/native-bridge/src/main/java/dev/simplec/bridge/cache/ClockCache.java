package dev.simplec.bridge.cache;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.service.CacheStats;

/**
 * A bounded map safe for any number of threads, evicting by CLOCK (second chance): a hit sets the
 * entry's reference bit; to make room, a hand sweeps the slots, clearing set bits and evicting
 * the first entry whose bit is clear. Entries in steady use survive; entries looked up once
 * since the hand last passed go first.
 *
 * <p>Bounds: at most {@code maxEntries} entries, and at most {@code maxWeight} in total by the
 * weigher (about bytes held); a value heavier than {@code maxWeight / 8} is returned but never
 * kept, so no single input can empty the cache. {@code maxEntries} 0 turns caching off.
 *
 * <p>A hit is a lock-free {@link ConcurrentHashMap#get}, a reference-bit write only when the bit
 * was clear, and a {@link LongAdder} increment: no allocation, no lock. Inserting and evicting
 * take the cache's own lock, after the value has been computed outside it; two threads that miss
 * the same key at once both compute it, and the first to insert wins.
 */
public final class ClockCache<K, V> {
    private static final class Entry<K, V> {
        final K key;
        final V value;
        final long weight;
        final int slot;
        /** Set on a hit, cleared by the passing hand. */
        volatile boolean referenced;

        Entry(K key, V value, long weight, int slot) {
            this.key = key;
            this.value = value;
            this.weight = weight;
            this.slot = slot;
        }
    }

    private final int maxEntries;
    private final long maxWeight;
    private final ToLongFunction<K> keyWeight;
    private final ToLongFunction<V> valueWeight;
    // Values are @Nullable because Map.get answers null for a missing key.
    private final ConcurrentHashMap<K, @Nullable Entry<K, V>> map;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    // Guarded by lock: the ring of slots the hand sweeps, and its free slots. The ring grows by
    // doubling up to maxEntries, so that a session that caches little costs little.
    private final Object lock = new Object();
    private @Nullable Entry<K, V>[] ring;
    private int[] free;
    private int freeCount;
    private int hand;
    private long weight;
    private volatile long evictions;

    /**
     * @param maxEntries most entries held (0: nothing is kept)
     * @param maxWeight most total weight held
     * @param keyWeight weight of a key (about the bytes it keeps alive)
     * @param valueWeight weight of a value
     */
    @SuppressWarnings("unchecked")
    public ClockCache(int maxEntries, long maxWeight, ToLongFunction<K> keyWeight, ToLongFunction<V> valueWeight) {
        if (maxEntries < 0 || maxWeight < 0) {
            throw new IllegalArgumentException("negative bound: " + maxEntries + " entries, " + maxWeight + " weight");
        }
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.keyWeight = keyWeight;
        this.valueWeight = valueWeight;
        this.map = new ConcurrentHashMap<>();
        this.ring = new Entry[0];
        this.free = new int[0];
    }

    /** The value cached for {@code key}, counting a hit; or null, counting a miss. */
    public @Nullable V get(K key) {
        Entry<K, V> e = map.get(key);
        if (e == null) {
            misses.increment();
            return null;
        }
        return hit(e);
    }

    /**
     * Like {@link #get}, but an entry whose value is not a {@code kind} counts as a miss: for a
     * cache whose values come in several shapes, such as a type or a list of types read from one text.
     */
    public @Nullable V get(K key, Class<?> kind) {
        Entry<K, V> e = map.get(key);
        if (e == null || !kind.isInstance(e.value)) {
            misses.increment();
            return null;
        }
        return hit(e);
    }

    private V hit(Entry<K, V> e) {
        if (!e.referenced) {
            e.referenced = true; // written only when clear: hot entries cause no write traffic
        }
        hits.increment();
        return e.value;
    }

    /**
     * Keeps {@code value} for {@code key} unless an entry is there already, evicting as the bounds
     * require. Returns the value now cached for {@code key} (the earlier one, if a concurrent miss
     * inserted first), or {@code value} itself when it is not kept.
     */
    public V put(K key, V value) {
        long w = keyWeight.applyAsLong(key) + valueWeight.applyAsLong(value);
        if (maxEntries == 0 || w > maxWeight / 8) {
            return value;
        }
        synchronized (lock) {
            Entry<K, V> present = map.get(key);
            if (present != null) {
                return present.value;
            }
            if (freeCount == 0 && ring.length < maxEntries) {
                grow();
            }
            while (freeCount == 0 || weight + w > maxWeight) {
                evictOne();
            }
            Entry<K, V> e = new Entry<>(key, value, w, free[--freeCount]);
            ring[e.slot] = e;
            weight += w;
            map.put(key, e);
            return value;
        }
    }

    /** Drops every entry whose key matches, e.g. the code of a backend that went away. Not counted as evictions. */
    public void removeIf(Predicate<K> matches) {
        synchronized (lock) {
            for (Entry<K, V> e : ring) {
                if (e != null && matches.test(e.key)) {
                    remove(e);
                }
            }
        }
    }

    /** Drops every entry; the counters go on. */
    public void clear() {
        removeIf(k -> true);
    }

    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), evictions, map.size(), maxEntries);
    }

    /** Doubles the ring (at least 16 slots, at most maxEntries); called only when no slot is free. */
    private void grow() {
        int old = ring.length;
        int size = (int) Math.min(maxEntries, Math.max(16L, 2L * old));
        ring = Arrays.copyOf(ring, size);
        free = new int[size];
        for (int slot = size - 1; slot >= old; slot--) {
            free[freeCount++] = slot; // the lowest new slot is handed out first
        }
    }

    /** Advances the hand to the first entry without a second chance and evicts it. Caller holds the lock; the ring is not empty. */
    private void evictOne() {
        while (true) {
            Entry<K, V> e = ring[hand];
            hand = hand + 1 == ring.length ? 0 : hand + 1;
            if (e == null) {
                continue;
            }
            if (e.referenced) {
                e.referenced = false;
                continue;
            }
            remove(e);
            evictions++; // one writer: the lock holder
            return;
        }
    }

    private void remove(Entry<K, V> e) {
        map.remove(e.key, e);
        ring[e.slot] = null;
        free[freeCount++] = e.slot;
        weight -= e.weight;
    }
}
