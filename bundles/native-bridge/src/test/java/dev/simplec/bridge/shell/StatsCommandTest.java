package dev.simplec.bridge.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.backend.x86.X86Backend;
import dev.simplec.bridge.compiler.PlatformCompiler;
import dev.simplec.inference.TemplateInferenceEngine;
import dev.simplec.serializer.JsonTypeSerializer;

/** simplec:stats on the real compiler facade. */
class StatsCommandTest {
    private static final String I64 = "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]";
    private static final String DOUBLE = "fn double<T: Num>(x: T) -> T { x + x }";

    private static PlatformCompiler compiler() {
        PlatformCompiler compiler = new PlatformCompiler(new JsonTypeSerializer(), new TemplateInferenceEngine(), k -> null);
        compiler.addBackend(new X86Backend(), Map.of(CodegenBackend.NAME, "x86_64", CodegenBackend.ARCH, "x86_64",
                CodegenBackend.VERSION, "1.0.0", "service.id", 1L));
        return compiler;
    }

    @Test
    void saysSoWhenNoSessionIsOpen() {
        assertEquals("no open sessions\n", new StatsCommand(compiler()).stats());
    }

    @Test
    void aLinePerCacheOfEachSessionAndTheirSum() {
        PlatformCompiler compiler = compiler();
        try (CompilerSession a = compiler.openSession(null); CompilerSession b = compiler.openSession("x86_64")) {
            a.instantiate(DOUBLE, I64);
            a.instantiate(DOUBLE, I64);
            a.instantiate(DOUBLE, I64);
            b.instantiate(DOUBLE, I64);
            assertEquals(String.join("\n",
                    "session  backend  cache              hits     misses  hit rate  evictions  size/capacity",
                    "1        active   serialize             0          0         -          0         0/1024",
                    "1        active   deserialize           2          1    66.7 %          0         1/1024",
                    "1        active   instantiate           2          1    66.7 %          0         1/4096",
                    "2        x86_64   serialize             0          0         -          0         0/1024",
                    "2        x86_64   deserialize           0          1     0.0 %          0         1/1024",
                    "2        x86_64   instantiate           0          1     0.0 %          0         1/4096",
                    "all      2 open   serialize             0          0         -          0         0/2048",
                    "all      2 open   deserialize           2          2    50.0 %          0         2/2048",
                    "all      2 open   instantiate           2          2    50.0 %          0         2/8192",
                    ""), new StatsCommand(compiler).stats());
        }
    }

    @Test
    void isDeclaredAsAGogoCommand() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/OSGI-INF/dev.simplec.bridge.shell.StatsCommand.xml")) {
            assertNotNull(in, "bnd wrote no component description");
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("<property name=\"osgi.command.scope\" type=\"String\" value=\"simplec\"/>"), xml);
            assertTrue(xml.contains("<property name=\"osgi.command.function\" type=\"String\" value=\"stats\"/>"), xml);
        }
    }
}
