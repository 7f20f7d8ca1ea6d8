package dev.simplec.backend.arm.emit;

/** A NEON 128-bit arrangement: sixteen bytes, eight halfwords, four words or two doublewords. */
public enum Arr {
    B16(0, 8), H8(1, 16), S4(2, 32), D2(3, 64);

    private final int size;
    private final int laneBits;

    Arr(int size, int laneBits) {
        this.size = size;
        this.laneBits = laneBits;
    }

    /** The {@code size} field of integer vector instructions. */
    public int size() {
        return size;
    }

    public int laneBits() {
        return laneBits;
    }

    public int lanes() {
        return 128 / laneBits;
    }

    /** The arrangement with lanes of {@code bits} bits. */
    public static Arr ofLaneBits(int bits) {
        return switch (bits) {
            case 8 -> B16;
            case 16 -> H8;
            case 32 -> S4;
            case 64 -> D2;
            default -> throw new IllegalArgumentException("no 128-bit arrangement of " + bits + "-bit lanes");
        };
    }

    /** The {@code imm5} field naming lane {@code index} of this lane size (dup, ins, umov, smov). */
    int imm5(int index) {
        if (index < 0 || index >= lanes()) {
            throw new IllegalArgumentException("lane " + index + " of " + this);
        }
        return (index << (size + 1) | 1 << size) & 0x1F;
    }
}
