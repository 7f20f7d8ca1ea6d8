package dev.simplec.api.codegen;

/** Which calls a backend replaces by the callee's body before compiling ({@link CallInlining}). */
public enum Inlining {
    /** Calls of small leaf functions (the backends' {@code compile} and {@code disassemble}). */
    SMALL_LEAVES,
    /** None: every call stays a call (tests of the calling convention between functions; comparisons). */
    NONE
}
