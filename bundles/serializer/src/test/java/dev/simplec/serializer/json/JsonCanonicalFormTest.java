package dev.simplec.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.simplec.api.types.TypeInfo;

/** SPEC §4 and seed §3.2: every example reads, and writes back byte for byte in canonical form. */
class JsonCanonicalFormTest {
    private static final String I64 = "{\"kind\":\"int\",\"bits\":64,\"signed\":true}";
    private static final String I32 = "{\"kind\":\"int\",\"bits\":32,\"signed\":true}";
    private static final String F32 = "{\"kind\":\"float\",\"bits\":32}";

    @ParameterizedTest
    @ValueSource(strings = {
        I64,
        "{\"kind\":\"int\",\"bits\":8,\"signed\":false}",
        "{\"kind\":\"int\",\"bits\":16,\"signed\":true}",
        F32,
        "{\"kind\":\"float\",\"bits\":64}",
        "{\"kind\":\"bool\"}",
        "{\"kind\":\"string\"}",
        "{\"kind\":\"named\",\"name\":\"Vec\",\"args\":[" + I32 + "]}",
        "{\"kind\":\"named\",\"name\":\"Point\"}",
        "{\"kind\":\"named\",\"name\":\"HashMap\",\"args\":[{\"kind\":\"string\"}," + I64 + "]}",
        "{\"kind\":\"generic\",\"name\":\"T\"}",
        "{\"kind\":\"array\",\"elem\":" + I64 + "}",
        "{\"kind\":\"tuple\",\"args\":[" + I64 + "," + F32 + "]}",
        "{\"kind\":\"tuple\"}",
        "{\"kind\":\"simd\",\"lanes\":4,\"elem\":" + F32 + "}",
        "{\"kind\":\"simd\",\"lanes\":16,\"elem\":{\"kind\":\"int\",\"bits\":8,\"signed\":false}}",
        "{\"kind\":\"simd\",\"lanes\":1,\"elem\":{\"kind\":\"float\",\"bits\":64}}",
        "{\"kind\":\"simd\",\"lanes\":8,\"elem\":" + F32 + "}",
        "{\"kind\":\"function\",\"args\":[" + I64 + "," + I64 + "],\"elem\":" + I64 + "}",
        "{\"kind\":\"function\",\"elem\":{\"kind\":\"bool\"}}",
        "{\"kind\":\"named\",\"name\":\"q\\\"\\\\\\n\\u0001\u00e9\ud83d\ude00\",\"args\":[{\"kind\":\"generic\",\"name\":\"T\"}]}",
    })
    void canonicalTextRoundTripsExactly(String json) {
        assertEquals(json, JsonTypeWriter.write(JsonTypeReader.readType(json)));
    }

    @Test
    void writesTheSpecExamplesFromValues() {
        TypeInfo i64 = TypeInfo.integer(64, true);
        TypeInfo f32 = TypeInfo.floating(32);
        assertEquals(I64, JsonTypeWriter.write(i64));
        assertEquals(F32, JsonTypeWriter.write(f32));
        assertEquals("{\"kind\":\"bool\"}", JsonTypeWriter.write(TypeInfo.bool()));
        assertEquals("{\"kind\":\"string\"}", JsonTypeWriter.write(TypeInfo.string()));
        assertEquals("{\"kind\":\"named\",\"name\":\"Vec\",\"args\":[" + I32 + "]}",
                JsonTypeWriter.write(TypeInfo.named("Vec", List.of(TypeInfo.integer(32, true)))));
        assertEquals("{\"kind\":\"generic\",\"name\":\"T\"}", JsonTypeWriter.write(TypeInfo.generic("T")));
        assertEquals("{\"kind\":\"array\",\"elem\":" + I64 + "}", JsonTypeWriter.write(TypeInfo.array(i64)));
        assertEquals("{\"kind\":\"tuple\",\"args\":[" + I64 + "," + F32 + "]}",
                JsonTypeWriter.write(TypeInfo.tuple(List.of(i64, f32))));
        assertEquals("{\"kind\":\"simd\",\"lanes\":4,\"elem\":" + F32 + "}", JsonTypeWriter.write(TypeInfo.simd(4, f32)));
        assertEquals("{\"kind\":\"function\",\"args\":[" + I64 + "," + I64 + "],\"elem\":" + I64 + "}",
                JsonTypeWriter.write(TypeInfo.function(List.of(i64, i64), i64)));
        assertEquals("[" + I64 + "," + F32 + "]", JsonTypeWriter.writeAll(List.of(i64, f32)));
        assertEquals("[]", JsonTypeWriter.writeAll(List.of()));
    }

