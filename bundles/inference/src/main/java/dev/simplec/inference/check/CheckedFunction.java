package dev.simplec.inference.check;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.syntax.Expr;
import dev.simplec.inference.syntax.FnDecl;

/**
 * A function that passed the checker: the type of every expression (in terms of the function's own
 * type parameters), the type arguments of every call and function value (a {@link Expr.Call} or an
 * {@link Expr.Name} naming a module function), and what each call calls. The facts are kept by node
 * id ({@link ExprFacts}, shared with the module's other functions).
 */
public final class CheckedFunction {
    private final FnDecl decl;
    private final FnSig sig;
    private final ExprFacts facts;

    CheckedFunction(FnDecl decl, FnSig sig, ExprFacts facts) {
        this.decl = decl;
        this.sig = sig;
        this.facts = facts;
    }

    public FnDecl decl() {
        return decl;
    }

    public FnSig sig() {
        return sig;
    }

    public Type typeOf(Expr e) {
        Type t = facts.type(e);
        if (t == null) {
            throw new IllegalStateException("expression was not checked: " + e.span());
        }
        return t;
    }

    public @Nullable List<Type> typeArgsOf(Expr callOrName) {
        return facts.typeArgs(callOrName.id());
    }

    public CallKind callKind(Expr.Call call) {
        CallKind k = facts.callKind(call);
        if (k == null) {
            throw new IllegalStateException("call was not checked: " + call.span());
        }
        return k;
    }
}
