package dev.simplec.backend.x86.emit;

/** The 16 SSE/AVX registers, in hardware encoding order ({@code ymm} names the same registers at 256 bits). */
public enum Xmm {
    XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7, XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15;

    private static final Xmm[] ALL = values();

    public int enc() {
        return ordinal();
    }

    public static Xmm of(int enc) {
        return ALL[enc];
    }

    /** {@code xmm3}, or {@code ymm3} for a 256-bit operand. */
    public String text(boolean ymm) {
        return (ymm ? "ymm" : "xmm") + ordinal();
    }
}
