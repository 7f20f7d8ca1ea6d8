package dev.simplec.api.types;

import org.eclipse.jdt.annotation.Nullable;

/** The {@code kind} field of a TypeInfo; {@link #jsonName()} is its spelling in JSON. */
public enum TypeKind {
    INT("int"),
    FLOAT("float"),
    BOOL("bool"),
    STRING("string"),
    NAMED("named"),
    GENERIC("generic"),
    ARRAY("array"),
    TUPLE("tuple"),
    SIMD("simd"),
    FUNCTION("function");

    private static final TypeKind[] VALUES = values();

    private final String jsonName;

    TypeKind(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The kind spelled {@code name} in JSON, or null when there is none. */
    public static @Nullable TypeKind fromJson(String name) {
        for (TypeKind k : VALUES) {
            if (k.jsonName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
