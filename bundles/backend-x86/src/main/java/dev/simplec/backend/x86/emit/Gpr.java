package dev.simplec.backend.x86.emit;

/** The 16 general-purpose registers, in hardware encoding order. */
public enum Gpr {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15;

    private static final Gpr[] ALL = values();
    private static final String[] B8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"};
    private static final String[] W16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};

    public int enc() {
        return ordinal();
    }

    /** Needs REX.R/X/B to be named. */
    public boolean high() {
        return ordinal() >= 8;
    }

    public static Gpr of(int enc) {
        return ALL[enc];
    }

    /** The register's name at {@code bits} (8, 16, 32, 64): {@code dil}, {@code r9w}, {@code eax}, {@code r15}. */
    public String text(int bits) {
        int e = ordinal();
        if (e >= 8) {
            return "r" + e + switch (bits) {
                case 8 -> "b";
                case 16 -> "w";
                case 32 -> "d";
                default -> "";
            };
        }
        return switch (bits) {
            case 8 -> B8[e];
            case 16 -> W16[e];
            case 32 -> "e" + W16[e];
            default -> "r" + W16[e];
        };
    }
}
