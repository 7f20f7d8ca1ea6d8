package dev.simplec.benchmarks;

/**
 * The JVM the product runs our code in, for benchmarks to fork the same: {@code libsimplec.so}
 * starts it with {@code -XX:+UseSerialGC}, {@code -XX:InlineSmallCode=1000} and
 * {@code -XX:FreqInlineSize=200} (bundles/native-bridge/src/main/c/boot.c), the three of its options
 * that change how fast compiled Java runs. The JVM's default collector here, G1, puts a pre- and a
 * post-barrier around every store of a reference, which the front end and the backends do all the
 * time (docs/performance.md, "What the collector costs"); the inlining limits keep C2's code for the compiler smaller
 * (docs/performance-log.md, "The eighth session" and "The fifteenth session").
 */
public final class ProductJvm {
    /** The collector option of boot.c, for {@code @Fork(jvmArgsAppend = ...)}. */
    public static final String COLLECTOR = "-XX:+UseSerialGC";
    /** The inlining option of boot.c, for {@code @Fork(jvmArgsAppend = ...)} beside {@link #COLLECTOR}. */
    public static final String INLINING = "-XX:InlineSmallCode=1000";
    /** The inlining option of boot.c for methods not yet compiled, beside {@link #INLINING}. */
    public static final String FREQUENT_INLINING = "-XX:FreqInlineSize=200";

    private ProductJvm() {
    }
}
