package dev.simplec.inference.syntax;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;

/** Expressions. Parentheses leave no node: {@code (e)} is {@code e} (its span stays that of {@code e}). */
public sealed interface Expr {
    Span span();

    /** An integer literal; {@code value} holds its 64 bits, read as unsigned. */
    record IntLit(long value, String text, Span span) implements Expr {
    }

    /** A float literal, kept as text: it is parsed per target type so that f32 is rounded once. */
    record FloatLit(String text, Span span) implements Expr {
    }

    record BoolLit(boolean value, Span span) implements Expr {
    }

    /** A text literal with escapes resolved. */
    record TextLit(String value, Span span) implements Expr {
    }

    /** A variable or function name. */
    record Name(String name, Span span) implements Expr {
    }

    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {
    }

    /** {@code opSpan} is the operator token, {@code span} the whole expression. */
    record Binary(BinaryOp op, Expr left, Expr right, Span opSpan, Span span) implements Expr {
    }

    /** {@code f(a, b)}: a module function, a builtin, or a value of function type. */
    record Call(Expr callee, List<Expr> args, Span span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code (a, b)}; {@code ()} is the unit value. */
    record Tuple(List<Expr> elems, Span span) implements Expr {
        public Tuple {
            elems = List.copyOf(elems);
        }
    }

    /** {@code if c { } else { }}; {@code otherwise} is a {@link BlockExpr} or another {@link If}, or null. */
    record If(Expr cond, Block then, @Nullable Expr otherwise, Span span) implements Expr {
    }

    /** A block used as an expression: {@code { let x = 1; x + 1 }}. */
    record BlockExpr(Block block, Span span) implements Expr {
    }

    /** {@code xs[i]}: a slice element, a byte of text, or a SIMD lane. */
    record Index(Expr target, Expr index, Span span) implements Expr {
    }

    /** {@code p.f}: a struct field. */
    record Field(Expr target, String name, Span nameSpan, Span span) implements Expr {
    }

    /** {@code t.0}: a tuple element. */
    record TupleField(Expr target, int index, Span indexSpan, Span span) implements Expr {
    }

    /** {@code Point { x: 1, y: 2 }}. */
    record StructLit(String name, Span nameSpan, List<FieldInit> fields, Span span) implements Expr {
        public StructLit {
            fields = List.copyOf(fields);
        }
    }

    /** One {@code name: value} of a struct literal. */
    record FieldInit(String name, Span nameSpan, Expr value) {
    }

    /** {@code e as T}. */
    record Cast(Expr value, TypeExpr type, Span span) implements Expr {
    }
}
