package dev.simplec.inference.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.util.Lists;
import dev.simplec.inference.util.Maps;

/**
 * Replaces type parameters by name: instantiating a signature at a call, or a body per instance.
 * Parameter {@code params[i]} becomes {@code args[i]} (the names are distinct: a function's or a
 * struct's type parameters). A few are found by a scan, so a call costs no map; past
 * {@link TypeParamScope#SCAN_LIMIT} a map is built on first use.
 */
public final class Substitution {
    /** The parameters and their replacements as arrays: a lookup reads no List through an interface call. */
    private final Type.Param[] params;
    private final Type[] args;
    private @Nullable Map<String, Type> byName;

    public Substitution(List<Type.Param> params, List<Type> args) {
        int n = Math.min(params.size(), args.size());
        this.params = new Type.Param[n];
        this.args = new Type[n];
        for (int i = 0; i < n; i++) {
            this.params[i] = params.get(i);
            this.args[i] = args.get(i);
        }
    }

    /** {@code t} with its type parameters replaced; parts without any are shared, not copied. */
    public Type apply(Type t) {
        // The common answer first, in a method small enough to inline at every call.
        if (params.length == 0 || t instanceof Type.Int || t instanceof Type.Float || t instanceof Type.Bool) {
            return t;
        }
        return substitute(t);
    }

    private Type substitute(Type t) {
        if (t instanceof Type.Param p) {
            Type r = lookup(p);
            return r == null ? t : r;
        } else if (t instanceof Type.Array a) {
            Type e = apply(a.elem());
            return e == a.elem() ? a : new Type.Array(e);
        } else if (t instanceof Type.Simd s) {
            Type e = apply(s.elem());
            return e == s.elem() ? s : new Type.Simd(s.lanes(), e);
        } else if (t instanceof Type.Tuple tu) {
            List<Type> es = applyAll(tu.elems());
            return es == tu.elems() ? tu : new Type.Tuple(es);
        } else if (t instanceof Type.Fn f) {
            List<Type> ps = applyAll(f.params());
            Type ret = apply(f.ret());
            return ps == f.params() && ret == f.ret() ? f : new Type.Fn(ps, ret);
        } else if (t instanceof Type.Named n) {
            List<Type> as = applyAll(n.args());
            return as == n.args() ? n : new Type.Named(n.name(), as);
        }
        return t;
    }

    /** {@code ts} substituted; the same list when no element changes, else an immutable one. */
    public List<Type> applyAll(List<Type> ts) {
        int n = ts.size();
        for (int i = 0; i < n; i++) {
            Type t = ts.get(i);
            Type r = apply(t);
            if (r != t) {
                Type[] out = ts.toArray(new Type[n]);
                out[i] = r;
                for (int j = i + 1; j < n; j++) {
                    out[j] = apply(out[j]);
                }
                return Lists.copyOf(out);
            }
        }
        return ts;
    }

    /** The replacement of {@code p}: the parameter itself (the checker's own object) or one of its name. */
    private @Nullable Type lookup(Type.Param p) {
        int n = params.length;
        if (n > TypeParamScope.SCAN_LIMIT) {
            Map<String, Type> m = byName;
            if (m == null) {
                m = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(params[i].name(), args[i]);
                }
                byName = m;
            }
            return Maps.get(m, p.name());
        }
        String name = p.name();
        for (int i = n - 1; i >= 0; i--) {
            Type.Param q = params[i];
            if (q == p || q.name().equals(name)) {
                return args[i];
            }
        }
        return null;
    }
}
