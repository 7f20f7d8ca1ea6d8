package dev.simplec.inference.syntax;

import dev.simplec.inference.diag.Span;

/** {@code name: type} in a function's value parameter list. */
public record ParamDecl(String name, TypeExpr type, Span span) {
}
