package dev.simplec.launcher;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Entry point for hosting mode (b): libsimplec.so created this JVM and calls {@link #start}
 * through JNI. No shell: Gogo must not read the host program's standard input.
 */
public final class Embedded {
    private Embedded() {
    }

    /** Starts the platform; returns null when it is up, else what went wrong (the shim reports it). */
    public static @Nullable String start(String home) {
        try {
            Platform.start(Path.of(home), Map.of("gosh.args", "--nointeractive --noshutdown"));
            return null;
        } catch (Exception | LinkageError e) {
            return "starting Felix from " + home + " failed: " + e;
        }
    }
}
