package dev.simplec.backend.x86.emit;

import dev.simplec.api.codegen.CodeBuffer;
import dev.simplec.api.codegen.Label;

/**
 * Writes x86-64 machine code. One method per instruction form, named after the mnemonic, the
 * operand width and the operand kinds (R register, M {@code [base+disp]} memory, I immediate),
 * destination first as in Intel syntax. Encodings are checked against GNU as in
 * {@code X86AssemblerTest}.
 */
public final class X86Assembler {
    private static final int REX = 0x40;
    private static final int REX_W = 0x48;

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

    /** Pads with {@code int3} up to a multiple of {@code alignment}. */
    public void align(int alignment) {
        while (buf.size() % alignment != 0) {
            buf.put8(0xCC);
        }
    }

    // ---- integer moves ----

    /** {@code mov r64, r64} */
    public void mov64RR(Gpr dst, Gpr src) {
        rr(REX_W, 0x89, src.enc(), dst.enc());
    }

    /** {@code mov r32, imm32} (zero-extends into the full register) */
    public void mov32RI(Gpr dst, int imm) {
        if (dst.high()) {
            buf.put8(REX | 1);
        }
        buf.put8(0xB8 + (dst.enc() & 7));
        buf.put32(imm);
    }

    /** {@code mov r64, simm32} (sign-extends) */
    public void mov64RI(Gpr dst, int imm) {
        rr(REX_W, 0xC7, 0, dst.enc());
        buf.put32(imm);
    }

    /** {@code movabs r64, imm64} */
    public void movabs(Gpr dst, long imm) {
        buf.put8(REX_W | (dst.high() ? 1 : 0));
        buf.put8(0xB8 + (dst.enc() & 7));
        buf.put64(imm);
    }

    /** {@code mov r64, qword [base+disp]} */
    public void mov64RM(Gpr dst, Gpr base, int disp) {
        mem(REX_W, new int[] {0x8B}, dst.enc(), base, disp);
    }

    /** {@code mov qword [base+disp], r64} */
    public void mov64MR(Gpr base, int disp, Gpr src) {
        mem(REX_W, new int[] {0x89}, src.enc(), base, disp);
    }

    /** {@code movsx r64, r8} (the low byte of {@code src}) */
    public void movsx64R8(Gpr dst, Gpr src) {
        rr(REX_W, 0x0F, 0xBE, dst.enc(), src.enc());
    }

    /** {@code movsx r64, r16} */
    public void movsx64R16(Gpr dst, Gpr src) {
        rr(REX_W, 0x0F, 0xBF, dst.enc(), src.enc());
    }

    /** {@code movsxd r64, r32} */
    public void movsxd64R32(Gpr dst, Gpr src) {
        rr(REX_W, 0x63, dst.enc(), src.enc());
    }

    // ---- integer arithmetic ----

    /** {@code lea r64, [base+index]}: a three-operand add that leaves the flags alone */
    public void lea64(Gpr dst, Gpr base, Gpr index) {
        lea(REX_W, dst, base, index);
    }

    /** {@code lea r32, [base+index]} */
    public void lea32(Gpr dst, Gpr base, Gpr index) {
        lea(0, dst, base, index);
    }

    /** {@code add r64, r64} */
    public void add64RR(Gpr dst, Gpr src) {
        rr(REX_W, 0x01, src.enc(), dst.enc());
    }

    /** {@code add r32, r32} */
    public void add32RR(Gpr dst, Gpr src) {
        rr(0, 0x01, src.enc(), dst.enc());
    }

    /** {@code sub r64, r64} */
    public void sub64RR(Gpr dst, Gpr src) {
        rr(REX_W, 0x29, src.enc(), dst.enc());
    }

    /** {@code sub r32, r32} */
    public void sub32RR(Gpr dst, Gpr src) {
        rr(0, 0x29, src.enc(), dst.enc());
    }

    /** {@code imul r64, r64} */
    public void imul64RR(Gpr dst, Gpr src) {
        rr(REX_W, 0x0F, 0xAF, dst.enc(), src.enc());
    }

    /** {@code imul r32, r32} */
    public void imul32RR(Gpr dst, Gpr src) {
        rr(0, 0x0F, 0xAF, dst.enc(), src.enc());
    }

    /** {@code add r64, imm} (imm8 form when it fits) */
    public void add64RI(Gpr dst, int imm) {
        aluImm(0, dst, imm);
    }

    /** {@code sub r64, imm} (imm8 form when it fits) */
    public void sub64RI(Gpr dst, int imm) {
        aluImm(5, dst, imm);
    }

    // ---- stack and control ----

    /** {@code push r64} */
    public void push(Gpr reg) {
        if (reg.high()) {
            buf.put8(REX | 1);
        }
        buf.put8(0x50 + (reg.enc() & 7));
    }

    /** {@code pop r64} */
    public void pop(Gpr reg) {
        if (reg.high()) {
            buf.put8(REX | 1);
        }
        buf.put8(0x58 + (reg.enc() & 7));
    }

    /** {@code ret} */
    public void ret() {
        buf.put8(0xC3);
    }

    /** {@code jmp rel32} to {@code target} */
    public void jmp(Label target) {
        buf.put8(0xE9);
        rel32(target);
    }

    /** {@code jcc rel32} to {@code target} */
    public void jcc(Cond cond, Label target) {
        buf.put8(0x0F);
        buf.put8(0x80 + cond.enc());
        rel32(target);
    }

