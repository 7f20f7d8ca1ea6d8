package dev.simplec.inference.diag;

import java.util.Arrays;

/** The template text with a line index, to turn offsets into 1-based line:column. */
public final class SourceText {
    /** The file name diagnostics show: templates arrive as strings, not files. */
    public static final String NAME = "template";

    private final String text;
    private final int[] lineStarts;

    public SourceText(String text) {
        this.text = text;
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    public String text() {
        return text;
    }

    /** The 1-based line holding {@code offset} (offset may be the text length: the end of input). */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The 1-based column of {@code offset}, counted in Unicode code points. */
    public int column(int offset) {
        int start = lineStarts[line(offset) - 1];
        return text.codePointCount(start, Math.min(offset, text.length())) + 1;
    }

    /** The text of the 1-based line {@code line}, without its line terminator. */
    public String lineText(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    /** {@code template:line:col}, the prefix of every positioned message. */
    public String position(int offset) {
        return NAME + ":" + line(offset) + ":" + column(offset);
    }
}
