package dev.simplec.inference.syntax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;

/**
 * The lexer's output as parallel arrays: token {@code i} is {@code kind(i)} over the source range
 * {@code [start(i), end(i))}, spelled {@code text(i)} (the decoded value of a text literal). No
 * object per token: the parser reads the arrays and makes a {@link Span} only for the nodes it builds.
 * Kinds are kept as ordinals in bytes, a quarter of an array of references and no barrier per store.
 */
final class Tokens {
    private static final TokenKind[] KINDS = TokenKind.values();

    static {
        // An ordinal must fit in a byte.
        if (KINDS.length > Byte.MAX_VALUE) {
            throw new AssertionError("too many token kinds for a byte: " + KINDS.length);
        }
    }

    private byte[] kinds;
    private int[] starts;
    private int[] ends;
    /** The text of each token that has one of its own; null for keywords and punctuation, spelled by their kind. */
    private @Nullable String[] texts;
    private int size;

    Tokens(int capacity) {
        int c = Math.max(capacity, 4);
        kinds = new byte[c];
        starts = new int[c];
        ends = new int[c];
        texts = new String[c];
    }

    void add(TokenKind kind, int start, int end, String text) {
        grow();
        kinds[size] = (byte) kind.ordinal();
        starts[size] = start;
        ends[size] = end;
        texts[size] = text;
        size++;
    }

    /**
     * A keyword or punctuation token: its text is its kind's spelling, so none is stored (most
     * tokens; a reference store costs a GC barrier, a byte does not).
     */
    void addFixed(TokenKind kind, int start, int end) {
        grow();
        kinds[size] = (byte) kind.ordinal();
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    private void grow() {
        if (size == kinds.length) {
            int c = size * 2;
            kinds = Arrays.copyOf(kinds, c);
            starts = Arrays.copyOf(starts, c);
            ends = Arrays.copyOf(ends, c);
            texts = Arrays.copyOf(texts, c);
        }
    }

    int size() {
        return size;
    }

    TokenKind kind(int i) {
        return KINDS[kinds[i]];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    String text(int i) {
        String s = texts[i];
        return s != null ? s : spelling(i);
    }

    /** The spelling of fixed token {@code i} (see {@link #addFixed}). */
    private String spelling(int i) {
        String s = kind(i).spelling();
        if (s == null) {
            throw new IllegalStateException("token " + i + " of kind " + kind(i) + " has no text");
        }
        return s;
    }

    Span span(int i) {
        return new Span(starts[i], ends[i]);
    }

    /** Turns a {@code >>} token into the {@code >} that follows its first half (closing nested type arguments). */
    void splitShr(int i) {
        kinds[i] = (byte) TokenKind.GT.ordinal();
        starts[i] = starts[i] + 1;
        texts[i] = null;
    }

    /** How a message quotes token {@code i}: the token itself, or "end of input". */
    String describe(int i) {
        return switch (kind(i)) {
            case EOF -> "end of input";
            case TEXT -> "a text literal";
            default -> text(i);
        };
    }

    Token token(int i) {
        return new Token(kind(i), text(i), span(i));
    }

    List<Token> toList() {
        List<Token> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(token(i));
        }
        return out;
    }
}
