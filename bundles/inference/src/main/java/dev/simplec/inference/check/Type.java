package dev.simplec.inference.check;

import java.util.List;
import java.util.Set;

/**
 * Semantic types, shaped like the api's TypeInfo so that hints unify against signatures
 * structurally, plus the checker's own {@link Var} (unification variable) and {@link Error}
 * (a poisoned type that unifies with anything, so one mistake gives one diagnostic) and
 * {@link Never} (a block that does not finish).
 */
public sealed interface Type {
    record Int(int bits, boolean signed) implements Type {
        @Override
        public String toString() {
            // The usual widths without building a string: instance names spell them for every call.
            return switch (bits) {
                case 8 -> signed ? "i8" : "u8";
                case 16 -> signed ? "i16" : "u16";
                case 32 -> signed ? "i32" : "u32";
                case 64 -> signed ? "i64" : "u64";
                default -> (signed ? "i" : "u") + bits;
            };
        }
    }

    record Float(int bits) implements Type {
        @Override
        public String toString() {
            return bits == 32 ? "f32" : bits == 64 ? "f64" : "f" + bits;
        }
    }

    record Bool() implements Type {
        @Override
        public String toString() {
            return "bool";
        }
    }

    record Text() implements Type {
        @Override
        public String toString() {
            return "text";
        }
    }

    record Array(Type elem) implements Type {
        @Override
        public String toString() {
            return Type.show(this);
        }
    }

    /** The empty tuple is the unit type, written {@code ()}. */
    record Tuple(List<Type> elems) implements Type {
        public Tuple {
            elems = List.copyOf(elems);
        }

        @Override
        public String toString() {
            return Type.show(this);
        }
    }

    record Simd(int lanes, Type elem) implements Type {
        @Override
        public String toString() {
            return Type.show(this);
        }
    }

    record Fn(List<Type> params, Type ret) implements Type {
        public Fn {
            params = List.copyOf(params);
        }

        @Override
        public String toString() {
            return Type.show(this);
        }
    }

    /** A struct type {@code Name<Args>}. */
    record Named(String name, List<Type> args) implements Type {
        public Named {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return Type.show(this);
        }
    }

    /**
     * A type parameter seen from inside its generic function: rigid, known only by its bounds.
     * {@code closure} is the mask ({@link Bound#bit}) of its bounds and every bound they imply,
     * computed once here: the checker asks "is T Num?" for nearly every operator on a T.
     */
    record Param(String name, Set<Bound> bounds, int closure) implements Type {
        public Param {
            // Set.copyOf copies through a HashSet even when there is nothing to copy.
            bounds = bounds.isEmpty() ? Set.of() : Set.copyOf(bounds);
            if (closure != Bound.closureMaskOf(bounds)) {
                throw new IllegalArgumentException("closure " + closure + " does not match the bounds " + bounds);
            }
        }

        public Param(String name, Set<Bound> bounds) {
            this(name, bounds, Bound.closureMaskOf(bounds));
        }

        /** Whether this parameter satisfies {@code b}: declared with it or with a bound that implies it. */
        public boolean has(Bound b) {
            return (closure & b.bit()) != 0;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A unification variable; what it stands for lives in the {@link Unifier}. */
    record Var(int id) implements Type {
        @Override
        public String toString() {
            return "?" + id;
        }
    }

    /** The type of a block that never finishes (it returns, breaks or continues): fits any expected type. */
    record Never() implements Type {
        @Override
        public String toString() {
            return "!";
        }
    }

    record Error() implements Type {
        @Override
        public String toString() {
            return "{error}";
        }
    }

    Type UNIT = new Tuple(List.of());
    Type BOOL = new Bool();
    Type TEXT = new Text();
    Type ERROR = new Error();
    Type NEVER = new Never();
    Type U8 = new Int(8, false);
    Type I64 = new Int(64, true);
    Type F64 = new Float(64);

    static String join(List<Type> types) {
        StringBuilder sb = new StringBuilder();
        appendAll(sb, types);
        return sb.toString();
    }

    /**
     * {@code t} as written ({@code [(i64, f32)]}, {@code Vec<T>}). One builder for the whole type, so
     * a deeply nested type (up to the type-size limit) prints in linear time, not quadratic.
     */
    static String show(Type t) {
        StringBuilder sb = new StringBuilder();
        append(sb, t);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Type t) {
        if (t instanceof Array a) {
            sb.append('[');
            append(sb, a.elem());
            sb.append(']');
        } else if (t instanceof Tuple tu) {
            sb.append('(');
            appendAll(sb, tu.elems());
            sb.append(tu.elems().size() == 1 ? ",)" : ")");
        } else if (t instanceof Simd s) {
            append(sb, s.elem());
            sb.append('x').append(s.lanes());
        } else if (t instanceof Fn f) {
            sb.append("fn(");
            appendAll(sb, f.params());
            sb.append(") -> ");
            append(sb, f.ret());
        } else if (t instanceof Named n) {
            sb.append(n.name());
            if (!n.args().isEmpty()) {
                sb.append('<');
                appendAll(sb, n.args());
                sb.append('>');
            }
        } else {
            sb.append(t);
        }
    }

    private static void appendAll(StringBuilder sb, List<Type> types) {
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            append(sb, types.get(i));
        }
    }
}
