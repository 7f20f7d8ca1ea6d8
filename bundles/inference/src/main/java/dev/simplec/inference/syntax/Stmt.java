package dev.simplec.inference.syntax;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;
import dev.simplec.inference.diag.Spans;

/** Statements of a block. */
public sealed interface Stmt {
    /** Where the statement is, packed ({@link Spans}). */
    long pos();

    default Span span() {
        return Spans.span(pos());
    }

    /** {@code let name: type = value;} (or {@code var}, when {@code mutable}) with the type optional. */
    record Let(String name, long namePos, @Nullable TypeExpr type, Expr value, boolean mutable, long pos) implements Stmt {
        public Span nameSpan() {
            return Spans.span(namePos);
        }
    }

    /** {@code expr;}: evaluated for its effect, its value dropped. */
    record ExprStmt(Expr expr, long pos) implements Stmt {
    }

    /** {@code target = value;} or, with {@code op}, {@code target op= value;}. */
    record Assign(Expr target, @Nullable BinaryOp op, Expr value, long opPos, long pos) implements Stmt {
        public Span opSpan() {
            return Spans.span(opPos);
        }
    }

    record While(Expr cond, Block body, long pos) implements Stmt {
    }

    /** {@code for name in from..to { }}: {@code to} excluded. */
    record ForRange(String name, long namePos, Expr from, Expr to, Block body, long pos) implements Stmt {
        public Span nameSpan() {
            return Spans.span(namePos);
        }
    }

    /** {@code for name in xs { }}: the elements of a slice, or the bytes of text. */
    record ForEach(String name, long namePos, Expr iterable, Block body, long pos) implements Stmt {
        public Span nameSpan() {
            return Spans.span(namePos);
        }
    }

    record Return(@Nullable Expr value, long pos) implements Stmt {
    }

    record Break(long pos) implements Stmt {
    }

    record Continue(long pos) implements Stmt {
    }
}
