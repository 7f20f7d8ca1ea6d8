package dev.simplec.inference.syntax;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;
import dev.simplec.inference.diag.Spans;

/**
 * Expressions. Parentheses leave no node: {@code (e)} is {@code e} (its span stays that of {@code e}).
 * Every node has an {@code id}, numbered from 0 in parse order across the module ({@link
 * SourceModule#exprCount}), so that the checker can keep per-node facts in arrays rather than maps.
 */
public sealed interface Expr {
    /** Where the node is, packed ({@link Spans}). */
    long pos();

    default Span span() {
        return Spans.span(pos());
    }

    /** This node's number in its module, {@code 0 <= id < exprCount}. */
    int id();

    /** An integer literal; {@code value} holds its 64 bits, read as unsigned. */
    record IntLit(long value, String text, long pos, int id) implements Expr {
    }

    /** A float literal, kept as text: it is parsed per target type so that f32 is rounded once. */
    record FloatLit(String text, long pos, int id) implements Expr {
    }

    record BoolLit(boolean value, long pos, int id) implements Expr {
    }

    /** A text literal with escapes resolved. */
    record TextLit(String value, long pos, int id) implements Expr {
    }

    /** A variable or function name. */
    record Name(String name, long pos, int id) implements Expr {
    }

    record Unary(UnaryOp op, Expr operand, long pos, int id) implements Expr {
    }

    /** {@code opSpan} is the operator token, {@code span} the whole expression. */
    record Binary(BinaryOp op, Expr left, Expr right, long opPos, long pos, int id) implements Expr {
        public Span opSpan() {
            return Spans.span(opPos);
        }
    }

    /** {@code f(a, b)}: a module function, a builtin, or a value of function type. */
    record Call(Expr callee, List<Expr> args, long pos, int id) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code (a, b)}; {@code ()} is the unit value. */
    record Tuple(List<Expr> elems, long pos, int id) implements Expr {
        public Tuple {
            elems = List.copyOf(elems);
        }
    }

    /** {@code if c { } else { }}; {@code otherwise} is a {@link BlockExpr} or another {@link If}, or null. */
    record If(Expr cond, Block then, @Nullable Expr otherwise, long pos, int id) implements Expr {
    }

    /** A block used as an expression: {@code { let x = 1; x + 1 }}. */
    record BlockExpr(Block block, long pos, int id) implements Expr {
    }

    /** {@code xs[i]}: a slice element, a byte of text, or a SIMD lane. */
    record Index(Expr target, Expr index, long pos, int id) implements Expr {
    }

    /** {@code p.f}: a struct field. */
    record Field(Expr target, String name, long namePos, long pos, int id) implements Expr {
        public Span nameSpan() {
            return Spans.span(namePos);
        }
    }

    /** {@code t.0}: a tuple element. */
    record TupleField(Expr target, int index, long indexPos, long pos, int id) implements Expr {
        public Span indexSpan() {
            return Spans.span(indexPos);
        }
    }

    /** {@code Point { x: 1, y: 2 }}. */
    record StructLit(String name, long namePos, List<FieldInit> fields, long pos, int id) implements Expr {
        public StructLit {
            fields = List.copyOf(fields);
        }

        public Span nameSpan() {
            return Spans.span(namePos);
        }
    }

    /** One {@code name: value} of a struct literal. */
    record FieldInit(String name, Span nameSpan, Expr value) {
    }

    /** {@code e as T}. */
    record Cast(Expr value, TypeExpr type, long pos, int id) implements Expr {
    }
}
