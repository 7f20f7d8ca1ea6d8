package dev.simplec.serializer.rules;

/**
 * The bounds on untrusted input, as documented in docs/json.md ("Bounds"). Exceeding one is a
 * {@code LIMIT} error ({@link Invalid#limit}); every other problem is {@code INVALID_INPUT}.
 */
public final class Limits {
    /** Longest JSON text read: 1 MiB, counted in chars of the Java string. */
    public static final int MAX_JSON_CHARS = 1 << 20;

    /** Longest binary input: 1 MiB. */
    public static final int MAX_BINARY_BYTES = 1 << 20;

    /** Deepest TypeInfo nesting; the outermost type is level 1, its args and elem level 2, and so on. */
    public static final int MAX_TYPE_DEPTH = 64;

    /** Largest {@code param_index} of a hint; no template has more parameters than this. */
    public static final int MAX_PARAM_INDEX = 255;

    /** Most hints in one {@code hints_json} (the inference engine takes no more either). */
    public static final int MAX_HINTS = 1024;

    /** Most type parameters of a template description, and most value parameters of its signature. */
    public static final int MAX_PARAMS = MAX_PARAM_INDEX + 1;

    /**
     * Most types in one TypeInfo (itself, its args and elems, all the way down) that the writer and
     * the encoder take: the canonical JSON of a larger one is longer than {@link #MAX_JSON_CHARS}
     * (every type takes at least 16 characters), so no reader would take it back. Counting also
     * bounds the work on a TypeInfo built in Java that shares subtrees, whose tree can be far larger
     * than the objects it is made of.
     */
    public static final int MAX_TYPE_NODES = 1 << 16;

    private Limits() {
    }
}
