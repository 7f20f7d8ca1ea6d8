package dev.simplec.inference.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.types.HintSource;
import dev.simplec.api.types.Signature;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeParam;
import dev.simplec.inference.TemplateInferenceEngine;

/** inferTypes per SPEC §4: the three ways to get a signature, the four hint sources, and the exact error messages. */
class InferTypesTest {
    private static final TypeInfo I64 = TypeInfo.integer(64, true);
    private static final TypeInfo I32 = TypeInfo.integer(32, true);
    private static final TypeInfo U8 = TypeInfo.integer(8, false);
    private static final TypeInfo F64 = TypeInfo.floating(64);
    private static final TypeInfo F32 = TypeInfo.floating(32);
    private static final TypeInfo T = TypeInfo.generic("T");
    private static final TypeInfo U = TypeInfo.generic("U");

    private final TemplateInferenceEngine engine = new TemplateInferenceEngine();

    private static TypeParam param(String name, String... bounds) {
        return new TypeParam(name, List.of(bounds));
    }

    private static TypeHint callSite(int index, TypeInfo ty) {
        return new TypeHint(HintSource.CALL_SITE, index, ty);
    }

    private static TypeHint ret(TypeInfo ty) {
        return new TypeHint(HintSource.RETURN, -1, ty);
    }

    private static TypeHint assignment(TypeInfo ty) {
        return new TypeHint(HintSource.ASSIGNMENT, -1, ty);
    }

    private static TypeHint constraint(int index, TypeInfo ty) {
        return new TypeHint(HintSource.CONSTRAINT, index, ty);
    }

    /** id with one generic T and no signature: value parameter 0 has type T. */
    private static TemplateDescription seedId() {
        return new TemplateDescription("id", List.of(param("T")), null, null);
    }

    private static TemplateDescription withSignature(List<TypeParam> params, List<TypeInfo> args, TypeInfo result) {
        return new TemplateDescription("f", params, new Signature(args, result), null);
    }

    private String failure(TemplateDescription t, List<TypeHint> hints, ErrorKind kind) {
        SimplecException e = assertThrows(SimplecException.class, () -> engine.inferTypes(t, hints));
        assertEquals(kind, e.kind(), e.getMessage());
        return e.getMessage();
    }

    // ---- answers

    @Test
    void seedExampleCallSite() {
        assertEquals(List.of(I64), engine.inferTypes(seedId(), List.of(callSite(0, I64))));
    }

    @Test
    void withoutSignatureValueParameterIHasTypeParameterI() {
        TemplateDescription pair = new TemplateDescription("pair", List.of(param("A"), param("B")), null, null);
        assertEquals(List.of(F32, U8), engine.inferTypes(pair, List.of(callSite(1, U8), callSite(0, F32))));
    }

    @Test
    void returnHintAgainstSignature() {
        TemplateDescription t = withSignature(List.of(param("T", "Num")), List.of(), T);
        assertEquals(List.of(F64), engine.inferTypes(t, List.of(ret(F64))));
    }

    @Test
    void assignmentHintAgainstSignature() {
        TemplateDescription t = withSignature(List.of(param("T")), List.of(I64), TypeInfo.array(T));
        assertEquals(List.of(I32), engine.inferTypes(t, List.of(assignment(TypeInfo.array(I32)))));
    }

    @Test
    void constraintHintSetsATypeParameter() {
        TemplateDescription t = withSignature(List.of(param("T"), param("U")), List.of(T), T);
        assertEquals(List.of(I64, TypeInfo.bool()), engine.inferTypes(t, List.of(callSite(0, I64), constraint(1, TypeInfo.bool()))));
    }

    @Test
    void agreeingHintsAreFine() {
        TemplateDescription t = withSignature(List.of(param("T", "Num")), List.of(T, T), T);
        assertEquals(List.of(I64), engine.inferTypes(t, List.of(callSite(0, I64), callSite(1, I64), ret(I64), constraint(0, I64))));
    }

