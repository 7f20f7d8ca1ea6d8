package dev.simplec.inference.syntax;

/** Prefix operators. */
public enum UnaryOp {
    NEG("-"), NOT("!");

    private final String symbol;

    UnaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
