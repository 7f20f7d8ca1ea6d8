package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.simplec.inference.util.Maps;

/** Replaces type parameters by name: instantiating a signature at a call, or a body per instance. */
public final class Substitution {
    private Substitution() {
    }

    public static Type apply(Type t, Map<String, Type> byName) {
        if (t instanceof Type.Param p) {
            Type r = Maps.get(byName, p.name());
            return r == null ? t : r;
        } else if (t instanceof Type.Array a) {
            return new Type.Array(apply(a.elem(), byName));
        } else if (t instanceof Type.Simd s) {
            return new Type.Simd(s.lanes(), apply(s.elem(), byName));
        } else if (t instanceof Type.Tuple tu) {
            return new Type.Tuple(applyAll(tu.elems(), byName));
        } else if (t instanceof Type.Fn f) {
            return new Type.Fn(applyAll(f.params(), byName), apply(f.ret(), byName));
        } else if (t instanceof Type.Named n) {
            return new Type.Named(n.name(), applyAll(n.args(), byName));
        }
        return t;
    }

    private static List<Type> applyAll(List<Type> ts, Map<String, Type> byName) {
        List<Type> out = new ArrayList<>(ts.size());
        for (Type t : ts) {
            out.add(apply(t, byName));
        }
        return out;
    }
}
