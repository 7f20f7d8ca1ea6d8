package dev.simplec.inference.syntax;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;

/** Statements of a block. */
public sealed interface Stmt {
    Span span();

    /** {@code let name: type = value;} (or {@code var}, when {@code mutable}) with the type optional. */
    record Let(String name, Span nameSpan, @Nullable TypeExpr type, Expr value, boolean mutable, Span span) implements Stmt {
    }

    /** {@code expr;}: evaluated for its effect, its value dropped. */
    record ExprStmt(Expr expr, Span span) implements Stmt {
    }

    /** {@code target = value;} or, with {@code op}, {@code target op= value;}. */
    record Assign(Expr target, @Nullable BinaryOp op, Expr value, Span opSpan, Span span) implements Stmt {
    }

    record While(Expr cond, Block body, Span span) implements Stmt {
    }

    /** {@code for name in from..to { }}: {@code to} excluded. */
    record ForRange(String name, Span nameSpan, Expr from, Expr to, Block body, Span span) implements Stmt {
    }

    /** {@code for name in xs { }}: the elements of a slice, or the bytes of text. */
    record ForEach(String name, Span nameSpan, Expr iterable, Block body, Span span) implements Stmt {
    }

    record Return(@Nullable Expr value, Span span) implements Stmt {
    }

    record Break(Span span) implements Stmt {
    }

    record Continue(Span span) implements Stmt {
    }
}
