package dev.simplec.inference.syntax;

/** Documented limits of the front end; exceeding one is an ErrorKind.LIMIT diagnostic. */
public final class Limits {
    /** Template size in chars: bounds memory and time spent on one request. */
    public static final int MAX_SOURCE_CHARS = 1 << 20;
    /**
     * Syntax nesting (parentheses, operator chains, unary operators, nested types). The checker and
     * lowering recurse over the tree, so this also bounds their stack use.
     */
    public static final int MAX_NESTING = 256;

    private Limits() {
    }
}
