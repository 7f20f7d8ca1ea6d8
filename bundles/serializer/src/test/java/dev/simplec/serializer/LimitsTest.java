package dev.simplec.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.binary.BinaryTypeCodec;

/**
 * Every documented bound of the serializer (docs/json.md, "Bounds"; docs/reliability.md, "Limits"):
 * input past it fails with a LIMIT error and exactly this message, and fails fast. The timeout only
 * guards against a hang; speed is measured by benchmarks, not here.
 */
class LimitsTest {
    private static final JsonTypeSerializer SERIALIZER = new JsonTypeSerializer();
    private static final String I64 = "{\"kind\":\"int\",\"bits\":64,\"signed\":true}";

    static Stream<Arguments> pathological() {
        String big = I64 + " ".repeat((1 << 20) - I64.length() + 1);
        String deep = "{\"kind\":\"array\",\"elem\":".repeat(64) + I64 + "}".repeat(64);
        String veryDeep = "{\"elem\":".repeat(100_000);
        String hints = "[" + "{\"source\":\"return\",\"ty\":{\"kind\":\"bool\"}},".repeat(1024)
                + "{\"source\":\"return\",\"ty\":{\"kind\":\"bool\"}}]";
        StringBuilder params = new StringBuilder("{\"name\":\"f\",\"params\":[");
        for (int i = 0; i <= 256; i++) {
            params.append(i == 0 ? "" : ",").append("{\"name\":\"T").append(i).append("\"}");
        }
        params.append("]}");
        String values = "{\"name\":\"f\",\"params\":[],\"signature\":{\"params\":[" + (I64 + ",").repeat(256) + I64 + "]}}";
        byte[] deepBytes = new byte[100];
        java.util.Arrays.fill(deepBytes, (byte) 0x06);
        deepBytes[0] = 1;
        deepBytes[99] = 0x70;
        TypeInfo shared = TypeInfo.bool();
        for (int i = 0; i < 40; i++) {
            shared = TypeInfo.tuple(List.of(shared, shared)); // 2^41 - 1 types, 41 objects
        }
        TypeInfo sharedType = shared;
        TypeInfo nested = TypeInfo.integer(64, true);
        for (int i = 0; i < 64; i++) {
            nested = TypeInfo.array(nested);
        }
        TypeInfo nestedType = nested;
        List<TypeInfo> longNames = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            longNames.add(TypeInfo.named("N" + i + "x".repeat(60_000), List.of()));
        }
        TypeInfo longText = TypeInfo.tuple(longNames);
        TypeInfo sharedName = TypeInfo.named("x".repeat(1000), List.of());
        List<TypeInfo> many = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            many.add(sharedName);
        }
        TypeInfo manyNames = TypeInfo.tuple(many); // 60 MB of JSON if it were written
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("JSON size", (Executable) () -> SERIALIZER.readType(big),
                "$: input is 1048577 characters long; the limit is 1048576"));
        cases.add(Arguments.of("JSON size, types_json", (Executable) () -> SERIALIZER.readTypes(big),
                "$: input is 1048577 characters long; the limit is 1048576"));
        cases.add(Arguments.of("JSON size, template_json", (Executable) () -> SERIALIZER.readTemplate(big),
                "$: input is 1048577 characters long; the limit is 1048576"));
        cases.add(Arguments.of("type nesting", (Executable) () -> SERIALIZER.readType(deep),
                "$" + ".elem".repeat(64) + ": nesting deeper than 64 levels"));
        cases.add(Arguments.of("100,000 levels of JSON", (Executable) () -> SERIALIZER.readType(veryDeep),
                "$" + ".elem".repeat(64) + ": nesting deeper than 64 levels"));
        cases.add(Arguments.of("hint nesting", (Executable) () -> SERIALIZER.readHints("[{\"source\":\"return\",\"ty\":" + deep + "}]"),
                "$[0].ty" + ".elem".repeat(64) + ": nesting deeper than 64 levels"));
        cases.add(Arguments.of("hint count", (Executable) () -> SERIALIZER.readHints(hints),
                "$[1024]: more than 1024 hints (the limit is 1024)"));
        cases.add(Arguments.of("type parameters", (Executable) () -> SERIALIZER.readTemplate(params.toString()),
                "$.params[256]: more than 256 type parameters (the limit is 256)"));
        cases.add(Arguments.of("value parameters", (Executable) () -> SERIALIZER.readTemplate(values),
                "$.signature.params: more than 256 value parameters (the limit is 256)"));
        cases.add(Arguments.of("binary size", (Executable) () -> BinaryTypeCodec.decode(new byte[(1 << 20) + 1]),
                "byte 0: input is 1048577 bytes long; the limit is 1048576"));
        cases.add(Arguments.of("binary nesting", (Executable) () -> BinaryTypeCodec.decode(deepBytes),
                "byte 65: nesting deeper than 64 levels"));
        cases.add(Arguments.of("writing 2^41 types that share subtrees", (Executable) () -> SERIALIZER.writeType(sharedType),
                "$: more than 65536 types in one TypeInfo (its JSON would be longer than 1048576 characters)"));
        cases.add(Arguments.of("encoding 2^41 types that share subtrees", (Executable) () -> BinaryTypeCodec.encode(sharedType),
                "$: more than 65536 types in one TypeInfo (its JSON would be longer than 1048576 characters)"));
        cases.add(Arguments.of("writing 65 levels", (Executable) () -> SERIALIZER.writeType(nestedType),
                "$" + ".elem".repeat(64) + ": nesting deeper than 64 levels"));
        cases.add(Arguments.of("writing a list with 65 levels", (Executable) () -> SERIALIZER.writeTypes(List.of(TypeInfo.bool(), nestedType)),
                "$[1]" + ".elem".repeat(64) + ": nesting deeper than 64 levels"));
        cases.add(Arguments.of("writing text past 1 MiB (long names)", (Executable) () -> SERIALIZER.writeType(longText),
                "$: the JSON text would be longer than 1048576 characters (the limit is 1048576)"));
        cases.add(Arguments.of("writing 60,000 types that share one long name", (Executable) () -> SERIALIZER.writeType(manyNames),
                "$: the JSON text would be longer than 1048576 characters (the limit is 1048576)"));
        cases.add(Arguments.of("writing a list past 1 MiB", (Executable) () -> SERIALIZER.writeTypes(List.of(longText, TypeInfo.bool())),
                "$: the JSON text would be longer than 1048576 characters (the limit is 1048576)"));
        cases.add(Arguments.of("encoding past 1 MiB", (Executable) () -> BinaryTypeCodec.encode(manyNames),
                "$: the encoding would be longer than 1048576 bytes (the limit is 1048576)"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathological")
    void failsWithItsLimitError(String what, Executable call, String message) {
        SimplecException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(SimplecException.class, call));
        assertEquals(message, e.getMessage());
        assertEquals(ErrorKind.LIMIT, e.kind());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("atTheLimit")
    void theLimitItselfIsAllowed(String what, Executable call) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), call);
    }

    static Stream<Arguments> atTheLimit() {
        String hints = "[" + "{\"source\":\"return\",\"ty\":{\"kind\":\"bool\"}},".repeat(1023)
                + "{\"source\":\"return\",\"ty\":{\"kind\":\"bool\"}}]";
        StringBuilder params = new StringBuilder("{\"name\":\"f\",\"params\":[");
        for (int i = 0; i < 256; i++) {
            params.append(i == 0 ? "" : ",").append("{\"name\":\"T").append(i).append("\"}");
        }
        params.append("]}");
        List<TypeInfo> bools = new ArrayList<>();
        for (int i = 0; i < 65_000; i++) {
            bools.add(TypeInfo.bool());
        }
        TypeInfo wide = TypeInfo.tuple(bools); // 1,040,025 characters of JSON
        return Stream.of(
                Arguments.of("1024 hints", (Executable) () -> assertEquals(1024, SERIALIZER.readHints(hints).size())),
                Arguments.of("256 type parameters", (Executable) () -> assertEquals(256, SERIALIZER.readTemplate(params.toString()).params().size())),
                Arguments.of("65,001 types in just under 1 MiB of JSON", (Executable) () -> {
                    String json = SERIALIZER.writeType(wide);
                    assertEquals(1_040_025, json.length());
                    assertEquals(wide, SERIALIZER.readType(json));
                    assertEquals(wide, BinaryTypeCodec.decode(BinaryTypeCodec.encode(wide)));
                }));
    }
}
