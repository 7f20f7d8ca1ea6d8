package dev.simplec.benchmarks;

/**
 * The JVM the product runs our code in, for benchmarks to fork the same: {@code libsimplec.so}
 * starts it with {@code -XX:+UseSerialGC} and {@code -XX:InlineSmallCode=1000}
 * (bundles/native-bridge/src/main/c/boot.c), the two of its options that change how fast compiled
 * Java runs. The JVM's default collector here, G1, puts a pre- and a post-barrier around every
 * store of a reference, which the front end and the backends do all the time (docs/performance.md,
 * "What the collector costs"); the inlining limit keeps C2's code for the compiler smaller
 * (docs/performance-log.md, "The eighth session").
 */
public final class ProductJvm {
    /** The collector option of boot.c, for {@code @Fork(jvmArgsAppend = ...)}. */
    public static final String COLLECTOR = "-XX:+UseSerialGC";
    /** The inlining option of boot.c, for {@code @Fork(jvmArgsAppend = ...)} beside {@link #COLLECTOR}. */
    public static final String INLINING = "-XX:InlineSmallCode=1000";

    private ProductJvm() {
    }
}
