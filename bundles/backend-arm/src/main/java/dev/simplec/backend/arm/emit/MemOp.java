package dev.simplec.backend.arm.emit;

/**
 * The load and store instructions by access: width, sign extension, register file. {@code base}
 * is the unscaled-offset encoding ({@code ldur}…); the scaled and register-offset forms derive
 * from it in {@link Arm64Assembler}.
 */
public enum MemOp {
    LDRB(0x38400000, 1, false),
    LDRSB(0x38C00000, 1, false),
    LDRH(0x78400000, 2, false),
    LDRSH(0x78C00000, 2, false),
    LDR_W(0xB8400000, 4, false),
    LDR_X(0xF8400000, 8, false),
    STRB(0x38000000, 1, false),
    STRH(0x78000000, 2, false),
    STR_W(0xB8000000, 4, false),
    STR_X(0xF8000000, 8, false),
    LDR_S(0xBC400000, 4, true),
    LDR_D(0xFC400000, 8, true),
    LDR_Q(0x3CC00000, 16, true),
    STR_S(0xBC000000, 4, true),
    STR_D(0xFC000000, 8, true),
    STR_Q(0x3C800000, 16, true);

    private final int base;
    private final int bytes;
    private final boolean fp;

    MemOp(int base, int bytes, boolean fp) {
        this.base = base;
        this.bytes = bytes;
        this.fp = fp;
    }

    int base() {
        return base;
    }

    /** Bytes accessed; the scaled form's offset unit. */
    public int bytes() {
        return bytes;
    }

    /** Whether the data register is a SIMD&amp;FP register. */
    public boolean isFp() {
        return fp;
    }

    /** Whether {@code offset} fits the scaled unsigned 12-bit form. */
    public boolean fitsScaled(long offset) {
        return offset >= 0 && offset % bytes == 0 && offset / bytes <= 0xFFF;
    }

    /** Whether {@code offset} fits the unscaled signed 9-bit form. */
    public static boolean fitsUnscaled(long offset) {
        return offset >= -256 && offset <= 255;
    }
}