    @Test
    void structuredSignatureTypesUnifyWithStructuredHints() {
        TypeInfo vecT = TypeInfo.named("Vec", List.of(T));
        TypeInfo fnTU = TypeInfo.function(List.of(T), U);
        TemplateDescription t = withSignature(List.of(param("T"), param("U")), List.of(vecT, fnTU), TypeInfo.tuple(List.of(T, U)));
        List<TypeInfo> got = engine.inferTypes(t, List.of(
                callSite(0, TypeInfo.named("Vec", List.of(F32))),
                callSite(1, TypeInfo.function(List.of(F32), TypeInfo.string()))));
        assertEquals(List.of(F32, TypeInfo.string()), got);
    }

    @Test
    void simdAndArrayHints() {
        TemplateDescription t = withSignature(List.of(param("T", "Float")), List.of(TypeInfo.simd(4, T)), TypeInfo.array(T));
        assertEquals(List.of(F32), engine.inferTypes(t, List.of(callSite(0, TypeInfo.simd(4, F32)))));
    }

    @Test
    void sourceGivesTheSignatureOfTheNamedFunction() {
        String src = "fn other(x: i64) -> i64 { x }\nfn first<T: Num>(xs: [T], n: i64) -> T { n }";
        TemplateDescription t = new TemplateDescription("first", List.of(), null, src);
        assertEquals(List.of(F64), engine.inferTypes(t, List.of(callSite(0, TypeInfo.array(F64)))));
    }

    @Test
    void sourceFallsBackToTheFirstFunction() {
        TemplateDescription t = new TemplateDescription("missing", List.of(), null, "fn id<T>(x: T) -> T { x }");
        assertEquals(List.of(U8), engine.inferTypes(t, List.of(ret(U8))));
    }

    @Test
    void genericInAHintIsOpaque() {
        assertEquals(List.of(TypeInfo.generic("X")), engine.inferTypes(seedId(), List.of(callSite(0, TypeInfo.generic("X")))));
    }

    // ---- errors, exact

    @Test
    void conflictNamesTheParameterAndBothHints() {
        TemplateDescription t = withSignature(List.of(param("T")), List.of(T, T), T);
        assertEquals("type parameter T: hint 0 (call_site) says i64 but hint 1 (call_site) says f64",
                failure(t, List.of(callSite(0, I64), callSite(1, F64)), ErrorKind.INFERENCE));
    }

    @Test
    void conflictBetweenReturnAndConstraint() {
        TemplateDescription t = withSignature(List.of(param("T")), List.of(), T);
        assertEquals("type parameter T: hint 0 (return) says i64 but hint 1 (constraint) says u8",
                failure(t, List.of(ret(I64), constraint(0, U8)), ErrorKind.INFERENCE));
    }

    @Test
    void conflictInsideOneHint() {
        TemplateDescription t = withSignature(List.of(param("T")), List.of(TypeInfo.tuple(List.of(T, T))), T);
        assertEquals("type parameter T: hint 0 (call_site) says both i64 and f64",
                failure(t, List.of(callSite(0, TypeInfo.tuple(List.of(I64, F64)))), ErrorKind.INFERENCE));
    }

    @Test
    void undeterminedParameter() {
        TemplateDescription t = new TemplateDescription("f", List.of(param("T"), param("U")), null, null);
        assertEquals("type parameter U: no hint determines it", failure(t, List.of(callSite(0, I64)), ErrorKind.INFERENCE));
    }

    @Test
    void callSiteIndexOutOfRange() {
        assertEquals("hint 0 (call_site): param_index 3 is out of range (template has 1 value parameter)\n"
                + "type parameter T: no hint determines it",
                failure(seedId(), List.of(callSite(3, I64)), ErrorKind.INFERENCE));
    }

