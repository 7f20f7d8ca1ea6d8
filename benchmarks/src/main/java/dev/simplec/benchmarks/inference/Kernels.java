package dev.simplec.benchmarks.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.simplec.api.types.TypeInfo;

/** The templates the front-end benchmarks compile. */
public final class Kernels {
    /** Where the 30-line template lives, relative to the repository root. */
    static final String KERNEL30_PATH = "distribution/src/bench/c/kernel30.spt";
    /** The system property that names kernel30.spt when the benchmarks do not run from the repository. */
    static final String KERNEL30_PROPERTY = "simplec.kernel30";

    static final String DOUBLE = "fn double<T: Num>(x: T) -> T { x + x }";

    static final List<TypeInfo> I64 = List.of(TypeInfo.integer(64, true));

    private Kernels() {
    }

    /**
     * The text of distribution/src/bench/c/kernel30.spt (the same file the C harness compiles with
     * libtcc), found from the working directory or one of its parents, or at -Dsimplec.kernel30.
     */
    static String kernel30() {
        String configured = System.getProperty(KERNEL30_PROPERTY);
        Path file = configured != null ? Path.of(configured) : find(Path.of("").toAbsolutePath());
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run from the repository, or set -D"
                    + KERNEL30_PROPERTY + "=path/to/kernel30.spt)", e);
        }
    }

    private static Path find(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve(KERNEL30_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return dir.resolve(KERNEL30_PATH);
    }

    /**
     * {@code count} variants of {@code source}, each with its own trailing comment, so that nothing
     * could answer one from an earlier one (the front end has no source cache, but the comment makes
     * that a property of the benchmark, not of the engine).
     */
    public static String[] variants(String source, int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = source + "\n// variant " + i + "\n";
        }
        return out;
    }
}
