package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.Span;
import dev.simplec.inference.syntax.BinaryOp;
import dev.simplec.inference.syntax.Block;
import dev.simplec.inference.syntax.Expr;
import dev.simplec.inference.syntax.FnDecl;
import dev.simplec.inference.syntax.Stmt;
import dev.simplec.inference.syntax.UnaryOp;
import dev.simplec.inference.util.Maps;

/**
 * Checks one function body against its signature. Type parameters are rigid ({@link Type.Param}),
 * so a generic body is checked once, against its bounds, not per instance. Errors give
 * {@link Type#ERROR}, which silences follow-up errors about the same value.
 */
final class FunctionChecker {
    private final FnDecl fn;
    private final FnSig sig;
    private final Map<String, FnSig> functions;
    private final Diagnostics diags;
    private final Unifier unifier = new Unifier();
    private final Map<String, Type.Param> typeParams = new HashMap<>();
    private final Map<Expr, Type> types = new IdentityHashMap<>();
    private final Map<Expr.Call, List<Type>> callTypeArgs = new IdentityHashMap<>();
    /** Literals whose range is checked once their type is known; {@code span} includes a leading minus. */
    private final List<IntUse> intLits = new ArrayList<>();
    private final List<Expr.FloatLit> floatLits = new ArrayList<>();

    private record IntUse(Expr.IntLit lit, boolean negated, Span span) {
    }

    FunctionChecker(FnDecl fn, FnSig sig, Map<String, FnSig> functions, Diagnostics diags) {
        this.fn = fn;
        this.sig = sig;
        this.functions = functions;
        this.diags = diags;
        for (Type.Param p : sig.typeParams()) {
            typeParams.put(p.name(), p);
        }
    }

    CheckedFunction check() {
        Scope<Type> scope = Scope.empty();
        for (int i = 0; i < fn.params().size() && i < sig.params().size(); i++) {
            scope = scope.with(fn.params().get(i).name(), sig.params().get(i));
        }
        Block body = fn.body();
        Expr tail = block(body, scope);
        if (tail == null) {
            if (!sig.ret().equals(Type.UNIT) && !(sig.ret() instanceof Type.Error)) {
                diags.report(ErrorKind.TYPE, body.closeSpan(), "function " + fn.name() + " must return " + sig.ret()
                        + ", but its body ends without a value");
            }
        } else {
            Type found = typeOf(tail);
            String shown = unifier.show(found);
            String d = unifier.unify(sig.ret(), found);
            if (d != null) {
                mismatch(tail.span(), sig.ret().toString(), shown, "the result type of " + fn.name(), d);
            }
        }
        unifier.applyDefaults(diags);
        for (Map.Entry<Expr, Type> e : types.entrySet()) {
            Type t = unifier.zonk(e.getValue());
            e.setValue(containsVar(t) ? Type.ERROR : t);
        }
        for (Map.Entry<Expr.Call, List<Type>> e : callTypeArgs.entrySet()) {
            List<Type> args = new ArrayList<>();
            for (Type t : e.getValue()) {
                Type z = unifier.zonk(t);
                args.add(containsVar(z) ? Type.ERROR : z);
            }
            e.setValue(List.copyOf(args));
        }
        checkLiteralRanges();
        return new CheckedFunction(fn, sig, types, callTypeArgs);
    }

    /** Checks the statements; returns the tail expression (already checked), or null. */
    private @Nullable Expr block(Block block, Scope<Type> outer) {
        Scope<Type> scope = outer;
        for (Stmt s : block.stmts()) {
            if (s instanceof Stmt.Let let) {
                Type t = infer(let.value(), scope);
                var declared = let.type();
                if (declared != null) {
                    Type want = TypeResolver.resolve(declared, typeParams, diags);
                    String shown = unifier.show(t);
                    String d = unifier.unify(want, t);
                    if (d != null) {
                        mismatch(let.value().span(), unifier.show(want), shown, null, d);
                    }
                    t = want;
                }
                scope = scope.with(let.name(), t);
            } else if (s instanceof Stmt.ExprStmt es) {
                infer(es.expr(), scope);
            }
        }
        Expr tail = block.tail();
        if (tail != null) {
            infer(tail, scope);
        }
        return tail;
    }

