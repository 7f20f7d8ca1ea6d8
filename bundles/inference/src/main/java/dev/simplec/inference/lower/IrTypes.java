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
    private IrTypes() {
    }

    static List<IrType> flatten(Type t) {
        List<IrType> out = new ArrayList<>();
        flatten(t, out);
        return out;
    }

    private static void flatten(Type t, List<IrType> out) {
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
        return flatten(t).size();
    }

    static boolean isSigned(Type t) {
        return t instanceof Type.Int i && i.signed();
    }
}
