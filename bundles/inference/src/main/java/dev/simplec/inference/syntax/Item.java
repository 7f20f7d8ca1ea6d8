package dev.simplec.inference.syntax;

import dev.simplec.inference.diag.Span;

/** A top-level item of a template module (functions now; structs will join). */
public sealed interface Item permits FnDecl {
    String name();

    Span span();
}
