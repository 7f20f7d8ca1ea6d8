package dev.simplec.backend.x86.targ;

/** Packs a stack argument's offset and how to move it (integer, f32, f64, 128 or 256 bits) into an immediate. */
public final class ArgSlot {
    public static final int INT = 0;
    public static final int F32 = 1;
    public static final int F64 = 2;
    public static final int V128 = 3;
    public static final int V256 = 4;

    private ArgSlot() {
    }

    public static long of(int offset, int kind) {
        return (offset & 0xFFFF_FFFFL) | (long) kind << 32;
    }

    public static int offset(long imm) {
        return (int) imm;
    }

    public static int kind(long imm) {
        return (int) (imm >>> 32);
    }
}
