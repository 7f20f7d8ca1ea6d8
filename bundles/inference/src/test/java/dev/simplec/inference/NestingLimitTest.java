package dev.simplec.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.types.HintSource;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeParam;

/** Hostile depth: a LIMIT diagnostic with a position, never a StackOverflowError. */
class NestingLimitTest {
    private static final int N = 100_000;
    private final TemplateInferenceEngine engine = new TemplateInferenceEngine();

    private SimplecException limit(String source) {
        SimplecException e = assertThrows(SimplecException.class, () -> engine.checkTypes(source));
        assertEquals(ErrorKind.LIMIT, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void hundredThousandParentheses() {
        String prefix = "fn f() -> i64 { ";
        SimplecException e = limit(prefix + "(".repeat(N) + "1" + ")".repeat(N) + " }");
        // Depth 1 is the body's expression at the first parenthesis; the 257th level is the error.
        assertTrue(e.getMessage().startsWith("template:1:" + (prefix.length() + 257) + ": nesting too deep (the limit is 256 levels)\n"),
                e.getMessage());
        assertTrue(e.getMessage().length() < 400, "the source line is shown as a window");
    }

    @Test
    void unclosedParenthesesAlsoStopAtTheLimit() {
        assertTrue(limit("fn f() -> i64 { " + "(".repeat(N)).getMessage().contains("nesting too deep"));
    }

    @Test
    void hundredThousandUnaryMinuses() {
        limit("fn f() -> i64 { " + "-".repeat(N) + "1 }");
    }

    @Test
    void longOperatorChainsNestTheTreeToo() {
        limit("fn f(x: i64) -> i64 { " + "x + ".repeat(N) + "x }");
    }

    @Test
    void chainsWithinTheLimitCompile() {
        String body = "x + ".repeat(200) + "x";
        assertEquals(201, engine.instantiate("fn f(x: i64) -> i64 { " + body + " }", List.of()).entry().valueCount());
    }

    @Test
    void deeplyNestedTypes() {
        limit("fn f(x: " + "[".repeat(N) + "i64" + "]".repeat(N) + ") -> i64 { 1 }");
        limit("fn f(x: " + "fn(".repeat(N) + ") -> i64 { 1 }");
    }

    @Test
    void deeplyNestedCalls() {
        limit("fn f(x: i64) -> i64 { " + "f(".repeat(N) + "x" + ")".repeat(N) + " }");
    }

    @Test
    void deeplyNestedHintTypes() {
        TypeInfo t = TypeInfo.integer(64, true);
        for (int i = 0; i < 10_000; i++) {
            t = TypeInfo.array(t);
        }
        TypeInfo deep = t;
        TemplateDescription id = new TemplateDescription("id", List.of(new TypeParam("T", List.of())), null, null);
        SimplecException e = assertThrows(SimplecException.class,
                () -> engine.inferTypes(id, List.of(new TypeHint(HintSource.CALL_SITE, 0, deep))));
        assertEquals(ErrorKind.LIMIT, e.kind());
        assertEquals("hint 0 (call_site): type nested too deeply (the limit is 256 levels)", e.getMessage());
    }

    @Test
    void oversizedTemplate() {
        SimplecException e = assertThrows(SimplecException.class, () -> engine.checkTypes(" ".repeat((1 << 20) + 1)));
        assertEquals(ErrorKind.LIMIT, e.kind());
        assertEquals("template is too large: 1048577 characters (the limit is 1048576)", e.getMessage());
    }
}
