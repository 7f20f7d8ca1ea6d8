package dev.simplec.serializer.rules;

import dev.simplec.api.types.TypeInfo;

/** Shared instances of the scalar types, so that readers do not allocate for the common case. */
public final class SimpleTypes {
    /** Indexed by {@link #widthCode} * 2 + (signed ? 1 : 0). */
    private static final TypeInfo[] INTS = new TypeInfo[8];
    private static final TypeInfo F32 = TypeInfo.floating(32);
    private static final TypeInfo F64 = TypeInfo.floating(64);

    static {
        for (int code = 0; code < 4; code++) {
            INTS[code * 2] = TypeInfo.integer(8 << code, false);
            INTS[code * 2 + 1] = TypeInfo.integer(8 << code, true);
        }
    }

    private SimpleTypes() {
    }

    /** 0, 1, 2, 3 for 8, 16, 32, 64 bits; {@code bits} must be one of those. */
    public static int widthCode(int bits) {
        return Integer.numberOfTrailingZeros(bits) - 3;
    }

    /** {@code bits} must be a valid int width. */
    public static TypeInfo integer(int bits, boolean signed) {
        return INTS[widthCode(bits) * 2 + (signed ? 1 : 0)];
    }

    /** {@code bits} must be 32 or 64. */
    public static TypeInfo floating(int bits) {
        return bits == 32 ? F32 : F64;
    }
}
