package dev.simplec.inference.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.diag.Span;

/** The tree the parser builds: shapes, spans, precedence, statements, items. */
class ParserTest {
    private static SourceModule parse(String src) {
        Diagnostics d = new Diagnostics(new SourceText(src));
        SourceModule m = Parser.parseModule(src, d);
        assertFalse(d.hasErrors(), () -> d.toException().getMessage());
        return m;
    }

    private static Expr tail(String body) {
        Expr e = parse("fn f() -> i64 { " + body + " }").functions().get(0).body().tail();
        return assertInstanceOf(Expr.class, e);
    }

    private static TypeExpr type(String text) {
        Diagnostics d = new Diagnostics(new SourceText(text));
        TypeExpr t = Parser.parseType(text, d);
        assertFalse(d.hasErrors(), () -> d.toException().getMessage());
        return assertInstanceOf(TypeExpr.class, t);
    }

    @Test
    void functionHeader() {
        FnDecl f = parse("fn pick<T: Num + Eq, U>(a: T, b: U,) -> T { a }").functions().get(0);
        assertEquals("pick", f.name());
        assertEquals(new Span(3, 7), f.nameSpan());
        assertEquals(2, f.typeParams().size());
        assertEquals(List.of("Num", "Eq"), f.typeParams().get(0).bounds().stream().map(TypeParamDecl.BoundName::name).toList());
        assertEquals(List.of(), f.typeParams().get(1).bounds());
        assertEquals(List.of("a", "b"), f.params().stream().map(ParamDecl::name).toList());
        assertEquals(new TypeExpr.Name("T", List.of(), new Span(40, 41)), f.ret());
    }

    @Test
    void omittedResultIsNull() {
        assertNull(parse("fn f() { }").functions().get(0).ret());
    }

    @Test
    void multiplicationBindsTighterAndSubtractionIsLeftAssociative() {
        Expr e = tail("a - b - c * d");
        Expr.Binary top = assertInstanceOf(Expr.Binary.class, e);
        assertEquals(BinaryOp.SUB, top.op());
        assertEquals(BinaryOp.SUB, assertInstanceOf(Expr.Binary.class, top.left()).op());
        assertEquals(BinaryOp.MUL, assertInstanceOf(Expr.Binary.class, top.right()).op());
        assertEquals(new Span(16, 29), top.span());
        assertEquals(new Span(22, 23), top.opSpan());
    }

    @Test
    void unaryMinusBindsTighterThanBinary() {
        Expr.Binary b = assertInstanceOf(Expr.Binary.class, tail("-x * y"));
        assertInstanceOf(Expr.Unary.class, b.left());
    }

    @Test
    void everyOperatorOfTheLanguageParses() {
        for (BinaryOp op : BinaryOp.values()) {
            Expr.Binary b = assertInstanceOf(Expr.Binary.class, tail("a " + op.symbol() + " b"));
            assertEquals(op, b.op());
        }
    }

    @Test
    void literalsAndCallsAndTuples() {
        Expr.Call c = assertInstanceOf(Expr.Call.class, tail("g(1, 2.5, true, \"t\\\"x\", (), (1, 2))"));
        List<Expr> a = c.args();
        assertEquals(1L, assertInstanceOf(Expr.IntLit.class, a.get(0)).value());
        assertEquals("2.5", assertInstanceOf(Expr.FloatLit.class, a.get(1)).text());
        assertEquals(true, assertInstanceOf(Expr.BoolLit.class, a.get(2)).value());
        assertEquals("t\"x", assertInstanceOf(Expr.TextLit.class, a.get(3)).value());
        assertEquals(0, assertInstanceOf(Expr.Tuple.class, a.get(4)).elems().size());
        assertEquals(2, assertInstanceOf(Expr.Tuple.class, a.get(5)).elems().size());
    }

    @Test
    void letStatements() {
        Block b = parse("fn f() -> i64 { let x = 1; let y: i32 = x; y; 2 }").functions().get(0).body();
        assertEquals(3, b.stmts().size());
        Stmt.Let x = assertInstanceOf(Stmt.Let.class, b.stmts().get(0));
        assertNull(x.type());
        Stmt.Let y = assertInstanceOf(Stmt.Let.class, b.stmts().get(1));
        assertEquals(new TypeExpr.Name("i32", List.of(), new Span(34, 37)), y.type());
        assertInstanceOf(Stmt.ExprStmt.class, b.stmts().get(2));
    }

