package dev.simplec.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.rules.Limits;
import dev.simplec.serializer.testing.Expect;
import dev.simplec.serializer.testing.RandomTypes;

/**
 * The scan of canonical text answers exactly what Jackson's path answers, for everything it
 * accepts, and accepts every canonical text whose names need no escape.
 */
class CanonicalTypesTest {
    private static final String I64 = "{\"kind\":\"int\",\"bits\":64,\"signed\":true}";
    private static final String HASH_MAP = "{\"kind\":\"named\",\"name\":\"HashMap\",\"args\":[{\"kind\":\"string\"}," + I64 + "]}";

    private static TypeInfo jackson(String json) {
        return JsonDocument.read(json, p -> JsonTypeReader.read(p, 1));
    }

    private static List<TypeInfo> jacksonList(String json) {
        return JsonDocument.read(json, p -> JsonTypeReader.readArray(p, 1));
    }

    @Test
    void acceptsEveryCanonicalTextWithoutEscapes() {
        RandomTypes gen = new RandomTypes(31L);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            TypeInfo t = gen.next();
            String json = JsonTypeWriter.write(t);
            TypeInfo fast = CanonicalTypes.type(json);
            if (json.indexOf('\\') < 0) {
                assertEquals(t, fast, json);
                accepted++;
            } else {
                assertNull(fast, json);
            }
        }
        assertTrue(accepted > 50_000, "accepted: " + accepted);
    }

    @Test
    void listsOfAnyKind() {
        RandomTypes gen = new RandomTypes(32L);
        for (int i = 0; i < 5_000; i++) {
            List<TypeInfo> types = new ArrayList<>();
            for (int j = gen.random().nextInt(5); j > 0; j--) {
                types.add(gen.next(4));
            }
            String json = JsonTypeWriter.writeAll(types);
            List<TypeInfo> fast = CanonicalTypes.types(json);
            if (json.indexOf('\\') < 0) {
                assertEquals(types, fast, json);
            } else {
                assertNull(fast, json);
            }
        }
    }

    @Test
    void theHashMapOfTheBenchmarks() {
        TypeInfo expected = TypeInfo.named("HashMap", List.of(TypeInfo.string(), TypeInfo.integer(64, true)));
        assertEquals(expected, CanonicalTypes.type(HASH_MAP));
        assertEquals(expected, JsonTypeReader.readType(HASH_MAP));
        assertEquals(List.of(expected, expected), CanonicalTypes.types("[" + HASH_MAP + "," + HASH_MAP + "]"));
    }

    @Test
    void anythingButTheCanonicalFormIsLeftToJackson() {
        String[] notCanonical = {
            " " + HASH_MAP,
            HASH_MAP + " ",
            HASH_MAP.replace(",\"args\"", ", \"args\""),
            "{\"name\":\"HashMap\",\"kind\":\"named\"}",
            "{\"kind\":\"named\",\"name\":\"HashMap\",\"args\":[]}",
            "{\"kind\":\"tuple\",\"args\":[]}",
            "{\"kind\":\"named\",\"name\":\"Hash\\u004dap\"}",
            "{\"kind\":\"named\",\"name\":\"\"}",
            "{\"kind\":\"generic\",\"name\":\"\ud800\"}",
            "{\"kind\":\"simd\",\"lanes\":04,\"elem\":{\"kind\":\"float\",\"bits\":32}}",
            "{\"kind\":\"simd\",\"lanes\":3,\"elem\":{\"kind\":\"float\",\"bits\":32}}",
            "{\"kind\":\"simd\",\"lanes\":8,\"elem\":{\"kind\":\"float\",\"bits\":64}}",
            "{\"kind\":\"simd\",\"lanes\":4,\"elem\":{\"kind\":\"bool\"}}",
            "{\"kind\":\"simd\",\"lanes\":128,\"elem\":{\"kind\":\"int\",\"bits\":8,\"signed\":true}}",
            "{\"kind\":\"function\",\"args\":[" + I64 + "]}",
            "{\"kind\":\"array\",\"elem\":" + I64 + ",\"elem\":" + I64 + "}",
            "{\"kind\":\"array\",\"elem\":" + I64,
            "{\"kind\":\"tuple\",\"args\":[" + I64 + "," + I64 + "," + I64 + "}",
            "{\"kind\":\"int\",\"bits\":12,\"signed\":true}",
            "{\"kind\":\"intt\"}",
        };
        for (String json : notCanonical) {
            assertNull(CanonicalTypes.type(json), json);
            assertNull(CanonicalTypes.types("[" + json + "]"), json);
        }
        assertNull(CanonicalTypes.types("[" + I64 + ",]"));
        assertNull(CanonicalTypes.types("[" + I64 + "]]"));
        assertNull(CanonicalTypes.types("[" + I64 + "," + I64));
        assertNull(CanonicalTypes.types("[ ]"));
        assertEquals(List.of(), CanonicalTypes.types("[]"));
    }

    @Test
    void theBoundsAreJacksonsToReport() {
        String open = "{\"kind\":\"array\",\"elem\":";
        String deepest = open.repeat(Limits.MAX_TYPE_DEPTH - 1) + I64 + "}".repeat(Limits.MAX_TYPE_DEPTH - 1);
        assertNotNull(CanonicalTypes.type(deepest));
        String tooDeep = open.repeat(Limits.MAX_TYPE_DEPTH) + I64 + "}".repeat(Limits.MAX_TYPE_DEPTH);
        assertNull(CanonicalTypes.type(tooDeep));
        String huge = "[" + (HASH_MAP + ",").repeat(Limits.MAX_JSON_CHARS / HASH_MAP.length()) + HASH_MAP + "]";
        assertNull(CanonicalTypes.types(huge));
    }

    /** Whatever damaged input the scan accepts, Jackson reads to the same value. */
    @Test
    void damagedTextIsAcceptedOnlyWhereJacksonAgrees() {
        RandomTypes gen = new RandomTypes(33L);
        Random r = gen.random();
        String chars = "{}[]\":,0123456789 \\abdefgiklmnrstu";
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            String json = JsonTypeWriter.write(gen.next(5));
            StringBuilder sb = new StringBuilder(json);
            int at = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
                case 0 -> sb.setCharAt(at, chars.charAt(r.nextInt(chars.length())));
                case 1 -> sb.deleteCharAt(at);
                default -> sb.insert(at, chars.charAt(r.nextInt(chars.length())));
            }
            String damaged = sb.toString();
            TypeInfo fast = CanonicalTypes.type(damaged);
            if (fast != null) {
                accepted++;
                assertEquals(jackson(damaged), fast, damaged);
            }
            List<TypeInfo> fastList = CanonicalTypes.types("[" + damaged + "]");
            if (fastList != null) {
                assertEquals(jacksonList("[" + damaged + "]"), fastList, damaged);
            }
        }
        // Some damage leaves a valid type (a digit for a digit, a letter of a name).
        assertTrue(accepted > 0);
    }

    @Test
    void rejectedTextStillGetsJacksonsMessage() {
        Expect.invalid("$.lanes: 3 is not a power of two", () -> JsonTypeReader.readType(
                "{\"kind\":\"simd\",\"lanes\":3,\"elem\":{\"kind\":\"float\",\"bits\":32}}"));
        Expect.invalid("$[1].args[0].name: must not be empty", () -> JsonTypeReader.readTypes(
                "[" + I64 + ",{\"kind\":\"named\",\"name\":\"V\",\"args\":[{\"kind\":\"generic\",\"name\":\"\"}]}]"));
    }
}
