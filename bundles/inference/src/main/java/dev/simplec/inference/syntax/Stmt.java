package dev.simplec.inference.syntax;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;

/** Statements of a block. */
public sealed interface Stmt {
    Span span();

    /** {@code let name: type = value;} with the type optional. */
    record Let(String name, Span nameSpan, @Nullable TypeExpr type, Expr value, Span span) implements Stmt {
    }

    /** {@code expr;}: evaluated for its effect, its value dropped. */
    record ExprStmt(Expr expr, Span span) implements Stmt {
    }
}
