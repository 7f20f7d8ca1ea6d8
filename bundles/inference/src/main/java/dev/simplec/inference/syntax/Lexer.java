package dev.simplec.inference.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.Span;
import dev.simplec.inference.util.Maps;

/**
 * Turns template text into tokens. Skips whitespace, {@code //} line comments and nestable
 * {@code /* *&#47;} block comments. Lexical errors are reported and skipped, so the parser still
 * sees a usable token stream.
 */
public final class Lexer {
    private static final Map<String, TokenKind> KEYWORDS = keywords();

    private final String src;
    private final Diagnostics diags;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String src, Diagnostics diags) {
        this.src = src;
        this.diags = diags;
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
            if (pos >= src.length()) {
                tokens.add(new Token(TokenKind.EOF, "", new Span(src.length(), src.length())));
                return;
            }
            int start = pos;
            int c = src.codePointAt(pos);
            if (isIdentStart(c)) {
                identifier(start);
            } else if (c >= '0' && c <= '9') {
                number(start);
            } else if (c == '"') {
                text(start);
            } else if (!punctuation(start)) {
                pos += Character.charCount(c);
                diags.report(ErrorKind.SYNTAX, new Span(start, pos),
                        "unexpected character '" + new String(Character.toChars(c)) + "'");
            }
        }
    }

    private void skipTrivia() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (src.startsWith("/*", pos)) {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() {
        int start = pos;
        int depth = 0;
        while (pos < src.length()) {
            if (src.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (src.startsWith("*/", pos)) {
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
        while (pos < src.length() && isIdentPart(src.codePointAt(pos))) {
            pos += Character.charCount(src.codePointAt(pos));
        }
        String word = src.substring(start, pos);
        add(KEYWORDS.getOrDefault(word, TokenKind.IDENT), start);
    }

    private void number(int start) {
        boolean isFloat = false;
        boolean bad = false;
        if (src.startsWith("0x", pos) || src.startsWith("0b", pos)) {
            int radix = src.charAt(pos + 1) == 'x' ? 16 : 2;
            pos += 2;
            int digits = 0;
            while (pos < src.length() && (Character.digit(src.charAt(pos), radix) >= 0 || src.charAt(pos) == '_')) {
                digits += src.charAt(pos) == '_' ? 0 : 1;
                pos++;
            }
            bad = digits == 0;
        } else {
            digits();
            // "1..5" is a range and "t.0" a field, so a dot starts a fraction only before a digit.
            if (pos + 1 < src.length() && src.charAt(pos) == '.' && isDigit(src.charAt(pos + 1))) {
                isFloat = true;
                pos++;
                digits();
            }
            if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                isFloat = true;
                pos++;
                if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                    pos++;
                }
                bad = pos >= src.length() || !isDigit(src.charAt(pos));
                digits();
            }
        }
        // A letter glued to a number ("12ab", "0x1g") is one malformed literal, not two tokens.
        while (pos < src.length() && isIdentPart(src.codePointAt(pos))) {
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
        while (pos < src.length() && (isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
    }

    private void text(int start) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                tokens.add(new Token(TokenKind.TEXT, value.toString(), new Span(start, pos)));
                return;
            }
            if (c == '\\' && pos + 1 < src.length()) {
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
    private boolean punctuation(int start) {
        for (int len = 3; len >= 1; len--) {
            if (start + len <= src.length()) {
                TokenKind kind = Maps.get(PUNCT, src.substring(start, start + len));
                if (kind != null) {
                    pos = start + len;
                    add(kind, start);
                    return true;
                }
            }
        }
        return false;
    }

    private void add(TokenKind kind, int start) {
        tokens.add(new Token(kind, src.substring(start, pos), new Span(start, pos)));
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

    private static final Map<String, TokenKind> PUNCT = punctuationTable();

    private static Map<String, TokenKind> punctuationTable() {
        Map<String, TokenKind> m = new java.util.HashMap<>();
        for (TokenKind k : TokenKind.values()) {
            String s = k.spelling();
            if (s != null && !Character.isLetter(s.charAt(0))) {
                m.put(s, k);
            }
        }
        return Map.copyOf(m);
    }

    private static Map<String, TokenKind> keywords() {
        Map<String, TokenKind> m = new java.util.HashMap<>();
        for (TokenKind k : TokenKind.values()) {
            String s = k.spelling();
            if (s != null && Character.isLetter(s.charAt(0))) {
                m.put(s, k);
            }
        }
        return Map.copyOf(m);
    }
}
