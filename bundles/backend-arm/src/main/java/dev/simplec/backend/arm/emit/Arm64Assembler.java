package dev.simplec.backend.arm.emit;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.CodeBuffer;
import dev.simplec.api.codegen.Label;

/**
 * Writes AArch64 machine code, one 32-bit little-endian word per instruction. One method per
 * instruction form, named after the mnemonic, the width (64 = x/d, 32 = w/s, V = a 128-bit NEON
 * arrangement) and the operand kinds (R register, I immediate), destination first. Encodings are
 * checked against GNU as in {@code Arm64AssemblerTest}.
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
            nop();
        }
    }

    /** Raw bytes (trap messages), padded with zeros to a multiple of 4 so code after them stays aligned. */
    public void bytes(byte[] data) {
        buf.putBytes(data);
        while (buf.size() % 4 != 0) {
            buf.put8(0);
        }
    }

    public void nop() {
        buf.put32(0xD503201F);
    }

    // ---- integer moves ----

    /** {@code mov xd, xm} (orr xd, xzr, xm) */
    public void mov64RR(Gpr d, Gpr m) {
        buf.put32(0xAA0003E0 | r(m) << 16 | r(d));
    }

    /** {@code mov wd, wm}: also zero-extends the low 32 bits into xd */
    public void mov32RR(Gpr d, Gpr m) {
        buf.put32(0x2A0003E0 | r(m) << 16 | r(d));
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

    // ---- extension and bit fields ----

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

    /** {@code sxtb wd, wn} */
    public void sxtb32(Gpr d, Gpr n) {
        buf.put32(0x13001C00 | r(n) << 5 | r(d));
    }

    /** {@code sxth wd, wn} */
    public void sxth32(Gpr d, Gpr n) {
        buf.put32(0x13003C00 | r(n) << 5 | r(d));
    }

    /** {@code uxtb wd, wn} (zero-extends into xd too) */
    public void uxtb32(Gpr d, Gpr n) {
        buf.put32(0x53001C00 | r(n) << 5 | r(d));
    }

    /** {@code uxth wd, wn} */
    public void uxth32(Gpr d, Gpr n) {
        buf.put32(0x53003C00 | r(n) << 5 | r(d));
    }

    /** {@code ubfx xd, xn, #lsb, #width}: bits lsb..lsb+width-1, zero-extended */
    public void ubfx64(Gpr d, Gpr n, int lsb, int width) {
        bitfield(0xD3400000, d, n, lsb, width);
    }

    /** {@code sbfx xd, xn, #lsb, #width}: bits lsb..lsb+width-1, sign-extended */
    public void sbfx64(Gpr d, Gpr n, int lsb, int width) {
        bitfield(0x93400000, d, n, lsb, width);
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

    /** {@code sdiv xd, xn, xm} */
    public void sdiv64RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x9AC00C00, d, n, m);
    }

    /** {@code sdiv wd, wn, wm} */
    public void sdiv32RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x1AC00C00, d, n, m);
    }

    /** {@code udiv xd, xn, xm} */
    public void udiv64RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x9AC00800, d, n, m);
    }

    /** {@code udiv wd, wn, wm} */
    public void udiv32RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x1AC00800, d, n, m);
    }

    /** {@code add xd|sp, xn|sp, #imm12} */
    public void add64RI(Gpr d, Gpr n, int imm12) {
        buf.put32(0x91000000 | imm12(imm12) << 10 | sp(n) << 5 | sp(d));
    }

    /** {@code sub xd|sp, xn|sp, #imm12} */
    public void sub64RI(Gpr d, Gpr n, int imm12) {
        buf.put32(0xD1000000 | imm12(imm12) << 10 | sp(n) << 5 | sp(d));
    }

    /** {@code add wd, wn, #imm12} */
    public void add32RI(Gpr d, Gpr n, int imm12) {
        buf.put32(0x11000000 | imm12(imm12) << 10 | sp(n) << 5 | sp(d));
    }

    /** {@code sub wd, wn, #imm12} */
    public void sub32RI(Gpr d, Gpr n, int imm12) {
        buf.put32(0x51000000 | imm12(imm12) << 10 | sp(n) << 5 | sp(d));
    }

    /** {@code add xd|sp, xn|sp, #imm12, lsl #12} */
    public void add64RIHigh(Gpr d, Gpr n, int imm12) {
        buf.put32(0x91400000 | imm12(imm12) << 10 | sp(n) << 5 | sp(d));
    }

    /** {@code sub xd|sp, xn|sp, #imm12, lsl #12} */
    public void sub64RIHigh(Gpr d, Gpr n, int imm12) {
        buf.put32(0xD1400000 | imm12(imm12) << 10 | sp(n) << 5 | sp(d));
    }

    // ---- logic and shifts ----

    /** {@code and xd, xn, xm} */
    public void and64RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x8A000000, d, n, m);
    }

    /** {@code and wd, wn, wm} */
    public void and32RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x0A000000, d, n, m);
    }

    /** {@code orr xd, xn, xm} */
    public void orr64RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0xAA000000, d, n, m);
    }

    /** {@code orr wd, wn, wm} */
    public void orr32RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x2A000000, d, n, m);
    }

    /** {@code eor xd, xn, xm} */
    public void eor64RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0xCA000000, d, n, m);
    }

    /** {@code eor wd, wn, wm} */
    public void eor32RRR(Gpr d, Gpr n, Gpr m) {
        rrr(0x4A000000, d, n, m);
    }

    /** {@code orr xd, xn, xm, lsl #shift}: packs a tuple member above another */
    public void orr64RRRLsl(Gpr d, Gpr n, Gpr m, int shift) {
        if (shift < 0 || shift > 63) {
            throw new IllegalArgumentException("shift " + shift);
        }
        rrr(0xAA000000 | shift << 10, d, n, m);
    }

    /** {@code and xd|sp, xn, #bitmask} (a logical immediate) */
    public void and64RI(Gpr d, Gpr n, long bitmask) {
        buf.put32(0x92000000 | logicalImm(bitmask, 64) << 10 | r(n) << 5 | sp(d));
    }

    /** {@code and wd, wn, #bitmask} */
    public void and32RI(Gpr d, Gpr n, long bitmask) {
        buf.put32(0x12000000 | logicalImm(bitmask, 32) << 10 | r(n) << 5 | r(d));
    }

    /** {@code tst wn, #bitmask} (ands wzr) */
    public void tst32RI(Gpr n, long bitmask) {
        buf.put32(0x7200001F | logicalImm(bitmask, 32) << 10 | r(n) << 5);
    }

    /** {@code lsl xd, xn, xm} (lslv: the amount is taken mod 64) */
    public void lslv64(Gpr d, Gpr n, Gpr m) {
        rrr(0x9AC02000, d, n, m);
    }

    /** {@code lsl wd, wn, wm} (mod 32) */
    public void lslv32(Gpr d, Gpr n, Gpr m) {
        rrr(0x1AC02000, d, n, m);
    }

    /** {@code lsr xd, xn, xm} */
    public void lsrv64(Gpr d, Gpr n, Gpr m) {
        rrr(0x9AC02400, d, n, m);
    }

    /** {@code lsr wd, wn, wm} */
    public void lsrv32(Gpr d, Gpr n, Gpr m) {
        rrr(0x1AC02400, d, n, m);
    }

    /** {@code asr xd, xn, xm} */
    public void asrv64(Gpr d, Gpr n, Gpr m) {
        rrr(0x9AC02800, d, n, m);
    }

    /** {@code asr wd, wn, wm} */
    public void asrv32(Gpr d, Gpr n, Gpr m) {
        rrr(0x1AC02800, d, n, m);
    }

    /** {@code lsr xd, xn, #shift} (ubfm) */
    public void lsr64RI(Gpr d, Gpr n, int shift) {
        checkShift(shift, 64);
        buf.put32(0xD3400000 | shift << 16 | 63 << 10 | r(n) << 5 | r(d));
    }

    /** {@code asr xd, xn, #shift} (sbfm) */
    public void asr64RI(Gpr d, Gpr n, int shift) {
        checkShift(shift, 64);
        buf.put32(0x93400000 | shift << 16 | 63 << 10 | r(n) << 5 | r(d));
    }

    /** {@code lsl wd, wn, #shift} (ubfm) */
    public void lsl32RI(Gpr d, Gpr n, int shift) {
        checkShift(shift, 32);
        buf.put32(0x53000000 | ((32 - shift) & 31) << 16 | (31 - shift) << 10 | r(n) << 5 | r(d));
    }

    /** {@code lsr wd, wn, #shift} (ubfm) */
    public void lsr32RI(Gpr d, Gpr n, int shift) {
        checkShift(shift, 32);
        buf.put32(0x53000000 | shift << 16 | 31 << 10 | r(n) << 5 | r(d));
    }

    /** {@code asr wd, wn, #shift} (sbfm) */
    public void asr32RI(Gpr d, Gpr n, int shift) {
        checkShift(shift, 32);
        buf.put32(0x13000000 | shift << 16 | 31 << 10 | r(n) << 5 | r(d));
    }

    /** {@code lsl xd, xn, #shift} (ubfm) */
    public void lsl64RI(Gpr d, Gpr n, int shift) {
        checkShift(shift, 64);
        buf.put32(0xD3400000 | ((64 - shift) & 63) << 16 | (63 - shift) << 10 | r(n) << 5 | r(d));
    }

    // ---- compare and select ----

    /** {@code cmp xn, xm} (subs xzr) */
    public void cmp64RR(Gpr n, Gpr m) {
        buf.put32(0xEB00001F | r(m) << 16 | r(n) << 5);
    }

    /** {@code cmp wn, wm} */
    public void cmp32RR(Gpr n, Gpr m) {
        buf.put32(0x6B00001F | r(m) << 16 | r(n) << 5);
    }

    /** {@code cmp xn|sp, #imm12} */
    public void cmp64RI(Gpr n, int imm12) {
        buf.put32(0xF100001F | imm12(imm12) << 10 | sp(n) << 5);
    }

    /** {@code cmp wn, #imm12} */
    public void cmp32RI(Gpr n, int imm12) {
        buf.put32(0x7100001F | imm12(imm12) << 10 | sp(n) << 5);
    }

    /** {@code cmn xn|sp, #imm12} (adds xzr): compares with -imm12 */
    public void cmn64RI(Gpr n, int imm12) {
        buf.put32(0xB100001F | imm12(imm12) << 10 | sp(n) << 5);
    }

    /** {@code cmn wn, #imm12} (adds wzr): compares with -imm12 */
    public void cmn32RI(Gpr n, int imm12) {
        buf.put32(0x3100001F | imm12(imm12) << 10 | sp(n) << 5);
    }

    /** {@code csel xd, xn, xm, cond}: xn if cond, else xm */
    public void csel64(Gpr d, Gpr n, Gpr m, Cond cond) {
        buf.put32(0x9A800000 | r(m) << 16 | cond.enc() << 12 | r(n) << 5 | r(d));
    }

    /** {@code csel wd, wn, wm, cond} */
    public void csel32(Gpr d, Gpr n, Gpr m, Cond cond) {
        buf.put32(0x1A800000 | r(m) << 16 | cond.enc() << 12 | r(n) << 5 | r(d));
    }

    /** {@code cset wd, cond}: 1 if cond, else 0 (csinc wd, wzr, wzr, !cond) */
    public void cset32(Gpr d, Cond cond) {
        buf.put32(0x1A9F07E0 | invertible(cond).invert().enc() << 12 | r(d));
    }

    /** {@code csetm xd, cond}: all ones if cond, else 0 (csinv xd, xzr, xzr, !cond) */
    public void csetm64(Gpr d, Cond cond) {
        buf.put32(0xDA9F03E0 | invertible(cond).invert().enc() << 12 | r(d));
    }

    // ---- memory ----

    /** {@code ldr xt, [xn|sp, #offset]} (unsigned offset, a multiple of 8 up to 32760) */
    public void ldr64(Gpr t, Gpr n, int offset) {
        memScaled(MemOp.LDR_X, r(t), n, offset);
    }

    /** {@code str xt, [xn|sp, #offset]} */
    public void str64(Gpr t, Gpr n, int offset) {
        memScaled(MemOp.STR_X, r(t), n, offset);
    }

    /** {@code ldr dt, [xn|sp, #offset]} */
    public void ldrD(Fpr t, Gpr n, int offset) {
        memScaled(MemOp.LDR_D, t.enc(), n, offset);
    }

    /** {@code str dt, [xn|sp, #offset]} */
    public void strD(Fpr t, Gpr n, int offset) {
        memScaled(MemOp.STR_D, t.enc(), n, offset);
    }

    /** A general-register load or store with a scaled unsigned offset: {@code ldrsb wt, [xn|sp, #offset]} … */
    public void memRI(MemOp op, Gpr t, Gpr n, int offset) {
        requireFile(op, false);
        memScaled(op, r(t), n, offset);
    }

    /** An FP/SIMD load or store with a scaled unsigned offset: {@code ldr qt, [xn|sp, #offset]} … */
    public void memRI(MemOp op, Fpr t, Gpr n, int offset) {
        requireFile(op, true);
        memScaled(op, t.enc(), n, offset);
    }

    /** The unscaled signed 9-bit offset form: {@code ldursb wt, [xn|sp, #offset]} … */
    public void memRIUnscaled(MemOp op, Gpr t, Gpr n, int offset) {
        requireFile(op, false);
        memUnscaled(op, r(t), n, offset);
    }

    /** {@code ldur qt, [xn|sp, #offset]} … */
    public void memRIUnscaled(MemOp op, Fpr t, Gpr n, int offset) {
        requireFile(op, true);
        memUnscaled(op, t.enc(), n, offset);
    }

    /** The register offset form: {@code ldrsh wt, [xn|sp, xm]} … */
    public void memRR(MemOp op, Gpr t, Gpr n, Gpr m) {
        requireFile(op, false);
        registerOffset(op, r(t), n, m, false);
    }

    /** {@code ldr qt, [xn|sp, xm]} … */
    public void memRR(MemOp op, Fpr t, Gpr n, Gpr m) {
        requireFile(op, true);
        registerOffset(op, t.enc(), n, m, false);
    }

    /** The scaled register offset form: {@code ldr xt, [xn|sp, xm, lsl #3]}, the index times the access size. */
    public void memRRScaled(MemOp op, Gpr t, Gpr n, Gpr m) {
        requireFile(op, false);
        registerOffset(op, r(t), n, m, true);
    }

    /** {@code ldr dt, [xn|sp, xm, lsl #3]} … */
    public void memRRScaled(MemOp op, Fpr t, Gpr n, Gpr m) {
        requireFile(op, true);
        registerOffset(op, t.enc(), n, m, true);
    }

    /** Option 011 (lsl), S set when the index is shifted by log2 of the access size. */
    private void registerOffset(MemOp op, int t, Gpr n, Gpr m, boolean scaled) {
        buf.put32(op.base() | 0x00206800 | (scaled ? 0x1000 : 0) | r(m) << 16 | sp(n) << 5 | t);
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

    /** {@code bl target} (±128 MiB): calls within the blob are PC-relative */
    public void bl(Label target) {
        int at = buf.size();
        buf.put32(0x94000000);
        buf.addFixup(at, target, (b, pos, to) -> b.set32(pos, b.get32(pos) | branch(to - pos, 26)));
    }

    /** {@code b.cond target} (±1 MiB) */
    public void bcond(Cond cond, Label target) {
        imm19Branch(0x54000000 | cond.enc(), target);
    }

    /** {@code cbz wt, target} */
    public void cbz32(Gpr t, Label target) {
        imm19Branch(0x34000000 | r(t), target);
    }

    /** {@code cbnz wt, target} */
    public void cbnz32(Gpr t, Label target) {
        imm19Branch(0x35000000 | r(t), target);
    }

    /** {@code cbz xt, target} */
    public void cbz64(Gpr t, Label target) {
        imm19Branch(0xB4000000 | r(t), target);
    }

    /** {@code cbnz xt, target} */
    public void cbnz64(Gpr t, Label target) {
        imm19Branch(0xB5000000 | r(t), target);
    }

    /** {@code blr xn}: calls through a function pointer */
    public void blr(Gpr n) {
        buf.put32(0xD63F0000 | r(n) << 5);
    }

    /** {@code adr xd, target} (±1 MiB): position-independent addresses of code and data in the blob */
    public void adr(Gpr d, Label target) {
        int at = buf.size();
        buf.put32(0x10000000 | r(d));
        buf.addFixup(at, target, (b, pos, to) -> {
            int off = to - pos;
            if (off < -(1 << 20) || off >= 1 << 20) {
                throw new SimplecException(ErrorKind.LIMIT, "aarch64: an adr of " + off + " bytes is out of range (±1 MiB)");
            }
            b.set32(pos, b.get32(pos) | (off & 3) << 29 | (off >> 2 & 0x7FFFF) << 5);
        });
    }

    /** {@code svc #imm16}: a Linux system call (number in x8) */
    public void svc(int imm16) {
        if ((imm16 & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("svc #" + imm16);
        }
        buf.put32(0xD4000001 | imm16 << 5);
    }

    // ---- floating point, scalar ----

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

    /** {@code fmov xd, dn} */
    public void fmovXD(Gpr d, Fpr n) {
        buf.put32(0x9E660000 | n.enc() << 5 | r(d));
    }

    /** {@code fmov wd, sn} */
    public void fmovWS(Gpr d, Fpr n) {
        buf.put32(0x1E260000 | n.enc() << 5 | r(d));
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

    /** {@code fdiv dd, dn, dm} */
    public void fdivD(Fpr d, Fpr n, Fpr m) {
        fff(0x1E601800, d, n, m);
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

    /** {@code fdiv sd, sn, sm} */
    public void fdivS(Fpr d, Fpr n, Fpr m) {
        fff(0x1E201800, d, n, m);
    }

    /** {@code fneg dd, dn} */
    public void fnegD(Fpr d, Fpr n) {
        ff(0x1E614000, d, n);
    }

    /** {@code fneg sd, sn} */
    public void fnegS(Fpr d, Fpr n) {
        ff(0x1E214000, d, n);
    }

    /** {@code fabs dd, dn} */
    public void fabsD(Fpr d, Fpr n) {
        ff(0x1E60C000, d, n);
    }

    /** {@code fabs sd, sn} */
    public void fabsS(Fpr d, Fpr n) {
        ff(0x1E20C000, d, n);
    }

    /** {@code fsqrt dd, dn} */
    public void fsqrtD(Fpr d, Fpr n) {
        ff(0x1E61C000, d, n);
    }

    /** {@code fsqrt sd, sn} */
    public void fsqrtS(Fpr d, Fpr n) {
        ff(0x1E21C000, d, n);
    }

    /** {@code fcmp dn, dm}: unordered sets C and V */
    public void fcmpD(Fpr n, Fpr m) {
        buf.put32(0x1E602000 | m.enc() << 16 | n.enc() << 5);
    }

    /** {@code fcmp sn, sm} */
    public void fcmpS(Fpr n, Fpr m) {
        buf.put32(0x1E202000 | m.enc() << 16 | n.enc() << 5);
    }

    /** {@code fcsel dd, dn, dm, cond} */
    public void fcselD(Fpr d, Fpr n, Fpr m, Cond cond) {
        buf.put32(0x1E600C00 | m.enc() << 16 | cond.enc() << 12 | n.enc() << 5 | d.enc());
    }

    /** {@code fcsel sd, sn, sm, cond} */
    public void fcselS(Fpr d, Fpr n, Fpr m, Cond cond) {
        buf.put32(0x1E200C00 | m.enc() << 16 | cond.enc() << 12 | n.enc() << 5 | d.enc());
    }

    /** {@code fcvt dd, sn} (exact) */
    public void fcvtDS(Fpr d, Fpr n) {
        ff(0x1E22C000, d, n);
    }

    /** {@code fcvt sd, dn} (rounded to nearest) */
    public void fcvtSD(Fpr d, Fpr n) {
        ff(0x1E624000, d, n);
    }

    /** {@code scvtf dd, xn} (and the w / s forms below): integer to float, rounded to nearest */
    public void scvtfDX(Fpr d, Gpr n) {
        fg(0x9E620000, d, n);
    }

    public void scvtfDW(Fpr d, Gpr n) {
        fg(0x1E620000, d, n);
    }

    public void scvtfSX(Fpr d, Gpr n) {
        fg(0x9E220000, d, n);
    }

    public void scvtfSW(Fpr d, Gpr n) {
        fg(0x1E220000, d, n);
    }

    /** {@code ucvtf dd, xn} (and the w / s forms below) */
    public void ucvtfDX(Fpr d, Gpr n) {
        fg(0x9E630000, d, n);
    }

    public void ucvtfDW(Fpr d, Gpr n) {
        fg(0x1E630000, d, n);
    }

    public void ucvtfSX(Fpr d, Gpr n) {
        fg(0x9E230000, d, n);
    }

    public void ucvtfSW(Fpr d, Gpr n) {
        fg(0x1E230000, d, n);
    }

    /** {@code fcvtzs xd, dn} (and the forms below): toward zero, saturating, NaN gives 0 */
    public void fcvtzsXD(Gpr d, Fpr n) {
        gf(0x9E780000, d, n);
    }

    public void fcvtzsWD(Gpr d, Fpr n) {
        gf(0x1E780000, d, n);
    }

    public void fcvtzsXS(Gpr d, Fpr n) {
        gf(0x9E380000, d, n);
    }

    public void fcvtzsWS(Gpr d, Fpr n) {
        gf(0x1E380000, d, n);
    }

    /** {@code fcvtzu xd, dn} (and the forms below) */
    public void fcvtzuXD(Gpr d, Fpr n) {
        gf(0x9E790000, d, n);
    }

    public void fcvtzuWD(Gpr d, Fpr n) {
        gf(0x1E790000, d, n);
    }

    public void fcvtzuXS(Gpr d, Fpr n) {
        gf(0x9E390000, d, n);
    }

    public void fcvtzuWS(Gpr d, Fpr n) {
        gf(0x1E390000, d, n);
    }

    // ---- NEON, 128-bit ----

    /** {@code mov vd.16b, vn.16b} (orr): the copy of a whole vector register */
    public void movV(Fpr d, Fpr n) {
        buf.put32(0x4EA01C00 | n.enc() << 16 | n.enc() << 5 | d.enc());
    }

    /** {@code add vd.T, vn.T, vm.T} */
    public void addV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x4E208400 | t.size() << 22, d, n, m);
    }

    /** {@code sub vd.T, vn.T, vm.T} */
    public void subV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x6E208400 | t.size() << 22, d, n, m);
    }

    /** {@code mul vd.T, vn.T, vm.T} (no 2d form) */
    public void mulV(Arr t, Fpr d, Fpr n, Fpr m) {
        if (t == Arr.D2) {
            throw new IllegalArgumentException("mul has no 2d form");
        }
        fff(0x4E209C00 | t.size() << 22, d, n, m);
    }

    /** {@code and vd.16b, vn.16b, vm.16b} */
    public void andV(Fpr d, Fpr n, Fpr m) {
        fff(0x4E201C00, d, n, m);
    }

    /** {@code orr vd.16b, vn.16b, vm.16b} */
    public void orrV(Fpr d, Fpr n, Fpr m) {
        fff(0x4EA01C00, d, n, m);
    }

    /** {@code eor vd.16b, vn.16b, vm.16b} */
    public void eorV(Fpr d, Fpr n, Fpr m) {
        fff(0x6E201C00, d, n, m);
    }

    /** {@code orn vd.16b, vn.16b, vm.16b}: n | ~m */
    public void ornV(Fpr d, Fpr n, Fpr m) {
        fff(0x4EE01C00, d, n, m);
    }

    /** {@code bsl vd.16b, vn.16b, vm.16b}: d = d ? n : m, bit by bit */
    public void bslV(Fpr d, Fpr n, Fpr m) {
        fff(0x6E601C00, d, n, m);
    }

    /** {@code mvn vd.16b, vn.16b} (not) */
    public void mvnV(Fpr d, Fpr n) {
        ff(0x6E205800, d, n);
    }

    /** {@code fadd vd.T, vn.T, vm.T} (T = 4s or 2d, likewise below) */
    public void faddV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x4E20D400 | fsz(t), d, n, m);
    }

    public void fsubV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x4EA0D400 | fsz(t), d, n, m);
    }

    public void fmulV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x6E20DC00 | fsz(t), d, n, m);
    }

    public void fdivV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x6E20FC00 | fsz(t), d, n, m);
    }

    public void fnegV(Arr t, Fpr d, Fpr n) {
        ff(0x6EA0F800 | fsz(t), d, n);
    }

    public void fabsV(Arr t, Fpr d, Fpr n) {
        ff(0x4EA0F800 | fsz(t), d, n);
    }

    public void fsqrtV(Arr t, Fpr d, Fpr n) {
        ff(0x6EA1F800 | fsz(t), d, n);
    }

    /** {@code cmeq vd.T, vn.T, vm.T}: lanes all ones where equal (and the integer compares below) */
    public void cmeqV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x6E208C00 | t.size() << 22, d, n, m);
    }

    /** {@code cmgt}: signed n > m */
    public void cmgtV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x4E203400 | t.size() << 22, d, n, m);
    }

    /** {@code cmge}: signed n >= m */
    public void cmgeV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x4E203C00 | t.size() << 22, d, n, m);
    }

    /** {@code cmhi}: unsigned n > m */
    public void cmhiV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x6E203400 | t.size() << 22, d, n, m);
    }

    /** {@code cmhs}: unsigned n >= m */
    public void cmhsV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x6E203C00 | t.size() << 22, d, n, m);
    }

    /** {@code fcmeq vd.T, vn.T, vm.T}: false where either is NaN (and the float compares below) */
    public void fcmeqV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x4E20E400 | fsz(t), d, n, m);
    }

    public void fcmgeV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x6E20E400 | fsz(t), d, n, m);
    }

    public void fcmgtV(Arr t, Fpr d, Fpr n, Fpr m) {
        fff(0x6EA0E400 | fsz(t), d, n, m);
    }

    /** {@code dup vd.T, wn|xn}: every lane from a general register */
    public void dupVR(Arr t, Fpr d, Gpr n) {
        buf.put32(0x4E000C00 | t.imm5(0) << 16 | r(n) << 5 | d.enc());
    }

    /** {@code dup vd.T, vn.T[index]}: every lane from one lane */
    public void dupVE(Arr t, Fpr d, Fpr n, int index) {
        buf.put32(0x4E000400 | t.imm5(index) << 16 | n.enc() << 5 | d.enc());
    }

    /** {@code dup sd|dd, vn.T[index]} (mov): one lane into a scalar register, the rest zeroed */
    public void dupSE(Arr t, Fpr d, Fpr n, int index) {
        buf.put32(0x5E000400 | t.imm5(index) << 16 | n.enc() << 5 | d.enc());
    }

    /** {@code umov wd|xd, vn.T[index]}: a lane, zero-extended (xd only for 2d) */
    public void umov(Arr t, Gpr d, Fpr n, int index) {
        buf.put32((t == Arr.D2 ? 0x4E003C00 : 0x0E003C00) | t.imm5(index) << 16 | n.enc() << 5 | r(d));
    }

    /** {@code smov wd, vn.T[index]}: a byte or halfword lane, sign-extended to 32 bits */
    public void smov32(Arr t, Gpr d, Fpr n, int index) {
        if (t != Arr.B16 && t != Arr.H8) {
            throw new IllegalArgumentException("smov w takes b or h lanes");
        }
        buf.put32(0x0E002C00 | t.imm5(index) << 16 | n.enc() << 5 | r(d));
    }

    /** {@code ins vd.T[index], wn|xn} (mov): one lane from a general register */
    public void insVR(Arr t, Fpr d, int index, Gpr n) {
        buf.put32(0x4E001C00 | t.imm5(index) << 16 | r(n) << 5 | d.enc());
    }

    /** {@code addv bd|hd|sd, vn.T}: the wrapping sum of the lanes (no 2d form) */
    public void addv(Arr t, Fpr d, Fpr n) {
        if (t == Arr.D2) {
            throw new IllegalArgumentException("addv has no 2d form");
        }
        ff(0x4E31B800 | t.size() << 22, d, n);
    }

    /** {@code addp dd, vn.2d}: the sum of the two lanes */
    public void addpD(Fpr d, Fpr n) {
        ff(0x5EF1B800, d, n);
    }

    // ---- encoding helpers ----

    private void rrr(int base, Gpr d, Gpr n, Gpr m) {
        buf.put32(base | r(m) << 16 | r(n) << 5 | r(d));
    }

    private void fff(int base, Fpr d, Fpr n, Fpr m) {
        buf.put32(base | m.enc() << 16 | n.enc() << 5 | d.enc());
    }

    private void ff(int base, Fpr d, Fpr n) {
        buf.put32(base | n.enc() << 5 | d.enc());
    }

    private void fg(int base, Fpr d, Gpr n) {
        buf.put32(base | r(n) << 5 | d.enc());
    }

    private void gf(int base, Gpr d, Fpr n) {
        buf.put32(base | n.enc() << 5 | r(d));
    }

    private void bitfield(int base, Gpr d, Gpr n, int lsb, int width) {
        if (lsb < 0 || width < 1 || lsb + width > 64) {
            throw new IllegalArgumentException("bit field #" + lsb + ", #" + width);
        }
        buf.put32(base | lsb << 16 | (lsb + width - 1) << 10 | r(n) << 5 | r(d));
    }

    private void memScaled(MemOp op, int t, Gpr n, int offset) {
        if (!op.fitsScaled(offset)) {
            throw new IllegalArgumentException("offset " + offset + " is not a multiple of " + op.bytes() + " in 0.."
                    + op.bytes() * 0xFFF);
        }
        buf.put32(op.base() | 0x01000000 | offset / op.bytes() << 10 | sp(n) << 5 | t);
    }

    private void memUnscaled(MemOp op, int t, Gpr n, int offset) {
        if (!MemOp.fitsUnscaled(offset)) {
            throw new IllegalArgumentException("offset " + offset + " is not in -256..255");
        }
        buf.put32(op.base() | (offset & 0x1FF) << 12 | sp(n) << 5 | t);
    }

    private static void requireFile(MemOp op, boolean fp) {
        if (op.isFp() != fp) {
            throw new IllegalArgumentException(op + " takes " + (op.isFp() ? "an FP/SIMD" : "a general") + " register");
        }
    }

    private void imm19Branch(int word, Label target) {
        int at = buf.size();
        buf.put32(word);
        buf.addFixup(at, target, (b, pos, to) -> b.set32(pos, b.get32(pos) | branch(to - pos, 19) << 5));
    }

    private void wide(int base, Gpr d, int imm16, int shift, int width) {
        if ((imm16 & ~0xFFFF) != 0 || shift % 16 != 0 || shift < 0 || shift >= width) {
            throw new IllegalArgumentException("bad wide immediate #" + imm16 + ", lsl #" + shift);
        }
        buf.put32(base | (shift / 16) << 21 | imm16 << 5 | r(d));
    }

    private static int fsz(Arr t) {
        if (t != Arr.S4 && t != Arr.D2) {
            throw new IllegalArgumentException("float vectors are 4s or 2d, not " + t);
        }
        return (t == Arr.D2 ? 1 : 0) << 22;
    }

    private static Cond invertible(Cond c) {
        if (c == Cond.AL || c == Cond.NV) {
            throw new IllegalArgumentException("cset needs an invertible condition, not " + c);
        }
        return c;
    }

    private static void checkShift(int shift, int width) {
        if (shift < 0 || shift >= width) {
            throw new IllegalArgumentException("shift #" + shift);
        }
    }

    /**
     * The N:immr:imms field of a logical immediate: a rotated run of ones repeated in every element
     * of 2, 4, …, 64 bits. Throws when {@code value} (its low {@code width} bits) has no encoding.
     */
    static int logicalImm(long value, int width) {
        long v = width == 32 ? (value & 0xFFFF_FFFFL) | value << 32 : value;
        if (width == 32 && (value >>> 32 != 0 && value >> 32 != -1)) {
            throw new IllegalArgumentException("#0x" + Long.toHexString(value) + " does not fit 32 bits");
        }
        if (v == 0 || v == -1) {
            throw new IllegalArgumentException("#0x" + Long.toHexString(value) + " is not a logical immediate");
        }
        int size = 64;
        while (size > 2) {
            int half = size / 2;
            long mask = (1L << half) - 1;
            if ((v & mask) != ((v >>> half) & mask)) {
                break;
            }
            size = half;
        }
        long mask = size == 64 ? -1L : (1L << size) - 1;
        long elt = v & mask;
        int ones = Long.bitCount(elt);
        long run = ones == 64 ? -1L : (1L << ones) - 1;
        for (int rot = 0; rot < size; rot++) {
            long r = size == 64 ? Long.rotateRight(elt, rot) : ((elt >>> rot) | (elt << (size - rot))) & mask;
            if (r == run) {
                int immr = (size - rot) % size;
                int imms = ((-size << 1) & 0x3F) | (ones - 1);
                int n = size == 64 ? 1 : 0;
                return n << 12 | immr << 6 | imms;
            }
        }
        throw new IllegalArgumentException("#0x" + Long.toHexString(value) + " is not a logical immediate");
    }

    /** Whether {@code value} is a logical immediate of {@code width} bits. */
    public static boolean isLogicalImm(long value, int width) {
        try {
            logicalImm(value, width);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
