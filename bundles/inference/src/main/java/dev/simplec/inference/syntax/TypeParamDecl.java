package dev.simplec.inference.syntax;

import java.util.List;

import dev.simplec.inference.diag.Span;

/** {@code T: Num + Eq} in a function's type parameter list. */
public record TypeParamDecl(String name, List<BoundName> bounds, Span span) {
    public TypeParamDecl {
        bounds = List.copyOf(bounds);
    }

    /** One bound as written; the checker resolves the name. */
    public record BoundName(String name, Span span) {
    }
}
