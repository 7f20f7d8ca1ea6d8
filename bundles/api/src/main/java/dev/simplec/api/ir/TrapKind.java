package dev.simplec.api.ir;

/**
 * Why generated code stops the process (SPEC §5): it prints
 * {@code simplec trap: <reason> in <function>} to stderr and exits with status 134.
 */
public enum TrapKind {
    DIVISION_BY_ZERO("division by zero"),
    DIVISION_OVERFLOW("integer overflow in division"),
    OUT_OF_BOUNDS("index out of bounds"),
    UNREACHABLE("unreachable code reached");

    /** The exit status of a trapping process, as for SIGABRT: 128 + 6. */
    public static final int EXIT_STATUS = 134;

    private final String reason;

    TrapKind(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The exact line written to stderr (without the newline). */
    public String message(String function) {
        return "simplec trap: " + reason + " in " + function;
    }
}
