package dev.simplec.backend.x86.emit;

/**
 * Legacy-encoded SSE/SSE2 instructions of the form {@code op xmm, xmm/m128 [, imm8]}: mandatory
 * prefix, {@code 0F}, one opcode byte. Only SSE2 (the x86-64 baseline): what has no SSE2
 * instruction is emulated by instruction selection.
 */
public enum SseOp {
    ADDSS(0xF3, 0x58), ADDSD(0xF2, 0x58), ADDPS(0, 0x58), ADDPD(0x66, 0x58),
    SUBSS(0xF3, 0x5C), SUBSD(0xF2, 0x5C), SUBPS(0, 0x5C), SUBPD(0x66, 0x5C),
    MULSS(0xF3, 0x59), MULSD(0xF2, 0x59), MULPS(0, 0x59), MULPD(0x66, 0x59),
    DIVSS(0xF3, 0x5E), DIVSD(0xF2, 0x5E), DIVPS(0, 0x5E), DIVPD(0x66, 0x5E),
    SQRTSS(0xF3, 0x51), SQRTSD(0xF2, 0x51), SQRTPS(0, 0x51), SQRTPD(0x66, 0x51),
    MINSS(0xF3, 0x5D), MINSD(0xF2, 0x5D), MINPS(0, 0x5D), MINPD(0x66, 0x5D),
    MAXSS(0xF3, 0x5F), MAXSD(0xF2, 0x5F), MAXPS(0, 0x5F), MAXPD(0x66, 0x5F),
    ANDPS(0, 0x54), ANDNPS(0, 0x55), ORPS(0, 0x56), XORPS(0, 0x57),
    MOVAPS(0, 0x28), UCOMISS(0, 0x2E), UCOMISD(0x66, 0x2E), CVTSS2SD(0xF3, 0x5A), CVTSD2SS(0xF2, 0x5A),
    UNPCKLPS(0, 0x14), UNPCKLPD(0x66, 0x14), MOVHLPS(0, 0x12), MOVLHPS(0, 0x16),
    PADDB(0x66, 0xFC), PADDW(0x66, 0xFD), PADDD(0x66, 0xFE), PADDQ(0x66, 0xD4),
    PSUBB(0x66, 0xF8), PSUBW(0x66, 0xF9), PSUBD(0x66, 0xFA), PSUBQ(0x66, 0xFB),
    PMULLW(0x66, 0xD5), PMULUDQ(0x66, 0xF4),
    PAND(0x66, 0xDB), PANDN(0x66, 0xDF), POR(0x66, 0xEB), PXOR(0x66, 0xEF),
    PCMPEQB(0x66, 0x74), PCMPEQW(0x66, 0x75), PCMPEQD(0x66, 0x76),
    PCMPGTB(0x66, 0x64), PCMPGTW(0x66, 0x65), PCMPGTD(0x66, 0x66),
    PUNPCKLBW(0x66, 0x60), PUNPCKLDQ(0x66, 0x62), PUNPCKHBW(0x66, 0x68), PUNPCKLQDQ(0x66, 0x6C), PACKUSWB(0x66, 0x67),
    /** {@code movq xmm, xmm}: the low 64 bits, upper cleared. */
    MOVQ(0xF3, 0x7E),
    // With an imm8.
    CMPSS(0xF3, 0xC2), CMPSD(0xF2, 0xC2), CMPPS(0, 0xC2), CMPPD(0x66, 0xC2),
    PSHUFD(0x66, 0x70), PSHUFLW(0xF2, 0x70), SHUFPS(0, 0xC6);

    private final int prefix;
    private final int opcode;

    SseOp(int prefix, int opcode) {
        this.prefix = prefix;
        this.opcode = opcode;
    }

    public int prefix() {
        return prefix;
    }

    public int opcode() {
        return opcode;
    }

    public boolean hasImm() {
        return opcode == 0xC2 || opcode == 0x70 || opcode == 0xC6;
    }

    /** How many bytes a memory operand of this instruction reads (16 for packed operations). */
    public int memBytes() {
        return switch (this) {
            case ADDSS, SUBSS, MULSS, DIVSS, SQRTSS, MINSS, MAXSS, UCOMISS, CVTSS2SD, CMPSS -> 4;
            case ADDSD, SUBSD, MULSD, DIVSD, SQRTSD, MINSD, MAXSD, UCOMISD, CVTSD2SS, CMPSD, MOVQ -> 8;
            default -> 16;
        };
    }

    /** The Intel-syntax size keyword of a memory operand. */
    public String memText() {
        return switch (memBytes()) {
            case 4 -> "dword ptr ";
            case 8 -> "qword ptr ";
            default -> "xmmword ptr ";
        };
    }

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
