package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.simplec.inference.util.Maps;

/** Replaces type parameters by name: instantiating a signature at a call, or a body per instance. */
public final class Substitution {
    private Substitution() {
    }

    /** {@code t} with its type parameters replaced; parts without any are shared, not copied. */
    public static Type apply(Type t, Map<String, Type> byName) {
        if (byName.isEmpty() || t instanceof Type.Int || t instanceof Type.Float || t instanceof Type.Bool) {
            return t;
        }
        if (t instanceof Type.Param p) {
            Type r = Maps.get(byName, p.name());
            return r == null ? t : r;
        } else if (t instanceof Type.Array a) {
            Type e = apply(a.elem(), byName);
            return e == a.elem() ? a : new Type.Array(e);
        } else if (t instanceof Type.Simd s) {
            Type e = apply(s.elem(), byName);
            return e == s.elem() ? s : new Type.Simd(s.lanes(), e);
        } else if (t instanceof Type.Tuple tu) {
            List<Type> es = applyAll(tu.elems(), byName);
            return es == tu.elems() ? tu : new Type.Tuple(es);
        } else if (t instanceof Type.Fn f) {
            List<Type> ps = applyAll(f.params(), byName);
            Type ret = apply(f.ret(), byName);
            return ps == f.params() && ret == f.ret() ? f : new Type.Fn(ps, ret);
        } else if (t instanceof Type.Named n) {
            List<Type> as = applyAll(n.args(), byName);
            return as == n.args() ? n : new Type.Named(n.name(), as);
        }
        return t;
    }

    /** {@code ts} substituted; the same list when no element changes. */
    private static List<Type> applyAll(List<Type> ts, Map<String, Type> byName) {
        int n = ts.size();
        for (int i = 0; i < n; i++) {
            Type t = ts.get(i);
            Type r = apply(t, byName);
            if (r != t) {
                List<Type> out = new ArrayList<>(n);
                out.addAll(ts.subList(0, i));
                out.add(r);
                for (int j = i + 1; j < n; j++) {
                    out.add(apply(ts.get(j), byName));
                }
                return out;
            }
        }
        return ts;
    }
}
