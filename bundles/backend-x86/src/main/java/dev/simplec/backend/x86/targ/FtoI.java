package dev.simplec.backend.x86.targ;

/** Packs a float-to-integer conversion's shape into FTOI's immediate. */
public final class FtoI {
    private FtoI() {
    }

    public static long of(boolean fromF64, boolean signed, int toBits) {
        return (fromF64 ? 1 : 0) | (signed ? 2 : 0) | toBits << 8;
    }

    public static boolean fromF64(long imm) {
        return (imm & 1) != 0;
    }

    public static boolean signed(long imm) {
        return (imm & 2) != 0;
    }

    public static int toBits(long imm) {
        return (int) (imm >>> 8);
    }
}
