package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.syntax.TypeExpr;

/** Resolves written types to semantic types in the scope of type parameters and the module's structs. */
public final class TypeResolver {
    private TypeResolver() {
    }

    /** A type without structs in scope (type arguments written as text, tests). */
    public static Type resolve(TypeExpr t, Map<String, Type.Param> typeParams, Diagnostics diags) {
        return resolve(t, typeParams, StructTable.empty(), diags);
    }

    /** The type {@code t} denotes; problems are reported and give {@link Type#ERROR}. */
    public static Type resolve(TypeExpr t, Map<String, Type.Param> typeParams, StructTable structs, Diagnostics diags) {
        return resolve(t, TypeParamScope.of(typeParams), structs, diags);
    }

    /** {@link #resolve} with the type parameters in scope as a {@link TypeParamScope}. */
    static Type resolve(TypeExpr t, TypeParamScope typeParams, StructTable structs, Diagnostics diags) {
        if (t instanceof TypeExpr.Name n) {
            Type.Param p = typeParams.find(n.name());
            Type builtin = p != null ? p : BuiltinTypes.lookup(n.name());
            if (builtin == null) {
                StructDef def = structs.get(n.name());
                if (def == null) {
                    diags.report(ErrorKind.TYPE, n.span(), "unknown type " + n.name());
                    return Type.ERROR;
                }
                if (def.typeParams().size() != n.args().size()) {
                    int want = def.typeParams().size();
                    diags.report(ErrorKind.TYPE, n.span(), "struct " + n.name() + " takes " + want + " type argument"
                            + (want == 1 ? "" : "s") + " but " + n.args().size() + (n.args().size() == 1 ? " was" : " were")
                            + " given");
                    return Type.ERROR;
                }
                return new Type.Named(n.name(), resolveAll(n.args(), typeParams, structs, diags));
            }
            if (!n.args().isEmpty()) {
                diags.report(ErrorKind.TYPE, n.span(), (p != null ? "type parameter " : "type ") + n.name()
                        + " takes no type arguments");
                return Type.ERROR;
            }
            return builtin;
        } else if (t instanceof TypeExpr.Array a) {
            return new Type.Array(resolve(a.elem(), typeParams, structs, diags));
        } else if (t instanceof TypeExpr.Tuple tu) {
            return new Type.Tuple(resolveAll(tu.elems(), typeParams, structs, diags));
        } else if (t instanceof TypeExpr.Fn f) {
            TypeExpr ret = f.ret();
            return new Type.Fn(resolveAll(f.params(), typeParams, structs, diags),
                    ret == null ? Type.UNIT : resolve(ret, typeParams, structs, diags));
        }
        throw new IllegalStateException("unknown type syntax " + t);
    }

    private static List<Type> resolveAll(List<TypeExpr> ts, TypeParamScope typeParams, StructTable structs,
            Diagnostics diags) {
        List<Type> out = new ArrayList<>(ts.size());
        for (TypeExpr t : ts) {
            out.add(resolve(t, typeParams, structs, diags));
        }
        return out;
    }
}
