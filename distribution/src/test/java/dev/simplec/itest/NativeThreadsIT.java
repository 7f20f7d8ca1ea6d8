package dev.simplec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * 8 native threads × 10,000 mixed calls, good and bad input, on a shared context and on private
 * contexts created and destroyed meanwhile (src/test/c/threads_test.c). Every answer is checked
 * by the C program; nothing may crash.
 */
class NativeThreadsIT {
    @Test
    void eightNativeThreadsMakeTenThousandCallsEach() throws Exception {
        Path exe = NativeTools.compile("gcc", "threads_test.c", "threads_test", "-pthread",
                "-I" + NativeTools.DIST.resolve("include"), "-L" + NativeTools.DIST.resolve("lib"),
                "-Wl,-rpath," + NativeTools.DIST.resolve("lib").toAbsolutePath(), "-lsimplec");
        NativeTools.Run run = NativeTools.run(List.of(exe.toString(), "8", "10000"),
                Map.of("JAVA_HOME", System.getProperty("java.home")), 300);
        assertEquals(0, run.exitCode(), run.describe());
        // 8 threads × 10,000 calls, 1 or 2 checks each, plus context churn: at least 80,000 checks.
        String last = run.stdout().strip();
        assertTrue(last.matches("\\d+ passed, 0 failed") && Long.parseLong(last.split(" ")[0]) >= 80_000, run.describe());
    }
}
