package dev.simplec.serializer.rules;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.SimplecException;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeKind;

/**
 * What makes a TypeInfo well formed (SPEC §4), and the wording of each problem. The JSON reader,
 * the JSON writer and the binary codec all use these, so a value is accepted by one exactly when
 * it is accepted by the others, with the same words. Problem texts carry no location; callers put
 * the JSON path or byte offset in front.
 */
public final class TypeRules {
    public static final String MISSING = "missing";
    public static final String TOO_DEEP = "nesting deeper than " + Limits.MAX_TYPE_DEPTH + " levels";
    public static final String TOO_LARGE = "more than " + Limits.MAX_TYPE_NODES + " types in one TypeInfo"
            + " (its JSON would be longer than " + Limits.MAX_JSON_CHARS + " characters)";

    /** What {@link #valid} answers for a value with a problem, and for one with too many types. */
    private static final int INVALID = -1;
    private static final int TOO_MANY = -2;

    private TypeRules() {
    }

    public static boolean hasName(TypeKind k) {
        return k == TypeKind.NAMED || k == TypeKind.GENERIC;
    }

    public static boolean hasArgs(TypeKind k) {
        return k == TypeKind.NAMED || k == TypeKind.TUPLE || k == TypeKind.FUNCTION;
    }

    public static boolean hasBits(TypeKind k) {
        return k == TypeKind.INT || k == TypeKind.FLOAT;
    }

    public static boolean hasSigned(TypeKind k) {
        return k == TypeKind.INT;
    }

    public static boolean hasLanes(TypeKind k) {
        return k == TypeKind.SIMD;
    }

    public static boolean hasElem(TypeKind k) {
        return k == TypeKind.ARRAY || k == TypeKind.SIMD || k == TypeKind.FUNCTION;
    }

    /** A field that means nothing for this kind, such as {@code bits} on a bool. */
    public static String noField(TypeKind kind, String field) {
        return "kind " + kind.jsonName() + " has no " + field + " field";
    }

