package dev.simplec.benchmarks;

/**
 * The JVM the product runs our code in, for benchmarks to fork the same: {@code libsimplec.so}
 * starts it with {@code -XX:+UseSerialGC} (bundles/native-bridge/src/main/c/boot.c), and the
 * collector is the one option that changes how fast compiled Java runs. The JVM's default here,
 * G1, puts a pre- and a post-barrier around every store of a reference, which the front end and
 * the backends do all the time (docs/performance.md, "What the collector costs").
 */
public final class ProductJvm {
    /** The collector option of boot.c, for {@code @Fork(jvmArgsAppend = ...)}. */
    public static final String COLLECTOR = "-XX:+UseSerialGC";

    private ProductJvm() {
    }
}
