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
    /** Functions in one module. */
    public static final int MAX_FUNCTIONS = 1000;
    /** Structs in one module. */
    public static final int MAX_STRUCTS = 1000;
    /** Characters of one identifier (names of functions, structs, fields, variables, type parameters). */
    public static final int MAX_IDENTIFIER_CHARS = 256;
    /** Characters of one number or text literal as written (a text literal's quotes and escapes count). */
    public static final int MAX_LITERAL_CHARS = 4096;
    /**
     * Type nodes in one type (a type, its elements, arguments, parameters, all the way down): in the
     * checker, in hints and type arguments, and in the type arguments of one function instance. A
     * type that doubles step by step ({@code let b = (a, a);} over and over, or {@code f<(T, T)>}
     * calling itself) stops here instead of growing exponentially.
     */
    public static final int MAX_TYPE_NODES = 1000;
    /** Hints given to one inference (the serializer reads no more either). */
    public static final int MAX_HINTS = 1024;
    /** Type parameters of one function or template, and value parameters of one function or signature. */
    public static final int MAX_PARAMS = 256;

    private Limits() {
    }
}
