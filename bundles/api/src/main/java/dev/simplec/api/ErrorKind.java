package dev.simplec.api;

/** What class of failure a {@link SimplecException} reports; the C ABI maps each to its message prefix-free text. */
public enum ErrorKind {
    /** An argument is malformed: bad JSON, invalid UTF-8, an invalid TypeInfo or hint. */
    INVALID_INPUT,
    /** The template text does not parse. */
    SYNTAX,
    /** The template parses but does not type-check. */
    TYPE,
    /** Hints conflict or leave a type parameter unresolved. */
    INFERENCE,
    /** A documented limit was exceeded (size, nesting, code size, branch range). */
    LIMIT,
    /** The request is valid but this backend or host cannot serve it. */
    UNSUPPORTED,
    /** A service the call needs is not there (no backend, platform stopping). */
    UNAVAILABLE,
    /** A defect in simplec itself. */
    INTERNAL
}
