package dev.simplec.backend.x86.targ;

/**
 * Packs a conditional branch's two target blocks and its condition into an immediate. Branches
 * that compare with a constant ({@code BR_CMPI}) use a second packing that makes room for it.
 * <p>
 * One side may be {@link #NEXT}: a guard, in the middle of its block, that leaves for the other
 * side (a block that traps) or goes on with the next instruction.
 */
public final class Branches {
    private static final int MASK = (1 << 24) - 1;
    /** Targets of a compare-with-immediate branch are below 2^14 - 1. */
    public static final int SMALL = (1 << 14) - 1;
    /** The side of a guard that goes on with the block's next instruction. */
    public static final int NEXT = -1;

    private Branches() {
    }

    public static long of(int thenBlock, int elseBlock, int cond) {
        if (thenBlock >= MASK || elseBlock >= MASK) {
            throw new IllegalArgumentException("more than 16M blocks");
        }
        return field(thenBlock, MASK) | (long) field(elseBlock, MASK) << 24 | (long) cond << 48;
    }

    /** A target as stored: {@link #NEXT} as the field's all-ones, which no block number reaches. */
    private static int field(int block, int mask) {
        return block == NEXT ? mask : block;
    }

    private static int target(int field, int mask) {
        return field == mask ? NEXT : field;
    }

    public static int thenBlock(long imm) {
        return target((int) (imm & MASK), MASK);
    }

    public static int elseBlock(long imm) {
        return target((int) (imm >>> 24 & MASK), MASK);
    }

    public static int cond(long imm) {
        return (int) (imm >>> 48 & 0xF);
    }

    /** then (14 bits), else (14 bits), condition (4 bits), constant (32 bits). */
    public static long withConstant(int thenBlock, int elseBlock, int cond, int constant) {
        if (thenBlock >= SMALL || elseBlock >= SMALL) {
            throw new IllegalArgumentException("too many blocks for a compare-with-immediate branch");
        }
        return field(thenBlock, SMALL) | (long) field(elseBlock, SMALL) << 14 | (long) cond << 28 | (long) constant << 32;
    }

    public static int constThen(long imm) {
        return target((int) (imm & SMALL), SMALL);
    }

    public static int constElse(long imm) {
        return target((int) (imm >>> 14 & SMALL), SMALL);
    }

    public static int constCond(long imm) {
        return (int) (imm >>> 28 & 0xF);
    }

    public static int constant(long imm) {
        return (int) (imm >>> 32);
    }
}
