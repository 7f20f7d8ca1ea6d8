package dev.simplec.inference.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.simplec.api.SimplecException;
import dev.simplec.api.types.HintSource;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeParam;
import dev.simplec.inference.TemplateInferenceEngine;

/** The inference cache: keyed by template and hints, counted, bounded, safe under concurrent use. */
class InferenceCacheTest {
    private static final TemplateDescription ID = new TemplateDescription("id", List.of(new TypeParam("T", List.of())), null, null);

    private static List<TypeHint> callSite(TypeInfo t) {
        return List.of(new TypeHint(HintSource.CALL_SITE, 0, t));
    }

    @Test
    void secondIdenticalQueryIsAHitAndSkipsInference() {
        InferenceCache cache = new InferenceCache(8);
        AtomicInteger computed = new AtomicInteger();
        List<TypeInfo> first = cache.get(ID, callSite(TypeInfo.integer(64, true)), () -> {
            computed.incrementAndGet();
            return List.of(TypeInfo.integer(64, true));
        });
        List<TypeInfo> second = cache.get(ID, callSite(TypeInfo.integer(64, true)), () -> {
            computed.incrementAndGet();
            return List.of(TypeInfo.bool());
        });
        assertSame(first, second);
        assertEquals(1, computed.get());
        assertEquals(new InferenceCache.Stats(1, 1, 1, 8), cache.stats());
        assertEquals(0.5, cache.stats().hitRate());
    }

    @Test
    void otherHintsOrTemplatesAreOtherKeys() {
        InferenceCache cache = new InferenceCache(8);
        cache.get(ID, callSite(TypeInfo.integer(64, true)), () -> List.of(TypeInfo.integer(64, true)));
        cache.get(ID, callSite(TypeInfo.floating(64)), () -> List.of(TypeInfo.floating(64)));
        TemplateDescription other = new TemplateDescription("id2", ID.params(), null, null);
        cache.get(other, callSite(TypeInfo.integer(64, true)), () -> List.of(TypeInfo.integer(64, true)));
        assertEquals(new InferenceCache.Stats(0, 3, 3, 8), cache.stats());
    }

    @Test
    void boundedOldestEvictedFirst() {
        InferenceCache cache = new InferenceCache(2);
        for (int bits : new int[] {8, 16, 32}) {
            cache.get(ID, callSite(TypeInfo.integer(bits, true)), () -> List.of(TypeInfo.integer(bits, true)));
        }
        assertEquals(2, cache.stats().size());
        AtomicInteger computed = new AtomicInteger();
        cache.get(ID, callSite(TypeInfo.integer(32, true)), () -> List.of(TypeInfo.bool()));
        cache.get(ID, callSite(TypeInfo.integer(8, true)), () -> {
            computed.incrementAndGet();
            return List.of(TypeInfo.integer(8, true));
        });
        assertEquals(1, computed.get(), "i8 was the oldest entry and must have been evicted");
        assertEquals(new InferenceCache.Stats(1, 4, 2, 2), cache.stats());
    }

    @Test
    void failuresAreNotCached() {
        TemplateInferenceEngine engine = new TemplateInferenceEngine();
        TemplateDescription two = new TemplateDescription("f", List.of(new TypeParam("T", List.of()), new TypeParam("U", List.of())),
                null, null);
        for (int i = 0; i < 2; i++) {
            SimplecException e = assertThrows(SimplecException.class, () -> engine.inferTypes(two, callSite(TypeInfo.bool())));
            assertEquals("type parameter U: no hint determines it", e.getMessage());
        }
        assertEquals(new InferenceCache.Stats(0, 2, 0, TemplateInferenceEngine.INFERENCE_CACHE_CAPACITY),
                engine.inferenceCacheStats());
    }

    @Test
    void engineCountsThroughItsCache() {
        TemplateInferenceEngine engine = new TemplateInferenceEngine();
        TemplateDescription src = new TemplateDescription("double", List.of(), null, "fn double<T: Num>(x: T) -> T { x + x }");
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(TypeInfo.floating(32)), engine.inferTypes(src, callSite(TypeInfo.floating(32))));
        }
        assertEquals(new InferenceCache.Stats(2, 1, 1, TemplateInferenceEngine.INFERENCE_CACHE_CAPACITY),
                engine.inferenceCacheStats());
    }

    @Test
    void concurrentUseKeepsCountsAndBound() {
        InferenceCache cache = new InferenceCache(16);
        int threads = 8;
        int perThread = 2000;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    int bits = 8 << (i % 4);
                    List<TypeInfo> got = cache.get(ID, callSite(TypeInfo.integer(bits, i % 8 < 4)),
                            () -> List.of(TypeInfo.integer(bits, true)));
                    assertEquals(bits, got.get(0).bits());
                }
            });
            ts.add(th);
            th.start();
        }
        IntStream.range(0, threads).forEach(i -> {
            try {
                ts.get(i).join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        InferenceCache.Stats s = cache.stats();
        assertEquals((long) threads * perThread, s.hits() + s.misses());
        assertEquals(8, s.size(), "eight distinct keys, all within the capacity");
    }
}
