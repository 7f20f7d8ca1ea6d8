package dev.simplec.serializer.json;

import static dev.simplec.serializer.testing.Expect.invalid;

import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;

/** One test per class of invalid TypeInfo JSON, each asserting the exact message. */
class JsonTypeReaderErrorsTest {
    private static final String I64 = "{\"kind\":\"int\",\"bits\":64,\"signed\":true}";
    private static final String F32 = "{\"kind\":\"float\",\"bits\":32}";
    private static final String F64 = "{\"kind\":\"float\",\"bits\":64}";

    private static void type(String message, @Nullable String json) {
        invalid(message, () -> JsonTypeReader.readType(json));
    }

    private static void types(String message, @Nullable String json) {
        invalid(message, () -> JsonTypeReader.readTypes(json));
    }

    @Test
    void intWidth() {
        types("$[0].bits: 12 is not a valid int width (8, 16, 32, 64)", "[{\"kind\":\"int\",\"bits\":12,\"signed\":true}]");
        types("$[1].bits: 0 is not a valid int width (8, 16, 32, 64)",
                "[" + I64 + ",{\"kind\":\"int\",\"bits\":0,\"signed\":true}]");
        type("$.bits: -64 is not a valid int width (8, 16, 32, 64)", "{\"kind\":\"int\",\"bits\":-64,\"signed\":true}");
    }

    @Test
    void floatWidth() {
        type("$.bits: 16 is not a valid float width (32, 64)", "{\"kind\":\"float\",\"bits\":16}");
        type("$.bits: 8 is not a valid float width (32, 64)", "{\"kind\":\"float\",\"bits\":8}");
    }

    @Test
    void unknownKind() {
        type("$.kind: \"intt\" is not a type kind (int, float, bool, string, named, generic, array, tuple, simd, function)",
                "{\"kind\":\"intt\"}");
        type("$.kind: \"Int\" is not a type kind (int, float, bool, string, named, generic, array, tuple, simd, function)",
                "{\"kind\":\"Int\",\"bits\":64,\"signed\":true}");
        type("$.kind: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"... is not a type kind"
                + " (int, float, bool, string, named, generic, array, tuple, simd, function)",
                "{\"kind\":\"" + "a".repeat(5000) + "\"}");
    }

    @Test
    void missingFields() {
        type("$.kind: missing", "{\"bits\":64,\"signed\":true}");
        type("$.kind: missing", "{\"kind\":null}");
        type("$.kind: missing", "{}");
        type("$.bits: missing", "{\"kind\":\"int\",\"signed\":true}");
        type("$.signed: missing", "{\"kind\":\"int\",\"bits\":64}");
        type("$.bits: missing", "{\"kind\":\"float\"}");
        type("$.name: missing", "{\"kind\":\"named\",\"args\":[" + I64 + "]}");
        type("$.name: missing", "{\"kind\":\"generic\",\"name\":null}");
        type("$.elem: missing", "{\"kind\":\"array\"}");
        type("$.lanes: missing", "{\"kind\":\"simd\",\"elem\":" + F32 + "}");
        type("$.elem: missing", "{\"kind\":\"simd\",\"lanes\":4}");
        type("$.elem: missing", "{\"kind\":\"function\",\"args\":[" + I64 + "]}");
    }

    @Test
    void badNames() {
        type("$.name: must not be empty", "{\"kind\":\"generic\",\"name\":\"\"}");
        type("$.name: contains an unpaired surrogate at index 1", "{\"kind\":\"named\",\"name\":\"a\\ud800b\"}");
        type("$.name: contains an unpaired surrogate at index 0", "{\"kind\":\"named\",\"name\":\"\\udc00\"}");
    }

