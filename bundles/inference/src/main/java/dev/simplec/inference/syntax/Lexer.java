package dev.simplec.inference.syntax;

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
 * <p>Allocation-light: tokens go into parallel arrays ({@link Tokens}), not an object each;
 * keywords and punctuation are recognised in place (no substring, no map lookup) and carry their
 * constant spelling as text; identifiers are interned per run, so every use of a name is the same
 * {@code String} (its hash computed once, equality by identity).
 */
public final class Lexer {
    /** Keywords in an open-addressing table on their String hash (see {@link #slot}), spellings beside kinds. */
    private static final int KEYWORD_MASK = 63;
    private static final String[] KEYWORD_SPELLINGS = new String[KEYWORD_MASK + 1];
    private static final TokenKind[] KEYWORD_KINDS = new TokenKind[KEYWORD_MASK + 1];
    /** The shortest and longest keyword: names of other lengths never probe the table. */
    private static final int KEYWORD_MIN;
    private static final int KEYWORD_MAX;

    static {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (TokenKind k : TokenKind.values()) {
            String s = k.spelling();
            if (s != null && Character.isLetter(s.charAt(0))) {
                int i = slot(s.hashCode(), KEYWORD_MASK);
                while (KEYWORD_SPELLINGS[i] != null) {
                    i = (i + 1) & KEYWORD_MASK;
                }
                KEYWORD_SPELLINGS[i] = s;
                KEYWORD_KINDS[i] = k;
                min = Math.min(min, s.length());
                max = Math.max(max, s.length());
            }
        }
        KEYWORD_MIN = min;
        KEYWORD_MAX = max;
    }

    /**
     * Punctuation by first character: the one-character token, and the longer ones (two or three
     * characters) longest first, so that the first that matches is the longest match ({@code <<=}
     * before {@code <<} before {@code <=}).
     */
    private static final TokenKind[] PUNCT_ONE = new TokenKind[0x80];
    private static final TokenKind[][] PUNCT_LONGER = new TokenKind[0x80][];

    static {
        for (TokenKind k : TokenKind.values()) {
            String s = k.spelling();
            if (s == null || Character.isLetter(s.charAt(0))) {
                continue;
            }
            char c = s.charAt(0);
            if (s.length() == 1) {
                PUNCT_ONE[c] = k;
            } else {
                TokenKind[] old = PUNCT_LONGER[c];
                TokenKind[] more = old == null ? new TokenKind[1] : java.util.Arrays.copyOf(old, old.length + 1);
                more[more.length - 1] = k;
                java.util.Arrays.sort(more, (a, b) -> spelling(b).length() - spelling(a).length());
                PUNCT_LONGER[c] = more;
            }
        }
    }

    /** ASCII letters, digits and '_': the characters of an identifier after its first. */
    private static final boolean[] IDENT_PART = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            IDENT_PART[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }

    private final String src;
    private final int len;
    private final Diagnostics diags;
    private final Tokens tokens;
    private int pos;
    /** Interned identifier spellings: open addressing on String's own hash. */
    private String[] names = new String[64];
    private int nameCount;

    private Lexer(String src, Diagnostics diags) {
        this.src = src;
        this.len = src.length();
        this.diags = diags;
        // Typical template text has a token per three to four characters: one allocation, rarely a copy.
        this.tokens = new Tokens(Math.min(1 << 16, 16 + len / 3));
    }

    /** All tokens of {@code src}, ending with one EOF token. */
    public static List<Token> tokenize(String src, Diagnostics diags) {
        return scan(src, diags).toList();
    }

