package dev.simplec.backend.arm.emit;

/** The 32 SIMD&amp;FP registers v0–v31 (as d/s for scalar doubles and floats). */
public enum Fpr {
    V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15,
    V16, V17, V18, V19, V20, V21, V22, V23, V24, V25, V26, V27, V28, V29, V30, V31;

    private static final Fpr[] ALL = values();

    public int enc() {
        return ordinal();
    }

    public static Fpr of(int enc) {
        return ALL[enc];
    }
}
