package dev.simplec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * bin/simplec as a user runs it: the scripted shell of the main job (examples/demo.gosh) lists
 * the backends, infers, checks, instantiates, disassembles, runs and switches backends.
 */
class LauncherIT {
    @Test
    void theDemoScriptShowsThePlatformDoingItsJob() throws Exception {
        Path home = NativeTools.DIST.toAbsolutePath();
        NativeTools.Run run = NativeTools.run(List.of("sh", "-c", "cd '" + home + "' && bin/simplec --script examples/demo.gosh < /dev/null"),
                Map.of("JAVA_HOME", System.getProperty("java.home")), 120);
        String out = run.stdout();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(out.contains("aarch64    aarch64  1.0.0             0\nx86_64     x86_64   1.0.0     *       0\n"), run.describe());
        assertTrue(out.contains("\n[{\"kind\":\"float\",\"bits\":64}]\n"), run.describe());
        assertTrue(out.contains("error: template:1:26: cannot add T and T: type parameter T needs the bound Num\n"), run.describe());
        assertTrue(out.contains("bytes of x86_64 code from x86_64 1.0.0:\n"), run.describe());
        assertTrue(out.contains("mulsd xmm1, xmm0"), run.describe());
        assertTrue(out.contains("poly<f64>(2.0) = 17.0\n"), run.describe());
        assertTrue(out.contains("double<i32>(21) = 42\n"), run.describe());
        assertTrue(out.contains("active backend: aarch64\n"), run.describe());
        assertTrue(out.contains("aarch64    aarch64  1.0.0     *       0\n"), run.describe());
        assertTrue(out.contains("== done\n"), run.describe());
    }

    @Test
    void backgroundModeLogsAndRunsUntilStopped() throws Exception {
        Path home = NativeTools.DIST.toAbsolutePath();
        Path log = home.resolve("log/simplec.log");
        Files.deleteIfExists(log);
        NativeTools.Run started = NativeTools.run(List.of(home.resolve("bin/simplec").toString(), "--background"),
                Map.of("JAVA_HOME", System.getProperty("java.home")), 30);
        assertEquals(0, started.exitCode(), started.describe());
        assertTrue(started.stdout().startsWith("simplec started in the background (pid "), started.describe());
        long pid = Long.parseLong(started.stdout().replaceAll("(?s).*\\(pid (\\d+)\\).*", "$1"));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        try {
            Thread.sleep(2000);
            assertTrue(process.isAlive(), () -> "the background platform stopped: " + read(log));
        } finally {
            process.destroy();
            process.onExit().get();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
