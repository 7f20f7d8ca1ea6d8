package dev.simplec.inference.syntax;

import org.eclipse.jdt.annotation.Nullable;

/** Token classes; fixed tokens carry their spelling, used in "expected X" messages. */
public enum TokenKind {
    IDENT(null), INT(null), FLOAT(null), TEXT(null), EOF(null),

    // Keywords of SPEC §5, reserved now even where the parser does not support them yet.
    FN("fn"), LET("let"), VAR("var"), STRUCT("struct"), IF("if"), ELSE("else"), WHILE("while"),
    FOR("for"), IN("in"), RETURN("return"), BREAK("break"), CONTINUE("continue"), AS("as"),
    TRUE("true"), FALSE("false"),

    LPAREN("("), RPAREN(")"), LBRACE("{"), RBRACE("}"), LBRACKET("["), RBRACKET("]"),
    COMMA(","), COLON(":"), SEMI(";"), DOT("."), DOTDOT(".."), ARROW("->"),
    PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), PERCENT("%"),
    AMP("&"), PIPE("|"), CARET("^"), SHL("<<"), SHR(">>"), BANG("!"), ANDAND("&&"), OROR("||"),
    EQ("="), EQEQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    PLUS_EQ("+="), MINUS_EQ("-="), STAR_EQ("*="), SLASH_EQ("/="), PERCENT_EQ("%="),
    AMP_EQ("&="), PIPE_EQ("|="), CARET_EQ("^="), SHL_EQ("<<="), SHR_EQ(">>=");

    private final @Nullable String spelling;

    TokenKind(@Nullable String spelling) {
        this.spelling = spelling;
    }

    public @Nullable String spelling() {
        return spelling;
    }

    /** How an "expected ..." message names this kind. */
    public String describe() {
        String s = spelling;
        if (s != null) {
            return s;
        }
        return switch (this) {
            case IDENT -> "a name";
            case INT -> "an integer literal";
            case FLOAT -> "a float literal";
            case TEXT -> "a text literal";
            default -> "end of input";
        };
    }
}
