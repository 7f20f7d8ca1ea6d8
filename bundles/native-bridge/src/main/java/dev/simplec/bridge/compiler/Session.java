package dev.simplec.bridge.compiler;

import java.util.List;
import java.util.function.Supplier;

import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompiledCode;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.api.service.InferenceEngine;
import dev.simplec.api.service.TypeSerializer;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;

/** One compiler context. Stateless for now, so concurrent use needs no locking. */
final class Session implements CompilerSession {
    private final TypeSerializer serializer;
    private final InferenceEngine inference;
    private final Supplier<CodegenBackend> backend;

    Session(TypeSerializer serializer, InferenceEngine inference, Supplier<CodegenBackend> backend) {
        this.serializer = serializer;
        this.inference = inference;
        this.backend = backend;
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
        List<TypeInfo> types;
        try {
            types = serializer.readTypes(typesJson);
        } catch (SimplecException e) {
            throw e.within("types_json");
        }
        CodegenBackend target = backend.get(); // chosen once: the whole call runs on it
        IrModule ir = inference.instantiate(source, types);
        return target.compile(ir);
    }

    @Override
    public void close() {
        // Nothing held yet; caches will be released here.
    }
}
