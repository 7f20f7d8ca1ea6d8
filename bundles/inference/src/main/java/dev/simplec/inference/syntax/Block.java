package dev.simplec.inference.syntax;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;
import dev.simplec.inference.diag.Spans;

/** {@code { stmts; tail }}: the value of the block is {@code tail}, or unit without one; {@code pos} is packed ({@link Spans}). */
public record Block(List<Stmt> stmts, @Nullable Expr tail, long pos) {
    public Block {
        stmts = List.copyOf(stmts);
    }

    public Span span() {
        return Spans.span(pos);
    }

    /** The closing brace, where "missing value" diagnostics point. */
    public Span closeSpan() {
        int end = Spans.end(pos);
        return new Span(Math.max(Spans.start(pos), end - 1), end);
    }
}
