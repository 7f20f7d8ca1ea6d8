package dev.simplec.bridge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.service.CacheStats;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.JsonTypeSerializer;

/** The caches in front of the real serializer: same answers, same errors, counted lookups. */
class CachedSerializerTest {
    private static final String I64 = "{\"kind\":\"int\",\"bits\":64,\"signed\":true}";
    private static final TypeInfo MAP = TypeInfo.named("HashMap", List.of(TypeInfo.string(), TypeInfo.integer(64, true)));
    private static final String MAP_JSON = "{\"kind\":\"named\",\"name\":\"HashMap\",\"args\":[{\"kind\":\"string\"}," + I64 + "]}";

    private final CachedSerializer serializer = new CachedSerializer(new JsonTypeSerializer(), CacheLimits.DEFAULT);

    private static void fails(String message, org.junit.jupiter.api.function.Executable call) {
        SimplecException e = assertThrows(SimplecException.class, call);
        assertEquals(message, e.getMessage());
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    }

    @Test
    void readsThroughTheDeserializeCache() {
        assertEquals(MAP, serializer.readType(MAP_JSON));
        TypeInfo again = serializer.readType(new String(MAP_JSON)); // an equal text, another String
        assertEquals(MAP, again);
        assertSame(again, serializer.readType(MAP_JSON));
        assertEquals(new CacheStats(2, 1, 0, 1, 1024), serializer.deserializeStats());
    }

    @Test
    void aListIsSharedAndImmutable() {
        List<TypeInfo> types = serializer.readTypes("[" + I64 + "," + MAP_JSON + "]");
        assertEquals(List.of(TypeInfo.integer(64, true), MAP), types);
        assertSame(types, serializer.readTypes("[" + I64 + "," + MAP_JSON + "]"));
        assertThrows(UnsupportedOperationException.class, () -> types.add(TypeInfo.bool()));
    }

    @Test
    void theSameTextAsTypeAndAsListAreDifferentLookups() {
        fails("$: expected an object, got an array", () -> serializer.readType("[" + I64 + "]"));
        assertEquals(List.of(TypeInfo.integer(64, true)), serializer.readTypes("[" + I64 + "]"));
        fails("$: expected an object, got an array", () -> serializer.readType("[" + I64 + "]"));
        // Three misses: the failures are not cached, and a list is not a type.
        assertEquals(new CacheStats(0, 3, 0, 1, 1024), serializer.deserializeStats());
    }

    @Test
    void failuresAreNeverCached() {
        for (int i = 0; i < 2; i++) {
            fails("$[0].bits: 12 is not a valid int width (8, 16, 32, 64)",
                    () -> serializer.readTypes("[{\"kind\":\"int\",\"bits\":12,\"signed\":true}]"));
        }
        assertEquals(new CacheStats(0, 2, 0, 0, 1024), serializer.deserializeStats());
    }

    @Test
    void writesThroughTheSerializeCache() {
        assertEquals(MAP_JSON, serializer.writeType(MAP));
        assertSame(serializer.writeType(MAP), serializer.writeType(TypeInfo.named("HashMap",
                List.of(TypeInfo.string(), TypeInfo.integer(64, true)))));
        List<TypeInfo> mutable = new ArrayList<>(List.of(MAP));
        assertEquals("[" + MAP_JSON + "]", serializer.writeTypes(mutable));
        mutable.add(TypeInfo.bool()); // the cached key is a copy
        assertEquals("[" + MAP_JSON + ",{\"kind\":\"bool\"}]", serializer.writeTypes(mutable));
        assertEquals("[" + MAP_JSON + "]", serializer.writeTypes(List.of(MAP)));
        assertEquals(new CacheStats(3, 3, 0, 3, 1024), serializer.serializeStats());
    }

    @Test
    void batchesGoThroughTheCachesPerElement() {
        List<String> texts = serializer.writeEach(List.of(MAP, TypeInfo.bool(), MAP));
        assertEquals(List.of(MAP_JSON, "{\"kind\":\"bool\"}", MAP_JSON), texts);
        assertEquals(new CacheStats(1, 2, 0, 2, 1024), serializer.serializeStats());
        assertEquals(List.of(MAP, TypeInfo.bool(), MAP), serializer.readEach(texts));
        assertEquals(new CacheStats(1, 2, 0, 2, 1024), serializer.deserializeStats());
    }

    @Test
    void aBatchFailureNamesTheElement() {
        fails("[1]: $.kind: missing", () -> serializer.readEach(List.of(I64, "{}")));
        fails("[0]: $.bits: 12 is not a valid int width (8, 16, 32, 64)",
                () -> serializer.writeEach(List.of(new TypeInfo(dev.simplec.api.types.TypeKind.INT, null, List.of(), 12, true, 0, null))));
    }

    @Test
    void nullIsTheServicesToReport() {
        String nothing = null;
        fails("$: no input (null)", () -> serializer.readType(nothing));
        fails("$: no input (null)", () -> serializer.readTypes(nothing));
        assertEquals(0, serializer.deserializeStats().lookups());
    }

    @Test
    void hintsAndTemplatesAreCachedToo() {
        String template = "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}";
        String hints = "[{\"source\":\"return\",\"ty\":" + I64 + "}]";
        assertEquals("id", serializer.readTemplate(template).name());
        assertSame(serializer.readTemplate(template), serializer.readTemplate(template));
        assertEquals(1, serializer.readHints(hints).size());
        assertSame(serializer.readHints(hints), serializer.readHints(hints));
        assertEquals(2, serializer.deserializeStats().misses());
        assertEquals(4, serializer.deserializeStats().hits());
    }

    @Test
    void aTextReadAsHintsIsNotServedAsTypes() {
        String hints = "[{\"source\":\"return\",\"ty\":" + I64 + "}]";
        serializer.readHints(hints);
        fails("$[0].source: not a field of a type (kind, name, args, bits, signed, lanes, elem)", () -> serializer.readTypes(hints));
    }
}
