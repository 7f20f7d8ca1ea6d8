package dev.simplec.serializer.rules;

/** The bounds on untrusted input, as documented in docs/json.md ("Bounds"). */
public final class Limits {
    /** Longest JSON text read: 1 MiB, counted in chars of the Java string. */
    public static final int MAX_JSON_CHARS = 1 << 20;

    /** Longest binary input: 1 MiB. */
    public static final int MAX_BINARY_BYTES = 1 << 20;

    /** Deepest TypeInfo nesting; the outermost type is level 1, its args and elem level 2, and so on. */
    public static final int MAX_TYPE_DEPTH = 64;

    /** Largest {@code param_index} of a hint; no template has more parameters than this. */
    public static final int MAX_PARAM_INDEX = 255;

    private Limits() {
    }
}
