package dev.simplec.inference.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.util.Maps;

/**
 * The type parameters a written type may name: a function's or a struct's, distinct names. A few
 * are found by a scan (no map to build for each function); past {@link #SCAN_LIMIT} a map keeps
 * lookups constant, so a template with thousands of type parameters is not quadratic.
 */
record TypeParamScope(List<Type.Param> list, @Nullable Map<String, Type.Param> byName) {
    static final int SCAN_LIMIT = 16;

    static TypeParamScope of(List<Type.Param> params) {
        if (params.size() <= SCAN_LIMIT) {
            return new TypeParamScope(params, null);
        }
        Map<String, Type.Param> m = new HashMap<>();
        for (Type.Param p : params) {
            m.putIfAbsent(p.name(), p);
        }
        return new TypeParamScope(params, m);
    }

    static TypeParamScope of(Map<String, Type.Param> byName) {
        return new TypeParamScope(List.of(), byName);
    }

    Type.@Nullable Param find(String name) {
        Map<String, Type.Param> m = byName;
        if (m != null) {
            return Maps.get(m, name);
        }
        for (int i = 0; i < list.size(); i++) {
            Type.Param p = list.get(i);
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
