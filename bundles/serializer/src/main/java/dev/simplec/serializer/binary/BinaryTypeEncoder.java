package dev.simplec.serializer.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.rules.Invalid;
import dev.simplec.serializer.rules.Limits;
import dev.simplec.serializer.rules.SimpleTypes;
import dev.simplec.serializer.rules.TypeRules;
import dev.simplec.serializer.rules.ValuePath;

/** Writes the layout of {@link BinaryLayout}; refuses invalid values as the JSON writer does. */
final class BinaryTypeEncoder {
    private byte[] out = new byte[32];
    private int size;

    private BinaryTypeEncoder() {
    }

    static byte[] encode(TypeInfo type) {
        TypeRules.check(type, ValuePath.ROOT);
        if (isScalar(type)) {
            return new byte[] {BinaryLayout.VERSION, (byte) tag(type)};
        }
        BinaryTypeEncoder e = new BinaryTypeEncoder();
        e.put(BinaryLayout.VERSION);
        e.type(type);
        return Arrays.copyOf(e.out, e.size);
    }

    private static boolean isScalar(TypeInfo t) {
        return switch (t.kind()) {
            case INT, FLOAT, BOOL, STRING -> true;
            default -> false;
        };
    }

    private static int tag(TypeInfo t) {
        int code = BinaryLayout.code(t.kind());
        return switch (t.kind()) {
            case INT -> code | SimpleTypes.widthCode(t.bits()) << 4 | (t.signed() ? BinaryLayout.SIGNED_FLAG : 0);
            case FLOAT -> code | SimpleTypes.widthCode(t.bits()) << 4;
            case SIMD -> code | Integer.numberOfTrailingZeros(t.lanes()) << 4;
            default -> code;
        };
    }

    /** {@code t} has passed {@link TypeRules#check}, so the fields its kind needs are there. */
    private void type(TypeInfo t) {
        put(tag(t));
        switch (t.kind()) {
            case NAMED -> {
                name(Objects.requireNonNull(t.name()));
                types(t.args());
            }
            case GENERIC -> name(Objects.requireNonNull(t.name()));
            case TUPLE -> types(t.args());
            case ARRAY, SIMD -> type(Objects.requireNonNull(t.elem()));
            case FUNCTION -> {
                types(t.args());
                type(Objects.requireNonNull(t.elem()));
            }
            default -> {
            }
        }
    }

    private void types(List<TypeInfo> types) {
        count(types.size());
        for (TypeInfo t : types) {
            type(t);
        }
    }

    /** Checked names hold no unpaired surrogate, so their UTF-8 is exact. */
    private void name(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        count(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, out, size, utf8.length);
        size += utf8.length;
    }

    private void count(int n) {
        while (n >= 0x80) {
            put(n & 0x7f | 0x80);
            n >>>= 7;
        }
        put(n);
    }

    private void put(int b) {
        ensure(1);
        out[size++] = (byte) b;
    }

    /** Room for {@code more} bytes; an encoding no decoder would take back (past 1 MiB) is refused as it grows. */
    private void ensure(int more) {
        if ((long) size + more > Limits.MAX_BINARY_BYTES) {
            throw Invalid.limit(ValuePath.ROOT.toString(), "the encoding would be longer than " + Limits.MAX_BINARY_BYTES
                    + " bytes (the limit is " + Limits.MAX_BINARY_BYTES + ")");
        }
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}
