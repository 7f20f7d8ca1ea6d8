package dev.simplec.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.types.TypeInfo;

/** The IR values themselves (what the printer cannot show: raw immediates) and instantiate's argument errors. */
class InstantiateTest {
    private final TemplateInferenceEngine engine = new TemplateInferenceEngine();

    private IrFunction entry(String src, TypeInfo... args) {
        IrModule m = engine.instantiate(src, List.of(args));
        assertEquals(1, m.functions().size());
        return m.entry();
    }

    private static IrInst inst(IrFunction f, int i) {
        return f.blocks().get(0).insts().get(i);
    }

    @Test
    void doubleI64IsExactlyTheSeedIr() {
        IrFunction f = entry("fn double<T: Num>(x: T) -> T { x + x }", TypeInfo.integer(64, true));
        assertEquals("double<i64>", f.name());
        assertEquals(List.of(IrType.I64), f.params());
        assertEquals(List.of(IrType.I64), f.returns());
        assertEquals(2, f.valueCount());
        assertEquals(List.of(new IrInst(IrOp.PARAM, IrType.I64, 0, new int[0], 0),
                new IrInst(IrOp.ADD, IrType.I64, 1, new int[] {0, 0}, 0)), f.blocks().get(0).insts());
        assertEquals(IrTerminator.Ret.of(1), f.blocks().get(0).terminator());
    }

    @Test
    void f32ConstantsAreRawBitsZeroExtended() {
        IrFunction f = entry("fn f() -> f32 { -0.1 }");
        assertEquals(IrOp.FCONST, inst(f, 0).op());
        assertEquals(Float.floatToRawIntBits(-0.1f) & 0xFFFF_FFFFL, inst(f, 0).imm());
    }

    @Test
    void f32LiteralsRoundOnceFromDecimal() {
        // Rounding to double first and then to float would give the neighbour 1.0000001f.
        IrFunction f = entry("fn f() -> f32 { 1.00000005960464477539062500001 }");
        assertEquals(Float.floatToRawIntBits(1.0000001f), (int) inst(f, 0).imm());
    }

    @Test
    void f64ConstantsAreRawBits() {
        IrFunction f = entry("fn f() -> f64 { 0.1 }");
        assertEquals(Double.doubleToRawLongBits(0.1), inst(f, 0).imm());
    }

    @Test
    void floatNegationIsFneg() {
        // FNEG flips the sign bit: exact negation for zeros of both signs and NaN, unlike 0.0 - x.
        IrFunction f = entry("fn f(x: f64) -> f64 { -x }");
        assertEquals(new IrInst(IrOp.FNEG, IrType.F64, 1, new int[] {0}, 0), inst(f, 1));
    }

    @Test
    void integerLiteralAboveLongMaxAsF32() {
        IrFunction f = entry("fn f<T: Num>() -> T { 18446744073709551615 }", TypeInfo.floating(32));
        assertEquals(Float.floatToRawIntBits(1.8446744E19f), (int) inst(f, 0).imm());
    }

    @Test
    void unitFunctionHasNoResult() {
        IrFunction f = entry("fn f() { }");
        assertEquals(List.of(), f.returns());
        assertEquals(IrTerminator.Ret.of(), f.blocks().get(0).terminator());
        assertEquals(0, f.valueCount());
    }

    private SimplecException failure(String src, List<TypeInfo> args, ErrorKind kind) {
        SimplecException e = assertThrows(SimplecException.class, () -> engine.instantiate(src, args));
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void typeArgumentsMustBeConcrete() {
        assertEquals("type argument 0: [T] mentions the generic T; instantiation needs concrete types",
                failure("fn id<T>(x: T) -> T { x }", List.of(TypeInfo.array(TypeInfo.generic("T"))), ErrorKind.INVALID_INPUT)
                        .getMessage());
    }

    @Test
    void invalidTypeArgument() {
        assertEquals("type argument 0: 24 is not a valid float width (32, 64)",
                failure("fn id<T>(x: T) -> T { x }", List.of(TypeInfo.floating(24)), ErrorKind.INVALID_INPUT).getMessage());
    }

    @Test
    void missingTypeArguments() {
        assertEquals("fn pair takes 2 type arguments (A, B) but 0 were given",
                failure("fn pair<A, B>(a: A, b: B) -> A { a }", List.of(), ErrorKind.TYPE).getMessage());
    }

    @Test
    void structTypeArgumentsMustBeStructsOfTheTemplate() {
        assertEquals("type argument 0: the template declares no struct Q",
                failure("fn count<T>(xs: [T]) -> i64 { len(xs) }", List.of(TypeInfo.named("Q", List.of())),
                        ErrorKind.INVALID_INPUT).getMessage());
    }

    @Test
    void everyInstantiationIsVerifiedAndNumberedInRequestOrder() {
        IrModule m = engine.instantiate("fn f(x: i64) -> i64 { b(x) + a(x) }\nfn a(x: i64) -> i64 { x }\nfn b(x: i64) -> i64 { a(x) }",
                List.of());
        assertEquals(List.of("f", "b", "a"), m.functions().stream().map(IrFunction::name).toList());
    }

    @Test
    void emptyModule() {
        assertEquals("the template defines no function to instantiate",
                failure("// nothing here\n", List.of(), ErrorKind.INVALID_INPUT).getMessage());
    }

    @Test
    void checkErrorsComeBeforeTypeArgumentErrors() {
        assertEquals(ErrorKind.SYNTAX, failure("fn f(", List.of(TypeInfo.bool()), ErrorKind.SYNTAX).kind());
    }
}
