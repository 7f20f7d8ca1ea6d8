package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.syntax.TypeExpr;
import dev.simplec.inference.util.Maps;

/** Resolves written types to semantic types in the scope of a function's type parameters. */
public final class TypeResolver {
    private TypeResolver() {
    }

    /** The type {@code t} denotes; problems are reported and give {@link Type#ERROR}. */
    public static Type resolve(TypeExpr t, Map<String, Type.Param> typeParams, Diagnostics diags) {
        if (t instanceof TypeExpr.Name n) {
            Type.Param p = Maps.get(typeParams, n.name());
            Type builtin = p != null ? p : BuiltinTypes.lookup(n.name());
            if (builtin == null) {
                diags.report(ErrorKind.TYPE, n.span(), "unknown type " + n.name());
                return Type.ERROR;
            }
            if (!n.args().isEmpty()) {
                diags.report(ErrorKind.TYPE, n.span(), (p != null ? "type parameter " : "type ") + n.name()
                        + " takes no type arguments");
                return Type.ERROR;
            }
            return builtin;
        } else if (t instanceof TypeExpr.Array a) {
            return new Type.Array(resolve(a.elem(), typeParams, diags));
        } else if (t instanceof TypeExpr.Tuple tu) {
            return new Type.Tuple(resolveAll(tu.elems(), typeParams, diags));
        } else if (t instanceof TypeExpr.Fn f) {
            TypeExpr ret = f.ret();
            return new Type.Fn(resolveAll(f.params(), typeParams, diags),
                    ret == null ? Type.UNIT : resolve(ret, typeParams, diags));
        }
        throw new IllegalStateException("unknown type syntax " + t);
    }

    private static List<Type> resolveAll(List<TypeExpr> ts, Map<String, Type.Param> typeParams, Diagnostics diags) {
        List<Type> out = new ArrayList<>(ts.size());
        for (TypeExpr t : ts) {
            out.add(resolve(t, typeParams, diags));
        }
        return out;
    }
}
