package dev.simplec.backend.arm.emit;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.CodeBuffer;
import dev.simplec.api.codegen.Label;

/**
 * Writes AArch64 machine code, one 32-bit little-endian word per instruction. One method per
 * instruction form, named after the mnemonic, the width (64 = x/d, 32 = w/s) and the operand kinds
 * (R register, I immediate), destination first. Encodings are checked against GNU as in
 * {@code Arm64AssemblerTest}.
 */
public final class Arm64Assembler {
    private final CodeBuffer buf = new CodeBuffer();

    public int size() {
        return buf.size();
    }

    public void bind(Label label) {
        buf.bind(label);
    }

    /** Resolves branches and returns the code. */
    public byte[] finish() {
        return buf.finish();
    }

    /** Pads with {@code nop} up to a multiple of {@code alignment}. */
    public void align(int alignment) {
        while (buf.size() % alignment != 0) {
            buf.put32(0xD503201F);
        }
    }

    // ---- integer moves ----

    /** {@code mov xd, xm} (orr xd, xzr, xm) */
    public void mov64RR(Gpr d, Gpr m) {
        buf.put32(0xAA0003E0 | r(m) << 16 | r(d));
    }

    /** {@code movz xd, #imm16, lsl #shift} */
    public void movz64(Gpr d, int imm16, int shift) {
        wide(0xD2800000, d, imm16, shift, 64);
    }

    /** {@code movn xd, #imm16, lsl #shift}: xd = ~(imm16 << shift) */
    public void movn64(Gpr d, int imm16, int shift) {
        wide(0x92800000, d, imm16, shift, 64);
    }

    /** {@code movk xd, #imm16, lsl #shift}: replaces one 16-bit chunk */
    public void movk64(Gpr d, int imm16, int shift) {
        wide(0xF2800000, d, imm16, shift, 64);
    }

    /** {@code movz wd, #imm16, lsl #shift} */
    public void movz32(Gpr d, int imm16, int shift) {
        wide(0x52800000, d, imm16, shift, 32);
    }

    /** {@code movn wd, #imm16, lsl #shift} */
    public void movn32(Gpr d, int imm16, int shift) {
        wide(0x12800000, d, imm16, shift, 32);
    }

    /** {@code movk wd, #imm16, lsl #shift} */
    public void movk32(Gpr d, int imm16, int shift) {
        wide(0x72800000, d, imm16, shift, 32);
    }

    /** {@code sxtb xd, wn} */
    public void sxtb64(Gpr d, Gpr n) {
        buf.put32(0x93401C00 | r(n) << 5 | r(d));
    }

    /** {@code sxth xd, wn} */
    public void sxth64(Gpr d, Gpr n) {
        buf.put32(0x93403C00 | r(n) << 5 | r(d));
    }

    /** {@code sxtw xd, wn} */
    public void sxtw64(Gpr d, Gpr n) {
        buf.put32(0x93407C00 | r(n) << 5 | r(d));
    }

    // ---- integer arithmetic ----

