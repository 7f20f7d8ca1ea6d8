package dev.simplec.benchmarks.cache;

import java.util.Map;

import dev.simplec.api.service.CodegenBackend;
import dev.simplec.backend.x86.X86Backend;
import dev.simplec.bridge.compiler.PlatformCompiler;
import dev.simplec.inference.TemplateInferenceEngine;
import dev.simplec.serializer.JsonTypeSerializer;

/** The real compiler facade outside OSGi: real serializer, inference and x86-64 backend, default cache sizes. */
final class Compilers {
    private Compilers() {
    }

    static PlatformCompiler x86() {
        PlatformCompiler compiler = new PlatformCompiler(new JsonTypeSerializer(), new TemplateInferenceEngine(),
                key -> PlatformCompiler.ACTIVE_BACKEND.equals(key) ? "x86_64" : null);
        compiler.addBackend(new X86Backend(), Map.of(CodegenBackend.NAME, "x86_64", CodegenBackend.ARCH, "x86_64",
                CodegenBackend.VERSION, "1.0.0", "service.id", 1L));
        return compiler;
    }
}
