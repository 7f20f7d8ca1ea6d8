package dev.simplec.inference.lower;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.ir.IrType;
import dev.simplec.inference.check.Type;

/**
 * How a concrete template type is held in IR values (docs/ir.md's conventions): a scalar, bool
 * (I8 0/1), SIMD vector or function value (an I64 address) is one value; a slice or text is two
 * (data address, length); a struct is one (its address); a tuple is its elements' values in order;
 * unit is none.
 */
final class IrTypes {
    /** {@code List.of(t)} of every IR type, by ordinal: most values flatten to one of these. */
    private static final List<List<IrType>> SINGLE = singles();
    private static final List<IrType> SLICE = List.of(IrType.I64, IrType.I64);

    private IrTypes() {
    }

    /** The IR types of the values of {@code t}, in order (an immutable list). */
    static List<IrType> flatten(Type t) {
        if (t instanceof Type.Tuple tu) {
            if (tu.elems().isEmpty()) {
                return List.of();
            }
            List<IrType> out = new ArrayList<>();
            flatten(t, out);
            return List.copyOf(out);
        } else if (t instanceof Type.Array || t instanceof Type.Text) {
            return SLICE;
        } else if (t instanceof Type.Named) {
            return SINGLE.get(IrType.I64.ordinal());
        }
        return SINGLE.get(scalar(t).ordinal());
    }

    /** Appends the IR types of {@code t} to {@code out}. */
    static void flatten(Type t, List<IrType> out) {
        if (t instanceof Type.Tuple tu) {
            for (Type e : tu.elems()) {
                flatten(e, out);
            }
        } else if (t instanceof Type.Array || t instanceof Type.Text) {
            out.add(IrType.I64);
            out.add(IrType.I64);
        } else if (t instanceof Type.Named) {
            out.add(IrType.I64);
        } else {
            out.add(scalar(t));
        }
    }

    /** Writes the IR types of {@code t} into {@code out} from {@code at}; returns the index after them. */
    static int flatten(Type t, IrType[] out, int at) {
        if (t instanceof Type.Tuple tu) {
            int k = at;
            for (Type e : tu.elems()) {
                k = flatten(e, out, k);
            }
            return k;
        } else if (t instanceof Type.Array || t instanceof Type.Text) {
            out[at] = IrType.I64;
            out[at + 1] = IrType.I64;
            return at + 2;
        }
        out[at] = t instanceof Type.Named ? IrType.I64 : scalar(t);
        return at + 1;
    }

    /** The one IR type of a scalar: int, float, bool, SIMD vector or function value. */
    static IrType scalar(Type t) {
        if (t instanceof Type.Int i) {
            return IrType.scalar(i.bits(), false);
        } else if (t instanceof Type.Float f) {
            return IrType.scalar(f.bits(), true);
        } else if (t instanceof Type.Bool) {
            return IrType.I8;
        } else if (t instanceof Type.Fn) {
            return IrType.I64;
        } else if (t instanceof Type.Simd s) {
            boolean isFloat = s.elem() instanceof Type.Float;
            int bits = s.elem() instanceof Type.Float f ? f.bits() : ((Type.Int) s.elem()).bits();
            IrType v = IrType.vector(bits, isFloat, s.lanes());
            if (v == null) {
                throw new IllegalStateException("no IR vector type for " + s);
            }
            return v;
        }
        throw new IllegalStateException("not a scalar type after checking: " + t);
    }

    /** How many IR values a value of {@code t} takes. */
    static int width(Type t) {
        if (t instanceof Type.Tuple tu) {
            int w = 0;
            for (Type e : tu.elems()) {
                w += width(e);
            }
            return w;
        } else if (t instanceof Type.Array || t instanceof Type.Text) {
            return 2;
        }
        scalarOrStruct(t);
        return 1;
    }

    /** Fails, as {@link #flatten} would, for a type that has no IR form. */
    private static void scalarOrStruct(Type t) {
        if (!(t instanceof Type.Named)) {
            scalar(t);
        }
    }

    static boolean isSigned(Type t) {
        return t instanceof Type.Int i && i.signed();
    }

    private static List<List<IrType>> singles() {
        List<List<IrType>> out = new ArrayList<>();
        for (IrType t : IrType.values()) {
            out.add(List.of(t));
        }
        return List.copyOf(out);
    }
}