    /** All tokens of {@code src}, ending with one EOF token, as the parser reads them. */
    static Tokens scan(String src, Diagnostics diags) {
        Lexer lexer = new Lexer(src, diags);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipTrivia();
            if (pos >= len) {
                tokens.add(TokenKind.EOF, len, len, "");
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
                int nl = src.indexOf('\n', pos);
                pos = nl < 0 ? len : nl;
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

    /**
     * An identifier or keyword. Its String hash is computed while it is scanned: one pass finds
     * the keyword (a table probe) or the interned name.
     */
    private void identifier(int start) {
        int h = 0;
        while (pos < len) {
            char ch = src.charAt(pos);
            if (ch < 0x80) {
                if (IDENT_PART[ch]) {
                    h = 31 * h + ch;
                    pos++;
                    continue;
                }
                break;
            }
            int c = src.codePointAt(pos);
            if (!isIdentPart(c)) {
                break;
            }
            int end = pos + Character.charCount(c);
            for (; pos < end; pos++) {
                h = 31 * h + src.charAt(pos);
            }
        }
        if (pos - start > Limits.MAX_IDENTIFIER_CHARS) {
            tooLong(start, "identifier", Limits.MAX_IDENTIFIER_CHARS);
        }
        TokenKind kw = keyword(start, pos - start, h);
        if (kw != null) {
            tokens.add(kw, start, pos, spelling(kw));
        } else {
            tokens.add(TokenKind.IDENT, start, pos, name(start, pos, h));
        }
    }

    /** The table index to probe first for String hash {@code h}. */
    private static int slot(int h, int mask) {
        return (h ^ (h >>> 16)) & mask;
    }

    /** The keyword spelled {@code src[start, start + length)}, whose String hash is {@code h}; null if none. */
    private @Nullable TokenKind keyword(int start, int length, int h) {
        if (length < KEYWORD_MIN || length > KEYWORD_MAX) {
            return null;
        }
        for (int i = slot(h, KEYWORD_MASK);; i = (i + 1) & KEYWORD_MASK) {
            String s = KEYWORD_SPELLINGS[i];
            if (s == null) {
                return null;
            }
            if (s.length() == length && s.hashCode() == h && src.startsWith(s, start)) {
                return KEYWORD_KINDS[i];
            }
        }
    }

    /** The one String of this run spelled like {@code src[start, end)}, whose String hash is {@code h}. */
    private String name(int start, int end, int h) {
        int mask = names.length - 1;
        int n = end - start;
        for (int i = slot(h, mask);; i = (i + 1) & mask) {
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
                int i = slot(s.hashCode(), mask);
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
        if (pos - start > Limits.MAX_LITERAL_CHARS) {
            tooLong(start, "number", Limits.MAX_LITERAL_CHARS);
            tokens.add(TokenKind.INT, start, pos, "0");
            return;
        }
        if (bad) {
            diags.report(ErrorKind.SYNTAX, new Span(start, pos), "malformed number " + src.substring(start, pos));
            tokens.add(TokenKind.INT, start, pos, "0");
            return;
        }
        add(isFloat ? TokenKind.FLOAT : TokenKind.INT, start);
    }

    /** A token longer than {@code limit} characters: a LIMIT diagnostic over it, without quoting it. */
    private void tooLong(int start, String what, int limit) {
        diags.report(ErrorKind.LIMIT, new Span(start, pos), what + " is too long: " + (pos - start)
                + " characters (the limit is " + limit + ")");
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
                if (pos - start > Limits.MAX_LITERAL_CHARS) {
                    tooLong(start, "text literal", Limits.MAX_LITERAL_CHARS);
                }
                tokens.add(TokenKind.TEXT, start, pos, value.toString());
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
        tokens.add(TokenKind.TEXT, start, pos, value.toString());
    }

    /** Longest match among the fixed tokens: "<<=" before "<<" before "<". */
    private boolean punctuation(int start, char c) {
        TokenKind kind = null;
        TokenKind[] longer = PUNCT_LONGER[c];
        if (longer != null) {
            for (TokenKind k : longer) {
                String s = spelling(k);
                int end = start + s.length();
                if (end <= len && src.charAt(start + 1) == s.charAt(1) && (s.length() < 3 || src.charAt(start + 2) == s.charAt(2))) {
                    kind = k;
                    break;
                }
            }
        }
        if (kind == null) {
            kind = PUNCT_ONE[c];
            if (kind == null) {
                return false;
            }
        }
        String s = spelling(kind);
        pos = start + s.length();
        tokens.add(kind, start, pos, s);
        return true;
    }

    private void add(TokenKind kind, int start) {
        tokens.add(kind, start, pos, src.substring(start, pos));
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
}
