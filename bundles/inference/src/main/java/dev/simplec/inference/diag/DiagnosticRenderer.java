package dev.simplec.inference.diag;

/**
 * Renders a diagnostic like a compiler does: {@code template:3:14: message}, the source line, and a
 * caret line under the span. Long lines are cut to a window around the span so that a message
 * about a 100,000-character line stays readable.
 */
public final class DiagnosticRenderer {
    /** Source lines longer than this (in code points) are shown as a window. */
    static final int MAX_LINE = 120;
    private static final int LEAD = 40;
    private static final String ELLIPSIS = "...";

    private DiagnosticRenderer() {
    }

    public static String render(SourceText source, Diagnostic d) {
        String text = source.text();
        int start = Math.min(d.span().start(), text.length());
        if (start == text.length()) {
            // "end of input" reads better at the end of the last line with text than on an empty last line.
            while (start > 0 && Character.isWhitespace(text.charAt(start - 1))) {
                start--;
            }
        }
        int line = source.line(start);
        int col = source.column(start) - 1;
        int[] cps = source.lineText(line).codePoints().toArray();
        // The span's extent on its first line; at least one caret, even for an empty span or at the end.
        int endOnLine = Math.min(cps.length, col + source.text().codePointCount(start,
                Math.min(Math.max(d.span().end(), start), source.text().length())));
        int width = Math.max(1, endOnLine - col);

        int from = 0;
        int to = cps.length;
        if (cps.length > MAX_LINE) {
            from = Math.max(0, Math.min(col - LEAD, cps.length - MAX_LINE));
            to = Math.min(cps.length, from + MAX_LINE);
            width = Math.max(1, Math.min(width, to - col));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(source.position(start)).append(": ").append(d.message()).append('\n');
        StringBuilder caret = new StringBuilder();
        if (from > 0) {
            sb.append(ELLIPSIS);
            caret.append(" ".repeat(ELLIPSIS.length()));
        }
        for (int i = from; i < to; i++) {
            sb.appendCodePoint(cps[i]);
        }
        if (to < cps.length) {
            sb.append(ELLIPSIS);
        }
        // Keep tabs so that the carets line up under the same characters in a terminal.
        for (int i = from; i < col && i < to; i++) {
            caret.append(cps[i] == '\t' ? '\t' : ' ');
        }
        for (int i = cps.length; i < col; i++) {
            caret.append(' ');
        }
        caret.append("^".repeat(width));
        sb.append('\n').append(caret);
        return sb.toString();
    }
}
