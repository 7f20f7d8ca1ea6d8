package dev.simplec.inference.check;

import org.eclipse.jdt.annotation.Nullable;

/**
 * What a function may return (SPEC §5, §6): nothing, a scalar (int, float, bool, SIMD vector,
 * function value), or a tuple of one or two scalars (returned as a C struct). Structs live on the
 * stack of the function that makes them or in the caller's memory, and slices and text belong to
 * the caller, so none of them can be returned.
 */
public final class ReturnRules {
    private ReturnRules() {
    }

    /** Null when {@code fn} may return {@code t}, else the message. Type parameters pass (checked per instance). */
    public static @Nullable String problem(String fn, Type t) {
        if (t.equals(Type.UNIT) || isScalar(t) || t instanceof Type.Param || t instanceof Type.Error) {
            return null;
        }
        if (t instanceof Type.Tuple tu) {
            if (tu.elems().size() <= 2 && tu.elems().stream().allMatch(e -> isScalar(e) || e instanceof Type.Param
                    || e instanceof Type.Error)) {
                return null;
            }
            for (Type e : tu.elems()) {
                String inner = structOrSlice(fn, t, e);
                if (inner != null) {
                    return inner;
                }
            }
            return "fn " + fn + " cannot return " + t + ": a function returns at most a tuple of two scalars";
        }
        String m = structOrSlice(fn, t, t);
        return m != null ? m : "fn " + fn + " cannot return " + t;
    }

    private static @Nullable String structOrSlice(String fn, Type whole, Type t) {
        if (t instanceof Type.Named) {
            return "fn " + fn + " cannot return " + whole + ": a struct lives on the stack of the function that makes it"
                    + " (or in the caller's memory), so it cannot be returned; return its fields, or fill a struct parameter";
        }
        if (t instanceof Type.Array || t instanceof Type.Text) {
            return "fn " + fn + " cannot return " + whole + ": slices and text belong to the caller and cannot be returned";
        }
        return null;
    }

    /** Int, float, bool, SIMD vector or function value: one machine value. */
    public static boolean isScalar(Type t) {
        return t instanceof Type.Int || t instanceof Type.Float || t instanceof Type.Bool || t instanceof Type.Simd
                || t instanceof Type.Fn;
    }
}
