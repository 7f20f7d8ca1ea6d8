package dev.simplec.backend.x86.emit;

/** The 16 SSE registers, in hardware encoding order. */
public enum Xmm {
    XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7, XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15;

    private static final Xmm[] ALL = values();

    public int enc() {
        return ordinal();
    }

    public static Xmm of(int enc) {
        return ALL[enc];
    }
}
