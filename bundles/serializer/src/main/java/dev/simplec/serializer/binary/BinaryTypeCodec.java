package dev.simplec.serializer.binary;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.types.TypeInfo;

/**
 * The compact binary form of a TypeInfo (seed §11.1): version byte, then the type; a scalar type
 * takes 2 bytes. Layout in {@link BinaryLayout} and docs/json.md. Internal to this bundle until
 * the api offers it.
 */
public final class BinaryTypeCodec {
    /** The layout version this codec writes and the only one it reads. */
    public static final int VERSION = BinaryLayout.VERSION;

    private BinaryTypeCodec() {
    }

    /** Fails like the JSON writer, with a JSON path, for a value reading would reject. */
    public static byte[] encode(TypeInfo type) {
        return BinaryTypeEncoder.encode(type);
    }

    /** Fails with {@code INVALID_INPUT} and "byte N: ..." for truncated, corrupt or invalid bytes. */
    public static TypeInfo decode(byte @Nullable [] bytes) {
        return BinaryTypeDecoder.decode(bytes);
    }
}
