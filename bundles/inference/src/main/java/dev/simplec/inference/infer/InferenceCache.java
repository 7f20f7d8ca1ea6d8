package dev.simplec.inference.infer;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.types.Signature;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.check.TypeSize;
import dev.simplec.inference.util.Maps;

/**
 * Inference results keyed by template description and hints (seed §11.2): the same question gets
 * the same answer without parsing the template again. Bounded: past {@code capacity} entries the
 * oldest are evicted first (FIFO). Thread-safe without a global lock: a concurrent map for the
 * entries, a ring of the keys in insertion order (each insert takes the next slot and evicts the key
 * it held: no queue node per miss), and striped counters for hits and misses.
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

    /**
     * A cache key. Its hash is computed once, when it is made: the map hashes a key to find it, to
     * insert it and again to evict it, and each time a record would walk the whole description and
     * every hint type again.
     */
    private static final class Key {
        final TemplateDescription template;
        final List<TypeHint> hints;
        final int hash;

        Key(TemplateDescription template, List<TypeHint> hints) {
            this.template = template;
            this.hints = hints;
            this.hash = template.hashCode() * 31 + hints.hashCode();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Key k && hash == k.hash && template.equals(k.template) && hints.equals(k.hints);
        }
    }

    private final int capacity;
    private final ConcurrentHashMap<Key, List<TypeInfo>> entries = new ConcurrentHashMap<>();
    /** Key {@code n} of all keys ever inserted sits in slot {@code n % capacity} until key {@code n + capacity} takes it. */
    private final AtomicReferenceArray<@Nullable Key> ring;
    private final AtomicLong inserted = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public InferenceCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    /** The cached answer for (template, hints), or {@code infer}'s, which is then cached. */
    public List<TypeInfo> get(TemplateDescription template, List<TypeHint> hints, Supplier<List<TypeInfo>> infer) {
        return get(template, hints, (t, h) -> infer.get());
    }

    /**
     * The cached answer for (template, hints), or {@code infer(template, hints)}, which is then
     * cached. A method reference here allocates nothing per call, unlike a capturing supplier.
     */
    public List<TypeInfo> get(TemplateDescription template, List<TypeHint> hints,
            BiFunction<TemplateDescription, List<TypeHint>, List<TypeInfo>> infer) {
        if (!shallow(template, hints)) {
            // Hashing the key would walk every path of the types; inference rejects them with a LIMIT error.
            return infer.apply(template, hints);
        }
        Key key = new Key(template, List.copyOf(hints));
        List<TypeInfo> cached = Maps.get(entries, key);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        List<TypeInfo> answer = List.copyOf(infer.apply(template, hints));
        if (Maps.putIfAbsent(entries, key, answer) == null) {
            Key oldest = ring.getAndSet((int) (inserted.getAndIncrement() % capacity), key);
            if (oldest != null) {
                entries.remove(oldest);
            }
        }
        return answer;
    }

    private static boolean shallow(TemplateDescription template, List<TypeHint> hints) {
        for (TypeHint h : hints) {
            if (!TypeSize.within(h.ty())) {
                return false;
            }
        }
        Signature sig = template.signature();
        if (sig != null) {
            TypeInfo ret = sig.ret();
            if (ret != null && !TypeSize.within(ret)) {
                return false;
            }
            for (TypeInfo t : sig.params()) {
                if (!TypeSize.within(t)) {
                    return false;
                }
            }
        }
        return true;
    }

    public Stats stats() {
        return new Stats(hits.sum(), misses.sum(), entries.size(), capacity);
    }

    /** Drops every entry and zeroes the counters. */
    public void clear() {
        for (int i = 0; i < capacity; i++) {
            ring.set(i, null);
        }
        entries.clear();
        hits.reset();
        misses.reset();
    }
}
