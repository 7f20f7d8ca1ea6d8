package dev.simplec.serializer.binary;

import static dev.simplec.serializer.testing.Expect.invalid;
import static dev.simplec.serializer.testing.Expect.limit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;

import dev.simplec.api.types.TypeInfo;

/** The documented layout, byte for byte, and a message for each way bytes can be wrong. */
class BinaryTypeCodecTest {
    private static final TypeInfo I64 = TypeInfo.integer(64, true);
    private static final TypeInfo F32 = TypeInfo.floating(32);

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void layout(TypeInfo t, int... expected) {
        assertArrayEquals(bytes(expected), BinaryTypeCodec.encode(t), t.toString());
        assertEquals(t, BinaryTypeCodec.decode(bytes(expected)));
    }

    private static void decode(String message, byte @Nullable [] b) {
        invalid(message, () -> BinaryTypeCodec.decode(b));
    }

    private static void decode(String message, int... b) {
        decode(message, bytes(b));
    }

    @Test
    void scalarsTakeTwoBytes() {
        layout(TypeInfo.integer(8, false), 1, 0x00);
        layout(TypeInfo.integer(8, true), 1, 0x40);
        layout(TypeInfo.integer(16, true), 1, 0x50);
        layout(TypeInfo.integer(32, false), 1, 0x20);
        layout(I64, 1, 0x70);
        layout(TypeInfo.integer(64, false), 1, 0x30);
        layout(F32, 1, 0x21);
        layout(TypeInfo.floating(64), 1, 0x31);
        layout(TypeInfo.bool(), 1, 0x02);
        layout(TypeInfo.string(), 1, 0x03);
        assertSame(BinaryTypeCodec.decode(bytes(1, 0x70)), BinaryTypeCodec.decode(bytes(1, 0x70)));
    }

    @Test
    void compositeLayouts() {
        layout(TypeInfo.named("Vec", List.of(TypeInfo.integer(32, true))), 1, 0x04, 3, 'V', 'e', 'c', 1, 0x60);
        layout(TypeInfo.named("P", List.of()), 1, 0x04, 1, 'P', 0);
        layout(TypeInfo.generic("T"), 1, 0x05, 1, 'T');
        layout(TypeInfo.generic("\u00e9"), 1, 0x05, 2, 0xc3, 0xa9);
        layout(TypeInfo.array(I64), 1, 0x06, 0x70);
        layout(TypeInfo.tuple(List.of(I64, F32)), 1, 0x07, 2, 0x70, 0x21);
        layout(TypeInfo.tuple(List.of()), 1, 0x07, 0);
        layout(TypeInfo.simd(4, F32), 1, 0x28, 0x21);
        layout(TypeInfo.simd(16, TypeInfo.integer(8, false)), 1, 0x48, 0x00);
        layout(TypeInfo.simd(1, TypeInfo.floating(64)), 1, 0x08, 0x31);
        layout(TypeInfo.function(List.of(I64, I64), I64), 1, 0x09, 2, 0x70, 0x70, 0x70);
    }

    @Test
    void countsAreLeb128() {
        String name = "n".repeat(200);
        byte[] b = BinaryTypeCodec.encode(TypeInfo.generic(name));
        assertArrayEquals(bytes(1, 0x05, 0xc8, 0x01), Arrays.copyOf(b, 4));
        assertEquals(204, b.length);
        assertEquals(TypeInfo.generic(name), BinaryTypeCodec.decode(b));
    }

    @Test
    void encodingRefusesInvalidValuesLikeJson() {
        invalid("$.bits: 12 is not a valid int width (8, 16, 32, 64)", () -> BinaryTypeCodec.encode(TypeInfo.integer(12, true)));
        invalid("$.args[0].lanes: 3 is not a power of two",
                () -> BinaryTypeCodec.encode(TypeInfo.tuple(List.of(TypeInfo.simd(3, F32)))));
    }

