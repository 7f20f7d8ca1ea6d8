package dev.simplec.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Compiling and running the C side of the integration tests. */
final class NativeTools {
    /** What a child process printed and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    static final Path DIST = Path.of(System.getProperty("simplec.dist", "target/simplec"));
    static final Path C_SOURCES = Path.of(System.getProperty("simplec.test.c", "src/test/c"));
    static final Path WORK = Path.of(System.getProperty("simplec.test.work", "target/itest"));

    private NativeTools() {
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static Run run(List<String> command, Map<String, String> env, long timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(WORK, "out", ".txt");
        Path err = Files.createTempFile(WORK, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
        }
        Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return run;
    }

    /** Compiles one C file to an executable in WORK; fails the test with the compiler's output. */
    static Path compile(String compiler, String source, String output, String... flags) throws IOException, InterruptedException {
        Path exe = WORK.resolve(output);
        List<String> cmd = new ArrayList<>(List.of(compiler, "-O2", "-Wall", "-Werror", "-o", exe.toString(),
                C_SOURCES.resolve(source).toString()));
        cmd.addAll(List.of(flags));
        Run run = run(cmd, Map.of(), 120);
        if (run.exitCode() != 0) {
            throw new AssertionError("compiling " + source + " failed: " + run.describe());
        }
        return exe;
    }
}