    // ---- SSE2 ----

    /** {@code movaps xmm, xmm}: the whole-register copy for both f32 and f64 */
    public void movaps(Xmm dst, Xmm src) {
        rr(0, 0x0F, 0x28, dst.enc(), src.enc());
    }

    /** {@code movsd xmm, qword [base+disp]} */
    public void movsdRM(Xmm dst, Gpr base, int disp) {
        buf.put8(0xF2);
        mem(0, new int[] {0x0F, 0x10}, dst.enc(), base, disp);
    }

    /** {@code movsd qword [base+disp], xmm} */
    public void movsdMR(Gpr base, int disp, Xmm src) {
        buf.put8(0xF2);
        mem(0, new int[] {0x0F, 0x11}, src.enc(), base, disp);
    }

    /** {@code movq xmm, r64} */
    public void movqXR(Xmm dst, Gpr src) {
        buf.put8(0x66);
        rr(REX_W, 0x0F, 0x6E, dst.enc(), src.enc());
    }

    /** {@code movd xmm, r32} */
    public void movdXR(Xmm dst, Gpr src) {
        buf.put8(0x66);
        rr(0, 0x0F, 0x6E, dst.enc(), src.enc());
    }

    /** {@code addsd xmm, xmm} */
    public void addsd(Xmm dst, Xmm src) {
        sse(0xF2, 0x58, dst, src);
    }

    /** {@code subsd xmm, xmm} */
    public void subsd(Xmm dst, Xmm src) {
        sse(0xF2, 0x5C, dst, src);
    }

    /** {@code mulsd xmm, xmm} */
    public void mulsd(Xmm dst, Xmm src) {
        sse(0xF2, 0x59, dst, src);
    }

    /** {@code addss xmm, xmm} */
    public void addss(Xmm dst, Xmm src) {
        sse(0xF3, 0x58, dst, src);
    }

    /** {@code subss xmm, xmm} */
    public void subss(Xmm dst, Xmm src) {
        sse(0xF3, 0x5C, dst, src);
    }

    /** {@code mulss xmm, xmm} */
    public void mulss(Xmm dst, Xmm src) {
        sse(0xF3, 0x59, dst, src);
    }

    // ---- encoding helpers ----

    private void sse(int prefix, int opcode, Xmm dst, Xmm src) {
        buf.put8(prefix); // mandatory prefix goes before REX
        rr(0, 0x0F, opcode, dst.enc(), src.enc());
    }

    /** One-byte opcode, register-direct ModRM with {@code reg} and {@code rm} fields. */
    private void rr(int rex, int opcode, int reg, int rm) {
        rex(rex, reg, 0, rm);
        buf.put8(opcode);
        buf.put8(0xC0 | (reg & 7) << 3 | (rm & 7));
    }

    /** Two-byte opcode, register-direct ModRM. */
    private void rr(int rex, int op1, int op2, int reg, int rm) {
        rex(rex, reg, 0, rm);
        buf.put8(op1);
        buf.put8(op2);
        buf.put8(0xC0 | (reg & 7) << 3 | (rm & 7));
    }

    /** REX prefix when it carries anything: W, or an extension bit for r8–r15 / xmm8–15. */
    private void rex(int base, int reg, int index, int rm) {
        int rex = base | (reg & 8) >> 1 | (index & 8) >> 2 | (rm & 8) >> 3;
        if (rex != 0) {
            buf.put8(rex | REX);
        }
    }

    /** {@code [base+disp]} operand: SIB for rsp/r12, forced disp8 for rbp/r13, shortest displacement otherwise. */
    private void mem(int rex, int[] opcode, int reg, Gpr base, int disp) {
        rex(rex, reg, 0, base.enc());
        for (int b : opcode) {
            buf.put8(b);
        }
        int b = base.enc() & 7;
        int mod = disp == 0 && b != 5 ? 0 : disp == (byte) disp ? 1 : 2;
        buf.put8(mod << 6 | (reg & 7) << 3 | b);
        if (b == 4) {
            buf.put8(0x24); // SIB: no index, base rsp/r12
        }
        if (mod == 1) {
            buf.put8(disp);
        } else if (mod == 2) {
            buf.put32(disp);
        }
    }

    private void lea(int rexW, Gpr dst, Gpr base, Gpr index) {
        if (index == Gpr.RSP) {
            throw new IllegalArgumentException("rsp cannot be an index register");
        }
        rex(rexW, dst.enc(), index.enc(), base.enc());
        buf.put8(0x8D);
        boolean disp8 = (base.enc() & 7) == 5; // rbp/r13 as base has no disp0 form
        buf.put8((disp8 ? 0x44 : 0x04) | (dst.enc() & 7) << 3);
        buf.put8((index.enc() & 7) << 3 | (base.enc() & 7));
        if (disp8) {
            buf.put8(0);
        }
    }

    private void aluImm(int ext, Gpr dst, int imm) {
        if (imm == (byte) imm) {
            rr(REX_W, 0x83, ext, dst.enc());
            buf.put8(imm);
        } else {
            rr(REX_W, 0x81, ext, dst.enc());
            buf.put32(imm);
        }
    }

    private void rel32(Label target) {
        int at = buf.size();
        buf.put32(0);
        buf.addFixup(at, target, (b, pos, to) -> b.set32(pos, to - (pos + 4)));
    }
}
