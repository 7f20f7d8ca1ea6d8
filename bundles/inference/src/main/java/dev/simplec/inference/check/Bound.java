package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Type parameter bounds. Each bound is a set of concrete types; a bound implies another when its
 * set is contained in the other's (Int implies Num, Eq and Ord; Num implies Eq and Ord; Ord implies
 * Eq), so a parameter declared {@code T: Int} may be used wherever Num is needed.
 */
public enum Bound {
    NUM("Num"), INT("Int"), FLOAT("Float"), EQ("Eq"), ORD("Ord");

    private static final Bound[] ALL = values();
    /** The immutable set of each bound mask, made once: resolving a signature builds no set. */
    private static final List<Set<Bound>> SETS = sets();

    private final String spelling;

    Bound(String spelling) {
        this.spelling = spelling;
    }

    /** This bound's bit in a bound mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The mask of a set of bounds. */
    public static int mask(Set<Bound> bounds) {
        int m = 0;
        if (!bounds.isEmpty()) {
            // contains on the five bounds: no iterator over the set.
            for (Bound b : ALL) {
                if (bounds.contains(b)) {
                    m |= b.bit();
                }
            }
        }
        return m;
    }

    /** The immutable set of the bounds in {@code mask} (what {@link #mask} gives back). */
    public static Set<Bound> setOf(int mask) {
        return SETS.get(mask);
    }

    private static List<Set<Bound>> sets() {
        List<Set<Bound>> out = new ArrayList<>();
        for (int m = 0; m < 1 << ALL.length; m++) {
            Set<Bound> s = EnumSet.noneOf(Bound.class);
            for (Bound b : ALL) {
                if ((m & b.bit()) != 0) {
                    s.add(b);
                }
            }
            out.add(Set.copyOf(s));
        }
        return List.copyOf(out);
    }

    /** Every bound, in declaration order (the shared array: do not modify). */
    static Bound[] all() {
        return ALL;
    }

    /** The mask of this bound and every bound it implies ({@link #closure}), without allocating. */
    private int closureMask() {
        return switch (this) {
            case INT -> INT.bit() | NUM.bit() | EQ.bit() | ORD.bit();
            case FLOAT -> FLOAT.bit() | NUM.bit() | EQ.bit() | ORD.bit();
            case NUM -> NUM.bit() | EQ.bit() | ORD.bit();
            case ORD -> ORD.bit() | EQ.bit();
            case EQ -> EQ.bit();
        };
    }

    public String spelling() {
        return spelling;
    }

    @Override
    public String toString() {
        return spelling;
    }

    public static @Nullable Bound of(String name) {
        for (Bound b : ALL) {
            if (b.spelling.equals(name)) {
                return b;
            }
        }
        return null;
    }

    /** Whether a concrete (variable-free, parameter-free) type is in this bound's set. */
    public boolean holdsFor(Type t) {
        return switch (this) {
            case NUM, ORD -> t instanceof Type.Int || t instanceof Type.Float;
            case INT -> t instanceof Type.Int;
            case FLOAT -> t instanceof Type.Float;
            case EQ -> t instanceof Type.Int || t instanceof Type.Float || t instanceof Type.Bool || t instanceof Type.Text;
        };
    }

    /** This bound and every bound it implies. */
    public Set<Bound> closure() {
        return switch (this) {
            case INT -> EnumSet.of(INT, NUM, EQ, ORD);
            case FLOAT -> EnumSet.of(FLOAT, NUM, EQ, ORD);
            case NUM -> EnumSet.of(NUM, EQ, ORD);
            case ORD -> EnumSet.of(ORD, EQ);
            case EQ -> EnumSet.of(EQ);
        };
    }

    /** Whether a type parameter declared with {@code declared} satisfies {@code this}. */
    public boolean impliedBy(Set<Bound> declared) {
        return (closureMaskOf(declared) & bit()) != 0;
    }

    /** The bounds {@code declared} stand for: each with every bound it implies, as a mask. */
    static int closureMaskOf(Set<Bound> declared) {
        int m = 0;
        if (!declared.isEmpty()) {
            for (Bound d : ALL) {
                if (declared.contains(d)) {
                    m |= d.closureMask();
                }
            }
        }
        return m;
    }

    /** "Num", "Num + Eq": the bounds as a declaration spells them. */
    public static String spell(Set<Bound> bounds) {
        StringBuilder sb = new StringBuilder();
        for (Bound b : ALL) {
            if (bounds.contains(b)) {
                sb.append(sb.length() == 0 ? "" : " + ").append(b.spelling);
            }
        }
        return sb.toString();
    }
}
