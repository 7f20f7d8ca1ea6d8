package dev.simplec.api.service;

import java.util.List;

import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;

/**
 * The template language front end (SPEC §5): parse, check, infer, monomorphize and lower to IR.
 * Failures are {@link SimplecException}s whose messages read like a compiler's:
 * {@code template:3:14: cannot add text and i64}, then the source line and a caret line.
 */
public interface InferenceEngine {
    /** One TypeInfo per type parameter of {@code template}, in order, as the hints determine them. */
    List<TypeInfo> inferTypes(TemplateDescription template, List<TypeHint> hints);

    /** Parses and type-checks a template module; returns normally when it is well typed. */
    void checkTypes(String source);

    /**
     * Compiles the module's first function with {@code typeArgs} for its type parameters, in
     * declaration order, and every function it reaches, into IR; the entry comes first.
     */
    IrModule instantiate(String source, List<TypeInfo> typeArgs);
}
