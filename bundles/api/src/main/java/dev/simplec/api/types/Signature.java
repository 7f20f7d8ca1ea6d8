package dev.simplec.api.types;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/** Value parameter types and result type of a template; types may mention its type parameters. */
public record Signature(List<TypeInfo> params, @Nullable TypeInfo ret) {
    public Signature {
        params = List.copyOf(params);
    }
}