    @Test
    void simdLanes() {
        type("$.lanes: 3 is not a power of two", "{\"kind\":\"simd\",\"lanes\":3,\"elem\":" + F32 + "}");
        type("$.lanes: 0 is not a power of two", "{\"kind\":\"simd\",\"lanes\":0,\"elem\":" + F32 + "}");
        type("$.lanes: -4 is not a power of two", "{\"kind\":\"simd\",\"lanes\":-4,\"elem\":" + F32 + "}");
        type("$.lanes: 8 lanes of 64 bits make 512 bits; a simd vector has 64, 128 or 256",
                "{\"kind\":\"simd\",\"lanes\":8,\"elem\":" + F64 + "}");
        type("$.lanes: 2 lanes of 8 bits make 16 bits; a simd vector has 64, 128 or 256",
                "{\"kind\":\"simd\",\"lanes\":2,\"elem\":{\"kind\":\"int\",\"bits\":8,\"signed\":true}}");
        type("$.lanes: 1073741824 lanes of 64 bits make 68719476736 bits; a simd vector has 64, 128 or 256",
                "{\"kind\":\"simd\",\"lanes\":1073741824,\"elem\":" + F64 + "}");
    }

    @Test
    void simdElement() {
        type("$.elem: a simd element must be int or float, not bool",
                "{\"kind\":\"simd\",\"lanes\":4,\"elem\":{\"kind\":\"bool\"}}");
        type("$.elem: a simd element must be int or float, not simd",
                "{\"kind\":\"simd\",\"lanes\":2,\"elem\":{\"kind\":\"simd\",\"lanes\":4,\"elem\":" + F32 + "}}");
    }

    @Test
    void fieldsTheKindDoesNotHave() {
        type("$.bits: kind bool has no bits field", "{\"kind\":\"bool\",\"bits\":64}");
        type("$.signed: kind float has no signed field", "{\"kind\":\"float\",\"bits\":32,\"signed\":false}");
        type("$.args: kind array has no args field", "{\"kind\":\"array\",\"args\":[" + I64 + "],\"elem\":" + I64 + "}");
        type("$.name: kind tuple has no name field", "{\"kind\":\"tuple\",\"name\":\"P\"}");
        type("$.lanes: kind array has no lanes field", "{\"kind\":\"array\",\"lanes\":4,\"elem\":" + F32 + "}");
        type("$.elem: kind named has no elem field", "{\"kind\":\"named\",\"name\":\"V\",\"elem\":" + F32 + "}");
    }

    @Test
    void unknownAndDuplicateFields() {
        type("$.size: not a field of a type (kind, name, args, bits, signed, lanes, elem)", "{\"kind\":\"bool\",\"size\":1}");
        type("$[\"a b\"]: not a field of a type (kind, name, args, bits, signed, lanes, elem)", "{\"a b\":1}");
        type("$.Kind: not a field of a type (kind, name, args, bits, signed, lanes, elem)", "{\"Kind\":\"bool\"}");
        type("$.kind: duplicate field", "{\"kind\":\"bool\",\"kind\":\"bool\"}");
        type("$.elem: duplicate field", "{\"kind\":\"array\",\"elem\":null,\"elem\":" + I64 + "}");
    }

    @Test
    void wrongJsonTypes() {
        type("$.bits: expected an integer, got a string", "{\"kind\":\"int\",\"bits\":\"64\",\"signed\":true}");
        type("$.bits: expected an integer, got a number with a fraction or exponent",
                "{\"kind\":\"int\",\"bits\":64.0,\"signed\":true}");
        type("$.signed: expected a boolean, got an integer", "{\"kind\":\"int\",\"bits\":64,\"signed\":1}");
        type("$.kind: expected a string, got an integer", "{\"kind\":3}");
        type("$.name: expected a string, got an array", "{\"kind\":\"generic\",\"name\":[\"T\"]}");
        type("$.args: expected an array, got an object", "{\"kind\":\"tuple\",\"args\":{}}");
        type("$.args[0]: expected an object, got an integer", "{\"kind\":\"tuple\",\"args\":[1]}");
        type("$.elem: expected an object, got an array", "{\"kind\":\"array\",\"elem\":[]}");
        type("$.lanes: expected an integer, got a boolean", "{\"kind\":\"simd\",\"lanes\":true}");
        type("$: expected an object, got an array", "[" + I64 + "]");
        type("$: expected an object, got a string", "\"int\"");
        type("$: expected an object, got null", "null");
        types("$: expected an array, got an object", I64);
        types("$[0]: expected an object, got null", "[null]");
        types("$[1]: expected an object, got an array", "[" + I64 + ",[]]");
    }

