package dev.simplec.api;

/**
 * The one exception type simplec services throw. Its message is complete and user-facing: it is
 * what {@code compiler_get_last_error} returns, so it says what was wrong and where.
 */
public class SimplecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public SimplecException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SimplecException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Same failure, with {@code context + ": "} in front of the message (e.g. the argument name). */
    public SimplecException within(String context) {
        return new SimplecException(kind, context + ": " + getMessage(), this);
    }
}
