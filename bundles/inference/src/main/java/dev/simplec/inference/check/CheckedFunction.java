package dev.simplec.inference.check;

import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.syntax.Expr;
import dev.simplec.inference.syntax.FnDecl;
import dev.simplec.inference.util.Maps;

/**
 * A function that passed the checker: the type of every expression (in terms of the function's own
 * type parameters), the type arguments of every call and function value (a {@link Expr.Call} or an
 * {@link Expr.Name} naming a module function), and what each call calls. Maps are keyed by node identity.
 */
public record CheckedFunction(FnDecl decl, FnSig sig, Map<Expr, Type> types, Map<Expr, List<Type>> callTypeArgs,
        Map<Expr.Call, CallKind> callKinds) {
    public Type typeOf(Expr e) {
        Type t = Maps.get(types, e);
        if (t == null) {
            throw new IllegalStateException("expression was not checked: " + e.span());
        }
        return t;
    }

    public @Nullable List<Type> typeArgsOf(Expr callOrName) {
        return Maps.get(callTypeArgs, callOrName);
    }

    public CallKind callKind(Expr.Call call) {
        CallKind k = Maps.get(callKinds, call);
        if (k == null) {
            throw new IllegalStateException("call was not checked: " + call.span());
        }
        return k;
    }
}
