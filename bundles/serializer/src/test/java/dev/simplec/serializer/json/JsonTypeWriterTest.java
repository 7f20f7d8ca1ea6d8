package dev.simplec.serializer.json;

import static dev.simplec.serializer.testing.Expect.invalid;
import static dev.simplec.serializer.testing.Expect.limit;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeKind;

/** The writer refuses what the reader would refuse, with the reader's words, so all it writes reads back. */
class JsonTypeWriterTest {
    private static final TypeInfo I64 = TypeInfo.integer(64, true);

    private static void write(String message, TypeInfo t) {
        invalid(message, () -> JsonTypeWriter.write(t));
    }

    @Test
    void rejectsInvalidValues() {
        write("$.bits: 12 is not a valid int width (8, 16, 32, 64)", TypeInfo.integer(12, true));
        write("$.bits: missing", TypeInfo.integer(0, true));
        write("$.bits: 16 is not a valid float width (32, 64)", TypeInfo.floating(16));
        write("$.name: must not be empty", TypeInfo.generic(""));
        write("$.name: contains an unpaired surrogate at index 0", TypeInfo.named("\ud800", List.of()));
        write("$.lanes: 3 is not a power of two", TypeInfo.simd(3, TypeInfo.floating(32)));
        write("$.lanes: 8 lanes of 64 bits make 512 bits; a simd vector has 64, 128 or 256", TypeInfo.simd(8, TypeInfo.floating(64)));
        write("$.elem: a simd element must be int or float, not bool", TypeInfo.simd(4, TypeInfo.bool()));
        write("$.name: missing", new TypeInfo(TypeKind.NAMED, null, List.of(), 0, false, 0, null));
        write("$.elem: missing", new TypeInfo(TypeKind.ARRAY, null, List.of(), 0, false, 0, null));
        write("$.lanes: missing", new TypeInfo(TypeKind.SIMD, null, List.of(), 0, false, 0, TypeInfo.floating(32)));
        write("$.signed: kind float has no signed field", new TypeInfo(TypeKind.FLOAT, null, List.of(), 32, true, 0, null));
        write("$.args: kind bool has no args field", new TypeInfo(TypeKind.BOOL, null, List.of(I64), 0, false, 0, null));
        write("$.name: kind int has no name field", new TypeInfo(TypeKind.INT, "x", List.of(), 64, true, 0, null));
        write("$.lanes: kind array has no lanes field", new TypeInfo(TypeKind.ARRAY, null, List.of(), 0, false, 4, I64));
        write("$.elem: kind tuple has no elem field", new TypeInfo(TypeKind.TUPLE, null, List.of(), 0, false, 0, I64));
    }

    @Test
    void pathsReachNestedValues() {
        write("$.args[1].elem.bits: 7 is not a valid int width (8, 16, 32, 64)",
                TypeInfo.function(List.of(I64, TypeInfo.array(TypeInfo.integer(7, false))), I64));
        invalid("$[1].args[0].name: must not be empty",
                () -> JsonTypeWriter.writeAll(List.of(I64, TypeInfo.tuple(List.of(TypeInfo.generic(""))))));
    }

    @Test
    void deepValuesAreRefusedWithoutRecursingThroughThem() {
        TypeInfo t = I64;
        for (int i = 0; i < 100_000; i++) {
            t = TypeInfo.array(t);
        }
        TypeInfo deep = t;
        limit("$" + ".elem".repeat(64) + ": nesting deeper than 64 levels", () -> JsonTypeWriter.write(deep));
    }
}
