package dev.simplec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hosting mode (b): a plain C program linked with -lsimplec (through the distribution's
 * pkg-config file) boots the JVM and Felix on its first call, and runs the whole skeleton
 * scenario, its bad-input cases and the cache counters of compiler_stats (src/test/c/abi_test.c).
 */
class NativeHostIT {
    private static NativeTools.Run abiTest;
    private static Path aarch64Blob;
    private static final Path CLASS_LOG = NativeTools.WORK.resolve("abi_test-classes.log").toAbsolutePath();

    @BeforeAll
    static void runAbiTest() throws Exception {
        Files.createDirectories(NativeTools.WORK);
        aarch64Blob = NativeTools.WORK.resolve("double-i64.aarch64.bin");
        Files.deleteIfExists(aarch64Blob);
        Path exe = NativeTools.compile("gcc", "abi_test.c", "abi_test", pkgConfig("--cflags", "--libs"));
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home")); // the JVM running this build
        env.put("SIMPLEC_JVM_OPTS", "-Xlog:class+load=info:file=" + CLASS_LOG);
        Files.deleteIfExists(CLASS_LOG);
        abiTest = NativeTools.run(List.of(exe.toString(), aarch64Blob.toString()), env, 180);
    }

    /** The flags the distribution's simplec.pc gives, as a user's build would get them. */
    private static String[] pkgConfig(String... what) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("pkg-config"));
        cmd.addAll(Arrays.asList(what));
        cmd.add("simplec");
        NativeTools.Run run = NativeTools.run(cmd,
                Map.of("PKG_CONFIG_PATH", NativeTools.DIST.resolve("lib/pkgconfig").toAbsolutePath().toString()), 30);
        assertEquals(0, run.exitCode(), run.describe());
        return run.stdout().trim().split("\\s+");
    }

    /** The build's bin/simplec-cds archive is what the shim's JVM starts from (a quarter of the boot). */
    @Test
    void theJvmMapsTheDistributionsClassArchive() throws Exception {
        String classes = Files.readString(CLASS_LOG);
        assertTrue(classes.contains("dev.simplec.launcher.Platform source: shared objects file (top)"),
                () -> classes.lines().filter(l -> l.contains("dev.simplec.launcher")).toList().toString());
        assertTrue(classes.contains("dev.simplec.inference.TemplateInferenceEngine source: shared objects file (top)"),
                () -> classes.lines().filter(l -> l.contains("TemplateInferenceEngine")).toList().toString());
    }

    /** More JVM options than the shim takes: a clear error before any JVM starts, not a stack overrun. */
    @Test
    void tooManyJvmOptionsFailTheBootCleanly() throws Exception {
        Path exe = NativeTools.compile("gcc", "boot_error.c", "boot_error", pkgConfig("--cflags", "--libs"));
        StringBuilder opts = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            opts.append(" -Dsimplec.test.option").append(i).append("=1");
        }
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SIMPLEC_JVM_OPTS", opts.toString().trim());
        NativeTools.Run run = NativeTools.run(List.of(exe.toString()), env, 60);
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("compiler_create_context: platform unavailable: SIMPLEC_JVM_OPTS has more than 32 options\n", run.stdout(),
                run.describe());
    }

    @Test
    void everyCheckOfTheCProgramPasses() {
        assertEquals(0, abiTest.exitCode(), abiTest.describe());
        assertTrue(abiTest.stdout().matches("(?s).*\\n\\d+ passed, 0 failed\\n$"), abiTest.describe());
    }

    @Test
    void seedInferenceExampleAnswersExactly() {
        assertTrue(abiTest.stdout().contains("infer id<T> from an i64 call site: [{\"kind\":\"int\",\"bits\":64,\"signed\":true}]\n"),
                abiTest.describe());
    }

    @Test
    void doubleOf42Is84() {
        assertTrue(abiTest.stdout().contains("double<i64>(42) = 84\n"), abiTest.describe());
    }

    @Test
    void statsCountOneCompileAndOneCacheHit() {
        assertTrue(abiTest.stdout().contains("stats after instantiating double<i64> twice: "
                + "{\"serialize\":{\"hits\":0,\"misses\":0,\"evictions\":0,\"size\":0,\"capacity\":1024},"
                + "\"deserialize\":{\"hits\":1,\"misses\":1,\"evictions\":0,\"size\":1,\"capacity\":1024},"
                + "\"instantiate\":{\"hits\":1,\"misses\":1,\"evictions\":0,\"size\":1,\"capacity\":4096}}\n"),
                abiTest.describe());
    }

    @Test
    void aarch64CodeRunsUnderQemu() throws Exception {
        assumeTrue(NativeTools.onPath("aarch64-linux-gnu-gcc"), "skipped: aarch64-linux-gnu-gcc is not installed");
        assumeTrue(NativeTools.onPath("qemu-aarch64"), "skipped: qemu-aarch64 is not installed");
        assertTrue(Files.size(aarch64Blob) > 0, "abi_test wrote no AArch64 code: " + abiTest.describe());
        Path runner = NativeTools.compile("aarch64-linux-gnu-gcc", "run_blob.c", "run_blob_aarch64", "-static");
        NativeTools.Run run = NativeTools.run(List.of("qemu-aarch64", runner.toString(), aarch64Blob.toString(), "42"),
                Map.of(), 60);
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("84\n", run.stdout());
    }
}