    @Test
    void constraintIndexOutOfRange() {
        assertEquals("hint 1 (constraint): param_index 2 is out of range (template has 1 type parameter)",
                failure(seedId(), List.of(callSite(0, I64), constraint(2, I64)), ErrorKind.INFERENCE));
    }

    @Test
    void returnHintWithoutAResultType() {
        assertEquals("hint 1 (return): template id has no known result type (give a signature or source)",
                failure(seedId(), List.of(callSite(0, I64), ret(I64)), ErrorKind.INFERENCE));
    }

    @Test
    void boundViolation() {
        TemplateDescription t = new TemplateDescription("f", List.of(param("T", "Int")), null, null);
        assertEquals("type parameter T: hint 0 (call_site) says f32, which does not satisfy Int",
                failure(t, List.of(callSite(0, F32)), ErrorKind.INFERENCE));
    }

    @Test
    void boundsFromDescriptionAndSourceBothHold() {
        TemplateDescription t = new TemplateDescription("f", List.of(param("T", "Float")), null, "fn f<T: Num>(x: T) -> T { x }");
        assertEquals("type parameter T: hint 0 (call_site) says i64, which does not satisfy Float",
                failure(t, List.of(callSite(0, I64)), ErrorKind.INFERENCE));
    }

    @Test
    void shapeMismatch() {
        TemplateDescription t = withSignature(List.of(param("T")), List.of(TypeInfo.array(T)), T);
        assertEquals("hint 0 (call_site): value parameter 0 has type [T] but the hint says i64",
                failure(t, List.of(callSite(0, I64)), ErrorKind.INFERENCE));
    }

    @Test
    void everyProblemIsReported() {
        TemplateDescription t = new TemplateDescription("f", List.of(param("T"), param("U"), param("V")), null, null);
        assertEquals("type parameter T: hint 1 (call_site) says i64 but hint 2 (constraint) says f64\n"
                + "type parameter V: no hint determines it",
                failure(t, List.of(callSite(1, I32), callSite(0, I64), constraint(0, F64)), ErrorKind.INFERENCE));
    }

    @Test
    void unknownBoundIsInvalidInput() {
        TemplateDescription t = new TemplateDescription("f", List.of(param("T", "Numeric")), null, null);
        assertEquals("params[0]: unknown bound Numeric of type parameter T (the bounds are Num, Int, Float, Eq and Ord)",
                failure(t, List.of(callSite(0, I64)), ErrorKind.INVALID_INPUT));
    }

    @Test
    void signatureMentioningAnUndeclaredGeneric() {
        TemplateDescription t = withSignature(List.of(param("T")), List.of(U), T);
        assertEquals("signature.params[0]: generic U is not a type parameter of f (T)",
                failure(t, List.of(callSite(0, I64)), ErrorKind.INVALID_INPUT));
    }

    @Test
    void descriptionParamsMustMatchTheSource() {
        TemplateDescription t = new TemplateDescription("f", List.of(param("A")), null, "fn f<T>(x: T) -> T { x }");
        assertEquals("params (A) do not match the type parameters (T) of fn f in source",
                failure(t, List.of(callSite(0, I64)), ErrorKind.INVALID_INPUT));
    }

    @Test
    void invalidHintType() {
        assertEquals("hint 0 (call_site): 12 is not a valid int width (8, 16, 32, 64)",
                failure(seedId(), List.of(callSite(0, TypeInfo.integer(12, true))), ErrorKind.INVALID_INPUT));
    }

    @Test
    void sourceSyntaxErrorsAreCompilerDiagnostics() {
        TemplateDescription t = new TemplateDescription("f", List.of(), null, "fn f<T>(x: T) -> T { x");
        assertEquals("template:1:23: expected ; or }, found end of input\nfn f<T>(x: T) -> T { x\n                      ^",
                failure(t, List.of(callSite(0, I64)), ErrorKind.SYNTAX));
    }
}