    @Test
    void versionAndLength() {
        decode("byte 0: no input (null)", (byte[]) null);
        decode("byte 0: unexpected end of input");
        decode("byte 0: version 2 is not supported (this codec reads version 1)", 2, 0x70);
        decode("byte 0: version 0 is not supported (this codec reads version 1)", 0, 0x70);
        limit("byte 0: input is 1048577 bytes long; the limit is 1048576", () -> BinaryTypeCodec.decode(new byte[(1 << 20) + 1]));
    }

    @Test
    void truncated() {
        decode("byte 1: unexpected end of input", 1);
        decode("byte 2: unexpected end of input", 1, 0x06);
        decode("byte 2: a name of 3 bytes announced, but only 2 bytes left", 1, 0x04, 3, 'V', 'e');
        decode("byte 2: unexpected end of input", 1, 0x05);
        decode("byte 2: 2 types announced, but only 1 byte left", 1, 0x07, 2, 0x70);
        decode("byte 4: unexpected end of input", 1, 0x09, 1, 0x70);
        decode("byte 3: unexpected end of input", 1, 0x07, 0x80);
    }

    @Test
    void corrupt() {
        decode("byte 1: 0x0a is not a type tag (kind 10 does not exist)", 1, 0x0a);
        decode("byte 2: 0x0f is not a type tag (kind 15 does not exist)", 1, 0x06, 0x0f);
        decode("byte 1: tag 0x80 has reserved bits set", 1, 0x80);
        decode("byte 1: tag 0x61 has reserved bits set", 1, 0x61);
        decode("byte 1: tag 0x12 has reserved bits set", 1, 0x12);
        decode("byte 1: tag 0x16 has reserved bits set", 1, 0x16, 0x70);
        decode("byte 1: 16 is not a valid float width (32, 64)", 1, 0x11);
        decode("byte 1: 8 is not a valid float width (32, 64)", 1, 0x01);
        decode("byte 2: content after the end of the type (1 byte)", 1, 0x70, 0x70);
    }

    @Test
    void invalidNames() {
        decode("byte 2: the name must not be empty", 1, 0x05, 0);
        decode("byte 2: the name is not valid UTF-8", 1, 0x05, 1, 0xff);
        decode("byte 2: the name is not valid UTF-8", 1, 0x05, 2, 0xc3, 0x28);
        // A surrogate encoded on its own (CESU-8) is not UTF-8.
        decode("byte 2: the name is not valid UTF-8", 1, 0x05, 3, 0xed, 0xa0, 0x80);
    }

    @Test
    void malformedCounts() {
        decode("byte 2: malformed count (overlong, or not below 2^31)", 1, 0x07, 0x80, 0x00);
        decode("byte 2: malformed count (overlong, or not below 2^31)", 1, 0x07, 0xff, 0xff, 0xff, 0xff, 0x08);
        decode("byte 2: malformed count (overlong, or not below 2^31)", 1, 0x07, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
        decode("byte 2: 2147483647 types announced, but only 0 bytes left", 1, 0x07, 0xff, 0xff, 0xff, 0xff, 0x07);
    }

    @Test
    void simdRules() {
        decode("byte 2: a simd element must be int or float, not bool", 1, 0x28, 0x02);
        decode("byte 1: 8 lanes of 64 bits make 512 bits; a simd vector has 64, 128 or 256", 1, 0x38, 0x31);
        decode("byte 1: 32768 lanes of 8 bits make 262144 bits; a simd vector has 64, 128 or 256", 1, 0xf8, 0x00);
    }

    @Test
    void nestingIsBounded() {
        byte[] ok = new byte[1 + 64];
        Arrays.fill(ok, (byte) 0x06);
        ok[0] = 1;
        ok[64] = 0x70;
        assertEquals(64, depth(BinaryTypeCodec.decode(ok)));
        byte[] deep = new byte[100_001];
        Arrays.fill(deep, (byte) 0x06);
        deep[0] = 1;
        limit("byte 65: nesting deeper than 64 levels", () -> BinaryTypeCodec.decode(deep));
    }

    private static int depth(TypeInfo t) {
        TypeInfo elem = t.elem();
        return elem == null ? 1 : 1 + depth(elem);
    }
}
