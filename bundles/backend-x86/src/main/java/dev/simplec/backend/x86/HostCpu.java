package dev.simplec.backend.x86;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the host x86-64 CPU offers beyond the SSE2 baseline, read once from the kernel's
 * {@code /proc/cpuinfo} flags (which also say the kernel saves the AVX state). The system
 * property {@code simplec.x86.avx2=true|false} overrides it (cross-compiling for another x86-64
 * machine, or testing the error path).
 */
public final class HostCpu {
    private static final boolean AVX2 = detect();

    private HostCpu() {
    }

    public static boolean hasAvx2() {
        String forced = System.getProperty("simplec.x86.avx2");
        return forced != null ? Boolean.parseBoolean(forced) : AVX2;
    }

    private static boolean detect() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    for (String flag : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                        if (flag.equals("avx2")) {
                            return true;
                        }
                    }
                    return false;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
