package dev.simplec.backend.arm.emit;

/** Condition codes of {@code b.cond}/{@code csel}, in hardware encoding order. */
public enum Cond {
    EQ, NE, HS, LO, MI, PL, VS, VC, HI, LS, GE, LT, GT, LE, AL, NV;

    private static final Cond[] ALL = values();

    public int enc() {
        return ordinal();
    }

    /** The opposite condition (pairs differ in the lowest encoding bit). */
    public Cond invert() {
        return ALL[ordinal() ^ 1];
    }
}