    @Test
    void readsValuesEqualToTheFactories() {
        assertEquals(TypeInfo.function(List.of(TypeInfo.generic("T")), TypeInfo.array(TypeInfo.integer(16, false))),
                JsonTypeReader.readType("{\"kind\":\"function\",\"args\":[{\"kind\":\"generic\",\"name\":\"T\"}],"
                        + "\"elem\":{\"kind\":\"array\",\"elem\":{\"kind\":\"int\",\"bits\":16,\"signed\":false}}}"));
        assertEquals(List.of(TypeInfo.bool(), TypeInfo.floating(64)),
                JsonTypeReader.readTypes("[{\"kind\":\"bool\"},{\"kind\":\"float\",\"bits\":64}]"));
        assertEquals(List.of(), JsonTypeReader.readTypes(" [ ] "));
        // Scalars come from shared instances: reading them allocates no TypeInfo.
        assertSame(JsonTypeReader.readType(I64), JsonTypeReader.readType(I64));
    }

    /** The seed's pretty-printed forms (its comment lines removed: comments are not JSON). */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"kind\": \"int\", \"bits\": 64, \"signed\": true}|" + I64,
        "{\"kind\": \"float\", \"bits\": 32}|" + F32,
        "{\"kind\": \"bool\"}|{\"kind\":\"bool\"}",
        "{\"kind\": \"string\"}|{\"kind\":\"string\"}",
        "{\n  \"kind\": \"named\",\n  \"name\": \"Vec\",\n  \"args\": [\n    {\"kind\": \"int\", \"bits\": 32, \"signed\": true}\n  ]\n}"
            + "|{\"kind\":\"named\",\"name\":\"Vec\",\"args\":[" + I32 + "]}",
        "{\n  \"kind\": \"named\",\n  \"name\": \"HashMap\",\n  \"args\": [\n    {\"kind\": \"string\"},\n"
            + "    {\"kind\": \"int\", \"bits\": 64, \"signed\": true}\n  ]\n}"
            + "|{\"kind\":\"named\",\"name\":\"HashMap\",\"args\":[{\"kind\":\"string\"}," + I64 + "]}",
        "{\n  \"kind\": \"simd\",\n  \"lanes\": 4,\n  \"elem\": {\"kind\": \"float\", \"bits\": 32}\n}"
            + "|{\"kind\":\"simd\",\"lanes\":4,\"elem\":" + F32 + "}",
        "{\n  \"kind\": \"array\",\n  \"elem\": {\"kind\": \"int\", \"bits\": 64, \"signed\": true}\n}"
            + "|{\"kind\":\"array\",\"elem\":" + I64 + "}",
        "{\n  \"kind\": \"function\",\n  \"args\": [\n    {\"kind\": \"int\", \"bits\": 64, \"signed\": true},\n"
            + "    {\"kind\": \"int\", \"bits\": 64, \"signed\": true}\n  ],\n"
            + "  \"elem\": {\"kind\": \"int\", \"bits\": 64, \"signed\": true}\n}"
            + "|{\"kind\":\"function\",\"args\":[" + I64 + "," + I64 + "],\"elem\":" + I64 + "}",
    })
    void seedPrettyFormsReadToCanonical(String pair) {
        String[] parts = pair.split("\\|");
        assertEquals(parts[1], JsonTypeWriter.write(JsonTypeReader.readType(parts[0])));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // any field order, any whitespace
        "\t{ \"signed\" : true ,\r\n \"bits\":64, \"kind\":\"int\" }  ",
        // null and empty args count as absent (what a serde Option/Vec producer writes)
        "{\"kind\":\"int\",\"name\":null,\"args\":[],\"bits\":64,\"signed\":true,\"lanes\":null,\"elem\":null}",
        // escapes in the kind string
        "{\"kind\":\"\\u0069nt\",\"bits\":64,\"signed\":true}",
    })
    void lenientAboutForm(String json) {
        assertEquals(I64, JsonTypeWriter.write(JsonTypeReader.readType(json)));
    }

    @Test
    void namesAreEscapedAsJson() {
        assertEquals("{\"kind\":\"generic\",\"name\":\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u001F\\u0000\u2028/\"}",
                JsonTypeWriter.write(TypeInfo.generic("a\"b\\c\b\f\n\r\t\u001f\u0000\u2028/")));
    }
}
