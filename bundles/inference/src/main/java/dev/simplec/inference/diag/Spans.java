package dev.simplec.inference.diag;

/**
 * A {@link Span} packed into a {@code long}: start in the high 32 bits, end in the low. Syntax nodes
 * keep their positions this way (a node has one or two, a template hundreds of nodes), and make a
 * {@code Span} object only when a message needs one.
 */
public final class Spans {
    private Spans() {
    }

    public static long of(int start, int end) {
        return ((long) start << 32) | (end & 0xFFFF_FFFFL);
    }

    public static long of(Span s) {
        return of(s.start(), s.end());
    }

    public static int start(long span) {
        return (int) (span >>> 32);
    }

    public static int end(long span) {
        return (int) span;
    }

    /** The smallest span covering both, as {@link Span#to}. */
    public static long to(long a, long b) {
        return of(Math.min(start(a), start(b)), Math.max(end(a), end(b)));
    }

    public static Span span(long span) {
        return new Span(start(span), end(span));
    }
}
