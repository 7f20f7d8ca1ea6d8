package dev.simplec.backend.x86.emit;

/** SSE2 shifts of a whole register or of its lanes by an immediate: {@code 66 0F 71/72/73 /ext ib}. */
public enum SseShift {
    PSRLW(0x71, 2), PSRAW(0x71, 4), PSLLW(0x71, 6),
    PSRLD(0x72, 2), PSRAD(0x72, 4), PSLLD(0x72, 6),
    PSRLQ(0x73, 2), PSRLDQ(0x73, 3), PSLLQ(0x73, 6), PSLLDQ(0x73, 7);

    private final int opcode;
    private final int ext;

    SseShift(int opcode, int ext) {
        this.opcode = opcode;
        this.ext = ext;
    }

    public int opcode() {
        return opcode;
    }

    public int ext() {
        return ext;
    }

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
