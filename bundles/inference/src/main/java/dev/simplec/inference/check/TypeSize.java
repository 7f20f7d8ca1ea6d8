package dev.simplec.inference.check;

import java.util.List;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.diag.Span;
import dev.simplec.inference.syntax.Limits;

/**
 * The type size limit ({@link Limits#MAX_TYPE_NODES}). Types share subtrees, so a type of a few
 * objects can stand for an exponentially large tree ({@code let b = (a, a);} repeated, or a
 * TypeInfo built in Java the same way); every walk over such a tree (unification, the occurs
 * check, printing, hashing) would take exponential time. Counting stops at the limit, so a check
 * costs at most that many steps.
 */
public final class TypeSize {
    /** The one message of the limit, wherever it is hit. */
    public static final String MESSAGE = "type too large: more than " + Limits.MAX_TYPE_NODES
            + " type nodes (the limit is " + Limits.MAX_TYPE_NODES + ")";

    /** Thrown from deep inside unification; the module checker reports it as a LIMIT diagnostic at {@link #at}. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final transient Span at;

        TooLarge(Span at) {
            super(MESSAGE, null, false, false);
            this.at = at;
        }
    }

    private TypeSize() {
    }

    /** Whether {@code t}, its variables resolved through {@code u}, has more than {@link Limits#MAX_TYPE_NODES} nodes. */
    static boolean tooLarge(Unifier u, Type t) {
        return left(u, t, Limits.MAX_TYPE_NODES) < 0;
    }

    /** {@code budget} minus the nodes of {@code t}, stopping below zero. */
    private static int left(Unifier u, Type t, int budget) {
        int left = budget - 1;
        if (left < 0) {
            return left;
        }
        Type r = u.resolve(t);
        if (r instanceof Type.Array a) {
            return left(u, a.elem(), left);
        } else if (r instanceof Type.Simd s) {
            return left(u, s.elem(), left);
        } else if (r instanceof Type.Tuple tu) {
            return all(u, tu.elems(), left);
        } else if (r instanceof Type.Named n) {
            return all(u, n.args(), left);
        } else if (r instanceof Type.Fn f) {
            left = all(u, f.params(), left);
            return left < 0 ? left : left(u, f.ret(), left);
        }
        return left;
    }

    private static int all(Unifier u, List<Type> ts, int budget) {
        int left = budget;
        for (int i = 0; i < ts.size() && left >= 0; i++) {
            left = left(u, ts.get(i), left);
        }
        return left;
    }

    /**
     * Throws the LIMIT error when {@code t} has more than {@link Limits#MAX_TYPE_NODES} nodes, or
     * nests deeper than {@link Limits#MAX_NESTING} levels (the message of {@link TypeInfos#toType}).
     */
    public static void check(TypeInfo t) {
        int left = left(t, Limits.MAX_TYPE_NODES, 0);
        if (left == DEEP) {
            throw new SimplecException(ErrorKind.LIMIT, TypeInfos.TOO_DEEP);
        }
        if (left < 0) {
            throw new SimplecException(ErrorKind.LIMIT, MESSAGE);
        }
    }

    /** Whether {@link #check} passes. */
    public static boolean within(TypeInfo t) {
        return left(t, Limits.MAX_TYPE_NODES, 0) >= 0;
    }

    /** What {@link #left(TypeInfo, int, int)} answers for a type nested too deeply. */
    private static final int DEEP = Integer.MIN_VALUE;

    private static int left(TypeInfo t, int budget, int depth) {
        if (depth > Limits.MAX_NESTING) {
            return DEEP;
        }
        int left = budget - 1;
        if (left < 0) {
            return left;
        }
        List<TypeInfo> args = t.args();
        for (int i = 0; i < args.size() && left >= 0; i++) {
            left = left(args.get(i), left, depth + 1);
        }
        TypeInfo elem = t.elem();
        return elem == null || left < 0 ? left : left(elem, left, depth + 1);
    }
}
