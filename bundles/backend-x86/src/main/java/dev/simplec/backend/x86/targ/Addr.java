package dev.simplec.backend.x86.targ;

/**
 * A memory address in a machine instruction's immediate: displacement (32 bits), whether an index
 * register follows the base among the operands, the index's scale, and a small extra field some
 * instructions need (the lane kind of a vector store). The registers themselves are operands.
 */
public final class Addr {
    private Addr() {
    }

    public static long of(int disp, boolean indexed, int scale, int extra) {
        return (disp & 0xFFFF_FFFFL) | (long) Integer.numberOfTrailingZeros(scale) << 32 | (indexed ? 1L << 34 : 0)
                | (long) extra << 40;
    }

    public static int disp(long imm) {
        return (int) imm;
    }

    public static boolean indexed(long imm) {
        return (imm >>> 34 & 1) != 0;
    }

    public static int scale(long imm) {
        return 1 << (int) (imm >>> 32 & 3);
    }

    public static int extra(long imm) {
        return (int) (imm >>> 40);
    }
}
