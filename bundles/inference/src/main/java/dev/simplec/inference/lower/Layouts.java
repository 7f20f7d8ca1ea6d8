package dev.simplec.inference.lower;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.simplec.api.ir.IrType;
import dev.simplec.inference.check.StructDef;
import dev.simplec.inference.check.StructTable;
import dev.simplec.inference.check.Type;

/**
 * C memory layout of concrete types: a struct's fields in order, each at the next offset aligned to
 * its own alignment, the size rounded up to the struct's alignment (its largest field's). A slice or
 * text field is {@code {T *data; int64_t len;}}; a tuple is laid out like a struct of its elements;
 * bool is one byte; a function value is a pointer.
 */
final class Layouts {
    /** Size, alignment, and for structs and tuples the offset of each field. */
    record Layout(int size, int align, int[] offsets) {
    }

    private final StructTable structs;
    private final Map<Type, Layout> cache = new HashMap<>();

    Layouts(StructTable structs) {
        this.structs = structs;
    }

    /** Layouts of the scalars, by IR type ordinal: no map entry and no allocation for them. */
    private static final Layout[] SCALARS = scalars();
    private static final Layout SLICE = new Layout(16, 8, new int[] {0, 8});

    Layout of(Type t) {
        if (!(t instanceof Type.Named || t instanceof Type.Tuple)) {
            return t instanceof Type.Array || t instanceof Type.Text ? SLICE : SCALARS[IrTypes.scalar(t).ordinal()];
        }
        Layout l = dev.simplec.inference.util.Maps.get(cache, t);
        if (l == null) {
            l = compute(t);
            cache.put(t, l);
        }
        return l;
    }

    /** The field types of a struct instance or the elements of a tuple. */
    List<Type> members(Type t) {
        if (t instanceof Type.Tuple tu) {
            return tu.elems();
        }
        Type.Named n = (Type.Named) t;
        StructDef def = structs.get(n.name());
        if (def == null) {
            throw new IllegalStateException("unknown struct " + n.name());
        }
        return def.fieldTypes(n.args());
    }

    /** The layout of a struct instance or tuple: C's rules over its members. */
    private Layout compute(Type t) {
        List<Type> fields = members(t);
        int[] offsets = new int[fields.size()];
        int off = 0;
        int align = 1;
        for (int i = 0; i < fields.size(); i++) {
            Layout f = of(fields.get(i));
            off = (off + f.align() - 1) / f.align() * f.align();
            offsets[i] = off;
            off += f.size();
            align = Math.max(align, f.align());
        }
        return new Layout((off + align - 1) / align * align, align, offsets);
    }

    private static Layout[] scalars() {
        IrType[] types = IrType.values();
        Layout[] out = new Layout[types.length];
        for (IrType t : types) {
            out[t.ordinal()] = new Layout(t.bytes(), t.bytes(), new int[0]);
        }
        return out;
    }
}