    /** Names (of types, type parameters, templates) are non-empty and encodable as UTF-8. */
    public static @Nullable String nameProblem(String name) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        int bad = unpairedSurrogate(name);
        return bad < 0 ? null : "contains an unpaired surrogate at index " + bad;
    }

    /** For kind int or float. */
    public static @Nullable String bitsProblem(TypeKind kind, int bits) {
        if (kind == TypeKind.INT) {
            return bits == 8 || bits == 16 || bits == 32 || bits == 64
                    ? null : bits + " is not a valid int width (8, 16, 32, 64)";
        }
        return bits == 32 || bits == 64 ? null : bits + " is not a valid float width (32, 64)";
    }

    public static @Nullable String lanesProblem(int lanes) {
        return lanes > 0 && (lanes & (lanes - 1)) == 0 ? null : lanes + " is not a power of two";
    }

    public static @Nullable String simdElemProblem(TypeInfo elem) {
        TypeKind k = elem.kind();
        return k == TypeKind.INT || k == TypeKind.FLOAT
                ? null : "a simd element must be int or float, not " + k.jsonName();
    }

    /** For a valid lane count and an int or float element. */
    public static @Nullable String simdSizeProblem(int lanes, TypeInfo elem) {
        long total = (long) lanes * elem.bits();
        return total == 64 || total == 128 || total == 256
                ? null
                : lanes + " lanes of " + elem.bits() + " bits make " + total + " bits; a simd vector has 64, 128 or 256";
    }

    /** Index of the first unpaired UTF-16 surrogate, or -1. */
    public static int unpairedSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Throws the first problem of a TypeInfo built in Java, as reading its JSON would report it:
     * nested types before their container, then the container's fields in canonical order.
     * Unused fields count as absent when null, empty, 0 or false.
     */
    public static void check(TypeInfo type, ValuePath at) {
        // Most values are valid: a walk that builds no paths says so; only a failure walks again for the message.
        // The walk counts types, so a value that shares subtrees costs at most MAX_TYPE_NODES steps; the
        // second walk stops at the problem the first one met, within as many steps.
        int left = valid(type, 1, Limits.MAX_TYPE_NODES);
        if (left == TOO_MANY) {
            throw Invalid.limit(at.toString(), TOO_LARGE);
        }
        if (left < 0) {
            check(type, at, 1);
        }
    }

    /**
     * Whether {@link #check} would pass, without building a path or a message: the budget of types
     * left after {@code t} and everything in it, {@link #INVALID} at the first problem, or
     * {@link #TOO_MANY} when the budget runs out first.
     */
    private static int valid(TypeInfo t, int depth, int budget) {
        if (depth > Limits.MAX_TYPE_DEPTH) {
            return INVALID;
        }
        if (budget == 0) {
            return TOO_MANY;
        }
        int left = budget - 1;
        List<TypeInfo> args = t.args();
        for (int i = 0; i < args.size(); i++) {
            left = valid(args.get(i), depth + 1, left);
            if (left < 0) {
                return left;
            }
        }
        TypeInfo elem = t.elem();
        if (elem != null) {
            left = valid(elem, depth + 1, left);
            if (left < 0) {
                return left;
            }
        }
        TypeKind k = t.kind();
        String name = t.name();
        boolean nameOk = name != null ? hasName(k) && nameProblem(name) == null : !hasName(k);
        boolean bitsOk = t.bits() != 0 ? hasBits(k) && bitsProblem(k, t.bits()) == null : !hasBits(k);
        boolean lanesOk = t.lanes() != 0 ? hasLanes(k) && lanesProblem(t.lanes()) == null : !hasLanes(k);
        boolean elemOk = elem != null
                ? hasElem(k) && (k != TypeKind.SIMD
                        || simdElemProblem(elem) == null && simdSizeProblem(t.lanes(), elem) == null)
                : !hasElem(k);
        boolean ok = nameOk && bitsOk && lanesOk && elemOk
                && (args.isEmpty() || hasArgs(k))
                && (!t.signed() || hasSigned(k));
        return ok ? left : INVALID;
    }

    private static void check(TypeInfo t, ValuePath at, int depth) {
        if (depth > Limits.MAX_TYPE_DEPTH) {
            throw Invalid.limit(at.toString(), TOO_DEEP);
        }
        List<TypeInfo> args = t.args();
        for (int i = 0; i < args.size(); i++) {
            check(args.get(i), at.child("args", i), depth + 1);
        }
        TypeInfo elem = t.elem();
        if (elem != null) {
            check(elem, at.child("elem"), depth + 1);
        }

        // Problem texts are built only on failure: this runs on every write.
        TypeKind k = t.kind();
        String name = t.name();
        if (name != null) {
            if (!hasName(k)) {
                throw noFieldAt(at, k, "name");
            }
            reject(nameProblem(name), at, "name");
        } else if (hasName(k)) {
            throw fail(at, "name", MISSING);
        }
        if (!args.isEmpty() && !hasArgs(k)) {
            throw noFieldAt(at, k, "args");
        }
        if (t.bits() != 0) {
            if (!hasBits(k)) {
                throw noFieldAt(at, k, "bits");
            }
            reject(bitsProblem(k, t.bits()), at, "bits");
        } else if (hasBits(k)) {
            throw fail(at, "bits", MISSING);
        }
        if (t.signed() && !hasSigned(k)) {
            throw noFieldAt(at, k, "signed");
        }
        if (t.lanes() != 0) {
            if (!hasLanes(k)) {
                throw noFieldAt(at, k, "lanes");
            }
            reject(lanesProblem(t.lanes()), at, "lanes");
        } else if (hasLanes(k)) {
            throw fail(at, "lanes", MISSING);
        }
        if (elem != null) {
            if (!hasElem(k)) {
                throw noFieldAt(at, k, "elem");
            }
            if (k == TypeKind.SIMD) {
                reject(simdElemProblem(elem), at, "elem");
                reject(simdSizeProblem(t.lanes(), elem), at, "lanes");
            }
        } else if (hasElem(k)) {
            throw fail(at, "elem", MISSING);
        }
    }

    private static SimplecException noFieldAt(ValuePath at, TypeKind k, String field) {
        return fail(at, field, noField(k, field));
    }

    private static void reject(@Nullable String problem, ValuePath at, String field) {
        if (problem != null) {
            throw fail(at, field, problem);
        }
    }

    private static SimplecException fail(ValuePath at, String field, String problem) {
        return Invalid.at(at + "." + field, problem);
    }
}
