package dev.simplec.inference.syntax;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;

/** A type as written in the source; names are resolved by the checker. */
public sealed interface TypeExpr {
    Span span();

    /** {@code i64}, {@code T}, {@code f32x4}, {@code Vec<i32>}: every named type, with optional arguments. */
    record Name(String name, List<TypeExpr> args, Span span) implements TypeExpr {
        public Name {
            args = List.copyOf(args);
        }
    }

    /** {@code [T]}. */
    record Array(TypeExpr elem, Span span) implements TypeExpr {
    }

    /** {@code (A, B)}; {@code ()} is the unit type. */
    record Tuple(List<TypeExpr> elems, Span span) implements TypeExpr {
        public Tuple {
            elems = List.copyOf(elems);
        }
    }

    /** {@code fn(A, B) -> R}; without {@code -> R} the result is unit. */
    record Fn(List<TypeExpr> params, @Nullable TypeExpr ret, Span span) implements TypeExpr {
        public Fn {
            params = List.copyOf(params);
        }
    }
}
