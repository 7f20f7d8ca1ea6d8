package dev.simplec.bridge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.simplec.api.service.CacheStats;

class ClockCacheTest {
    private static ClockCache<String, String> cache(int entries) {
        return new ClockCache<>(entries, 1 << 20, String::length, String::length);
    }

    @Test
    void countsHitsAndMisses() {
        ClockCache<String, String> c = cache(4);
        assertEquals(new CacheStats(0, 0, 0, 0, 4), c.stats());
        assertNull(c.get("a"));
        assertEquals("A", c.put("a", "A"));
        assertEquals("A", c.get("a"));
        assertEquals("A", c.get("a"));
        assertEquals(new CacheStats(2, 1, 0, 1, 4), c.stats());
        assertEquals(2.0 / 3, c.stats().hitRate());
    }

    @Test
    void aSecondPutKeepsTheFirstValue() {
        ClockCache<String, String> c = cache(4);
        String first = new String("A");
        c.put("a", first);
        assertSame(first, c.put("a", new String("A")));
        assertSame(first, c.get("a"));
    }

    @Test
    void evictsByClockGivingReferencedEntriesASecondChance() {
        ClockCache<String, String> c = cache(3);
        c.put("a", "A");
        c.put("b", "B");
        c.put("c", "C");
        c.get("a"); // a gets a second chance
        c.put("d", "D"); // the hand passes a (clearing it) and evicts b
        assertNull(c.get("b"));
        assertEquals("A", c.get("a"));
        assertEquals("C", c.get("c"));
        assertEquals("D", c.get("d"));
        assertEquals(1, c.stats().evictions());
        assertEquals(3, c.stats().size());
        c.put("e", "E"); // everything referenced: a full sweep clears the bits, then the first in line goes
        assertEquals(2, c.stats().evictions());
        assertEquals(3, c.stats().size());
    }

    @Test
    void boundedByWeightToo() {
        ClockCache<String, String> c = new ClockCache<>(100, 80, k -> 0, String::length);
        c.put("a", "x".repeat(10));
        c.put("b", "x".repeat(10));
        assertEquals(2, c.stats().size());
        // Over a weight of 80 / 8 = 10, a value is handed back but not kept.
        String big = "x".repeat(11);
        assertSame(big, c.put("c", big));
        assertNull(c.get("c"));
        for (int i = 0; i < 20; i++) {
            c.put("k" + i, "x".repeat(10));
        }
        assertEquals(8, c.stats().size());
    }

    @Test
    void zeroEntriesMeansOff() {
        ClockCache<String, String> c = cache(0);
        assertEquals("A", c.put("a", "A"));
        assertNull(c.get("a"));
        assertEquals(new CacheStats(0, 1, 0, 0, 0), c.stats());
    }

    @Test
    void valuesOfAnotherShapeAreMisses() {
        ClockCache<String, Object> c = new ClockCache<>(4, 1 << 20, k -> 0, v -> 0);
        c.put("[]", List.of());
        assertNull(c.get("[]", String.class));
        assertEquals(List.of(), c.get("[]", List.class));
        assertEquals(new CacheStats(1, 1, 0, 1, 4), c.stats());
    }

    @Test
    void removeIfAndClearKeepTheCounters() {
        ClockCache<String, String> c = cache(8);
        for (String k : List.of("a1", "a2", "b1")) {
            c.put(k, k);
        }
        c.removeIf(k -> k.startsWith("a"));
        assertNull(c.get("a1"));
        assertEquals("b1", c.get("b1"));
        c.clear();
        assertEquals(new CacheStats(1, 1, 0, 0, 8), c.stats());
        // Freed slots are used again.
        for (int i = 0; i < 8; i++) {
            c.put("k" + i, "v");
        }
        assertEquals(new CacheStats(1, 1, 0, 8, 8), c.stats());
    }

    /** Many threads on a small cache: bounds hold, every lookup is counted, every answer is right. */
    @Test
    void concurrentUseKeepsBoundsAndCounts() throws Exception {
        ClockCache<Integer, String> c = new ClockCache<>(64, 1 << 20, k -> 4, String::length);
        int threads = 8;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    java.util.Random r = new java.util.Random(seed);
                    for (int i = 0; i < perThread; i++) {
                        // Skewed keys: a few hot ones, many cold ones.
                        int key = r.nextInt(4) == 0 ? r.nextInt(1000) : r.nextInt(16);
                        String v = c.get(key);
                        if (v == null) {
                            v = c.put(key, "v" + key);
                        }
                        assertEquals("v" + key, v);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        CacheStats s = c.stats();
        assertEquals((long) threads * perThread, s.lookups());
        assertTrue(s.size() <= 64, s.toString());
        assertTrue(s.hitRate() > 0.5, s.toString());
    }
}