    @Test
    void typeForms() {
        assertEquals(new TypeExpr.Array(new TypeExpr.Name("T", List.of(), new Span(1, 2)), new Span(0, 3)), type("[T]"));
        TypeExpr.Tuple t = assertInstanceOf(TypeExpr.Tuple.class, type("(i64, f32x4)"));
        assertEquals(2, t.elems().size());
        assertEquals(0, assertInstanceOf(TypeExpr.Tuple.class, type("()")).elems().size());
        assertEquals(1, assertInstanceOf(TypeExpr.Tuple.class, type("(i64,)")).elems().size());
        assertInstanceOf(TypeExpr.Name.class, type("(i64)"));
        TypeExpr.Fn f = assertInstanceOf(TypeExpr.Fn.class, type("fn(i64, [u8]) -> bool"));
        assertEquals(2, f.params().size());
        assertNull(assertInstanceOf(TypeExpr.Fn.class, type("fn()")).ret());
    }

    @Test
    void nestedTypeArgumentsSplitShiftRight() {
        TypeExpr.Name outer = assertInstanceOf(TypeExpr.Name.class, type("Map<text, Vec<Vec<i64>>>"));
        assertEquals(new Span(0, 24), outer.span());
        TypeExpr.Name vec = assertInstanceOf(TypeExpr.Name.class, outer.args().get(1));
        TypeExpr.Name inner = assertInstanceOf(TypeExpr.Name.class, vec.args().get(0));
        assertEquals(new Span(14, 22), inner.span());
        assertEquals("i64", assertInstanceOf(TypeExpr.Name.class, inner.args().get(0)).name());
    }

    @Test
    void castBindsTighterThanMultiplicationLooserThanMinus() {
        Expr.Binary b = assertInstanceOf(Expr.Binary.class, tail("a * -b as f64"));
        Expr.Cast c = assertInstanceOf(Expr.Cast.class, b.right());
        assertInstanceOf(Expr.Unary.class, c.value());
    }

    @Test
    void nestedTupleIndexLexedAsAFloatIsSplit() {
        Expr.TupleField outer = assertInstanceOf(Expr.TupleField.class, tail("t.1.0"));
        assertEquals(0, outer.index());
        assertEquals(new Span(20, 21), outer.indexSpan());
        Expr.TupleField inner = assertInstanceOf(Expr.TupleField.class, outer.target());
        assertEquals(1, inner.index());
        assertEquals(new Span(18, 19), inner.indexSpan());
    }

    @Test
    void structLiteralsExceptBeforeABlock() {
        assertInstanceOf(Expr.StructLit.class, tail("P { x: 1, y: 2 }"));
        Expr.If i = assertInstanceOf(Expr.If.class, tail("if c { x } else { y }"));
        assertInstanceOf(Expr.Name.class, i.cond());
        assertInstanceOf(Expr.StructLit.class, assertInstanceOf(Expr.Binary.class,
                assertInstanceOf(Expr.If.class, tail("if p == (P { x: 1 }) { 1 } else { 2 }")).cond()).right());
    }

    @Test
    void statementsOfEveryKind() {
        Block b = parse("fn f() { var x = 1; x += 2; xs[0] = 1; p.f = 2; while c { break; } for i in 0..n { continue; }"
                + " for y in ys { } if c { } { } return; }").functions().get(0).body();
        List<Class<?>> kinds = b.stmts().stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(Stmt.Let.class, Stmt.Assign.class, Stmt.Assign.class, Stmt.Assign.class, Stmt.While.class,
                Stmt.ForRange.class, Stmt.ForEach.class, Stmt.ExprStmt.class, Stmt.ExprStmt.class, Stmt.Return.class), kinds);
        assertEquals(BinaryOp.ADD, ((Stmt.Assign) b.stmts().get(1)).op());
        assertEquals(true, ((Stmt.Let) b.stmts().get(0)).mutable());
    }

    @Test
    void structItems() {
        StructDecl s = parse("struct Pair<A, B> { a: A, b: [B], }\nfn f() { }").structs().get(0);
        assertEquals("Pair", s.name());
        assertEquals(List.of("a", "b"), s.fields().stream().map(StructDecl.FieldDecl::name).toList());
        assertEquals(2, s.typeParams().size());
    }
}
