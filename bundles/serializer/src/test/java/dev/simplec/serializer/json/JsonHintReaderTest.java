package dev.simplec.serializer.json;

import static dev.simplec.serializer.testing.Expect.invalid;
import static dev.simplec.serializer.testing.Expect.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.types.HintSource;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;

class JsonHintReaderTest {
    private static final String I64 = "{\"kind\":\"int\",\"bits\":64,\"signed\":true}";
    private static final TypeInfo I64_TYPE = TypeInfo.integer(64, true);

    private static void hints(String message, String json) {
        invalid(message, () -> JsonHintReader.readHints(json));
    }

    @Test
    void readsEverySource() {
        assertEquals(List.of(
                new TypeHint(HintSource.CALL_SITE, 0, I64_TYPE),
                new TypeHint(HintSource.RETURN, -1, TypeInfo.floating(32)),
                new TypeHint(HintSource.ASSIGNMENT, -1, TypeInfo.bool()),
                new TypeHint(HintSource.CONSTRAINT, 255, TypeInfo.generic("T"))),
                JsonHintReader.readHints("[{\"source\":\"call_site\",\"param_index\":0,\"ty\":" + I64 + "},"
                        + "{\"ty\":{\"kind\":\"float\",\"bits\":32},\"source\":\"return\"},"
                        + "{\"source\":\"assignment\",\"param_index\":null,\"ty\":{\"kind\":\"bool\"}},"
                        + "{\"source\":\"constraint\",\"param_index\":255,\"ty\":{\"kind\":\"generic\",\"name\":\"T\"}}]"));
        assertEquals(List.of(), JsonHintReader.readHints("[]"));
    }

    @Test
    void readsTheSeedExample() {
        assertEquals(List.of(new TypeHint(HintSource.CALL_SITE, 0, I64_TYPE)), JsonHintReader.readHints(
                "[{\n  \"source\": \"call_site\",\n  \"param_index\": 0,\n  \"ty\": {\"kind\": \"int\", \"bits\": 64, \"signed\": true}\n}]"));
    }

    @Test
    void paramIndexRules() {
        hints("$[1].param_index: missing",
                "[{\"source\":\"return\",\"ty\":" + I64 + "},{\"source\":\"call_site\",\"ty\":" + I64 + "}]");
        hints("$[0].param_index: missing", "[{\"source\":\"constraint\",\"param_index\":null,\"ty\":" + I64 + "}]");
        hints("$[0].param_index: source return has no param_index field",
                "[{\"source\":\"return\",\"param_index\":0,\"ty\":" + I64 + "}]");
        hints("$[0].param_index: source assignment has no param_index field",
                "[{\"source\":\"assignment\",\"param_index\":0,\"ty\":" + I64 + "}]");
        hints("$[0].param_index: -1 is not a valid index (0 to 255)",
                "[{\"source\":\"call_site\",\"param_index\":-1,\"ty\":" + I64 + "}]");
        hints("$[0].param_index: 256 is not a valid index (0 to 255)",
                "[{\"source\":\"call_site\",\"param_index\":256,\"ty\":" + I64 + "}]");
        hints("$[0].param_index: expected an integer, got a string",
                "[{\"source\":\"call_site\",\"param_index\":\"0\",\"ty\":" + I64 + "}]");
        hints("$[0].param_index: 4294967296 is out of range",
                "[{\"source\":\"call_site\",\"param_index\":4294967296,\"ty\":" + I64 + "}]");
    }

    @Test
    void sourceRules() {
        hints("$[0].source: missing", "[{\"param_index\":0,\"ty\":" + I64 + "}]");
        hints("$[0].source: \"callsite\" is not a hint source (call_site, return, assignment, constraint)",
                "[{\"source\":\"callsite\",\"param_index\":0,\"ty\":" + I64 + "}]");
        hints("$[0].source: expected a string, got an integer", "[{\"source\":0}]");
    }

    @Test
    void typeRules() {
        hints("$[0].ty: missing", "[{\"source\":\"return\"}]");
        hints("$[0].ty.bits: 12 is not a valid int width (8, 16, 32, 64)",
                "[{\"source\":\"return\",\"ty\":{\"kind\":\"int\",\"bits\":12,\"signed\":true}}]");
        hints("$[0].ty: expected an object, got a string", "[{\"source\":\"return\",\"ty\":\"i64\"}]");
        String deep = "{\"kind\":\"array\",\"elem\":".repeat(64) + I64 + "}".repeat(64);
        limit("$[0].ty" + ".elem".repeat(64) + ": nesting deeper than 64 levels",
                () -> JsonHintReader.readHints("[{\"source\":\"return\",\"ty\":" + deep + "}]"));
    }

    @Test
    void shapeRules() {
        hints("$[0].weight: not a field of a hint (source, param_index, ty)", "[{\"source\":\"return\",\"weight\":1}]");
        hints("$[0].ty: duplicate field", "[{\"source\":\"return\",\"ty\":" + I64 + ",\"ty\":" + I64 + "}]");
        hints("$: expected an array, got an object", "{\"source\":\"return\",\"ty\":" + I64 + "}");
        hints("$[0]: expected an object, got an integer", "[0]");
        hints("$: malformed JSON at line 1, column 3: content after the end of the value", "[]]");
    }
}
