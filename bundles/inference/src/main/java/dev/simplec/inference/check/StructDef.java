package dev.simplec.inference.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

/** A checked struct declaration: type parameters and fields (types in terms of those parameters). */
public record StructDef(String name, List<Type.Param> typeParams, List<Field> fields) {
    public StructDef {
        typeParams = List.copyOf(typeParams);
        fields = List.copyOf(fields);
    }

    public record Field(String name, Type type) {
    }

    public @Nullable Field field(String wanted) {
        for (Field f : fields) {
            if (f.name().equals(wanted)) {
                return f;
            }
        }
        return null;
    }

    public int indexOf(String wanted) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** The field types of the instance {@code Name<args>}. */
    public List<Type> fieldTypes(List<Type> args) {
        Map<String, Type> subst = new HashMap<>();
        for (int i = 0; i < typeParams.size() && i < args.size(); i++) {
            subst.put(typeParams.get(i).name(), args.get(i));
        }
        return fields.stream().map(f -> Substitution.apply(f.type(), subst)).toList();
    }
}
