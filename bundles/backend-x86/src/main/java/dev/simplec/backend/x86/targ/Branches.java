package dev.simplec.backend.x86.targ;

/**
 * Packs a conditional branch's two target blocks and its condition into an immediate. Branches
 * that compare with a constant ({@code BR_CMPI}) use a second packing that makes room for it.
 */
public final class Branches {
    private static final int MASK = (1 << 24) - 1;
    /** Targets of a compare-with-immediate branch are below 2^14. */
    public static final int SMALL = (1 << 14) - 1;

    private Branches() {
    }

    public static long of(int thenBlock, int elseBlock, int cond) {
        if (thenBlock > MASK || elseBlock > MASK) {
            throw new IllegalArgumentException("more than 16M blocks");
        }
        return thenBlock | (long) elseBlock << 24 | (long) cond << 48;
    }

    public static int thenBlock(long imm) {
        return (int) (imm & MASK);
    }

    public static int elseBlock(long imm) {
        return (int) (imm >>> 24 & MASK);
    }

    public static int cond(long imm) {
        return (int) (imm >>> 48 & 0xF);
    }

    /** then (14 bits), else (14 bits), condition (4 bits), constant (32 bits). */
    public static long withConstant(int thenBlock, int elseBlock, int cond, int constant) {
        if (thenBlock > SMALL || elseBlock > SMALL) {
            throw new IllegalArgumentException("too many blocks for a compare-with-immediate branch");
        }
        return thenBlock | (long) elseBlock << 14 | (long) cond << 28 | (long) constant << 32;
    }

    public static int constThen(long imm) {
        return (int) (imm & SMALL);
    }

    public static int constElse(long imm) {
        return (int) (imm >>> 14 & SMALL);
    }

    public static int constCond(long imm) {
        return (int) (imm >>> 28 & 0xF);
    }

    public static int constant(long imm) {
        return (int) (imm >>> 32);
    }
}
