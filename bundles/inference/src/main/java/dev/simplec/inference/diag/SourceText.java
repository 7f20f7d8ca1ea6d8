package dev.simplec.inference.diag;

import java.util.Arrays;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The template text with a line index, to turn offsets into 1-based line:column. The index is built
 * on first use: a template that compiles never needs it. Not thread-safe (one per compilation).
 */
public final class SourceText {
    /** The file name diagnostics show: templates arrive as strings, not files. */
    public static final String NAME = "template";

    private final String text;
    /** Offsets where lines start; computed when a position is first needed (only diagnostics need one). */
    private int @Nullable [] lineStarts;

    public SourceText(String text) {
        this.text = text;
    }

    private int[] lineStarts() {
        int[] known = lineStarts;
        if (known != null) {
            return known;
        }
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
        int[] exact = Arrays.copyOf(starts, count);
        lineStarts = exact;
        return exact;
    }

    public String text() {
        return text;
    }

    /** The 1-based line holding {@code offset} (offset may be the text length: the end of input). */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts(), offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The 1-based column of {@code offset}, counted in Unicode code points. */
    public int column(int offset) {
        int start = lineStarts()[line(offset) - 1];
        return text.codePointCount(start, Math.min(offset, text.length())) + 1;
    }

    /** The text of the 1-based line {@code line}, without its line terminator. */
    public String lineText(int line) {
        int[] starts = lineStarts();
        int start = starts[line - 1];
        int end = line < starts.length ? starts[line] - 1 : text.length();
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
