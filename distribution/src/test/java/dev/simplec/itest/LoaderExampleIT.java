package dev.simplec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The native module loader of examples/loader (the seed's §6.3 scenario), built with the
 * pkg-config line of the docs and run against the distribution: load-time inference,
 * resolve_generic("my_fn", [i64]) called with 42, and Vec<HashMap<text, i64>> type arguments.
 */
class LoaderExampleIT {
    @Test
    void theLoaderResolvesGenericsAndCallsThem() throws Exception {
        Path dir = NativeTools.DIST.toAbsolutePath().resolve("examples/loader");
        Path exe = NativeTools.WORK.toAbsolutePath().resolve("loader");
        NativeTools.Run flags = NativeTools.run(List.of("pkg-config", "--cflags", "--libs", "simplec"),
                Map.of("PKG_CONFIG_PATH", NativeTools.DIST.toAbsolutePath().resolve("lib/pkgconfig").toString()), 30);
        assertEquals(0, flags.exitCode(), flags.describe());
        List<String> cc = new ArrayList<>(List.of("cc", "-O2", "-Wall", "-Werror", dir.resolve("loader.c").toString()));
        cc.addAll(List.of(flags.stdout().trim().split("\\s+")));
        cc.addAll(List.of("-o", exe.toString()));
        NativeTools.Run build = NativeTools.run(cc, Map.of(), 60);
        assertEquals(0, build.exitCode(), build.describe());

        NativeTools.Run run = NativeTools.run(List.of(exe.toString(), dir.resolve("generics.spt").toString()),
                Map.of("JAVA_HOME", System.getProperty("java.home")), 120);
        assertEquals(0, run.exitCode(), run.describe());
        String[] lines = run.stdout().split("\n");
        assertEquals(4, lines.length, run.describe());
        assertEquals("inferred my_fn type arguments: [{\"kind\":\"int\",\"bits\":64,\"signed\":true}]", lines[0]);
        assertTrue(lines[1].matches("resolve_generic\\(\"my_fn\", \\[i64\\]\\) -> 0x[0-9a-f]+; my_fn\\(42\\) = 84"), lines[1]);
        assertTrue(lines[2].matches("resolve_generic\\(\"process_data\", \\[Vec<HashMap<text, i64>>\\]\\) -> 0x[0-9a-f]+;"
                + " process_data\\(3 vectors\\) = 3"), lines[2]);
        assertEquals("total_values<text, i64>(3 vectors of maps) = 5", lines[3]);
    }
}
