package dev.simplec.inference.syntax;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;

/** {@code fn name<T: Bound, U>(a: A, b: B) -> R { body }}; {@code ret} is null when omitted (unit). */
public record FnDecl(String name, Span nameSpan, List<TypeParamDecl> typeParams, List<ParamDecl> params,
        @Nullable TypeExpr ret, Block body, Span span) implements Item {
    public FnDecl {
        typeParams = List.copyOf(typeParams);
        params = List.copyOf(params);
    }
}
