package dev.simplec.backend.arm.diff;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/c/arm_harness.c}: built once per test run with {@code aarch64-linux-gnu-gcc
 * -static} and run under {@code qemu-aarch64} (directly with gcc on an AArch64 host). One process
 * takes a whole script of blobs and calls, so hundreds of programs cost one emulator start.
 */
public final class Harness {
    private static final Path SOURCE = Path.of("src/test/c/arm_harness.c");
    private static final Path BINARY = Path.of("target/arm_harness");
    private static final boolean NATIVE = System.getProperty("os.arch").equals("aarch64");
    private static boolean built;

    private Harness() {
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The command that runs the harness; skips (never passes) the calling test, naming the missing tool, when it cannot run here. */
    public static synchronized List<String> command() throws IOException, InterruptedException {
        if (NATIVE) {
            assumeTrue(onPath("gcc"), "AArch64 differential tests need gcc on PATH to build src/test/c/arm_harness.c");
        } else {
            assumeTrue(onPath("aarch64-linux-gnu-gcc"),
                    "AArch64 differential tests need aarch64-linux-gnu-gcc on PATH (missing) to build src/test/c/arm_harness.c");
            assumeTrue(onPath("qemu-aarch64"), "AArch64 differential tests need qemu-aarch64 on PATH (missing) to run AArch64 code on this host");
        }
        if (!built) {
            exec(List.of(NATIVE ? "gcc" : "aarch64-linux-gnu-gcc", "-static", "-O1", "-Wall", "-Werror", "-o", BINARY.toString(),
                    SOURCE.toString()), Path.of("/dev/null"));
            built = true;
        }
        String exe = BINARY.toAbsolutePath().toString();
        return NATIVE ? List.of(exe) : List.of("qemu-aarch64", exe);
    }

    /** Runs {@code script} and returns the answer lines; a call may take 10 s. */
    public static List<String> run(String script) throws IOException, InterruptedException {
        return run(script, 10);
    }

    /** Runs {@code script} and returns the answer lines; a call running longer than {@code callSeconds} fails the run. */
    static List<String> run(String script, int callSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command());
        cmd.add(Integer.toString(callSeconds));
        Path in = Files.createTempFile("simplec-arm-script-", ".txt");
        try {
            Files.writeString(in, script);
            String out = exec(cmd, in);
            List<String> lines = new ArrayList<>();
            for (String l : out.split("\n")) {
                if (!l.isEmpty()) {
                    lines.add(l);
                }
            }
            return lines;
        } finally {
            Files.deleteIfExists(in);
        }
    }

    static String exec(List<String> command, Path stdin) throws IOException, InterruptedException {
        Path err = Files.createTempFile("simplec-arm-err-", ".txt");
        // Output to a file, not a pipe read to its end: the wait below then really bounds the run.
        Path out = Files.createTempFile("simplec-arm-out-", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectInput(stdin.toFile()).redirectError(err.toFile())
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish in 120 s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " exited with " + p.exitValue() + ":\n" + Files.readString(err) + "\nafter:\n"
                        + tail(text));
            }
            return text;
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(out);
        }
    }

    private static String tail(String s) {
        return s.length() > 2000 ? "…" + s.substring(s.length() - 2000) : s;
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    static byte[] unhex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
