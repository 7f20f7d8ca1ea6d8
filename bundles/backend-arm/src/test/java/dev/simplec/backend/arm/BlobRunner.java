package dev.simplec.backend.arm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs AArch64 code blobs through {@code src/test/c/run_blob.c}: {@code aarch64-linux-gnu-gcc -static}
 * builds the harness once per test run and each {@link #run} is one {@code qemu-aarch64} process that
 * calls the blob once per argument line. On an AArch64 host the harness is built with gcc and run directly.
 */
final class BlobRunner {
    private static final Path SOURCE = Path.of("src/test/c/run_blob.c");
    private static final Path BINARY = Path.of("target/run_blob-aarch64");
    private static final boolean NATIVE = System.getProperty("os.arch").equals("aarch64");
    private static boolean built;

    private BlobRunner() {
    }

    /** Skips (never passes) the calling test, naming the missing tool, when AArch64 code cannot run here. */
    static synchronized List<String> harness() throws IOException, InterruptedException {
        if (NATIVE) {
            assumeTrue(Tools.onPath("gcc"), "AArch64 run tests need gcc on PATH to build src/test/c/run_blob.c");
        } else {
            assumeTrue(Tools.onPath("aarch64-linux-gnu-gcc"),
                    "AArch64 run tests need aarch64-linux-gnu-gcc on PATH (missing) to build src/test/c/run_blob.c");
            assumeTrue(Tools.onPath("qemu-aarch64"), "AArch64 run tests need qemu-aarch64 on PATH (missing) to run AArch64 code on this host");
        }
        if (!built) {
            exec(List.of(NATIVE ? "gcc" : "aarch64-linux-gnu-gcc", "-static", "-O1", "-Wall", "-Werror", "-o", BINARY.toString(), SOURCE.toString()), "");
            built = true;
        }
        String exe = BINARY.toAbsolutePath().toString();
        return NATIVE ? List.of(exe) : List.of("qemu-aarch64", exe);
    }

    /**
     * Runs {@code code} once per entry of {@code calls} (each a list of "i:0x…"/"f:0x…" arguments) and
     * returns the result bits of each call; {@code kind} is 'i', 'f' or 'v'.
     */
    static List<Long> run(byte[] code, char kind, List<List<String>> calls) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(harness());
        Path blob = Files.createTempFile("simplec-arm-", ".bin");
        try {
            Files.write(blob, code);
            StringBuilder in = new StringBuilder();
            for (List<String> call : calls) {
                in.append(String.join(" ", call)).append('\n');
            }
            command.add(blob.toString());
            command.add(String.valueOf(kind));
            String out = exec(command, in.toString());
            List<Long> results = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    results.add(line.equals("void") ? 0L : Long.parseUnsignedLong(line.substring(2), 16));
                }
            }
            if (results.size() != calls.size()) {
                throw new AssertionError("harness answered " + results.size() + " of " + calls.size() + " calls:\n" + out);
            }
            return results;
        } finally {
            Files.deleteIfExists(blob);
        }
    }

    static String exec(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
