package dev.simplec.bridge.cache;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.service.CacheStats;
import dev.simplec.api.service.TypeSerializer;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;

/**
 * A session's serialize and deserialize caches in front of the serializer service (seed §8.2).
 * Answers and errors are the service's own: a failure is never cached, so bad input fails the
 * same way every time. Types are written through the serialize cache (TypeInfo or list of them
 * to canonical JSON); texts are read through the deserialize cache (JSON text to a TypeInfo or an
 * immutable list of them). Hints and templates are read by the service directly: they are
 * different every call.
 */
public final class CachedSerializer implements TypeSerializer {
    private final TypeSerializer service;
    private final ClockCache<Object, String> written;
    private final ClockCache<String, Object> read;

    public CachedSerializer(TypeSerializer service, CacheLimits limits) {
        this.service = service;
        // A text and the objects read from it weigh about two chars per char of text.
        this.written = new ClockCache<>(limits.serialize(), CacheLimits.TYPES_WEIGHT, k -> 0, s -> 2L * s.length());
        this.read = new ClockCache<>(limits.deserialize(), CacheLimits.TYPES_WEIGHT, s -> 2L * s.length(), v -> 0);
    }

    @Override
    public String writeType(TypeInfo type) {
        String json = written.get(type);
        return json != null ? json : written.put(type, service.writeType(type));
    }

    @Override
    public String writeTypes(List<TypeInfo> types) {
        String json = written.get(types);
        // The key is copied: a caller's list may change after the call.
        return json != null ? json : written.put(List.copyOf(types), service.writeTypes(types));
    }

    /** Null (a C caller's NULL) is not looked up: the service reports it like any bad input. */
    @Override
    public TypeInfo readType(@Nullable String json) {
        if (json == null) {
            return service.readType(json);
        }
        Object type = read.get(json, TypeInfo.class);
        return type != null ? (TypeInfo) type : (TypeInfo) read.put(json, service.readType(json));
    }

    /** The list is immutable: it is shared by every caller that reads the same text. */
    @Override
    @SuppressWarnings("unchecked")
    public List<TypeInfo> readTypes(@Nullable String json) {
        if (json == null) {
            return service.readTypes(json);
        }
        Object types = read.get(json, List.class);
        return (List<TypeInfo>) (types != null ? types : read.put(json, List.copyOf(service.readTypes(json))));
    }

    /** Hints share the read cache with types; the wrapper keeps a text read as hints from being served as types. */
    private record Hints(List<TypeHint> hints) {
    }

    @Override
    public List<TypeHint> readHints(@Nullable String json) {
        if (json == null) {
            return service.readHints(json);
        }
        Object hints = read.get(json, Hints.class);
        return (hints != null ? (Hints) hints : (Hints) read.put(json, new Hints(List.copyOf(service.readHints(json))))).hints();
    }

    @Override
    public TemplateDescription readTemplate(@Nullable String json) {
        if (json == null) {
            return service.readTemplate(json);
        }
        Object template = read.get(json, TemplateDescription.class);
        return template != null ? (TemplateDescription) template
                : (TemplateDescription) read.put(json, service.readTemplate(json));
    }

    /** Drops every entry; the counters go on. */
    public void clear() {
        written.clear();
        read.clear();
    }

    public CacheStats serializeStats() {
        return written.stats();
    }

    public CacheStats deserializeStats() {
        return read.stats();
    }
}
