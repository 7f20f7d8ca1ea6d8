package dev.simplec.serializer.json;

import static dev.simplec.serializer.testing.Expect.invalid;
import static dev.simplec.serializer.testing.Expect.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.types.TypeInfo;

/** The shortcut for canonical scalar texts answers exactly what Jackson's path answers, and nothing more. */
class CanonicalScalarsTest {
    private static List<TypeInfo> scalars() {
        List<TypeInfo> out = new ArrayList<>();
        for (int bits = 8; bits <= 64; bits *= 2) {
            out.add(TypeInfo.integer(bits, true));
            out.add(TypeInfo.integer(bits, false));
        }
        out.add(TypeInfo.floating(32));
        out.add(TypeInfo.floating(64));
        out.add(TypeInfo.bool());
        out.add(TypeInfo.string());
        return out;
    }

    @Test
    void recognizesEachScalarAndAgreesWithJackson() {
        for (TypeInfo t : scalars()) {
            String text = JsonTypeWriter.write(t);
            assertEquals(t, CanonicalScalars.type(text), text);
            // A leading space is not canonical: Jackson reads it.
            assertNull(CanonicalScalars.type(" " + text));
            assertEquals(t, JsonTypeReader.readType(" " + text));
            assertSame(JsonTypeReader.readType(text), JsonTypeReader.readType(" " + text));
        }
    }

    @Test
    void recognizesArraysOfScalarsOnly() {
        List<TypeInfo> all = scalars();
        String text = JsonTypeWriter.writeAll(all);
        assertEquals(all, CanonicalScalars.types(text));
        assertEquals(all, JsonTypeReader.readTypes(text.replace(",", ", ")));
        assertEquals(List.of(), CanonicalScalars.types("[]"));
        assertNull(CanonicalScalars.types("[{\"kind\":\"generic\",\"name\":\"T\"}]"));
        assertNull(CanonicalScalars.types("[{\"kind\":\"bool\"},]"));
        assertNull(CanonicalScalars.types("[{\"kind\":\"bool\"}{\"kind\":\"bool\"}]"));
        assertNull(CanonicalScalars.types("[{\"kind\":\"bool\"}]]"));
        assertNull(CanonicalScalars.types("[{\"kind\":\"int\",\"bits\":6"));
        assertNull(CanonicalScalars.type("{\"kind\":\"int\",\"bits\":64,\"signed\":true}x"));
        assertNull(CanonicalScalars.type("{\"kind\":\"int\",\"bits\":64,\"signed\":tru"));
        assertNull(CanonicalScalars.type("{\"kind\":\"int\",\"bits\":12,\"signed\":true}"));
    }

    @Test
    void sizeBoundHoldsForTheShortcutToo() {
        String i64 = JsonTypeWriter.write(TypeInfo.integer(64, true));
        String big = "[" + (i64 + ",").repeat(30_000) + i64 + "]";
        limit("$: input is " + big.length() + " characters long; the limit is 1048576", () -> JsonTypeReader.readTypes(big));
    }

    @Test
    void nearMissesGetJacksonsAnswer() {
        invalid("$: malformed JSON at line 1, column 39: content after the end of the value",
                () -> JsonTypeReader.readType("{\"kind\":\"int\",\"bits\":64,\"signed\":true}x"));
        invalid("$: malformed JSON at line 1, column 18: Unexpected character (']' (code 93)): expected a valid value"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                () -> JsonTypeReader.readTypes("[{\"kind\":\"bool\"},]"));
        invalid("$: malformed JSON at line 1, column 17: Unexpected character ('{' (code 123)): was expecting comma to separate"
                + " Array entries", () -> JsonTypeReader.readTypes("[{\"kind\":\"bool\"}{\"kind\":\"bool\"}]"));
    }
}
