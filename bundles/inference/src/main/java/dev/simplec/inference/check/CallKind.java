package dev.simplec.inference.check;

/** What a call expression calls, as the checker resolved it. */
public enum CallKind {
    /** A module function, by name: lowered to CALL of its instance. */
    DIRECT,
    /** A value of function type (a variable, a field, any expression): CALL_INDIRECT. */
    INDIRECT,
    /** One of {@link Builtin}: lowered inline. */
    BUILTIN
}
