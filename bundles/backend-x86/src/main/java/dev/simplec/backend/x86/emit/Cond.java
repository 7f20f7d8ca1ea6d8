package dev.simplec.backend.x86.emit;

/** Condition codes of {@code jcc}/{@code setcc}/{@code cmovcc}, in hardware encoding order. */
public enum Cond {
    O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G;

    private static final Cond[] ALL = values();

    public int enc() {
        return ordinal();
    }

    /** The opposite condition (the hardware pairs them in the low bit). */
    public Cond not() {
        return ALL[ordinal() ^ 1];
    }

    public static Cond of(int enc) {
        return ALL[enc];
    }

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
