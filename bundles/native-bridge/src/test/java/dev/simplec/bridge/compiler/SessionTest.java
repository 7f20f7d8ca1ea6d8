package dev.simplec.bridge.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.simplec.api.SimplecException;
import dev.simplec.api.service.CacheStats;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompiledCode;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.api.service.SessionStats;
import dev.simplec.backend.x86.X86Backend;
import dev.simplec.bridge.cache.CacheLimits;
import dev.simplec.inference.TemplateInferenceEngine;
import dev.simplec.serializer.JsonTypeSerializer;

/** Sessions of the real facade, with the real serializer, inference and x86-64 backend. */
class SessionTest {
    private static final String I64 = "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]";
    private static final String I32 = "[{\"kind\":\"int\",\"bits\":32,\"signed\":true}]";
    private static final String DOUBLE = "fn double<T: Num>(x: T) -> T { x + x }";
    private static final CacheStats EMPTY_TYPES = new CacheStats(0, 0, 0, 0, 1024);

    private static Map<String, Object> props(String version, long serviceId) {
        Map<String, Object> p = new HashMap<>();
        p.put(CodegenBackend.NAME, "x86_64");
        p.put(CodegenBackend.ARCH, "x86_64");
        p.put(CodegenBackend.VERSION, version);
        p.put("service.id", serviceId);
        return p;
    }

    private static PlatformCompiler compiler(Map<String, String> properties) {
        PlatformCompiler compiler = new PlatformCompiler(new JsonTypeSerializer(), new TemplateInferenceEngine(), properties::get);
        return compiler;
    }

    private static PlatformCompiler compiler() {
        PlatformCompiler compiler = compiler(Map.of(PlatformCompiler.ACTIVE_BACKEND, "x86_64"));
        compiler.addBackend(new X86Backend(), props("1.0.0", 1));
        return compiler;
    }

    @Test
    void theSameInstantiationIsCompiledOnce() {
        try (CompilerSession session = compiler().openSession(null)) {
            CompiledCode first = session.instantiate(DOUBLE, I64);
            CompiledCode second = session.instantiate(DOUBLE, " " + I64); // other text, same types
            assertSame(first, second);
            assertNotSame(first, session.instantiate(DOUBLE, I32));
            assertEquals(new SessionStats(1, null, EMPTY_TYPES, new CacheStats(0, 3, 0, 3, 1024),
                    new CacheStats(1, 2, 0, 2, 4096)), session.stats());
        }
    }

    @Test
    void failuresAreCountedAndNotCached() {
        try (CompilerSession session = compiler().openSession(null)) {
            for (int i = 0; i < 2; i++) {
                SimplecException e = assertThrows(SimplecException.class,
                        () -> session.instantiate("fn broken<T>(x: T) -> T { x + }", I64));
                assertEquals("template:1:", e.getMessage().substring(0, 11));
            }
            assertEquals(new CacheStats(0, 2, 0, 0, 4096), session.stats().instantiate());
            assertEquals(new CacheStats(1, 1, 0, 1, 1024), session.stats().deserialize());
        }
    }

    @Test
    void inferenceAnswersGoThroughTheSerializeCache() {
        try (CompilerSession session = compiler().openSession(null)) {
            String template = "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}";
            String hints = "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]";
            assertEquals(I64, session.inferTypes(template, hints));
            assertEquals(I64, session.inferTypes(template, hints));
            assertEquals(new CacheStats(1, 1, 0, 1, 1024), session.stats().serialize());
        }
    }

