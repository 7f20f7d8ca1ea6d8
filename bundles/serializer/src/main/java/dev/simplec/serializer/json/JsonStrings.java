package dev.simplec.serializer.json;

/** JSON string literals: the canonical escaping the writer uses, and short quotations for messages. */
public final class JsonStrings {
    /** Longest quotation of input text in an error message, in chars. */
    static final int MAX_QUOTED = 40;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonStrings() {
    }

    /**
     * Appends {@code s} as a JSON string: {@code "} and {@code \} escaped, control characters as
     * {@code \b \f \n \r \t} or a backslash-u escape with uppercase hex (as Jackson writes them), everything else as is.
     */
    public static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, start, i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
            }
            start = i + 1;
        }
        if (start == 0) {
            sb.append(s); // nothing escaped: a bulk copy, faster than a range append
        } else {
            sb.append(s, start, n);
        }
        sb.append('"');
    }

    /** {@code s} quoted for an error message, cut to {@value #MAX_QUOTED} chars with "..." after. */
    public static String quoteShort(String s) {
        StringBuilder sb = new StringBuilder();
        appendQuoted(sb, cut(s));
        if (s.length() > MAX_QUOTED) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** Raw input text (a number) for an error message, cut like {@link #quoteShort}. */
    static String showShort(String s) {
        return s.length() > MAX_QUOTED ? cut(s) + "..." : s;
    }

    private static String cut(String s) {
        if (s.length() <= MAX_QUOTED) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
        return s.substring(0, end);
    }
}
