package dev.simplec.benchmarks.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.simplec.api.types.TypeInfo;

/**
 * The templates {@link CompileBench} compiles, read from the files the rest of the project measures
 * and tests: {@code double<T>} (the SPEC §8 instantiation bar), the 30-line
 * {@code distribution/src/bench/c/kernel30.spt}, and the SPEC §8 benchmark kernels in
 * {@code bundles/inference/src/test/resources/kernels/} (the kernels of the x86-64 code benchmark
 * {@code bundles/backend-x86/src/bench}; its SIMD forms use 256-bit vectors: {@code sum_simd256},
 * {@code dot_simd256}, {@code saxpy_simd256}, and {@code matmul_simd}, whose 128-bit form is
 * {@code matmul_simd128}), each at the type its benchmark uses.
 */
final class Templates {
    /** The system property naming the repository root when the benchmarks do not run inside it. */
    static final String ROOT_PROPERTY = "simplec.repo";
    private static final String KERNEL30 = "distribution/src/bench/c/kernel30.spt";
    private static final String KERNELS = "bundles/inference/src/test/resources/kernels/";
    private static final String DOUBLE = "fn double<T: Num>(x: T) -> T { x + x }";

    private static final List<TypeInfo> I64 = List.of(TypeInfo.integer(64, true));
    private static final List<TypeInfo> F64 = List.of(TypeInfo.floating(64));
    private static final List<TypeInfo> F32 = List.of(TypeInfo.floating(32));

    /** A template's source and the type arguments it is instantiated at. */
    record Template(String source, List<TypeInfo> types) {
    }

    private Templates() {
    }

    /** The template {@code name}: {@code double}, {@code kernel30}, or a kernel file's name without {@code .spt}. */
    static Template of(String name) {
        return switch (name) {
            case "double" -> new Template(DOUBLE, I64);
            case "kernel30" -> new Template(read(KERNEL30), I64);
            case "sum", "fib" -> new Template(read(KERNELS + name + ".spt"), I64);
            case "dot", "matmul" -> new Template(read(KERNELS + name + ".spt"), F64);
            case "saxpy" -> new Template(read(KERNELS + name + ".spt"), F32);
            default -> new Template(read(KERNELS + name + ".spt"), List.of()); // the SIMD kernels are not generic
        };
    }

    private static String read(String relative) {
        String configured = System.getProperty(ROOT_PROPERTY);
        Path file = configured != null ? Path.of(configured, relative) : find(Path.of("").toAbsolutePath(), relative);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run from the repository, or set -D" + ROOT_PROPERTY
                    + "=path/to/repository)", e);
        }
    }

    /** {@code relative} under the working directory or the nearest parent that has it. */
    private static Path find(Path dir, String relative) {
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return dir.resolve(relative);
    }
}
