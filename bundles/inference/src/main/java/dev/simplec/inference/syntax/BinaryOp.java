package dev.simplec.inference.syntax;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Infix operators with their binding power (higher binds tighter, Rust's table). All of SPEC §5's
 * operators parse; the checker says which ones it supports yet.
 */
public enum BinaryOp {
    OR("||", 1), AND("&&", 2),
    EQ("==", 3), NE("!=", 3), LT("<", 3), LE("<=", 3), GT(">", 3), GE(">=", 3),
    BIT_OR("|", 4), BIT_XOR("^", 5), BIT_AND("&", 6), SHL("<<", 7), SHR(">>", 7),
    ADD("+", 8), SUB("-", 8), MUL("*", 9), DIV("/", 9), REM("%", 9);

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }

    /** Comparisons do not chain: {@code a < b < c} is an error, as in Rust. */
    public boolean isComparison() {
        return precedence == 3;
    }

    public static @Nullable BinaryOp of(TokenKind kind) {
        return switch (kind) {
            case OROR -> OR;
            case ANDAND -> AND;
            case EQEQ -> EQ;
            case NE -> NE;
            case LT -> LT;
            case LE -> LE;
            case GT -> GT;
            case GE -> GE;
            case PIPE -> BIT_OR;
            case CARET -> BIT_XOR;
            case AMP -> BIT_AND;
            case SHL -> SHL;
            case SHR -> SHR;
            case PLUS -> ADD;
            case MINUS -> SUB;
            case STAR -> MUL;
            case SLASH -> DIV;
            case PERCENT -> REM;
            default -> null;
        };
    }
}
