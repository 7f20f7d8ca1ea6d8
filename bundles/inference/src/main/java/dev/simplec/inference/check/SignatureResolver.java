package dev.simplec.inference.check;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.syntax.FnDecl;
import dev.simplec.inference.syntax.ParamDecl;
import dev.simplec.inference.syntax.TypeParamDecl;
import dev.simplec.inference.util.Lists;

/** Turns a function declaration's header into its {@link FnSig}, reporting bad bounds, names and types. */
public final class SignatureResolver {
    private SignatureResolver() {
    }

    public static FnSig resolve(FnDecl fn, Diagnostics diags) {
        return resolve(fn, StructTable.empty(), diags);
    }

    public static FnSig resolve(FnDecl fn, StructTable structs, Diagnostics diags) {
        // In declaration order, the first of each name (a later duplicate is reported, not added).
        // An exact-size array made into an immutable list once: FnSig keeps it as it is.
        Type.Param[] declared = new Type.Param[fn.typeParams().size()];
        int count = 0;
        Set<String> seen = fn.typeParams().size() > TypeParamScope.SCAN_LIMIT ? new HashSet<>() : null;
        for (TypeParamDecl tp : fn.typeParams()) {
            int bounds = 0;
            for (TypeParamDecl.BoundName b : tp.bounds()) {
                Bound bound = Bound.of(b.name());
                if (bound == null) {
                    diags.report(ErrorKind.TYPE, b.span(), "unknown bound " + b.name()
                            + " (the bounds are Num, Int, Float, Eq and Ord)");
                } else {
                    bounds |= bound.bit();
                }
            }
            boolean twice = seen != null ? !seen.add(tp.name()) : declared(declared, count, tp.name());
            if (twice) {
                diags.report(ErrorKind.TYPE, tp.span(), "type parameter " + tp.name() + " is declared twice");
            } else if (BuiltinTypes.lookup(tp.name()) != null) {
                diags.report(ErrorKind.TYPE, tp.span(), "type parameter " + tp.name() + " would hide the built-in type "
                        + tp.name());
            }
            if (!twice) {
                declared[count++] = new Type.Param(tp.name(), Bound.setOf(bounds));
            }
        }
        List<Type.Param> scope = Lists.copyOf(declared, 0, count);
        TypeParamScope typeParams = TypeParamScope.of(scope);
        List<ParamDecl> decls = fn.params();
        Type[] params = new Type[decls.size()];
        // A handful of parameters are compared pairwise; a long list goes through a set.
        Set<String> names = decls.size() > TypeParamScope.SCAN_LIMIT ? new HashSet<>() : null;
        for (int i = 0; i < params.length; i++) {
            ParamDecl p = decls.get(i);
            if (names != null ? !names.add(p.name()) : declaredBefore(decls, i)) {
                diags.report(ErrorKind.TYPE, p.span(), "parameter " + p.name() + " is declared twice");
            }
            params[i] = TypeResolver.resolve(p.type(), typeParams, structs, diags);
        }
        var retExpr = fn.ret();
        Type ret = retExpr == null ? Type.UNIT : TypeResolver.resolve(retExpr, typeParams, structs, diags);
        String problem = retExpr == null ? null : ReturnRules.problem(fn.name(), ret);
        if (retExpr != null && problem != null) {
            diags.report(ErrorKind.TYPE, retExpr.span(), problem);
            ret = Type.ERROR;
        }
        return new FnSig(fn.name(), scope, Lists.copyOf(params), ret);
    }

    private static boolean declared(Type.Param[] scope, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (scope[i].name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a parameter before {@code i} has the name of parameter {@code i}. */
    private static boolean declaredBefore(List<ParamDecl> decls, int i) {
        String name = decls.get(i).name();
        for (int j = 0; j < i; j++) {
            if (decls.get(j).name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
