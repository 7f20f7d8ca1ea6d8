package dev.simplec.bridge.compiler;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/**
 * A listing of code from a backend without a built-in disassembler, by the binutils objdump for
 * its architecture when one is installed ({@code aarch64-linux-gnu-objdump}, or {@code objdump}
 * for the host's own architecture).
 */
final class ObjdumpListing {
    private ObjdumpListing() {
    }

    static String of(String arch, byte[] code) {
        String machine = arch.equals("aarch64") ? "aarch64" : "i386:x86-64";
        String tool = arch.equals(Backends.hostArch()) ? "objdump" : arch + "-linux-gnu-objdump";
        if (!onPath(tool)) {
            throw new SimplecException(ErrorKind.UNSUPPORTED,
                    "the " + arch + " backend has no disassembler of its own and " + tool + " is not installed");
        }
        Path blob = null;
        try {
            blob = Files.createTempFile("simplec-", ".bin");
            Files.write(blob, code);
            Process p = new ProcessBuilder(List.of(tool, "-D", "-b", "binary", "-m", machine, "-M",
                    arch.equals("aarch64") ? "no-aliases" : "intel", blob.toString()))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new SimplecException(ErrorKind.UNSUPPORTED, tool + " failed: " + out);
            }
            int start = out.indexOf("<.data>:");
            return start < 0 ? out : out.substring(out.indexOf('\n', start) + 1);
        } catch (IOException e) {
            throw new SimplecException(ErrorKind.UNSUPPORTED, "cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimplecException(ErrorKind.UNSUPPORTED, "interrupted while running " + tool, e);
        } finally {
            if (blob != null) {
                blob.toFile().delete();
            }
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
