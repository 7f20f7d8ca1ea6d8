package dev.simplec.inference.syntax;

import dev.simplec.inference.diag.Span;

/** A top-level item of a template module: a function or a struct. */
public sealed interface Item permits FnDecl, StructDecl {
    String name();

    /** Where the name is written. */
    Span nameSpan();

    Span span();
}
