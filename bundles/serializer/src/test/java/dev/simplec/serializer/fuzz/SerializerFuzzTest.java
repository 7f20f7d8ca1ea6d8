package dev.simplec.serializer.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jdt.annotation.Nullable;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.types.Signature;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeKind;
import dev.simplec.serializer.JsonTypeSerializer;
import dev.simplec.serializer.binary.BinaryTypeCodec;

/**
 * Fuzz targets of the serializer (docs/reliability.md): every reader, given any input, returns a
 * value or throws a {@link SimplecException} of kind INVALID_INPUT or LIMIT whose message starts
 * with the location ({@code $…} for JSON, {@code byte …} for the binary form); any other throwable
 * is a finding. What is read is checked further: written back canonically, it reads back equal,
 * and the canonical text reads through the fast path exactly as through Jackson.
 *
 * <p>In a plain build each target runs on its seeds, {@code src/test/resources/dev/simplec/serializer/fuzz/SerializerFuzzTestInputs/<target>/}.
 */
class SerializerFuzzTest {
    private static final JsonTypeSerializer SERIALIZER = new JsonTypeSerializer();

    /** A TypeInfo JSON text: {@code readType}. */
    @FuzzTest(maxDuration = "10m")
    void readType(byte[] input) {
        TypeInfo t = attempt(() -> SERIALIZER.readType(text(input)), "$");
        if (t != null) {
            assertRoundTrips(t);
            // A lone type reads the same as the one-element array of it.
            assertEquals(List.of(t), SERIALIZER.readTypes("[" + text(input) + "]"));
        }
    }

    /** A JSON array of TypeInfos ({@code types_json}): {@code readTypes}. */
    @FuzzTest(maxDuration = "10m")
    void readTypes(byte[] input) {
        List<TypeInfo> types = attempt(() -> SERIALIZER.readTypes(text(input)), "$");
        if (types != null) {
            String canonical = SERIALIZER.writeTypes(types);
            assertEquals(types, SERIALIZER.readTypes(canonical), canonical);
            assertEquals(canonical, SERIALIZER.writeTypes(SERIALIZER.readTypes(canonical)));
            for (TypeInfo t : types) {
                assertRoundTrips(t);
            }
        }
    }

    /** {@code hints_json}: {@code readHints}. */
    @FuzzTest(maxDuration = "10m")
    void readHints(byte[] input) {
        List<TypeHint> hints = attempt(() -> SERIALIZER.readHints(text(input)), "$");
        if (hints != null) {
            for (TypeHint h : hints) {
                boolean indexed = h.source().jsonName().equals("call_site") || h.source().jsonName().equals("constraint");
                assertTrue(indexed ? h.paramIndex() >= 0 && h.paramIndex() <= 255 : h.paramIndex() == -1, h.toString());
                assertRoundTrips(h.ty());
            }
        }
    }

    /** {@code template_json}: {@code readTemplate}. */
    @FuzzTest(maxDuration = "10m")
    void readTemplate(byte[] input) {
        TemplateDescription d = attempt(() -> SERIALIZER.readTemplate(text(input)), "$");
        if (d != null) {
            assertTrue(!d.name().isEmpty());
            Signature sig = d.signature();
            if (sig != null) {
                sig.params().forEach(SerializerFuzzTest::assertRoundTrips);
                TypeInfo ret = sig.ret();
                if (ret != null) {
                    assertRoundTrips(ret);
                }
            }
        }
    }

    /** The binary form: whatever decodes re-encodes to the same bytes (each type has one encoding). */
    @FuzzTest(maxDuration = "10m")
    void decodeBinary(byte[] input) {
        TypeInfo t = attempt(() -> BinaryTypeCodec.decode(input), "byte ");
        if (t != null) {
            assertArrayEquals(input, BinaryTypeCodec.encode(t));
            assertRoundTrips(t);
        }
    }