    /** {@code add xd, xn, xm} */
    public void add64RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x8B000000, d, n, m);
    }

    /** {@code add wd, wn, wm} */
    public void add32RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x0B000000, d, n, m);
    }

    /** {@code sub xd, xn, xm} */
    public void sub64RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0xCB000000, d, n, m);
    }

    /** {@code sub wd, wn, wm} */
    public void sub32RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x4B000000, d, n, m);
    }

    /** {@code mul xd, xn, xm} (madd with xzr) */
    public void mul64RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x9B007C00, d, n, m);
    }

    /** {@code mul wd, wn, wm} */
    public void mul32RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x1B007C00, d, n, m);
    }

    /** {@code add xd|sp, xn|sp, #imm12} */
    public void add64RI(Gpr d, Gpr n, int imm12) {
        buf.put32(0x91000000 | imm12(imm12) << 10 | sp(n) << 5 | sp(d));
    }

    /** {@code sub xd|sp, xn|sp, #imm12} */
    public void sub64RI(Gpr d, Gpr n, int imm12) {
        buf.put32(0xD1000000 | imm12(imm12) << 10 | sp(n) << 5 | sp(d));
    }

    // ---- memory ----

    /** {@code ldr xt, [xn|sp, #offset]} (unsigned offset, a multiple of 8 up to 32760) */
    public void ldr64(Gpr t, Gpr n, int offset) {
        buf.put32(0xF9400000 | scaled(offset) << 10 | sp(n) << 5 | r(t));
    }

    /** {@code str xt, [xn|sp, #offset]} */
    public void str64(Gpr t, Gpr n, int offset) {
        buf.put32(0xF9000000 | scaled(offset) << 10 | sp(n) << 5 | r(t));
    }

    /** {@code ldr dt, [xn|sp, #offset]} */
    public void ldrD(Fpr t, Gpr n, int offset) {
        buf.put32(0xFD400000 | scaled(offset) << 10 | sp(n) << 5 | t.enc());
    }

    /** {@code str dt, [xn|sp, #offset]} */
    public void strD(Fpr t, Gpr n, int offset) {
        buf.put32(0xFD000000 | scaled(offset) << 10 | sp(n) << 5 | t.enc());
    }

    /** {@code stp xt1, xt2, [xn|sp, #offset]!} (pre-index) */
    public void stp64Pre(Gpr t1, Gpr t2, Gpr n, int offset) {
        buf.put32(0xA9800000 | pair(offset) << 15 | r(t2) << 10 | sp(n) << 5 | r(t1));
    }

    /** {@code ldp xt1, xt2, [xn|sp], #offset} (post-index) */
    public void ldp64Post(Gpr t1, Gpr t2, Gpr n, int offset) {
        buf.put32(0xA8C00000 | pair(offset) << 15 | r(t2) << 10 | sp(n) << 5 | r(t1));
    }

    // ---- control ----

    /** {@code ret} (to x30) */
    public void ret() {
        buf.put32(0xD65F03C0);
    }

    /** {@code b target} (±128 MiB) */
    public void b(Label target) {
        int at = buf.size();
        buf.put32(0x14000000);
        buf.addFixup(at, target, (b, pos, to) -> b.set32(pos, b.get32(pos) | branch(to - pos, 26)));
    }

    /** {@code b.cond target} (±1 MiB) */
    public void bcond(Cond cond, Label target) {
        int at = buf.size();
        buf.put32(0x54000000 | cond.enc());
        buf.addFixup(at, target, (b, pos, to) -> b.set32(pos, b.get32(pos) | branch(to - pos, 19) << 5));
    }

    // ---- floating point ----

    /** {@code fmov dd, dn}: the register copy for f32 and f64 */
    public void fmovD(Fpr d, Fpr n) {
        buf.put32(0x1E604000 | n.enc() << 5 | d.enc());
    }

    /** {@code fmov dd, xn} */
    public void fmovDX(Fpr d, Gpr n) {
        buf.put32(0x9E670000 | r(n) << 5 | d.enc());
    }

    /** {@code fmov sd, wn} */
    public void fmovSW(Fpr d, Gpr n) {
        buf.put32(0x1E270000 | r(n) << 5 | d.enc());
    }

    /** {@code fadd dd, dn, dm} */
    public void faddD(Fpr d, Fpr n, Fpr m) {
        fff(0x1E602800, d, n, m);
    }

    /** {@code fsub dd, dn, dm} */
    public void fsubD(Fpr d, Fpr n, Fpr m) {
        fff(0x1E603800, d, n, m);
    }

    /** {@code fmul dd, dn, dm} */
    public void fmulD(Fpr d, Fpr n, Fpr m) {
        fff(0x1E600800, d, n, m);
    }

    /** {@code fadd sd, sn, sm} */
    public void faddS(Fpr d, Fpr n, Fpr m) {
        fff(0x1E202800, d, n, m);
    }

    /** {@code fsub sd, sn, sm} */
    public void fsubS(Fpr d, Fpr n, Fpr m) {
        fff(0x1E203800, d, n, m);
    }

    /** {@code fmul sd, sn, sm} */
    public void fmulS(Fpr d, Fpr n, Fpr m) {
        fff(0x1E200800, d, n, m);
    }

    // ---- encoding helpers ----

    private void rrr(int base, Gpr d, Gpr n, Gpr m) {
        buf.put32(base | r(m) << 16 | r(n) << 5 | r(d));
    }

    private void fff(int base, Fpr d, Fpr n, Fpr m) {
        buf.put32(base | m.enc() << 16 | n.enc() << 5 | d.enc());
    }

    private void wide(int base, Gpr d, int imm16, int shift, int width) {
        if ((imm16 & ~0xFFFF) != 0 || shift % 16 != 0 || shift < 0 || shift >= width) {
            throw new IllegalArgumentException("bad wide immediate #" + imm16 + ", lsl #" + shift);
        }
        buf.put32(base | (shift / 16) << 21 | imm16 << 5 | r(d));
    }

    /** A register field where 31 means the zero register. */
    private static int r(Gpr g) {
        if (g == Gpr.SP) {
            throw new IllegalArgumentException("sp is not allowed here");
        }
        return g.enc();
    }

    /** A register field where 31 means the stack pointer. */
    private static int sp(Gpr g) {
        if (g == Gpr.XZR) {
            throw new IllegalArgumentException("xzr is not allowed here");
        }
        return g.enc();
    }

    private static int imm12(int imm) {
        if (imm < 0 || imm > 0xFFF) {
            throw new IllegalArgumentException("immediate " + imm + " does not fit 12 bits");
        }
        return imm;
    }

    private static int scaled(int offset) {
        if (offset < 0 || offset % 8 != 0 || offset > 8 * 0xFFF) {
            throw new IllegalArgumentException("offset " + offset + " is not a multiple of 8 in 0..32760");
        }
        return offset / 8;
    }

    private static int pair(int offset) {
        if (offset % 8 != 0 || offset < -512 || offset > 504) {
            throw new IllegalArgumentException("pair offset " + offset + " is not a multiple of 8 in -512..504");
        }
        return (offset / 8) & 0x7F;
    }

    private static int branch(int bytes, int bits) {
        int words = bytes >> 2;
        if (words >= 1 << (bits - 1) || words < -(1 << (bits - 1))) {
            throw new SimplecException(ErrorKind.LIMIT, "aarch64: a branch of " + bytes + " bytes is out of range (" + bits + "-bit displacement)");
        }
        return words & ((1 << bits) - 1);
    }
}
