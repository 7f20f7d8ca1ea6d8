package dev.simplec.inference.check;

import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.syntax.Expr;
import dev.simplec.inference.syntax.FnDecl;
import dev.simplec.inference.util.Maps;

/**
 * A function that passed the checker: the type of every expression (in terms of the function's own
 * type parameters) and the type arguments of every call. Maps are keyed by node identity.
 */
public record CheckedFunction(FnDecl decl, FnSig sig, Map<Expr, Type> types, Map<Expr.Call, List<Type>> callTypeArgs) {
    public Type typeOf(Expr e) {
        Type t = Maps.get(types, e);
        if (t == null) {
            throw new IllegalStateException("expression was not checked: " + e.span());
        }
        return t;
    }

    public @Nullable List<Type> typeArgsOf(Expr.Call call) {
        return Maps.get(callTypeArgs, call);
    }
}
