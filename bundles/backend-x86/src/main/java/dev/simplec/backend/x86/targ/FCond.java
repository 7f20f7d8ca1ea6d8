package dev.simplec.backend.x86.targ;

/**
 * Float comparisons after {@code ucomis}: each but EQ/NE is one unsigned-style condition with the
 * operands in the order that makes "unordered" (ZF=PF=CF=1) come out false: {@code a < b} is
 * {@code ucomis b, a; ja}. EQ needs ZF=1 and PF=0, NE ZF=0 or PF=1.
 */
public enum FCond {
    EQ, NE, LT, LE, GT, GE;

    /** Whether the operands are compared as {@code ucomis b, a}. */
    public boolean swapped() {
        return this == LT || this == LE;
    }
}
