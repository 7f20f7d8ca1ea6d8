package dev.simplec.serializer.binary;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.types.TypeKind;

/**
 * The byte layout, version 1 (docs/json.md, "Binary form"). A document is the version byte and
 * one type. A type is a tag byte, then what its kind needs:
 *
 * <pre>
 * tag bits 0-3: kind code     int 0, float 1, bool 2, string 3, named 4, generic 5,
 *                             array 6, tuple 7, simd 8, function 9
 * tag bits 4-7: by kind       int:   bits 4-5 width code w (8 &lt;&lt; w bits), bit 6 signed, bit 7 zero
 *                             float: bits 4-5 width code (2 = 32, 3 = 64), bits 6-7 zero
 *                             simd:  log2(lanes)
 *                             others: zero
 * after the tag               named: name, count, count types;  generic: name
 *                             array: elem;  tuple: count, count types;  simd: elem
 *                             function: count, count parameter types, return type
 * name                        count, then that many bytes of UTF-8
 * count                       unsigned LEB128, at most 5 bytes, minimal, below 2^31
 * </pre>
 *
 * Every TypeInfo has exactly one encoding: reserved bits are zero and counts are minimal.
 */
final class BinaryLayout {
    static final int VERSION = 1;

    static final int INT = 0;
    static final int FLOAT = 1;
    static final int BOOL = 2;
    static final int STRING = 3;
    static final int NAMED = 4;
    static final int GENERIC = 5;
    static final int ARRAY = 6;
    static final int TUPLE = 7;
    static final int SIMD = 8;
    static final int FUNCTION = 9;

    static final int SIGNED_FLAG = 0x40;

    private static final TypeKind[] KINDS = {
        TypeKind.INT, TypeKind.FLOAT, TypeKind.BOOL, TypeKind.STRING, TypeKind.NAMED,
        TypeKind.GENERIC, TypeKind.ARRAY, TypeKind.TUPLE, TypeKind.SIMD, TypeKind.FUNCTION,
    };

    private BinaryLayout() {
    }

    static int code(TypeKind kind) {
        return switch (kind) {
            case INT -> INT;
            case FLOAT -> FLOAT;
            case BOOL -> BOOL;
            case STRING -> STRING;
            case NAMED -> NAMED;
            case GENERIC -> GENERIC;
            case ARRAY -> ARRAY;
            case TUPLE -> TUPLE;
            case SIMD -> SIMD;
            case FUNCTION -> FUNCTION;
        };
    }

    static @Nullable TypeKind kind(int code) {
        return code < KINDS.length ? KINDS[code] : null;
    }
}
