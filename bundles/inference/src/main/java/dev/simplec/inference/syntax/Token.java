package dev.simplec.inference.syntax;

import dev.simplec.inference.diag.Span;

/**
 * One token. {@code text} is the source spelling, except for text literals, where it is the
 * decoded value (escapes resolved).
 */
public record Token(TokenKind kind, String text, Span span) {
    /** How a message quotes what was found: the token itself, or "end of input". */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case TEXT -> "a text literal";
            default -> text;
        };
    }
}
