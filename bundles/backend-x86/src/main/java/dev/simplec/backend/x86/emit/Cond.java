package dev.simplec.backend.x86.emit;

/** Condition codes of {@code jcc}/{@code setcc}/{@code cmovcc}, in hardware encoding order. */
public enum Cond {
    O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G;

    public int enc() {
        return ordinal();
    }
}
