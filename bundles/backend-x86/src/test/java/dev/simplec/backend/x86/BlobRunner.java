package dev.simplec.backend.x86;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs code blobs natively through {@code src/test/c/run_blob.c} in a child process: gcc builds the
 * harness once per test run; each {@link #run} is one process that calls the blob once per argument line.
 */
final class BlobRunner {
    private static final Path SOURCE = Path.of("src/test/c/run_blob.c");
    private static final Path BINARY = Path.of("target/run_blob-x86_64");
    private static boolean built;

    private BlobRunner() {
    }

    /** Skips (never passes) the calling test when this host cannot run x86-64 code. */
    static synchronized Path harness() throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "x86-64 run tests need an x86-64 host, this is " + arch);
        assumeTrue(Tools.onPath("gcc"), "x86-64 run tests need gcc on PATH to build src/test/c/run_blob.c");
        if (!built) {
            exec(List.of("gcc", "-O1", "-Wall", "-Werror", "-o", BINARY.toString(), SOURCE.toString()), "");
            built = true;
        }
        return BINARY;
    }

    /**
     * Runs {@code code} once per entry of {@code calls} (each a list of "i:0x…"/"f:0x…" arguments) and
     * returns the result bits of each call; {@code kind} is 'i', 'f' or 'v'.
     */
    static List<Long> run(byte[] code, char kind, List<List<String>> calls) throws IOException, InterruptedException {
        Path exe = harness();
        Path blob = Files.createTempFile("simplec-x86-", ".bin");
        try {
            Files.write(blob, code);
            StringBuilder in = new StringBuilder();
            for (List<String> call : calls) {
                in.append(String.join(" ", call)).append('\n');
            }
            String out = exec(List.of(exe.toAbsolutePath().toString(), blob.toString(), String.valueOf(kind)), in.toString());
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
