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
    /**
     * Keywords in a table without collisions, indexed by {@link #keywordSlot} of their String hash:
     * a name is a keyword only if the one slot it maps to holds its spelling (no probing). The
     * multiplier that spreads the keywords apart is found once, here.
     */
    private static final int KEYWORD_BITS = 7;
    private static final int KEYWORD_MASK = (1 << KEYWORD_BITS) - 1;
    private static final int KEYWORD_MULTIPLIER;
    private static final char[][] KEYWORD_CHARS = new char[KEYWORD_MASK + 1][];
    private static final int[] KEYWORD_HASHES = new int[KEYWORD_MASK + 1];
    private static final TokenKind[] KEYWORD_KINDS = new TokenKind[KEYWORD_MASK + 1];

    static {
        List<TokenKind> keywords = new java.util.ArrayList<>();
        for (TokenKind k : TokenKind.values()) {
            String sp = k.spelling();
            if (sp != null && Character.isLetter(sp.charAt(0))) {
                keywords.add(k);
            }
        }
        int multiplier = 0;
        for (int m = 0x9E3779B1; multiplier == 0; m += 2) {
            boolean[] used = new boolean[KEYWORD_MASK + 1];
            boolean clash = false;
            for (TokenKind k : keywords) {
                int i = (spelling(k).hashCode() * m) >>> (32 - KEYWORD_BITS);
                clash |= used[i];
                used[i] = true;
            }
            multiplier = clash ? 0 : m;
        }
        KEYWORD_MULTIPLIER = multiplier;
        for (TokenKind k : keywords) {
            String sp = spelling(k);
            int i = keywordSlot(sp.hashCode());
            KEYWORD_CHARS[i] = sp.toCharArray();
            KEYWORD_HASHES[i] = sp.hashCode();
            KEYWORD_KINDS[i] = k;
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
    /** The text's chars: array reads, not String.charAt's coder test and range check on every char. */
    private final char[] buf;
    private final int len;
    private final Diagnostics diags;
    private final Tokens tokens;
    private int pos;
    /** Interned identifier spellings: open addressing on String's hash, which is kept beside each in nameHashes. */
    private String[] names = new String[64];
    private int[] nameHashes = new int[64];
    private int nameCount;

    private Lexer(String src, Diagnostics diags) {
        this.src = src;
        this.buf = src.toCharArray();
        this.len = buf.length;
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
            char ch = buf[pos];
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
            int c = Character.codePointAt(buf, pos);
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
        // A local position: the field is written back once, not on every character.
        char[] b = buf;
        int p = pos;
        while (p < len) {
            char c = b[p];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                p++;
            } else if (c == '/' && p + 1 < len && b[p + 1] == '/') {
                int nl = src.indexOf('\n', p);
                p = nl < 0 ? len : nl;
            } else if (c == '/' && p + 1 < len && b[p + 1] == '*') {
                pos = p;
                blockComment();
                p = pos;
            } else {
                break;
            }
        }
        pos = p;
    }

    private void blockComment() {
        int start = pos;
        int depth = 0;
        while (pos < len) {
            char c = buf[pos];
            if (c == '/' && pos + 1 < len && buf[pos + 1] == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && pos + 1 < len && buf[pos + 1] == '/') {
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
        char[] b = buf;
        int p = pos;
        int h = 0;
        while (p < len) {
            char ch = b[p];
            if (ch < 0x80) {
                if (IDENT_PART[ch]) {
                    h = 31 * h + ch;
                    p++;
                    continue;
                }
                break;
            }
            int c = Character.codePointAt(b, p);
            if (!isIdentPart(c)) {
                break;
            }
            int end = p + Character.charCount(c);
            for (; p < end; p++) {
                h = 31 * h + b[p];
            }
        }
        pos = p;
        if (pos - start > Limits.MAX_IDENTIFIER_CHARS) {
            tooLong(start, "identifier", Limits.MAX_IDENTIFIER_CHARS);
        }
        TokenKind kw = keyword(start, pos - start, h);
        if (kw != null) {
            tokens.addFixed(kw, start, pos);
        } else {
            tokens.add(TokenKind.IDENT, start, pos, name(start, pos, h));
        }
    }

    /** The table index to probe first for String hash {@code h}. */
    private static int slot(int h, int mask) {
        return (h ^ (h >>> 16)) & mask;
    }

    private static int keywordSlot(int h) {
        return (h * KEYWORD_MULTIPLIER) >>> (32 - KEYWORD_BITS);
    }

    /** The keyword spelled {@code src[start, start + length)}, whose String hash is {@code h}; null if none. */
    private @Nullable TokenKind keyword(int start, int length, int h) {
        int i = keywordSlot(h);
        char[] k = KEYWORD_CHARS[i];
        if (k == null || KEYWORD_HASHES[i] != h || k.length != length) {
            return null;
        }
        for (int j = 0; j < length; j++) {
            if (buf[start + j] != k[j]) {
                return null;
            }
        }
        return KEYWORD_KINDS[i];
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
                nameHashes[i] = h;
                if (++nameCount * 2 > names.length) {
                    rehash();
                }
                return fresh;
            }
            // The hash kept beside the name: a fresh String would compute its own on first use.
            if (nameHashes[i] == h && s.length() == n && spelledAt(s, start)) {
                return s;
            }
        }
    }

    private void rehash() {
        String[] old = names;
        int[] oldHashes = nameHashes;
        names = new String[old.length * 2];
        nameHashes = new int[old.length * 2];
        int mask = names.length - 1;
        for (int k = 0; k < old.length; k++) {
            if (old[k] != null) {
                int i = slot(oldHashes[k], mask);
                while (names[i] != null) {
                    i = (i + 1) & mask;
                }
                names[i] = old[k];
                nameHashes[i] = oldHashes[k];
            }
        }
    }

    private void number(int start) {
        boolean isFloat = false;
        boolean bad = false;
        if (src.startsWith("0x", pos) || src.startsWith("0b", pos)) {
            int radix = buf[pos + 1] == 'x' ? 16 : 2;
            pos += 2;
            int digits = 0;
            while (pos < len && (Character.digit(buf[pos], radix) >= 0 || buf[pos] == '_')) {
                digits += buf[pos] == '_' ? 0 : 1;
                pos++;
            }
            bad = digits == 0;
        } else {
            digits();
            // "1..5" is a range and "t.0" a field, so a dot starts a fraction only before a digit.
            if (pos + 1 < len && buf[pos] == '.' && isDigit(buf[pos + 1])) {
                isFloat = true;
                pos++;
                digits();
            }
            if (pos < len && (buf[pos] == 'e' || buf[pos] == 'E')) {
                isFloat = true;
                pos++;
                if (pos < len && (buf[pos] == '+' || buf[pos] == '-')) {
                    pos++;
                }
                bad = pos >= len || !isDigit(buf[pos]);
                digits();
            }
        }
        // A letter glued to a number ("12ab", "0x1g") is one malformed literal, not two tokens.
        while (pos < len && isIdentPart(Character.codePointAt(buf, pos))) {
            bad = true;
            pos += Character.charCount(Character.codePointAt(buf, pos));
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
        while (pos < len && (isDigit(buf[pos]) || buf[pos] == '_')) {
            pos++;
        }
    }

    private void text(int start) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < len) {
            char c = buf[pos];
            if (c == '"') {
                pos++;
                if (pos - start > Limits.MAX_LITERAL_CHARS) {
                    tooLong(start, "text literal", Limits.MAX_LITERAL_CHARS);
                }
                tokens.add(TokenKind.TEXT, start, pos, value.toString());
                return;
            }
            if (c == '\\' && pos + 1 < len) {
                char e = buf[pos + 1];
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

    /**
     * Longest match among the fixed tokens ("<<=" before "<<" before "<"): a switch on the first
     * character, then a look at the next one or two (LexerTest checks every spelling of TokenKind).
     */
    private boolean punctuation(int start, char c) {
        char n = start + 1 < len ? buf[start + 1] : 0;
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
            case '^' -> n == '=' ? TokenKind.CARET_EQ : TokenKind.CARET;
            case '&' -> n == '&' ? TokenKind.ANDAND : n == '=' ? TokenKind.AMP_EQ : TokenKind.AMP;
            case '|' -> n == '|' ? TokenKind.OROR : n == '=' ? TokenKind.PIPE_EQ : TokenKind.PIPE;
            case '!' -> n == '=' ? TokenKind.NE : TokenKind.BANG;
            case '=' -> n == '=' ? TokenKind.EQEQ : TokenKind.EQ;
            case '<' -> n == '<' ? (afterNext(start) == '=' ? TokenKind.SHL_EQ : TokenKind.SHL)
                    : n == '=' ? TokenKind.LE : TokenKind.LT;
            case '>' -> n == '>' ? (afterNext(start) == '=' ? TokenKind.SHR_EQ : TokenKind.SHR)
                    : n == '=' ? TokenKind.GE : TokenKind.GT;
            default -> null;
        };
        if (kind == null) {
            return false;
        }
        pos = start + spelling(kind).length();
        tokens.addFixed(kind, start, pos);
        return true;
    }

    /** The character two after {@code start}, or 0 past the end. */
    private char afterNext(int start) {
        return start + 2 < len ? buf[start + 2] : 0;
    }

    /** Whether {@code s} is spelled at {@code start} (the caller has checked that it fits before the end). */
    private boolean spelledAt(String s, int start) {
        for (int i = 0; i < s.length(); i++) {
            if (buf[start + i] != s.charAt(i)) {
                return false;
            }
        }
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
