package dev.simplec.backend.x86.targ;

/**
 * Constants the generated code reads from the blob's constant pool (32 bytes each, 32-byte
 * aligned, so packed SSE and AVX instructions can use them as memory operands).
 */
public enum Konst {
    SIGN32(0x8000_0000L, 4), SIGN64(0x8000_0000_0000_0000L, 8),
    ABS32(0x7FFF_FFFFL, 4), ABS64(0x7FFF_FFFF_FFFF_FFFFL, 8),
    NAN32(0x7FC0_0000L, 4), NAN64(0x7FF8_0000_0000_0000L, 8),
    /** Bounds for saturating conversions: ±2^62, 2^63, 2^64 and 0 as f32 / f64. */
    F32_TWO62(Float.floatToRawIntBits(0x1p62f), 4), F32_MTWO62(Float.floatToRawIntBits(-0x1p62f) & 0xFFFF_FFFFL, 4),
    F32_TWO63(Float.floatToRawIntBits(0x1p63f), 4), F32_TWO64(Float.floatToRawIntBits(0x1p64f), 4), F32_ZERO(0, 4),
    F64_TWO62(Double.doubleToRawLongBits(0x1p62), 8), F64_MTWO62(Double.doubleToRawLongBits(-0x1p62), 8),
    F64_TWO63(Double.doubleToRawLongBits(0x1p63), 8), F64_TWO64(Double.doubleToRawLongBits(0x1p64), 8), F64_ZERO(0, 8),
    /** 0x00ff in every 16-bit lane: the low byte of each word (i8x16 multiply). */
    LOW_BYTES(0x00FF, 2),
    /** The sign bit of every lane, to compare unsigned lanes with signed instructions. */
    FLIP8(0x80, 1), FLIP16(0x8000, 2), FLIP32(0x8000_0000L, 4), FLIP64(0x8000_0000_0000_0000L, 8),
    /** 0x80000000 in the low dword of every 64-bit lane: signed compare of the high halves, unsigned of the low ones. */
    FLIP_LO32(0x8000_0000L, 8),
    ONES(-1L, 8);

    private final long lane;
    private final int laneBytes;

    Konst(long lane, int laneBytes) {
        this.lane = lane;
        this.laneBytes = laneBytes;
    }

    /** The 32 bytes: the lane value repeated, little-endian. */
    public byte[] bytes() {
        byte[] out = new byte[32];
        for (int at = 0; at < 32; at += laneBytes) {
            for (int i = 0; i < laneBytes; i++) {
                out[at + i] = (byte) (lane >>> (8 * i));
            }
        }
        return out;
    }

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
