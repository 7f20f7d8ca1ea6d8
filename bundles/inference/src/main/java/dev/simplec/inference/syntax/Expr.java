package dev.simplec.inference.syntax;

import java.util.List;

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
}