    private Type typeOf(Expr e) {
        Type t = Maps.get(types, e);
        return t == null ? Type.ERROR : t;
    }

    private Type infer(Expr e, Scope<Type> scope) {
        Type t = inferUncached(e, scope);
        types.put(e, t);
        return t;
    }

    private Type inferUncached(Expr e, Scope<Type> scope) {
        if (e instanceof Expr.IntLit lit) {
            intLits.add(new IntUse(lit, false, lit.span()));
            return unifier.fresh(Unifier.VarKind.INT_LITERAL, Set.of(), lit.span(), "the type of this integer literal");
        } else if (e instanceof Expr.FloatLit lit) {
            floatLits.add(lit);
            return unifier.fresh(Unifier.VarKind.FLOAT_LITERAL, Set.of(), lit.span(), "the type of this float literal");
        } else if (e instanceof Expr.BoolLit) {
            return Type.BOOL;
        } else if (e instanceof Expr.TextLit) {
            return Type.TEXT;
        } else if (e instanceof Expr.Name n) {
            return name(n, scope);
        } else if (e instanceof Expr.Unary u) {
            return unary(u, scope);
        } else if (e instanceof Expr.Binary b) {
            return binary(b, scope);
        } else if (e instanceof Expr.Call c) {
            return call(c, scope);
        } else if (e instanceof Expr.Tuple tu) {
            List<Type> elems = new ArrayList<>();
            for (Expr x : tu.elems()) {
                elems.add(infer(x, scope));
            }
            return new Type.Tuple(elems);
        }
        throw new IllegalStateException("unknown expression " + e.getClass().getSimpleName());
    }

    private Type name(Expr.Name n, Scope<Type> scope) {
        Type t = scope.lookup(n.name());
        if (t != null) {
            return t;
        }
        if (functions.containsKey(n.name())) {
            diags.report(ErrorKind.UNSUPPORTED, n.span(), "function values are not supported yet (" + n.name()
                    + " is a function; call it)");
        } else {
            diags.report(ErrorKind.TYPE, n.span(), "unknown name " + n.name());
        }
        return Type.ERROR;
    }

    private Type unary(Expr.Unary u, Scope<Type> scope) {
        if (u.op() == UnaryOp.NEG && u.operand() instanceof Expr.IntLit lit) {
            // -128 is one literal for range purposes: record it negated, with the minus in its span.
            Type t = unifier.fresh(Unifier.VarKind.INT_LITERAL, Set.of(), lit.span(), "the type of this integer literal");
            types.put(lit, t);
            intLits.add(new IntUse(lit, true, u.span()));
            return t;
        }
        Type t = infer(u.operand(), scope);
        if (u.op() == UnaryOp.NOT) {
            diags.report(ErrorKind.UNSUPPORTED, u.span(), "operator ! is not supported yet");
            return Type.ERROR;
        }
        String shown = unifier.show(t);
        String d = unifier.require(t, Bound.NUM);
        if (d != null) {
            diags.report(ErrorKind.TYPE, u.span(), "cannot negate " + shown + ": " + d);
            return Type.ERROR;
        }
        return t;
    }

    private Type binary(Expr.Binary b, Scope<Type> scope) {
        Type l = infer(b.left(), scope);
        Type r = infer(b.right(), scope);
        String verb = messageFormat(b.op());
        if (verb == null) {
            diags.report(ErrorKind.UNSUPPORTED, b.opSpan(), "operator " + b.op().symbol() + " is not supported yet");
            return Type.ERROR;
        }
        if (l instanceof Type.Error || r instanceof Type.Error) {
            return Type.ERROR;
        }
        String message = String.format(verb, unifier.show(l), unifier.show(r));
        String d = unifier.unify(l, r);
        if (d == null) {
            d = unifier.require(l, Bound.NUM);
        }
        if (d != null) {
            diags.report(ErrorKind.TYPE, b.span(), d.isEmpty() ? message : message + ": " + d);
            return Type.ERROR;
        }
        return l;
    }

    /** The "cannot ..." message of a supported operator (%1$s left type, %2$s right), null for the rest. */
    private static @Nullable String messageFormat(BinaryOp op) {
        if (op == BinaryOp.ADD) {
            return "cannot add %1$s and %2$s";
        } else if (op == BinaryOp.SUB) {
            return "cannot subtract %2$s from %1$s";
        } else if (op == BinaryOp.MUL) {
            return "cannot multiply %1$s by %2$s";
        }
        return null;
    }

