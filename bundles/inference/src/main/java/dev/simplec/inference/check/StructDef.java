package dev.simplec.inference.check;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.util.Lists;

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
        Substitution subst = new Substitution(typeParams, args);
        Type[] out = new Type[fields.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = subst.apply(fields.get(i).type());
        }
        return Lists.copyOf(out);
    }
}
