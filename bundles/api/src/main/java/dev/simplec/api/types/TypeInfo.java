package dev.simplec.api.types;

import java.util.List;
import java.util.Objects;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A type as it crosses the C ABI (SPEC §4). Which fields mean something depends on {@link #kind}:
 * {@code name} for named and generic, {@code args} for named, tuple and function (parameters),
 * {@code bits} for int and float, {@code signed} for int, {@code lanes} for simd, {@code elem} for
 * array, simd and function (return type). Unused fields are {@code null}, {@code 0}, {@code false}
 * or empty. Use the factory methods; they build only well-formed values. Validation of widths and
 * lanes belongs to the serializer, which reads untrusted input.
 */
public record TypeInfo(
        TypeKind kind,
        @Nullable String name,
        List<TypeInfo> args,
        int bits,
        boolean signed,
        int lanes,
        @Nullable TypeInfo elem) {

    public TypeInfo {
        Objects.requireNonNull(kind, "kind");
        args = List.copyOf(args);
    }

    private static final TypeInfo BOOL = new TypeInfo(TypeKind.BOOL, null, List.of(), 0, false, 0, null);
    private static final TypeInfo STRING = new TypeInfo(TypeKind.STRING, null, List.of(), 0, false, 0, null);

    public static TypeInfo integer(int bits, boolean signed) {
        return new TypeInfo(TypeKind.INT, null, List.of(), bits, signed, 0, null);
    }

    public static TypeInfo floating(int bits) {
        return new TypeInfo(TypeKind.FLOAT, null, List.of(), bits, false, 0, null);
    }

    public static TypeInfo bool() {
        return BOOL;
    }

    public static TypeInfo string() {
        return STRING;
    }

    public static TypeInfo named(String name, List<TypeInfo> args) {
        return new TypeInfo(TypeKind.NAMED, name, args, 0, false, 0, null);
    }

    public static TypeInfo generic(String name) {
        return new TypeInfo(TypeKind.GENERIC, name, List.of(), 0, false, 0, null);
    }

    public static TypeInfo array(TypeInfo elem) {
        return new TypeInfo(TypeKind.ARRAY, null, List.of(), 0, false, 0, elem);
    }

    public static TypeInfo tuple(List<TypeInfo> args) {
        return new TypeInfo(TypeKind.TUPLE, null, args, 0, false, 0, null);
    }

    public static TypeInfo simd(int lanes, TypeInfo elem) {
        return new TypeInfo(TypeKind.SIMD, null, List.of(), 0, false, lanes, elem);
    }

    public static TypeInfo function(List<TypeInfo> params, TypeInfo ret) {
        return new TypeInfo(TypeKind.FUNCTION, null, params, 0, false, 0, ret);
    }

    /** The template-language spelling: {@code i64}, {@code f32}, {@code [T]}, {@code Vec<i32>}, {@code fn(i64) -> i64}. */
    @Override
    public String toString() {
        return switch (kind) {
            case INT -> (signed ? "i" : "u") + bits;
            case FLOAT -> "f" + bits;
            case BOOL -> "bool";
            case STRING -> "text";
            case GENERIC -> String.valueOf(name);
            case NAMED -> args.isEmpty() ? String.valueOf(name) : name + "<" + join(args) + ">";
            case ARRAY -> "[" + elem + "]";
            case TUPLE -> "(" + join(args) + ")";
            case SIMD -> String.valueOf(elem) + "x" + lanes;
            case FUNCTION -> "fn(" + join(args) + ") -> " + elem;
        };
    }

    private static String join(List<TypeInfo> types) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(types.get(i));
        }
        return sb.toString();
    }
}
