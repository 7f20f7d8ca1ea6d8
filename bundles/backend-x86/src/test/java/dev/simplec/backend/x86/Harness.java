package dev.simplec.backend.x86;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The native side of the tests: one long-lived child process ({@code src/test/c/run_blobs.c} with
 * the call trampoline {@code tramp.S}, built with gcc once per run) that loads blobs and calls
 * them with any register and stack contents, in-process or in a forked child for calls that are
 * expected to trap. Shared by every test class of the run.
 */
final class Harness {
    /** What the callee left in the result registers, and which callee-saved registers it broke. */
    record Out(long rax, long rdx, long[] v0, long[] v1, long badCalleeSaved) {
    }

    /** A forked call: its exit status, what it wrote to stderr, and its result if it returned. */
    record Forked(int status, String stderr, @Nullable Out out) {
    }

    /** Register and stack contents for one call; a gpr or stack value "@3" is buffer 3's address. */
    record Args(List<String> gprs, List<long[]> vecs, List<String> stack) {
    }

    private static final Path BINARY = Path.of("target/run_blobs-x86_64");
    private static @Nullable Harness instance;

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private Harness(Process p) {
        this.process = p;
        this.in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII);
        this.out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Skips (never passes) the calling test when this host cannot run x86-64 code or build the harness. */
    static synchronized Harness get() throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "native tests need an x86-64 host, this is " + arch);
        assumeTrue(Tools.onPath("gcc"), "native tests need gcc on PATH to build src/test/c/run_blobs.c");
        Harness h = instance;
        if (h == null || !h.process.isAlive()) {
            Tools.exec(List.of("gcc", "-O1", "-Wall", "-Werror", "-o", BINARY.toString(), "src/test/c/run_blobs.c", "src/test/c/tramp.S"), "");
            Process p = new ProcessBuilder(BINARY.toAbsolutePath().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            h = new Harness(p);
            instance = h;
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        }
        return h;
    }

    private String send(String command, boolean answer) throws IOException {
        in.write(command);
        in.write('\n');
        in.flush();
        if (!answer) {
            return "";
        }
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the harness died (exit " + waitExit() + ") after: " + abbreviate(command));
        }
        return line;
    }

    private int waitExit() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    synchronized void load(byte[] code) throws IOException {
        send("L " + HexFormat.of().formatHex(code), false);
    }

    synchronized void buffer(int index, byte[] bytes) throws IOException {
        send("M " + index + " " + HexFormat.of().formatHex(bytes), false);
    }

    synchronized byte[] dump(int index) throws IOException {
        String line = send("D " + index, true);
        return HexFormat.of().parseHex(line.substring(2).trim());
    }

    private static String encode(Args a) {
        StringBuilder sb = new StringBuilder();
        sb.append(Integer.toHexString(a.gprs().size()));
        for (String g : a.gprs()) {
            sb.append(' ').append(g);
        }
        sb.append(' ').append(Integer.toHexString(a.vecs().size()));
        for (long[] v : a.vecs()) {
            for (int q = 0; q < 4; q++) {
                sb.append(' ').append(Long.toHexString(q < v.length ? v[q] : 0));
            }
        }
        sb.append(' ').append(Integer.toHexString(a.stack().size()));
        for (String s : a.stack()) {
            sb.append(' ').append(s);
        }
        return sb.toString();
    }

    private static Out parse(String line) {
        String[] f = line.split(" ");
        if (!f[0].equals("R") || f.length != 12) {
            throw new IllegalStateException("bad harness answer: " + line);
        }
        long[] v0 = new long[4];
        long[] v1 = new long[4];
        for (int q = 0; q < 4; q++) {
            v0[q] = Long.parseUnsignedLong(f[3 + q], 16);
            v1[q] = Long.parseUnsignedLong(f[7 + q], 16);
        }
        return new Out(Long.parseUnsignedLong(f[1], 16), Long.parseUnsignedLong(f[2], 16), v0, v1, Long.parseUnsignedLong(f[11], 16));
    }

    synchronized Out call(Args a) throws IOException {
        return parse(send("C " + encode(a), true));
    }

    synchronized Forked fork(Args a) throws IOException {
        String line = send("F " + encode(a), true);
        @Nullable Out result = null;
        if (line.startsWith("R ")) {
            result = parse(line);
            line = out.readLine();
            if (line == null) {
                throw new IOException("the harness died after a forked call");
            }
        }
        String[] f = line.split(" ", -1);
        if (!f[0].equals("X")) {
            throw new IllegalStateException("bad harness answer: " + line);
        }
        String err = f.length > 2 ? new String(HexFormat.of().parseHex(f[2]), StandardCharsets.UTF_8) : "";
        return new Forked(Integer.parseInt(f[1], 16), err, result);
    }

    static List<String> hex(List<Long> values) {
        List<String> out = new ArrayList<>();
        for (long v : values) {
            out.add(Long.toHexString(v));
        }
        return out;
    }
}
