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
    /** Call kinds as ordinal + 1, 0 for none: a byte each, not a reference. */
    private final byte[] callKinds;
    private static final CallKind[] CALL_KINDS = CallKind.values();

    ExprFacts(int exprCount) {
        types = new Type[exprCount];
        typeArgs = new Object[exprCount];
        callKinds = new byte[exprCount];
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
        int k = callKinds[e.id()];
        return k == 0 ? null : CALL_KINDS[k - 1];
    }

    void setCallKind(Expr e, CallKind k) {
        callKinds[e.id()] = (byte) (k.ordinal() + 1);
    }
}
