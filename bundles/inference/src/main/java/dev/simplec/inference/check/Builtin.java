package dev.simplec.inference.check;

import org.eclipse.jdt.annotation.Nullable;

/** The built-in functions of SPEC §5. Module functions may not take their names. */
public enum Builtin {
    LEN("len", 1), MIN("min", 2), MAX("max", 2), ABS("abs", 1), SQRT("sqrt", 1),
    SPLAT("splat", 1), LOAD("load", 2), STORE("store", 3), REDUCE_ADD("reduce_add", 1);

    private final String spelling;
    private final int arity;

    Builtin(String spelling, int arity) {
        this.spelling = spelling;
        this.arity = arity;
    }

    public String spelling() {
        return spelling;
    }

    public int arity() {
        return arity;
    }

    public static @Nullable Builtin of(String name) {
        return switch (name) {
            case "len" -> LEN;
            case "min" -> MIN;
            case "max" -> MAX;
            case "abs" -> ABS;
            case "sqrt" -> SQRT;
            case "splat" -> SPLAT;
            case "load" -> LOAD;
            case "store" -> STORE;
            case "reduce_add" -> REDUCE_ADD;
            default -> null;
        };
    }
}
