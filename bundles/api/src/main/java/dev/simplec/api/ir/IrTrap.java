package dev.simplec.api.ir;

/** A trap of interpreted code: what native code reports with {@link TrapKind#message} and exit status 134. */
public final class IrTrap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final TrapKind kind;
    private final String function;

    public IrTrap(TrapKind kind, String function) {
        super(kind.message(function));
        this.kind = kind;
        this.function = function;
    }

    public TrapKind kind() {
        return kind;
    }

    public String function() {
        return function;
    }
}
