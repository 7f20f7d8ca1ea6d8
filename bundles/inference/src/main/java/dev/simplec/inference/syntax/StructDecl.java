package dev.simplec.inference.syntax;

import java.util.List;

import dev.simplec.inference.diag.Span;

/** {@code struct Name<T> { f: T, g: i64 }}. */
public record StructDecl(String name, Span nameSpan, List<TypeParamDecl> typeParams, List<FieldDecl> fields, Span span)
        implements Item {
    public StructDecl {
        typeParams = List.copyOf(typeParams);
        fields = List.copyOf(fields);
    }

    /** {@code name: type} in a struct declaration. */
    public record FieldDecl(String name, Span nameSpan, TypeExpr type) {
    }
}