    /**
     * TypeInfos built in Java, valid or not, sharing subtrees or not: the JSON writer and the
     * encoder either refuse one (INVALID_INPUT or LIMIT, like the readers) or give text and bytes
     * that read back equal.
     */
    @FuzzTest(maxDuration = "10m")
    void writeBuiltTypes(FuzzedDataProvider data) {
        List<TypeInfo> made = new ArrayList<>();
        int steps = data.consumeInt(1, 40);
        for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
            made.add(build(data, made));
        }
        if (made.isEmpty()) {
            return;
        }
        TypeInfo t = made.get(made.size() - 1);
        String json;
        try {
            json = SERIALIZER.writeType(t);
        } catch (SimplecException e) {
            assertKind(e, "$");
            return;
        }
        assertEquals(t, SERIALIZER.readType(json), json);
        byte[] bytes = BinaryTypeCodec.encode(t);
        assertEquals(t, BinaryTypeCodec.decode(bytes), json);
    }

    /** A type from the fuzz data, mostly of types made before (so subtrees are shared), fields possibly wrong. */
    private static TypeInfo build(FuzzedDataProvider data, List<TypeInfo> made) {
        TypeKind kind = data.pickValue(TypeKind.values());
        boolean wild = data.consumeInt(0, 15) == 0;
        int bits = wild ? data.consumeInt() : data.pickValue(new int[] {8, 16, 32, 64});
        int lanes = wild ? data.consumeInt() : data.pickValue(new int[] {2, 4, 8, 16});
        String name = wild ? data.consumeString(4) : data.pickValue(new String[] {"T", "U", "Vec", "P"});
        List<TypeInfo> args = new ArrayList<>();
        int n = made.isEmpty() ? 0 : data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            args.add(made.get(data.consumeInt(0, made.size() - 1)));
        }
        TypeInfo elem = made.isEmpty() || !data.consumeBoolean() ? TypeInfo.floating(32) : made.get(data.consumeInt(0, made.size() - 1));
        if (wild) {
            return new TypeInfo(kind, data.consumeBoolean() ? name : null, args, bits, data.consumeBoolean(), lanes,
                    data.consumeBoolean() ? elem : null);
        }
        return switch (kind) {
            case INT -> TypeInfo.integer(bits, data.consumeBoolean());
            case FLOAT -> TypeInfo.floating(data.pickValue(new int[] {32, 64}));
            case BOOL -> TypeInfo.bool();
            case STRING -> TypeInfo.string();
            case NAMED -> TypeInfo.named(name, args);
            case GENERIC -> TypeInfo.generic(name);
            case ARRAY -> TypeInfo.array(elem);
            case TUPLE -> TypeInfo.tuple(args);
            case SIMD -> TypeInfo.simd(lanes, elem);
            case FUNCTION -> TypeInfo.function(args, elem);
        };
    }

    /** What {@code call} answers, or null when it refused its input as it may (the failure is checked). */
    private static <T> @Nullable T attempt(Supplier<T> call, String where) {
        try {
            return call.get();
        } catch (SimplecException e) {
            assertKind(e, where);
            return null;
        }
    }

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    /** The only failure a reader or writer may report: INVALID_INPUT or LIMIT, located. */
    private static void assertKind(SimplecException e, String where) {
        assertTrue(e.kind() == ErrorKind.INVALID_INPUT || e.kind() == ErrorKind.LIMIT, () -> e.kind() + ": " + e.getMessage());
        assertTrue(String.valueOf(e.getMessage()).startsWith(where), e.getMessage());
    }

    /** Canonical JSON and binary both map {@code t} to itself, and canonical text takes the fast path to the same value. */
    private static void assertRoundTrips(TypeInfo t) {
        String json = SERIALIZER.writeType(t);
        TypeInfo back = SERIALIZER.readType(json);
        assertEquals(t, back, json);
        assertEquals(json, SERIALIZER.writeType(back));
        // The same text with a space in front misses the fast paths: Jackson must agree.
        assertEquals(t, SERIALIZER.readType(" " + json), json);
        byte[] bytes = BinaryTypeCodec.encode(t);
        assertEquals(t, BinaryTypeCodec.decode(bytes), json);
    }
}