    private Type call(Expr.Call c, Scope<Type> scope) {
        List<Type> argTypes = new ArrayList<>();
        for (Expr a : c.args()) {
            argTypes.add(infer(a, scope));
        }
        if (!(c.callee() instanceof Expr.Name callee)) {
            diags.report(ErrorKind.UNSUPPORTED, c.callee().span(), "only functions of the module can be called yet");
            return Type.ERROR;
        }
        if (scope.lookup(callee.name()) != null) {
            diags.report(ErrorKind.UNSUPPORTED, callee.span(), "calling a value of function type is not supported yet ("
                    + callee.name() + " is a variable)");
            return Type.ERROR;
        }
        FnSig target = Maps.get(functions, callee.name());
        if (target == null) {
            diags.report(ErrorKind.TYPE, callee.span(), "unknown function " + callee.name());
            return Type.ERROR;
        }
        if (target.params().size() != argTypes.size()) {
            int given = argTypes.size();
            diags.report(ErrorKind.TYPE, c.span(), "function " + target.name() + " takes "
                    + count(target.params().size(), "argument") + " but " + given + (given == 1 ? " was" : " were")
                    + " given");
            return Type.ERROR;
        }
        // Each call instantiates the callee's type parameters afresh; their bounds travel with them.
        Map<String, Type> inst = new HashMap<>();
        List<Type> typeArgs = new ArrayList<>();
        for (Type.Param p : target.typeParams()) {
            Type v = unifier.fresh(Unifier.VarKind.ANY, p.bounds(), c.span(), "type parameter " + p.name() + " of "
                    + target.name() + " in this call");
            inst.put(p.name(), v);
            typeArgs.add(v);
        }
        callTypeArgs.put(c, typeArgs);
        boolean failed = false;
        for (int i = 0; i < argTypes.size(); i++) {
            Type want = Substitution.apply(target.params().get(i), inst);
            String shown = unifier.show(argTypes.get(i));
            String d = unifier.unify(want, argTypes.get(i));
            if (d != null) {
                mismatch(c.args().get(i).span(), target.params().get(i).toString(), shown,
                        "argument " + (i + 1) + " of " + target.name(), d);
                failed = true;
            }
        }
        if (failed) {
            // The call is already reported; its type parameters must not be reported again as unknown.
            for (Type v : typeArgs) {
                unifier.poison(v);
            }
            return Type.ERROR;
        }
        return Substitution.apply(target.ret(), inst);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private void mismatch(Span span, String expected, String found, @Nullable String context, String detail) {
        String m = "mismatched types: expected " + expected + ", found " + found;
        if (context != null) {
            m += " (" + context + ")";
        }
        diags.report(ErrorKind.TYPE, span, detail.isEmpty() ? m : m + ": " + detail);
    }

    private void checkLiteralRanges() {
        for (IntUse use : intLits) {
            if (typeOf(use.lit()) instanceof Type.Int it) {
                String m = LiteralRanges.checkInt(use.lit().value(), use.negated(), it);
                if (m != null) {
                    diags.report(ErrorKind.TYPE, use.span(), m);
                }
            }
        }
        for (Expr.FloatLit lit : floatLits) {
            if (typeOf(lit) instanceof Type.Float ft) {
                String m = LiteralRanges.checkFloat(lit.text(), ft);
                if (m != null) {
                    diags.report(ErrorKind.TYPE, lit.span(), m);
                }
            }
        }
    }

    private static boolean containsVar(Type t) {
        if (t instanceof Type.Var) {
            return true;
        } else if (t instanceof Type.Array a) {
            return containsVar(a.elem());
        } else if (t instanceof Type.Simd s) {
            return containsVar(s.elem());
        } else if (t instanceof Type.Tuple tu) {
            return tu.elems().stream().anyMatch(FunctionChecker::containsVar);
        } else if (t instanceof Type.Fn f) {
            return containsVar(f.ret()) || f.params().stream().anyMatch(FunctionChecker::containsVar);
        } else if (t instanceof Type.Named n) {
            return n.args().stream().anyMatch(FunctionChecker::containsVar);
        }
        return false;
    }
}
