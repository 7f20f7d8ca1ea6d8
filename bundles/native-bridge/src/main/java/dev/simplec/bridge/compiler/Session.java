package dev.simplec.bridge.compiler;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.Disassembler;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.service.CompiledCode;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.api.service.InferenceEngine;
import dev.simplec.api.service.SessionStats;
import dev.simplec.api.service.TypeSerializer;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.bridge.cache.CacheLimits;
import dev.simplec.bridge.cache.CachedSerializer;
import dev.simplec.bridge.cache.ClockCache;
import dev.simplec.bridge.cache.CodeKey;

/**
 * One compiler context with its caches (seed §8.2): the serializer's, and compiled code by
 * {@link CodeKey}. Every cache is concurrent, so the session needs no lock of its own.
 */
final class Session implements CompilerSession {
    private final long id;
    private final @Nullable String pinned;
    private final CachedSerializer serializer;
    private final InferenceEngine inference;
    private final Supplier<Backends.Entry> backend;
    private final ClockCache<CodeKey, CompiledCode> code;
    private final Runnable onClose;

    Session(long id, @Nullable String pinned, TypeSerializer serializer, InferenceEngine inference,
            Supplier<Backends.Entry> backend, CacheLimits limits, Runnable onClose) {
        this.id = id;
        this.pinned = pinned;
        this.serializer = new CachedSerializer(serializer, limits);
        this.inference = inference;
        this.backend = backend;
        this.code = new ClockCache<>(limits.instantiate(), CacheLimits.CODE_WEIGHT,
                k -> k.source().length(), c -> c.size());
        this.onClose = onClose;
    }

    @Override
    public String inferTypes(String templateJson, String hintsJson) {
        TemplateDescription template;
        List<TypeHint> hints;
        try {
            template = serializer.readTemplate(templateJson);
        } catch (SimplecException e) {
            throw e.within("template_json");
        }
        try {
            hints = serializer.readHints(hintsJson);
        } catch (SimplecException e) {
            throw e.within("hints_json");
        }
        return serializer.writeTypes(inference.inferTypes(template, hints));
    }

    @Override
    public void checkTypes(String source) {
        inference.checkTypes(source);
    }

    @Override
    public CompiledCode instantiate(String source, String typesJson) {
        List<TypeInfo> types = types(typesJson);
        Backends.Entry target = backend.get(); // chosen once: the whole call runs on it
        CodeKey key = new CodeKey(source, types, target.name(), target.label(), target.serviceId());
        CompiledCode cached = code.get(key);
        if (cached != null) {
            return cached;
        }
        CompiledCode compiled = target.backend().compile(inference.instantiate(source, types));
        target.served().increment();
        return code.put(key, compiled.producedBy(target.name(), target.label()));
    }

    @Override
    public String disassemble(String source, String typesJson) {
        List<TypeInfo> types = types(typesJson);
        Backends.Entry target = backend.get();
        IrModule ir = inference.instantiate(source, types);
        if (target.backend() instanceof Disassembler listing) {
            return listing.disassemble(ir);
        }
        return ObjdumpListing.of(target.arch(), target.backend().compile(ir).code());
    }

    private List<TypeInfo> types(String typesJson) {
        try {
            return serializer.readTypes(typesJson);
        } catch (SimplecException e) {
            throw e.within("types_json");
        }
    }

    @Override
    public TypeSerializer serializer() {
        return serializer;
    }

    @Override
    public SessionStats stats() {
        return new SessionStats(id, pinned, serializer.serializeStats(), serializer.deserializeStats(), code.stats());
    }

    long id() {
        return id;
    }

    /** Drops the code of a backend service that went away: it can never be asked for again. */
    void forgetBackend(long serviceId) {
        code.removeIf(k -> k.service() == serviceId);
    }

    @Override
    public void close() {
        code.clear();
        serializer.clear();
        onClose.run();
    }
}
