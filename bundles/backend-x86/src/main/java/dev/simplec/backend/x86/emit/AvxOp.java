package dev.simplec.backend.x86.emit;

/**
 * VEX-encoded AVX/AVX2 instructions, three operands {@code op dst, src1, src2/m [, imm8]} (two
 * for unary ones): implied prefix {@code pp} (0 none, 1 66, 2 F3, 3 F2), opcode map (1 = 0F,
 * 2 = 0F38, 3 = 0F3A), VEX.W, opcode. The 256-bit types use these with VEX.L = 1.
 */
public enum AvxOp {
    VADDPS(0, 1, 0, 0x58), VADDPD(1, 1, 0, 0x58), VSUBPS(0, 1, 0, 0x5C), VSUBPD(1, 1, 0, 0x5C),
    VMULPS(0, 1, 0, 0x59), VMULPD(1, 1, 0, 0x59), VDIVPS(0, 1, 0, 0x5E), VDIVPD(1, 1, 0, 0x5E),
    VMINPS(0, 1, 0, 0x5D), VMINPD(1, 1, 0, 0x5D), VMAXPS(0, 1, 0, 0x5F), VMAXPD(1, 1, 0, 0x5F),
    VANDPS(0, 1, 0, 0x54), VANDNPS(0, 1, 0, 0x55), VORPS(0, 1, 0, 0x56), VXORPS(0, 1, 0, 0x57),
    VPADDD(1, 1, 0, 0xFE), VPADDQ(1, 1, 0, 0xD4), VPSUBD(1, 1, 0, 0xFA), VPSUBQ(1, 1, 0, 0xFB),
    VPMULLD(1, 2, 0, 0x40), VPMULUDQ(1, 1, 0, 0xF4),
    VPAND(1, 1, 0, 0xDB), VPANDN(1, 1, 0, 0xDF), VPOR(1, 1, 0, 0xEB), VPXOR(1, 1, 0, 0xEF),
    VPCMPEQD(1, 1, 0, 0x76), VPCMPEQQ(1, 2, 0, 0x29), VPCMPGTD(1, 1, 0, 0x66), VPCMPGTQ(1, 2, 0, 0x37),
    // Unary (VEX.vvvv unused).
    VSQRTPS(0, 1, 0, 0x51), VSQRTPD(1, 1, 0, 0x51), VMOVAPS(0, 1, 0, 0x28),
    VBROADCASTSS(1, 2, 0, 0x18), VBROADCASTSD(1, 2, 0, 0x19), VPBROADCASTD(1, 2, 0, 0x58), VPBROADCASTQ(1, 2, 0, 0x59),
    // With an imm8.
    VCMPPS(0, 1, 0, 0xC2), VCMPPD(1, 1, 0, 0xC2), VPERM2F128(1, 3, 0, 0x06),
    /** Scalar compares (the low lane; the others from the first source): the NaN mask of a scalar float store. */
    VCMPSS(2, 1, 0, 0xC2), VCMPSD(3, 1, 0, 0xC2);

    private final int pp;
    private final int map;
    private final int w;
    private final int opcode;

    AvxOp(int pp, int map, int w, int opcode) {
        this.pp = pp;
        this.map = map;
        this.w = w;
        this.opcode = opcode;
    }

    public int pp() {
        return pp;
    }

    public int map() {
        return map;
    }

    public int w() {
        return w;
    }

    public int opcode() {
        return opcode;
    }

    public boolean unary() {
        return switch (this) {
            case VSQRTPS, VSQRTPD, VMOVAPS, VBROADCASTSS, VBROADCASTSD, VPBROADCASTD, VPBROADCASTQ -> true;
            default -> false;
        };
    }

    public boolean hasImm() {
        return this == VCMPPS || this == VCMPPD || this == VPERM2F128 || this == VCMPSS || this == VCMPSD;
    }

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