    /** SPEC §7: a newer backend takes over, and the code of the old one is never served again. */
    @Test
    void aBackendSwapNeverServesStaleCode() {
        PlatformCompiler compiler = compiler();
        try (CompilerSession session = compiler.openSession(null)) {
            CompiledCode old = session.instantiate(DOUBLE, I64);
            X86Backend newer = new X86Backend();
            compiler.addBackend(newer, props("1.1.0", 2));
            CompiledCode fresh = session.instantiate(DOUBLE, I64);
            assertNotSame(old, fresh);
            assertArrayEquals(old.code(), fresh.code()); // same compiler classes here, so the same bytes
            assertEquals(new CacheStats(0, 2, 0, 2, 4096), session.stats().instantiate());

            // The bundle is rebuilt with the same version: its service goes, taking its code out of
            // every open session, and the new service compiles afresh.
            compiler.removeBackend(newer, props("1.1.0", 2));
            assertEquals(1, session.stats().instantiate().size());
            compiler.addBackend(new X86Backend(), props("1.1.0", 3));
            assertNotSame(fresh, session.instantiate(DOUBLE, I64));
            assertEquals(new CacheStats(0, 3, 0, 2, 4096), session.stats().instantiate());
        }
    }

    /** Back on a backend that never went away, its code is still good and still cached. */
    @Test
    void theCodeOfARemainingBackendStaysCached() {
        PlatformCompiler compiler = compiler();
        try (CompilerSession session = compiler.openSession(null)) {
            CompiledCode first = session.instantiate(DOUBLE, I64);
            X86Backend newer = new X86Backend();
            compiler.addBackend(newer, props("2.0.0", 2));
            session.instantiate(DOUBLE, I64);
            compiler.removeBackend(newer, props("2.0.0", 2));
            assertSame(first, session.instantiate(DOUBLE, I64));
            assertEquals(new CacheStats(1, 2, 0, 1, 4096), session.stats().instantiate());
        }
    }

    @Test
    void theServiceListsOpenSessions() {
        PlatformCompiler compiler = compiler();
        CompilerSession a = compiler.openSession(null);
        CompilerSession b = compiler.openSession("x86_64");
        a.instantiate(DOUBLE, I64);
        assertEquals(List.of(1L, 2L), compiler.sessionStats().stream().map(SessionStats::id).toList());
        assertEquals("x86_64", compiler.sessionStats().get(1).backend());
        assertEquals(1, compiler.sessionStats().get(0).instantiate().misses());
        a.close();
        assertEquals(List.of(2L), compiler.sessionStats().stream().map(SessionStats::id).toList());
        b.close();
        assertEquals(List.of(), compiler.sessionStats());
    }

    @Test
    void cacheSizesComeFromFrameworkProperties() {
        PlatformCompiler compiler = compiler(Map.of(CacheLimits.SERIALIZE_PROPERTY, "8",
                CacheLimits.DESERIALIZE_PROPERTY, "0", CacheLimits.INSTANTIATE_PROPERTY, " 16 "));
        compiler.addBackend(new X86Backend(), props("1.0.0", 1));
        try (CompilerSession session = compiler.openSession(null)) {
            session.instantiate(DOUBLE, I64);
            session.instantiate(DOUBLE, I64);
            SessionStats s = session.stats();
            assertEquals(8, s.serialize().capacity());
            assertEquals(new CacheStats(0, 2, 0, 0, 0), s.deserialize());
            assertEquals(new CacheStats(1, 1, 0, 1, 16), s.instantiate());
        }
        SimplecException e = assertThrows(SimplecException.class,
                () -> compiler(Map.of(CacheLimits.INSTANTIATE_PROPERTY, "lots")));
        assertEquals("simplec.cache.instantiate: \"lots\" is not a cache size (0 to 1048576 entries)", e.getMessage());
    }

    /** A small code cache under a skewed stream of instantiations keeps its bound and its hot entries. */
    @Test
    void evictionKeepsTheBound() {
        PlatformCompiler compiler = compiler(Map.of(CacheLimits.INSTANTIATE_PROPERTY, "4"));
        compiler.addBackend(new X86Backend(), props("1.0.0", 1));
        try (CompilerSession session = compiler.openSession(null)) {
            for (int round = 0; round < 20; round++) {
                session.instantiate(DOUBLE, I64); // hot
                session.instantiate("fn f" + round + "<T: Num>(x: T) -> T { x * x }", I64); // each once
            }
            CacheStats s = session.stats().instantiate();
            assertEquals(4, s.size());
            assertEquals(19, s.hits());
            assertEquals(21, s.misses());
            assertEquals(17, s.evictions());
        }
    }
}
