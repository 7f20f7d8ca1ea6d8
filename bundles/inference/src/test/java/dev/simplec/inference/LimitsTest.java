package dev.simplec.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.types.HintSource;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeParam;

/**
 * Every limit of the front end (docs/language.md and docs/reliability.md, "Limits"), each hit by a
 * pathological template or request: it fails with a LIMIT error whose first line (the diagnostic;
 * the source line and caret follow it) is exactly the one given, and it fails fast — exponential
 * growth stops at the limit instead of being computed. The timeout only guards against a hang.
 */
class LimitsTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();
    private static final TypeInfo I64 = TypeInfo.integer(64, true);

    private static Arguments check(String what, String source, String firstLine) {
        return Arguments.of(what, (Executable) () -> ENGINE.checkTypes(source), firstLine);
    }

    private static Arguments instantiate(String what, String source, List<TypeInfo> types, String firstLine) {
        return Arguments.of(what, (Executable) () -> ENGINE.instantiate(source, types), firstLine);
    }

    private static Arguments infer(String what, TemplateDescription template, List<TypeHint> hints, String firstLine) {
        return Arguments.of(what, (Executable) () -> ENGINE.inferTypes(template, hints), firstLine);
    }

    /** {@code (t, t)} nested {@code levels} times: 2^levels leaves in {@code levels + 1} objects. */
    private static TypeInfo doubled(int levels) {
        TypeInfo t = I64;
        for (int i = 0; i < levels; i++) {
            t = TypeInfo.tuple(List.of(t, t));
        }
        return t;
    }

    static Stream<Arguments> pathological() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(check("template size", "//" + " ".repeat(1 << 20),
                "template is too large: 1048578 characters (the limit is 1048576)"));
        cases.add(check("nesting: 100,000 parentheses", "fn f() -> i64 { " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + " }",
                "template:1:273: nesting too deep (the limit is 256 levels)"));
        cases.add(check("deep generic nesting in a type", "fn f(x: " + "Vec<".repeat(10_000) + "i64" + ">".repeat(10_000) + ") -> i64 { 1 }",
                "template:1:1033: nesting too deep (the limit is 256 levels)"));
        cases.add(instantiate("deep generic nesting in a type argument", "fn id<T>(x: T) -> T { x }",
                List.of(nestedArrays(300)), "type argument 0: type nested too deeply (the limit is 256 levels)"));
        cases.add(instantiate("a type argument of 2^40 types that share subtrees", "fn id<T>(x: T) -> T { x }",
                List.of(doubled(40)), "type argument 0: type too large: more than 1000 type nodes (the limit is 1000)"));
        cases.add(instantiate("polymorphic recursion that doubles a type", "fn f<T>(x: T) -> i64 { f((x, x)) }", List.of(I64),
                "template:1:24: the type arguments of f grow beyond 1000 type nodes (does it call itself with ever larger types?)"));
        cases.add(instantiate("polymorphic recursion that nests a type", "fn f<T>(x: T) -> i64 { f((x,)) }", List.of(I64),
                "template:1:24: the type arguments of f grow beyond 1000 type nodes (does it call itself with ever larger types?)"));
        cases.add(instantiate("exponential instantiation: each function calls the next twice", doublingChain(40), List.of(I64),
                "template:9:25: the type arguments of f9 grow beyond 1000 type nodes (does it call itself with ever larger types?)"));
        cases.add(instantiate("exponentially many instances", "fn f<T>(x: T, n: i64) -> i64 {\n"
                + "    if n == 0 { 0 } else { f((x, 1), n - 1) + f((x, 1.5), n - 1) }\n}", List.of(I64),
                "template:2:47: too many function instances (the limit is 1000); the last was "
                        + "f<(((((((((i64, f64), f64), f64), f64), i64), f64), i64), i64), f64)>"));
        cases.add(check("a value that doubles its type", doublingLets(60),
                "template:10:14: type too large: more than 1000 type nodes (the limit is 1000)"));
        cases.add(check("a generic call that doubles its type", "fn dup<T>(x: T) -> (T, T) { (x, x) }\nfn f(x: i64) -> i64 {\n"
                + "    let a0 = dup(x);\n" + lines(1, 60, i -> "    let a" + i + " = dup(a" + (i - 1) + ");\n") + "    0\n}",
                "template:12:14: type too large: more than 1000 type nodes (the limit is 1000)"));
        cases.add(check("too many functions", "fn f(x: i64) -> i64 { x }\n" + lines(1, 1001, i -> "fn f" + i + "(x: i64) -> i64 { x + " + i + " }\n"),
                "template:1001:4: too many functions in one module (the limit is 1000)"));
        cases.add(check("too many structs", "fn f(x: i64) -> i64 { x }\n" + lines(0, 1001, i -> "struct S" + i + " { x: i64 }\n"),
                "template:1002:8: too many structs in one module (the limit is 1000)"));
        cases.add(check("a very long identifier", "fn f(x: i64) -> i64 { let " + "v".repeat(100_000) + " = x; x }",
                "template:1:27: identifier is too long: 100000 characters (the limit is 256)"));
        cases.add(check("a huge integer literal", "fn f() -> i64 { " + "9".repeat(500_000) + " }",
                "template:1:17: number is too long: 500000 characters (the limit is 4096)"));
        cases.add(check("a huge float literal", "fn f() -> f64 { 0." + "0".repeat(5000) + "1 }",
                "template:1:17: number is too long: 5003 characters (the limit is 4096)"));
        cases.add(check("a huge text literal", "fn f() -> i64 { len(\"" + "x".repeat(1_000_000) + "\") }",
                "template:1:21: text literal is too long: 1000002 characters (the limit is 4096)"));
        cases.add(instantiate("a function past the IR size limit", "fn f(x: i64) -> i64 {\n    var y = x;\n"
                + "    y = y * 3 + 1;\n".repeat(5001) + "    y\n}", List.of(),
                "function f is too large: 20006 IR instructions (the limit is 20000)"));
        cases.add(instantiate("an instantiation past the IR size limit", irHeavyInstances(), List.of(),
                "the instantiation is too large: more than 100000 IR instructions in all functions together (the limit is 100000)"));
        TemplateDescription id = new TemplateDescription("id", List.of(new TypeParam("T", List.of())), null, null);
        List<TypeHint> hints = new ArrayList<>();
        for (int i = 0; i < 1025; i++) {
            hints.add(new TypeHint(HintSource.CALL_SITE, 0, I64));
        }
        cases.add(infer("too many hints", id, hints, "too many hints: 1025 (the limit is 1024)"));
        cases.add(infer("a hint of 2^40 types that share subtrees", id, List.of(new TypeHint(HintSource.CALL_SITE, 0, doubled(40))),
                "hint 0 (call_site): type too large: more than 1000 type nodes (the limit is 1000)"));
        List<TypeParam> params = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            params.add(new TypeParam("T" + i, List.of()));
        }
        cases.add(infer("too many type parameters", new TemplateDescription("f", params, null, null), List.of(),
                "too many type parameters: 257 (the limit is 256)"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathological")
    void failsWithItsLimitError(String what, Executable call, String firstLine) {
        SimplecException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(SimplecException.class, call));
        assertEquals(firstLine, e.getMessage().lines().findFirst().orElse(""), e.getMessage());
        assertEquals(ErrorKind.LIMIT, e.kind(), e.getMessage());
    }

    private static TypeInfo nestedArrays(int levels) {
        TypeInfo t = I64;
        for (int i = 0; i < levels; i++) {
            t = TypeInfo.array(t);
        }
        return t;
    }

    /** {@code line} of each i in [from, to), joined. */
    private static String lines(int from, int to, IntFunction<String> line) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(line.apply(i));
        }
        return sb.toString();
    }

    /** f0 calls f1 twice with (x, x), f1 calls f2 the same way, ...: 2^n calls, the argument type doubling each step. */
    private static String doublingChain(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("fn f").append(i).append("<T>(x: T) -> i64 { f").append(i + 1).append("((x, x)) + f").append(i + 1)
                    .append("((x, x)) }\n");
        }
        return sb.append("fn f").append(n).append("<T>(x: T) -> i64 { 1 }\n").toString();
    }

    /** {@code let a1 = (a0, a0);} and so on: the type of a_n has 2^n leaves. */
    private static String doublingLets(int n) {
        return "fn f(x: i64) -> i64 {\n    let a0 = (x, x);\n" + lines(1, n, i -> "    let a" + i + " = (a" + (i - 1) + ", a" + (i - 1) + ");\n")
                + "    0\n}";
    }

    /** One function of about 5,000 IR instructions, instantiated at 21 types: past 100,000 together. */
    private static String irHeavyInstances() {
        StringBuilder sb = new StringBuilder("fn main(x: i64) -> i64 {\n    0");
        String[] types = {"i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64"};
        for (int i = 0; i < 21; i++) {
            String t = types[i % types.length];
            String arg = i < 10 ? "(x as " + t + ")" : "(x as " + t + ", " + i + ")";
            sb.append(" + g(").append(arg).append(")");
        }
        sb.append("\n}\nfn g<T>(v: T) -> i64 {\n    var y = 0;\n").append("    y = y * 3 + 1;\n".repeat(1250)).append("    y\n}\n");
        return sb.toString();
    }
}
