package dev.simplec.serializer.json;

import static dev.simplec.serializer.testing.Expect.invalid;
import static dev.simplec.serializer.testing.Expect.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.rules.Limits;

/** The documented bounds: nesting depth and input size; deep input never overflows the stack. */
class JsonBoundsTest {
    private static final String I64 = "{\"kind\":\"int\",\"bits\":64,\"signed\":true}";

    private static String nestedArrays(int levels) {
        return "{\"kind\":\"array\",\"elem\":".repeat(levels - 1) + I64 + "}".repeat(levels - 1);
    }

    private static String elemPath(int levels) {
        return "$" + ".elem".repeat(levels);
    }

    @Test
    void sixtyFourLevelsRead() {
        TypeInfo t = JsonTypeReader.readType(nestedArrays(Limits.MAX_TYPE_DEPTH));
        assertEquals(nestedArrays(Limits.MAX_TYPE_DEPTH), JsonTypeWriter.write(t));
    }

    @Test
    void sixtyFiveLevelsDoNot() {
        limit(elemPath(64) + ": nesting deeper than 64 levels", () -> JsonTypeReader.readType(nestedArrays(65)));
    }

    @Test
    void depthCountsThroughArgsToo() {
        String open = "{\"kind\":\"tuple\",\"args\":[".repeat(64);
        String json = open + I64 + "]}".repeat(64);
        limit("$" + ".args[0]".repeat(64) + ": nesting deeper than 64 levels", () -> JsonTypeReader.readType(json));
        limit("$[0]" + ".args[0]".repeat(64) + ": nesting deeper than 64 levels",
                () -> JsonTypeReader.readTypes("[" + json + "]"));
    }

    @Test
    void hundredThousandLevelsFailCleanly() {
        int n = 100_000;
        // Each of these is under 1 MiB, so it is parsed, not refused for its size.
        String elems = "{\"elem\":".repeat(n) + "{}" + "}".repeat(n);
        limit(elemPath(64) + ": nesting deeper than 64 levels", () -> JsonTypeReader.readType(elems));
        String args = "{\"args\":[".repeat(n);
        limit("$" + ".args[0]".repeat(64) + ": nesting deeper than 64 levels", () -> JsonTypeReader.readType(args));
        String brackets = "[".repeat(n) + "]".repeat(n);
        invalid("$: expected an object, got an array", () -> JsonTypeReader.readType(brackets));
        invalid("$[0]: expected an object, got an array", () -> JsonTypeReader.readTypes(brackets));
        invalid("$[0]: expected an object, got an array", () -> JsonHintReader.readHints(brackets));
        invalid("$: expected an object, got an array", () -> JsonTemplateReader.readTemplate(brackets));
        String objects = "{\"a\":".repeat(n) + "1" + "}".repeat(n);
        invalid("$.a: not a field of a type (kind, name, args, bits, signed, lanes, elem)",
                () -> JsonTypeReader.readType(objects));
        String hints = "[{\"ty\":" + "{\"elem\":".repeat(n);
        limit("$[0].ty" + ".elem".repeat(64) + ": nesting deeper than 64 levels", () -> JsonHintReader.readHints(hints));
    }

    @Test
    void deepInputOverTheSizeBoundIsNotParsed() {
        limit("$: input is 2400014 characters long; the limit is 1048576",
                () -> JsonTypeReader.readType(nestedArrays(100_000)));
    }

    @Test
    void inputOfOneMebibyteIsRead() {
        String json = I64 + " ".repeat(Limits.MAX_JSON_CHARS - I64.length());
        assertEquals(TypeInfo.integer(64, true), JsonTypeReader.readType(json));
    }

    @Test
    void longerInputIsRejectedUnread() {
        String json = I64 + " ".repeat(Limits.MAX_JSON_CHARS - I64.length() + 1);
        limit("$: input is 1048577 characters long; the limit is 1048576", () -> JsonTypeReader.readType(json));
        limit("$: input is 1048577 characters long; the limit is 1048576", () -> JsonTypeReader.readTypes(json));
        limit("$: input is 1048577 characters long; the limit is 1048576", () -> JsonHintReader.readHints(json));
        limit("$: input is 1048577 characters long; the limit is 1048576", () -> JsonTemplateReader.readTemplate(json));
    }

    @Test
    void manyTypesWithinTheSizeBound() {
        String json = "[" + (I64 + ",").repeat(20_000) + I64 + "]";
        List<TypeInfo> types = JsonTypeReader.readTypes(json);
        assertEquals(20_001, types.size());
        assertEquals(json, JsonTypeWriter.writeAll(types));
    }
}
