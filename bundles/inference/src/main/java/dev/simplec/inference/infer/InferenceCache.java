package dev.simplec.inference.infer;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.simplec.api.types.Signature;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.syntax.Limits;
import dev.simplec.inference.util.Maps;

/**
 * Inference results keyed by template description and hints (seed §11.2): the same question gets
 * the same answer without parsing the template again. Bounded: past {@code capacity} entries the
 * oldest are evicted first (FIFO). Thread-safe without a global lock: a concurrent map for the
 * entries, a concurrent queue for the eviction order, and striped counters for hits and misses.
 * Only answers are cached; a failing inference is recomputed (and fails again) each time. Keys are
 * the api records themselves, which are immutable and compare by value.
 */
public final class InferenceCache {
    /** Hits, misses, current size and capacity; {@link #hitRate} is hits / (hits + misses). */
    public record Stats(long hits, long misses, int size, int capacity) {
        public double hitRate() {
            long total = hits + misses;
            return total == 0 ? 0.0 : (double) hits / total;
        }
    }

    private record Key(TemplateDescription template, List<TypeHint> hints) {
    }

    private final int capacity;
    private final ConcurrentHashMap<Key, List<TypeInfo>> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Key> order = new ConcurrentLinkedQueue<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public InferenceCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The cached answer for (template, hints), or {@code infer}'s, which is then cached. */
    public List<TypeInfo> get(TemplateDescription template, List<TypeHint> hints, Supplier<List<TypeInfo>> infer) {
        if (!shallow(template, hints)) {
            // Hashing the key would recurse as deep as the types; inference rejects them with a LIMIT error.
            return infer.get();
        }
        Key key = new Key(template, List.copyOf(hints));
        List<TypeInfo> cached = Maps.get(entries, key);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        List<TypeInfo> answer = List.copyOf(infer.get());
        if (Maps.putIfAbsent(entries, key, answer) == null) {
            order.add(key);
            while (entries.size() > capacity) {
                Key oldest = Maps.poll(order);
                if (oldest == null) {
                    break;
                }
                entries.remove(oldest);
            }
        }
        return answer;
    }

    private static boolean shallow(TemplateDescription template, List<TypeHint> hints) {
        for (TypeHint h : hints) {
            if (!shallow(h.ty(), 0)) {
                return false;
            }
        }
        Signature sig = template.signature();
        if (sig != null) {
            TypeInfo ret = sig.ret();
            if (ret != null && !shallow(ret, 0)) {
                return false;
            }
            for (TypeInfo t : sig.params()) {
                if (!shallow(t, 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code t} nests at most {@link Limits#MAX_NESTING} levels (the recursion stops there). */
    private static boolean shallow(TypeInfo t, int depth) {
        if (depth > Limits.MAX_NESTING) {
            return false;
        }
        TypeInfo elem = t.elem();
        if (elem != null && !shallow(elem, depth + 1)) {
            return false;
        }
        for (TypeInfo a : t.args()) {
            if (!shallow(a, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    public Stats stats() {
        return new Stats(hits.sum(), misses.sum(), entries.size(), capacity);
    }

    /** Drops every entry and zeroes the counters. */
    public void clear() {
        entries.clear();
        order.clear();
        hits.reset();
        misses.reset();
    }
}
