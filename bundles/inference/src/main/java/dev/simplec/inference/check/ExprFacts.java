package dev.simplec.inference.check;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.syntax.Expr;

/**
 * What the checker learned about each expression node of a module, in arrays indexed by
 * {@link Expr#id}: its type, the type arguments of a call or function value, and what a call calls.
 * One table per module, shared by its functions (their nodes have distinct ids); cheaper than
 * identity maps, which hash every node and allocate an entry table per function.
 */
final class ExprFacts {
    private final @Nullable Type[] types;
    private final @Nullable Object[] typeArgs;
    private final @Nullable CallKind[] callKinds;

    ExprFacts(int exprCount) {
        types = new Type[exprCount];
        typeArgs = new Object[exprCount];
        callKinds = new CallKind[exprCount];
    }

    @Nullable Type type(Expr e) {
        return types[e.id()];
    }

    @Nullable Type type(int id) {
        return types[id];
    }

    void setType(Expr e, Type t) {
        types[e.id()] = t;
    }

    void setType(int id, Type t) {
        types[id] = t;
    }

    @SuppressWarnings("unchecked")
    @Nullable List<Type> typeArgs(int id) {
        return (List<Type>) typeArgs[id];
    }

    void setTypeArgs(Expr e, List<Type> args) {
        typeArgs[e.id()] = args;
    }

    void setTypeArgs(int id, List<Type> args) {
        typeArgs[id] = args;
    }

    @Nullable CallKind callKind(Expr e) {
        return callKinds[e.id()];
    }

    void setCallKind(Expr e, CallKind k) {
        callKinds[e.id()] = k;
    }
}
