package dev.simplec.inference.syntax;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.Span;

/**
 * Turns template text into tokens. Skips whitespace, {@code //} line comments and nestable
 * {@code /* *&#47;} block comments. Lexical errors are reported and skipped, so the parser still
 * sees a usable token stream.
 *
 * <p>Allocation-light: keywords and punctuation are recognised in place (no substring, no map
 * lookup) and carry their constant spelling as text; identifiers are interned per run, so every
 * use of a name is the same {@code String} (its hash computed once, equality by identity).
 */
public final class Lexer {
    /** Keywords by first letter: the only identifiers that can be one. */
    private static final TokenKind[][] KEYWORDS_BY_FIRST = keywordTable();

    private final String src;
    private final int len;
    private final Diagnostics diags;
    private final List<Token> tokens;
    private int pos;
    /** Interned identifier spellings: open addressing on String's own hash. */
    private String[] names = new String[64];
    private int nameCount;

    private Lexer(String src, Diagnostics diags) {
        this.src = src;
        this.len = src.length();
        this.diags = diags;
        // Typical template text has a token per three to four characters: one allocation, rarely a copy.
        this.tokens = new ArrayList<>(Math.min(1 << 16, 16 + len / 3));
    }

    /** All tokens of {@code src}, ending with one EOF token. */
    public static List<Token> tokenize(String src, Diagnostics diags) {
        Lexer lexer = new Lexer(src, diags);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipTrivia();
            if (pos >= len) {
                tokens.add(new Token(TokenKind.EOF, "", new Span(len, len)));
                return;
            }
            int start = pos;
            char ch = src.charAt(pos);
            if (ch < 0x80) {
                if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_') {
                    identifier(start);
                } else if (ch >= '0' && ch <= '9') {
                    number(start);
                } else if (ch == '"') {
                    text(start);
                } else if (!punctuation(start, ch)) {
                    pos++;
                    unexpected(start, ch);
                }
                continue;
            }
            int c = src.codePointAt(pos);
            if (isIdentStart(c)) {
                identifier(start);
            } else {
                pos += Character.charCount(c);
                unexpected(start, c);
            }
        }
    }

    private void unexpected(int start, int c) {
        diags.report(ErrorKind.SYNTAX, new Span(start, pos), "unexpected character '" + new String(Character.toChars(c)) + "'");
    }

    private void skipTrivia() {
        while (pos < len) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '/' && pos + 1 < len && src.charAt(pos + 1) == '/') {
                while (pos < len && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < len && src.charAt(pos + 1) == '*') {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() {
        int start = pos;
        int depth = 0;
        while (pos < len) {
            char c = src.charAt(pos);
            if (c == '/' && pos + 1 < len && src.charAt(pos + 1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && pos + 1 < len && src.charAt(pos + 1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        diags.report(ErrorKind.SYNTAX, new Span(start, start + 2), "unterminated block comment");
    }

    private void identifier(int start) {
        while (pos < len) {
            char ch = src.charAt(pos);
            if (ch < 0x80) {
                if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_') {
                    pos++;
                    continue;
                }
                break;
            }
            int c = src.codePointAt(pos);
            if (!isIdentPart(c)) {
                break;
            }
            pos += Character.charCount(c);
        }
        TokenKind kw = keyword(start, pos - start);
        if (kw != null) {
            tokens.add(new Token(kw, spelling(kw), new Span(start, pos)));
        } else {
            tokens.add(new Token(TokenKind.IDENT, name(start, pos), new Span(start, pos)));
        }
    }

    private @Nullable TokenKind keyword(int start, int length) {
        char first = src.charAt(start);
        if (first >= KEYWORDS_BY_FIRST.length) {
            return null;
        }
        TokenKind[] candidates = KEYWORDS_BY_FIRST[first];
        if (candidates == null) {
            return null;
        }
        for (TokenKind k : candidates) {
            String s = spelling(k);
            if (s.length() == length && src.startsWith(s, start)) {
                return k;
            }
        }
        return null;
    }

    /** The one String of this run spelled like {@code src[start, end)}. */
    private String name(int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + src.charAt(i);
        }
        int mask = names.length - 1;
        int n = end - start;
        for (int i = (h ^ (h >>> 16)) & mask;; i = (i + 1) & mask) {
            String s = names[i];
            if (s == null) {
                String fresh = src.substring(start, end);
                names[i] = fresh;
                if (++nameCount * 2 > names.length) {
                    rehash();
                }
                return fresh;
            }
            if (s.length() == n && s.hashCode() == h && src.startsWith(s, start)) {
                return s;
            }
        }
    }

    private void rehash() {
        String[] old = names;
        names = new String[old.length * 2];
        int mask = names.length - 1;
        for (String s : old) {
            if (s != null) {
                int h = s.hashCode();
                int i = (h ^ (h >>> 16)) & mask;
                while (names[i] != null) {
                    i = (i + 1) & mask;
                }
                names[i] = s;
            }
        }
    }

    private void number(int start) {
        boolean isFloat = false;
        boolean bad = false;
        if (src.startsWith("0x", pos) || src.startsWith("0b", pos)) {
            int radix = src.charAt(pos + 1) == 'x' ? 16 : 2;
            pos += 2;
            int digits = 0;
            while (pos < len && (Character.digit(src.charAt(pos), radix) >= 0 || src.charAt(pos) == '_')) {
                digits += src.charAt(pos) == '_' ? 0 : 1;
                pos++;
            }
            bad = digits == 0;
        } else {
            digits();
            // "1..5" is a range and "t.0" a field, so a dot starts a fraction only before a digit.
            if (pos + 1 < len && src.charAt(pos) == '.' && isDigit(src.charAt(pos + 1))) {
                isFloat = true;
                pos++;
                digits();
            }
            if (pos < len && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                isFloat = true;
                pos++;
                if (pos < len && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                    pos++;
                }
                bad = pos >= len || !isDigit(src.charAt(pos));
                digits();
            }
        }
        // A letter glued to a number ("12ab", "0x1g") is one malformed literal, not two tokens.
        while (pos < len && isIdentPart(src.codePointAt(pos))) {
            bad = true;
            pos += Character.charCount(src.codePointAt(pos));
        }
        if (bad) {
            diags.report(ErrorKind.SYNTAX, new Span(start, pos), "malformed number " + src.substring(start, pos));
            tokens.add(new Token(TokenKind.INT, "0", new Span(start, pos)));
            return;
        }
        add(isFloat ? TokenKind.FLOAT : TokenKind.INT, start);
    }

    private void digits() {
        while (pos < len && (isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
    }

    private void text(int start) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < len) {
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                tokens.add(new Token(TokenKind.TEXT, value.toString(), new Span(start, pos)));
                return;
            }
            if (c == '\\' && pos + 1 < len) {
                char e = src.charAt(pos + 1);
                int decoded = switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> 0;
                    case '\\' -> '\\';
                    case '"' -> '"';
                    default -> -1;
                };
                if (decoded < 0) {
                    diags.report(ErrorKind.SYNTAX, new Span(pos, pos + 2), "unknown escape \\" + e + " in text literal");
                } else {
                    value.append((char) decoded);
                }
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        diags.report(ErrorKind.SYNTAX, new Span(start, start + 1), "unterminated text literal");
        tokens.add(new Token(TokenKind.TEXT, value.toString(), new Span(start, pos)));
    }

    /** Longest match among the fixed tokens: "<<=" before "<<" before "<". */
    private boolean punctuation(int start, char c) {
        char n = start + 1 < len ? src.charAt(start + 1) : '\0';
        TokenKind kind = switch (c) {
            case '(' -> TokenKind.LPAREN;
            case ')' -> TokenKind.RPAREN;
            case '{' -> TokenKind.LBRACE;
            case '}' -> TokenKind.RBRACE;
            case '[' -> TokenKind.LBRACKET;
            case ']' -> TokenKind.RBRACKET;
            case ',' -> TokenKind.COMMA;
            case ':' -> TokenKind.COLON;
            case ';' -> TokenKind.SEMI;
            case '.' -> n == '.' ? TokenKind.DOTDOT : TokenKind.DOT;
            case '-' -> n == '>' ? TokenKind.ARROW : n == '=' ? TokenKind.MINUS_EQ : TokenKind.MINUS;
            case '+' -> n == '=' ? TokenKind.PLUS_EQ : TokenKind.PLUS;
            case '*' -> n == '=' ? TokenKind.STAR_EQ : TokenKind.STAR;
            case '/' -> n == '=' ? TokenKind.SLASH_EQ : TokenKind.SLASH;
            case '%' -> n == '=' ? TokenKind.PERCENT_EQ : TokenKind.PERCENT;
            case '&' -> n == '&' ? TokenKind.ANDAND : n == '=' ? TokenKind.AMP_EQ : TokenKind.AMP;
            case '|' -> n == '|' ? TokenKind.OROR : n == '=' ? TokenKind.PIPE_EQ : TokenKind.PIPE;
            case '^' -> n == '=' ? TokenKind.CARET_EQ : TokenKind.CARET;
            case '!' -> n == '=' ? TokenKind.NE : TokenKind.BANG;
            case '=' -> n == '=' ? TokenKind.EQEQ : TokenKind.EQ;
            case '<' -> n == '<' ? (start + 2 < len && src.charAt(start + 2) == '=' ? TokenKind.SHL_EQ : TokenKind.SHL)
                    : n == '=' ? TokenKind.LE : TokenKind.LT;
            case '>' -> n == '>' ? (start + 2 < len && src.charAt(start + 2) == '=' ? TokenKind.SHR_EQ : TokenKind.SHR)
                    : n == '=' ? TokenKind.GE : TokenKind.GT;
            default -> null;
        };
        if (kind == null) {
            return false;
        }
        String s = spelling(kind);
        pos = start + s.length();
        tokens.add(new Token(kind, s, new Span(start, pos)));
        return true;
    }

    private void add(TokenKind kind, int start) {
        tokens.add(new Token(kind, src.substring(start, pos), new Span(start, pos)));
    }

    private static String spelling(TokenKind k) {
        String s = k.spelling();
        if (s == null) {
            throw new IllegalStateException(k + " has no fixed spelling");
        }
        return s;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(int c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isIdentPart(int c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static TokenKind[][] keywordTable() {
        List<List<TokenKind>> byFirst = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            byFirst.add(new ArrayList<>());
        }
        for (TokenKind k : TokenKind.values()) {
            String s = k.spelling();
            if (s != null && Character.isLetter(s.charAt(0))) {
                byFirst.get(s.charAt(0)).add(k);
            }
        }
        TokenKind[][] out = new TokenKind[128][];
        for (int i = 0; i < 128; i++) {
            List<TokenKind> ks = byFirst.get(i);
            if (!ks.isEmpty()) {
                out[i] = ks.toArray(new TokenKind[0]);
            }
        }
        return out;
    }
}
