package dev.simplec.inference.syntax;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;

/** {@code { stmts; tail }}: the value of the block is {@code tail}, or unit without one. */
public record Block(List<Stmt> stmts, @Nullable Expr tail, Span span) {
    public Block {
        stmts = List.copyOf(stmts);
    }

    /** The closing brace, where "missing value" diagnostics point. */
    public Span closeSpan() {
        return new Span(Math.max(span.start(), span.end() - 1), span.end());
    }
}
