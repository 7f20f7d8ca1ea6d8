package dev.simplec.serializer.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.SimplecException;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeKind;
import dev.simplec.serializer.rules.Invalid;
import dev.simplec.serializer.rules.Limits;
import dev.simplec.serializer.rules.SimpleTypes;
import dev.simplec.serializer.rules.TypeRules;

/**
 * Reads the layout of {@link BinaryLayout} from untrusted bytes. Every problem is reported at the
 * offset of the byte where it shows ("byte 3: ..."); nesting is bounded like JSON's, and every
 * count is checked against the bytes left before anything is allocated for it.
 */
final class BinaryTypeDecoder {
    private final byte[] in;
    private int pos;

    private BinaryTypeDecoder(byte[] in, int pos) {
        this.in = in;
        this.pos = pos;
    }

    static TypeInfo decode(byte @Nullable [] bytes) {
        if (bytes == null) {
            throw at(0, "no input (null)");
        }
        if (bytes.length > Limits.MAX_BINARY_BYTES) {
            throw Invalid.limit("byte 0", "input is " + bytes.length + " bytes long; the limit is " + Limits.MAX_BINARY_BYTES);
        }
        BinaryTypeDecoder d = new BinaryTypeDecoder(bytes, 0);
        int version = d.u8();
        if (version != BinaryLayout.VERSION) {
            throw at(0, "version " + version + " is not supported (this codec reads version " + BinaryLayout.VERSION + ")");
        }
        TypeInfo type = d.type(1);
        if (d.pos != bytes.length) {
            throw at(d.pos, "content after the end of the type (" + bytes(bytes.length - d.pos) + ")");
        }
        return type;
    }

    private TypeInfo type(int depth) {
        int start = pos;
        if (depth > Limits.MAX_TYPE_DEPTH) {
            throw Invalid.limit("byte " + start, TypeRules.TOO_DEEP);
        }
        int tag = u8();
        int high = tag >>> 4;
        TypeKind kind = BinaryLayout.kind(tag & 15);
        if (kind == null) {
            throw at(start, hex(tag) + " is not a type tag (kind " + (tag & 15) + " does not exist)");
        }
        switch (kind) {
            case INT -> {
                reserved(start, tag, high & 8);
                return SimpleTypes.integer(8 << (high & 3), (tag & BinaryLayout.SIGNED_FLAG) != 0);
            }
            case FLOAT -> {
                reserved(start, tag, high & 12);
                int bits = 8 << (high & 3);
                check(start, TypeRules.bitsProblem(TypeKind.FLOAT, bits));
                return SimpleTypes.floating(bits);
            }
            case BOOL -> {
                reserved(start, tag, high);
                return TypeInfo.bool();
            }
            case STRING -> {
                reserved(start, tag, high);
                return TypeInfo.string();
            }
            case NAMED -> {
                reserved(start, tag, high);
                String name = name();
                return TypeInfo.named(name, types(depth + 1));
            }
            case GENERIC -> {
                reserved(start, tag, high);
                return TypeInfo.generic(name());
            }
            case ARRAY -> {
                reserved(start, tag, high);
                return TypeInfo.array(type(depth + 1));
            }
            case TUPLE -> {
                reserved(start, tag, high);
                return TypeInfo.tuple(types(depth + 1));
            }
            case SIMD -> {
                int lanes = 1 << high;
                int elemAt = pos;
                TypeInfo elem = type(depth + 1);
                check(elemAt, TypeRules.simdElemProblem(elem));
                check(start, TypeRules.simdSizeProblem(lanes, elem));
                return TypeInfo.simd(lanes, elem);
            }
            default -> {
                reserved(start, tag, high);
                List<TypeInfo> params = types(depth + 1);
                return TypeInfo.function(params, type(depth + 1));
            }
        }
    }

    private List<TypeInfo> types(int depth) {
        int start = pos;
        int n = count();
        // Every type takes at least one byte.
        if (n > in.length - pos) {
            throw at(start, n + " types announced, but only " + bytes(in.length - pos) + " left");
        }
        List<TypeInfo> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(type(depth));
        }
        return out;
    }

    private String name() {
        int start = pos;
        int n = count();
        if (n > in.length - pos) {
            throw at(start, "a name of " + n + " bytes announced, but only " + bytes(in.length - pos) + " left");
        }
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in, pos, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw at(start, "the name is not valid UTF-8");
        }
        pos += n;
        String problem = TypeRules.nameProblem(name);
        if (problem != null) {
            throw at(start, "the name " + problem);
        }
        return name;
    }

    /** Unsigned LEB128, minimal, below 2^31. */
    private int count() {
        int start = pos;
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if ((b == 0 && shift > 0) || (shift == 28 && b > 7)) {
                    throw at(start, "malformed count (overlong, or not below 2^31)");
                }
                return value;
            }
        }
        throw at(start, "malformed count (overlong, or not below 2^31)");
    }

    private int u8() {
        if (pos >= in.length) {
            throw at(pos, "unexpected end of input");
        }
        return in[pos++] & 0xff;
    }

    private static void reserved(int offset, int tag, int bits) {
        if (bits != 0) {
            throw at(offset, "tag " + hex(tag) + " has reserved bits set");
        }
    }

    private static void check(int offset, @Nullable String problem) {
        if (problem != null) {
            throw at(offset, problem);
        }
    }

    private static String bytes(int n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    private static String hex(int b) {
        return String.format("0x%02x", b);
    }

    private static SimplecException at(int offset, String what) {
        return Invalid.at("byte " + offset, what);
    }
}
