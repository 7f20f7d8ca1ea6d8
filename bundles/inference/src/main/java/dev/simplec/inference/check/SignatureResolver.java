package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.syntax.FnDecl;
import dev.simplec.inference.syntax.ParamDecl;
import dev.simplec.inference.syntax.TypeParamDecl;

/** Turns a function declaration's header into its {@link FnSig}, reporting bad bounds, names and types. */
public final class SignatureResolver {
    private SignatureResolver() {
    }

    public static FnSig resolve(FnDecl fn, Diagnostics diags) {
        return resolve(fn, StructTable.empty(), diags);
    }

    public static FnSig resolve(FnDecl fn, StructTable structs, Diagnostics diags) {
        Map<String, Type.Param> scope = new LinkedHashMap<>();
        for (TypeParamDecl tp : fn.typeParams()) {
            Set<Bound> bounds = EnumSet.noneOf(Bound.class);
            for (TypeParamDecl.BoundName b : tp.bounds()) {
                Bound bound = Bound.of(b.name());
                if (bound == null) {
                    diags.report(ErrorKind.TYPE, b.span(), "unknown bound " + b.name()
                            + " (the bounds are Num, Int, Float, Eq and Ord)");
                } else {
                    bounds.add(bound);
                }
            }
            if (scope.containsKey(tp.name())) {
                diags.report(ErrorKind.TYPE, tp.span(), "type parameter " + tp.name() + " is declared twice");
            } else if (BuiltinTypes.lookup(tp.name()) != null) {
                diags.report(ErrorKind.TYPE, tp.span(), "type parameter " + tp.name() + " would hide the built-in type "
                        + tp.name());
            }
            scope.putIfAbsent(tp.name(), new Type.Param(tp.name(), bounds));
        }
        List<Type> params = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ParamDecl p : fn.params()) {
            if (!names.add(p.name())) {
                diags.report(ErrorKind.TYPE, p.span(), "parameter " + p.name() + " is declared twice");
            }
            params.add(TypeResolver.resolve(p.type(), scope, structs, diags));
        }
        var retExpr = fn.ret();
        Type ret = retExpr == null ? Type.UNIT : TypeResolver.resolve(retExpr, scope, structs, diags);
        String problem = retExpr == null ? null : ReturnRules.problem(fn.name(), ret);
        if (retExpr != null && problem != null) {
            diags.report(ErrorKind.TYPE, retExpr.span(), problem);
            ret = Type.ERROR;
        }
        return new FnSig(fn.name(), new ArrayList<>(scope.values()), params, ret);
    }
}
