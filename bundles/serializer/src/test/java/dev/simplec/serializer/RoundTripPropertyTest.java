package dev.simplec.serializer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeKind;
import dev.simplec.serializer.binary.BinaryTypeCodec;
import dev.simplec.serializer.json.JsonTypeReader;
import dev.simplec.serializer.json.JsonTypeWriter;
import dev.simplec.serializer.testing.RandomTypes;

/** Over 100,000 random valid TypeInfos: JSON and binary both map them to themselves. */
class RoundTripPropertyTest {
    private static final int COUNT = 100_000;

    @Test
    void jsonAndBinaryRoundTripsAreIdentity() {
        RandomTypes gen = new RandomTypes(20260101L);
        Set<TypeKind> kinds = EnumSet.noneOf(TypeKind.class);
        int maxDepth = 0;
        for (int i = 0; i < COUNT; i++) {
            TypeInfo t = gen.next();
            kinds.add(t.kind());
            maxDepth = Math.max(maxDepth, depth(t));

            String json = JsonTypeWriter.write(t);
            TypeInfo fromJson = JsonTypeReader.readType(json);
            assertEquals(t, fromJson, json);
            assertEquals(json, JsonTypeWriter.write(fromJson));

            byte[] bytes = BinaryTypeCodec.encode(t);
            TypeInfo fromBytes = BinaryTypeCodec.decode(bytes);
            assertEquals(t, fromBytes, json);
            assertArrayEquals(bytes, BinaryTypeCodec.encode(fromBytes), json);
        }
        // The generator really covers what the property claims.
        assertEquals(EnumSet.allOf(TypeKind.class), kinds);
        assertEquals(64, maxDepth);
    }

    @Test
    void listsRoundTrip() {
        RandomTypes gen = new RandomTypes(7L);
        for (int i = 0; i < 2_000; i++) {
            List<TypeInfo> types = new ArrayList<>();
            int n = gen.random().nextInt(6);
            for (int j = 0; j < n; j++) {
                types.add(gen.next());
            }
            String json = JsonTypeWriter.writeAll(types);
            assertEquals(types, JsonTypeReader.readTypes(json), json);
        }
    }

    private static int depth(TypeInfo t) {
        int d = 0;
        for (TypeInfo a : t.args()) {
            d = Math.max(d, depth(a));
        }
        TypeInfo elem = t.elem();
        if (elem != null) {
            d = Math.max(d, depth(elem));
        }
        return d + 1;
    }
}