    @Test
    void integersOutOfRange() {
        type("$.bits: 99999999999 is out of range", "{\"kind\":\"int\",\"bits\":99999999999,\"signed\":true}");
        type("$.lanes: 1111111111111111111111111111111111111111... is out of range",
                "{\"kind\":\"simd\",\"lanes\":" + "1".repeat(900) + ",\"elem\":" + F32 + "}");
    }

    @Test
    void pathsReachNestedTypes() {
        type("$.args[1].elem.bits: 7 is not a valid int width (8, 16, 32, 64)",
                "{\"kind\":\"function\",\"args\":[" + I64 + ",{\"kind\":\"array\",\"elem\":{\"kind\":\"int\",\"bits\":7,\"signed\":true}}],"
                        + "\"elem\":" + I64 + "}");
        types("$[2].args[0].args[0]: expected an object, got a boolean",
                "[" + I64 + "," + I64 + ",{\"kind\":\"named\",\"name\":\"A\",\"args\":[{\"kind\":\"tuple\",\"args\":[true]}]}]");
    }

    @Test
    void nestedTypesAreCheckedBeforeTheirContainer() {
        // The elem closes (and is checked) before the array object does, whatever is wrong outside.
        type("$.elem.kind: missing", "{\"kind\":\"bool\",\"elem\":{}}");
        type("$.elem: kind bool has no elem field", "{\"kind\":\"bool\",\"elem\":{\"kind\":\"bool\"}}");
    }

    @Test
    void meaningIsCheckedInCanonicalFieldOrder() {
        // Both bits and signed are wrong; bits comes first in canonical order, wherever it stands.
        type("$.bits: 12 is not a valid int width (8, 16, 32, 64)", "{\"signed\":null,\"kind\":\"int\",\"bits\":12}");
        type("$.name: missing", "{\"elem\":null,\"kind\":\"named\",\"bits\":3}");
    }

    @Test
    void malformedJson() {
        type("$: malformed JSON at line 1, column 1: no value", "");
        type("$: malformed JSON at line 2, column 3: no value", " \n  ");
        type("$: malformed JSON at line 1, column 15: Unexpected end-of-input within/between Object entries",
                "{\"kind\":\"int\",");
        // Jackson's own "[Source: ...; line: 2, column: 3]" comes out plain.
        type("$: malformed JSON at line 2, column 16: Unexpected end-of-input: expected close marker for Object"
                + " (start marker at line 2, column 3)", "\n  {\"kind\":\"int\"");
        type("$: malformed JSON at line 1, column 3: Unexpected character (''' (code 39)): was expecting double-quote"
                + " to start field name", "{ 'kind':'bool'}");
        type("$: malformed JSON at line 1, column 10: Unexpected character ('/' (code 47)): maybe a (non-standard) comment?"
                + " (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)", "{\"kind\": /* i64 */ \"bool\"}");
        type("$: malformed JSON at line 1, column 17: content after the end of the value", "{\"kind\":\"bool\"} // i64");
        type("$: malformed JSON at line 1, column 9: Unexpected character ('}' (code 125)): expected a valid value"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                "{\"kind\":}");
    }

    @Test
    void contentAfterTheValue() {
        type("$: malformed JSON at line 1, column 16: content after the end of the value", "{\"kind\":\"bool\"}{}");
        type("$: malformed JSON at line 1, column 17: content after the end of the value", "{\"kind\":\"bool\"} 1");
        type("$: malformed JSON at line 2, column 1: content after the end of the value", "{\"kind\":\"bool\"}\nx");
        type("$: malformed JSON at line 3, column 3: content after the end of the value", "{\"kind\":\"bool\"}\r\n\r  xyz");
        type("$: malformed JSON at line 1, column 16: content after the end of the value", "{\"kind\":\"bool\"}]");
        types("$: malformed JSON at line 1, column 3: content after the end of the value", "[],");
    }

    @Test
    void nullInput() {
        type("$: no input (null)", null);
        types("$: no input (null)", null);
    }
}
