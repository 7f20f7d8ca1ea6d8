package dev.simplec.api.types;

import org.eclipse.jdt.annotation.Nullable;

/** Where a {@link TypeHint} came from (SPEC §4); {@link #jsonName()} is its spelling in JSON. */
public enum HintSource {
    /** Value parameter {@code param_index} has type {@code ty}. */
    CALL_SITE("call_site"),
    /** The result has type {@code ty}. */
    RETURN("return"),
    /** The result is assigned to a variable of type {@code ty}. */
    ASSIGNMENT("assignment"),
    /** Type parameter {@code param_index} must be {@code ty}. */
    CONSTRAINT("constraint");

    private static final HintSource[] VALUES = values();

    private final String jsonName;

    HintSource(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static @Nullable HintSource fromJson(String name) {
        for (HintSource s : VALUES) {
            if (s.jsonName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
