package dev.simplec.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/** The batch API: many templates checked in parallel, answers in input order, each as checkTypes gives it. */
class CheckAllTest {
    private final TemplateInferenceEngine engine = new TemplateInferenceEngine();

    @Test
    void answersInOrderMatchingSequentialChecks() {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            sources.add(switch (i % 4) {
                case 0 -> "fn f" + i + "(x: i64) -> i64 { x * " + i + " }";
                case 1 -> "fn g<T>(x: T) -> T { x + x }";
                case 2 -> "fn h(xs: [f64]) -> f64 { var s = 0.0; for x in xs { s += x; } s }";
                default -> "fn k() -> i64 { 1 +";
            });
        }
        List<Optional<SimplecException>> results = engine.checkAll(sources);
        assertEquals(sources.size(), results.size());
        for (int i = 0; i < sources.size(); i++) {
            Optional<SimplecException> r = results.get(i);
            switch (i % 4) {
                case 0, 2 -> assertEquals(Optional.empty(), r, sources.get(i));
                case 1 -> {
                    assertEquals(ErrorKind.TYPE, r.orElseThrow().kind());
                    assertEquals("template:1:22: cannot add T and T: type parameter T needs the bound Num\n"
                            + "fn g<T>(x: T) -> T { x + x }\n"
                            + "                     ^^^^^", r.orElseThrow().getMessage());
                }
                default -> assertEquals(ErrorKind.SYNTAX, r.orElseThrow().kind());
            }
        }
    }

    @Test
    void emptyBatch() {
        assertEquals(List.of(), engine.checkAll(List.of()));
    }
}
