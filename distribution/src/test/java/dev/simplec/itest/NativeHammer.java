package dev.simplec.itest;

import java.nio.file.Path;

/**
 * Native threads (src/test/c/hammer_jni.c) that call the C ABI in this JVM until stopped: they
 * create contexts, instantiate and free code, and count what happened.
 */
final class NativeHammer {
    /** What the threads saw. */
    record Counts(long ok, long unavailable, long otherFailures, String firstOtherFailure) {
    }

    private static boolean loaded;

    private NativeHammer() {
    }

    /** Builds the JNI library against this build's libsimplec.so and loads it (once per class loader). */
    static synchronized void load() throws Exception {
        if (loaded) {
            return;
        }
        Path lib = NativeTools.compile("gcc", "hammer_jni.c", "libhammer-" + ProcessHandle.current().pid() + "-"
                + System.identityHashCode(NativeHammer.class) + ".so", "-shared", "-fPIC", "-pthread",
                "-I" + NativeTools.DIST.resolve("include"),
                "-I" + Path.of(System.getProperty("java.home"), "include"),
                "-I" + Path.of(System.getProperty("java.home"), "include", "linux"),
                "-L" + NativeTools.DIST.resolve("lib"),
                "-Wl,-rpath," + NativeTools.DIST.resolve("lib").toAbsolutePath(), "-lsimplec");
        System.load(lib.toAbsolutePath().toString());
        loaded = true;
    }

    static native void start(int threads);

    private static native long[] stop();

    static native long okCalls();

    private static native String firstOtherFailure();

    static Counts stopAndCount() {
        long[] c = stop();
        return new Counts(c[0], c[1], c[2], firstOtherFailure());
    }
}
