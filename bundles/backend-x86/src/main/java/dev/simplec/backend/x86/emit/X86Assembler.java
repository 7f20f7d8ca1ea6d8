package dev.simplec.backend.x86.emit;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.codegen.CodeBuffer;
import dev.simplec.api.codegen.Label;

/**
 * Writes x86-64 machine code. One method per instruction form, named after the mnemonic, the
 * operand width and the operand kinds (R register, M memory, I immediate, X xmm), destination
 * first as in Intel syntax; families that share a form (ALU, SSE, AVX, shifts) take their
 * opcode from a table ({@link AluOp}, {@link SseOp}, {@link AvxOp}, {@link SseShift}). Every
 * instruction is also recorded as Intel-syntax text, the built-in listing that
 * {@link X86Disassembler} prints; {@code X86AssemblerTest} checks bytes and text against GNU as.
 */
public final class X86Assembler {
    /** One listed instruction (or data): where it starts, how long it is, its text. */
    public record Line(int offset, int length, String text) {
    }

    /** Integer ALU operations sharing the {@code 01/09/21/29/31/39} and {@code 81/83 /ext} encodings. */
    public enum AluOp {
        ADD(0), OR(1), AND(4), SUB(5), XOR(6), CMP(7);

        final int ext;

        AluOp(int ext) {
            this.ext = ext;
        }

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Shifts: {@code D3 /ext} (by cl) and {@code C1 /ext ib}. */
    public enum ShiftOp {
        SHL(4), SHR(5), SAR(7);

        final int ext;

        ShiftOp(int ext) {
            this.ext = ext;
        }

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final int REX = 0x40;
    private static final int BYTE_RM = 1;
    private static final int BYTE_REG = 2;
    private static final int BYTE_BOTH = 3;

    private final CodeBuffer buf;
    private final List<Line> lines = new ArrayList<>();
    private int mark;
    private boolean vex;
    /** Whether instructions are recorded as text; when off, {@link #listing()} is empty. */
    private final boolean listing;

    /** An assembler that records the listing. */
    public X86Assembler() {
        this(true);
    }

    /** An assembler that records the listing only when {@code listing} is set (the text costs most of the emit time). */
    public X86Assembler(boolean listing) {
        this(listing, 256);
    }

    /** {@code capacity}: the expected code size in bytes, so the buffer rarely grows. */
    public X86Assembler(boolean listing, int capacity) {
        this.listing = listing;
        this.buf = new CodeBuffer(capacity);
    }

    /**
     * VEX mode: every SSE method emits its VEX-128 form instead ({@code addsd x, y} becomes
     * {@code vaddsd x, x, y}). Code that uses 256-bit registers must not mix in legacy SSE
     * encodings, which on many CPUs merge with (or save and restore) the upper halves.
     */
    public void setVex(boolean on) {
        vex = on;
    }

    public boolean vex() {
        return vex;
    }

    private static int pp(int prefix) {
        return switch (prefix) {
            case 0x66 -> 1;
            case 0xF3 -> 2;
            case 0xF2 -> 3;
            default -> 0;
        };
    }

    /** SSE ops whose VEX form has no second source (VEX.vvvv unused). */
    private static boolean vexUnary(SseOp op) {
        return switch (op) {
            case MOVAPS, UCOMISS, UCOMISD, MOVQ, SQRTPS, SQRTPD, PSHUFD, PSHUFLW -> true;
            default -> false;
        };
    }

    private String vexText(SseOp op, Xmm dst, String src) {
        return "v" + op.text() + " " + dst.text(false) + ", " + (vexUnary(op) ? "" : dst.text(false) + ", ") + src;
    }

    public int size() {
        return buf.size();
    }

    public void bind(Label label) {
        buf.bind(label);
    }

    /** Resolves branches and RIP-relative references and returns the code. */
    public byte[] finish() {
        return buf.finish();
    }

    /** What was emitted, instruction by instruction. */
    public List<Line> listing() {
        return List.copyOf(lines);
    }

    /** Records the bytes since the previous record as {@code text}. */
    private void note(String text) {
        lines.add(new Line(mark, buf.size() - mark, text));
        mark = buf.size();
    }

    /** Pads with {@code int3} up to a multiple of {@code alignment}. */
    public void align(int alignment) {
        if (buf.size() % alignment == 0) {
            return;
        }
        while (buf.size() % alignment != 0) {
            buf.put8(0xCC);
        }
        if (listing) note("(padding)");
    }

    /** Raw data (constants, messages), listed as {@code what}. */
    public void data(byte[] bytes, String what) {
        buf.putBytes(bytes);
        if (listing) note(what);
    }

    // ---- integer moves ----

    /** {@code mov r64, r64} */
    public void mov64RR(Gpr dst, Gpr src) {
        rr(0x48, op1(0x89), src.enc(), dst.enc(), 0);
        if (listing) note("mov " + dst.text(64) + ", " + src.text(64));
    }

    /** {@code mov r32, r32}: zero-extends into the full register */
    public void mov32RR(Gpr dst, Gpr src) {
        rr(0, op1(0x89), src.enc(), dst.enc(), 0);
        if (listing) note("mov " + dst.text(32) + ", " + src.text(32));
    }

    /** {@code mov r32, imm32} (zero-extends into the full register) */
    public void mov32RI(Gpr dst, int imm) {
        if (dst.high()) {
            buf.put8(REX | 1);
        }
        buf.put8(0xB8 + (dst.enc() & 7));
        buf.put32(imm);
        if (listing) note("mov " + dst.text(32) + ", " + hex(imm & 0xFFFF_FFFFL));
    }

    /** {@code mov r64, simm32} (sign-extends) */
    public void mov64RI(Gpr dst, int imm) {
        rr(0x48, op1(0xC7), 0, dst.enc(), 0);
        buf.put32(imm);
        if (listing) note("mov " + dst.text(64) + ", " + shex(imm));
    }

    /** {@code movabs r64, imm64} */
    public void movabs(Gpr dst, long imm) {
        buf.put8(0x48 | (dst.high() ? 1 : 0));
        buf.put8(0xB8 + (dst.enc() & 7));
        buf.put64(imm);
        if (listing) note("movabs " + dst.text(64) + ", " + hex(imm));
    }

    /** {@code mov r64, qword ptr [m]} */
    public void mov64RM(Gpr dst, Mem m) {
        mem(0, 0x48, op1(0x8B), dst.enc(), m, 0);
        if (listing) note("mov " + dst.text(64) + ", qword ptr " + m);
    }

    /** {@code mov r32, dword ptr [m]} */
    public void mov32RM(Gpr dst, Mem m) {
        mem(0, 0, op1(0x8B), dst.enc(), m, 0);
        if (listing) note("mov " + dst.text(32) + ", dword ptr " + m);
    }

    /** {@code movzx r32, byte ptr [m]} */
    public void movzx32RM8(Gpr dst, Mem m) {
        mem(0, 0, op2(0x0F, 0xB6), dst.enc(), m, 0);
        if (listing) note("movzx " + dst.text(32) + ", byte ptr " + m);
    }

    /** {@code movzx r32, word ptr [m]} */
    public void movzx32RM16(Gpr dst, Mem m) {
        mem(0, 0, op2(0x0F, 0xB7), dst.enc(), m, 0);
        if (listing) note("movzx " + dst.text(32) + ", word ptr " + m);
    }

    /** {@code mov qword ptr [m], r64} */
    public void mov64MR(Mem m, Gpr src) {
        mem(0, 0x48, op1(0x89), src.enc(), m, 0);
        if (listing) note("mov qword ptr " + m + ", " + src.text(64));
    }

    /** {@code mov dword ptr [m], r32} */
    public void mov32MR(Mem m, Gpr src) {
        mem(0, 0, op1(0x89), src.enc(), m, 0);
        if (listing) note("mov dword ptr " + m + ", " + src.text(32));
    }

    /** {@code mov word ptr [m], r16} */
    public void mov16MR(Mem m, Gpr src) {
        mem(0x66, 0, op1(0x89), src.enc(), m, 0);
        if (listing) note("mov word ptr " + m + ", " + src.text(16));
    }

    /** {@code mov byte ptr [m], r8} */
    public void mov8MR(Mem m, Gpr src) {
        memByte(0, op1(0x88), src.enc(), m);
        if (listing) note("mov byte ptr " + m + ", " + src.text(8));
    }

    /** {@code mov dword ptr [m], imm32} */
    public void mov32MI(Mem m, int imm) {
        mem(0, 0, op1(0xC7), 0, m, 4);
        buf.put32(imm);
        if (listing) note("mov dword ptr " + m + ", " + hex(imm & 0xFFFF_FFFFL));
    }

    /** {@code movsx r64, r8} (the low byte of {@code src}) */
    public void movsx64R8(Gpr dst, Gpr src) {
        rr(0x48, op2(0x0F, 0xBE), dst.enc(), src.enc(), BYTE_RM);
        if (listing) note("movsx " + dst.text(64) + ", " + src.text(8));
    }

    /** {@code movsx r64, r16} */
    public void movsx64R16(Gpr dst, Gpr src) {
        rr(0x48, op2(0x0F, 0xBF), dst.enc(), src.enc(), 0);
        if (listing) note("movsx " + dst.text(64) + ", " + src.text(16));
    }

    /** {@code movsxd r64, r32} */
    public void movsxd64R32(Gpr dst, Gpr src) {
        rr(0x48, op1(0x63), dst.enc(), src.enc(), 0);
        if (listing) note("movsxd " + dst.text(64) + ", " + src.text(32));
    }

    /** {@code movzx r32, r8}: zero-extends to 64 bits */
    public void movzx32R8(Gpr dst, Gpr src) {
        rr(0, op2(0x0F, 0xB6), dst.enc(), src.enc(), BYTE_RM);
        if (listing) note("movzx " + dst.text(32) + ", " + src.text(8));
    }

    /** {@code movzx r32, r16} */
    public void movzx32R16(Gpr dst, Gpr src) {
        rr(0, op2(0x0F, 0xB7), dst.enc(), src.enc(), 0);
        if (listing) note("movzx " + dst.text(32) + ", " + src.text(16));
    }

    /** {@code lea r64, [m]} */
    public void lea64(Gpr dst, Mem m) {
        mem(0, 0x48, op1(0x8D), dst.enc(), m, 0);
        if (listing) note("lea " + dst.text(64) + ", " + m);
    }

    /** {@code lea r32, [m]} */
    public void lea32(Gpr dst, Mem m) {
        mem(0, 0, op1(0x8D), dst.enc(), m, 0);
        if (listing) note("lea " + dst.text(32) + ", " + m);
    }

    // ---- integer arithmetic ----

    /** {@code op r64, r64} for add/or/and/sub/xor/cmp */
    public void alu64RR(AluOp op, Gpr dst, Gpr src) {
        rr(0x48, op1(op.ext * 8 + 1), src.enc(), dst.enc(), 0);
        if (listing) note(op.text() + " " + dst.text(64) + ", " + src.text(64));
    }

    /** {@code op r32, r32} */
    public void alu32RR(AluOp op, Gpr dst, Gpr src) {
        rr(0, op1(op.ext * 8 + 1), src.enc(), dst.enc(), 0);
        if (listing) note(op.text() + " " + dst.text(32) + ", " + src.text(32));
    }

    /** {@code op r64, simm32} (imm8 form when it fits) */
    public void alu64RI(AluOp op, Gpr dst, int imm) {
        aluImm(0x48, op, dst, imm);
        if (listing) note(op.text() + " " + dst.text(64) + ", " + shex(imm));
    }

    /** {@code op r32, imm32} (imm8 form when it fits) */
    public void alu32RI(AluOp op, Gpr dst, int imm) {
        aluImm(0, op, dst, imm);
        if (listing) note(op.text() + " " + dst.text(32) + ", " + shex(imm));
    }

    /** {@code op r64, qword ptr [m]} for add/or/and/sub/xor/cmp */
    public void alu64RM(AluOp op, Gpr dst, Mem m) {
        mem(0, 0x48, op1(op.ext * 8 + 3), dst.enc(), m, 0);
        if (listing) note(op.text() + " " + dst.text(64) + ", qword ptr " + m);
    }

    /** {@code op r32, dword ptr [m]} */
    public void alu32RM(AluOp op, Gpr dst, Mem m) {
        mem(0, 0, op1(op.ext * 8 + 3), dst.enc(), m, 0);
        if (listing) note(op.text() + " " + dst.text(32) + ", dword ptr " + m);
    }

    /** {@code imul r64, qword ptr [m]} */
    public void imul64RM(Gpr dst, Mem m) {
        mem(0, 0x48, op2(0x0F, 0xAF), dst.enc(), m, 0);
        if (listing) note("imul " + dst.text(64) + ", qword ptr " + m);
    }

    /** {@code imul r32, dword ptr [m]} */
    public void imul32RM(Gpr dst, Mem m) {
        mem(0, 0, op2(0x0F, 0xAF), dst.enc(), m, 0);
        if (listing) note("imul " + dst.text(32) + ", dword ptr " + m);
    }

    /** {@code cmp r16, r16} */
    public void cmp16RR(Gpr a, Gpr b) {
        buf.put8(0x66);
        rr(0, op1(0x39), b.enc(), a.enc(), 0);
        if (listing) note("cmp " + a.text(16) + ", " + b.text(16));
    }

    /** {@code cmp r8, r8} */
    public void cmp8RR(Gpr a, Gpr b) {
        rr(0, op1(0x38), b.enc(), a.enc(), BYTE_BOTH);
        if (listing) note("cmp " + a.text(8) + ", " + b.text(8));
    }

    /** {@code test r8, r8} */
    public void test8RR(Gpr a, Gpr b) {
        rr(0, op1(0x84), b.enc(), a.enc(), BYTE_BOTH);
        if (listing) note("test " + a.text(8) + ", " + b.text(8));
    }

    /** {@code imul r64, r64} */
    public void imul64RR(Gpr dst, Gpr src) {
        rr(0x48, op2(0x0F, 0xAF), dst.enc(), src.enc(), 0);
        if (listing) note("imul " + dst.text(64) + ", " + src.text(64));
    }

    /** {@code imul r32, r32} */
    public void imul32RR(Gpr dst, Gpr src) {
        rr(0, op2(0x0F, 0xAF), dst.enc(), src.enc(), 0);
        if (listing) note("imul " + dst.text(32) + ", " + src.text(32));
    }

    /** {@code imul r64, r64, simm32} (imm8 form when it fits) */
    public void imul64RRI(Gpr dst, Gpr src, int imm) {
        imulImm(0x48, dst, src, imm);
        if (listing) note("imul " + dst.text(64) + ", " + src.text(64) + ", " + shex(imm));
    }

    /** {@code imul r32, r32, imm32} */
    public void imul32RRI(Gpr dst, Gpr src, int imm) {
        imulImm(0, dst, src, imm);
        if (listing) note("imul " + dst.text(32) + ", " + src.text(32) + ", " + shex(imm));
    }

    /** {@code shl/shr/sar r64, cl} */
    public void shift64Cl(ShiftOp op, Gpr dst) {
        rr(0x48, op1(0xD3), op.ext, dst.enc(), 0);
        if (listing) note(op.text() + " " + dst.text(64) + ", cl");
    }

    /** {@code shl/shr/sar r32, cl} */
    public void shift32Cl(ShiftOp op, Gpr dst) {
        rr(0, op1(0xD3), op.ext, dst.enc(), 0);
        if (listing) note(op.text() + " " + dst.text(32) + ", cl");
    }

    /** {@code shl/shr/sar r64, imm8} */
    public void shift64RI(ShiftOp op, Gpr dst, int imm) {
        rr(0x48, op1(0xC1), op.ext, dst.enc(), 0);
        buf.put8(imm);
        if (listing) note(op.text() + " " + dst.text(64) + ", " + hex(imm));
    }

    /** {@code shl/shr/sar r32, imm8} */
    public void shift32RI(ShiftOp op, Gpr dst, int imm) {
        rr(0, op1(0xC1), op.ext, dst.enc(), 0);
        buf.put8(imm);
        if (listing) note(op.text() + " " + dst.text(32) + ", " + hex(imm));
    }

    /** {@code btc r64, imm8}: flips one bit */
    public void btc64RI(Gpr dst, int bit) {
        rr(0x48, op2(0x0F, 0xBA), 7, dst.enc(), 0);
        buf.put8(bit);
        if (listing) note("btc " + dst.text(64) + ", " + hex(bit));
    }

    /** {@code cdq}: edx = sign of eax */
    public void cdq() {
        buf.put8(0x99);
        if (listing) note("cdq");
    }

    /** {@code cqo}: rdx = sign of rax */
    public void cqo() {
        buf.put8(0x48);
        buf.put8(0x99);
        if (listing) note("cqo");
    }

    /** {@code idiv r64}: rax, rdx = rdx:rax / src, remainder */
    public void idiv64(Gpr src) {
        rr(0x48, op1(0xF7), 7, src.enc(), 0);
        if (listing) note("idiv " + src.text(64));
    }

    /** {@code idiv r32} */
    public void idiv32(Gpr src) {
        rr(0, op1(0xF7), 7, src.enc(), 0);
        if (listing) note("idiv " + src.text(32));
    }

    /** {@code div r64} */
    public void div64(Gpr src) {
        rr(0x48, op1(0xF7), 6, src.enc(), 0);
        if (listing) note("div " + src.text(64));
    }

    /** {@code div r32} */
    public void div32(Gpr src) {
        rr(0, op1(0xF7), 6, src.enc(), 0);
        if (listing) note("div " + src.text(32));
    }

    /** {@code setcc r8} */
    public void setcc(Cond cond, Gpr dst) {
        rr(0, op2(0x0F, 0x90 + cond.enc()), 0, dst.enc(), BYTE_RM);
        if (listing) note("set" + cond.text() + " " + dst.text(8));
    }

    /** {@code cmovcc r64, r64} */
    public void cmov64(Cond cond, Gpr dst, Gpr src) {
        rr(0x48, op2(0x0F, 0x40 + cond.enc()), dst.enc(), src.enc(), 0);
        if (listing) note("cmov" + cond.text() + " " + dst.text(64) + ", " + src.text(64));
    }

    /** {@code cmovcc r32, r32} */
    public void cmov32(Cond cond, Gpr dst, Gpr src) {
        rr(0, op2(0x0F, 0x40 + cond.enc()), dst.enc(), src.enc(), 0);
        if (listing) note("cmov" + cond.text() + " " + dst.text(32) + ", " + src.text(32));
    }

    // ---- stack and control ----

    /** {@code push r64} */
    public void push(Gpr reg) {
        if (reg.high()) {
            buf.put8(REX | 1);
        }
        buf.put8(0x50 + (reg.enc() & 7));
        if (listing) note("push " + reg.text(64));
    }

    /** {@code pop r64} */
    public void pop(Gpr reg) {
        if (reg.high()) {
            buf.put8(REX | 1);
        }
        buf.put8(0x58 + (reg.enc() & 7));
        if (listing) note("pop " + reg.text(64));
    }

    /** {@code ret} */
    public void ret() {
        buf.put8(0xC3);
        if (listing) note("ret");
    }

    /** Whether instructions are recorded as text (callers skip building names for the listing otherwise). */
    public boolean recordsText() {
        return listing;
    }

    /** {@code jmp rel32} to {@code target} */
    public void jmp(Label target, String name) {
        buf.put8(0xE9);
        rel32(target, 0);
        if (listing) note("jmp " + name);
    }

    /** {@code jcc rel32} to {@code target} */
    public void jcc(Cond cond, Label target, String name) {
        buf.put8(0x0F);
        buf.put8(0x80 + cond.enc());
        rel32(target, 0);
        if (listing) note("j" + cond.text() + " " + name);
    }

    /** {@code call rel32} to {@code target} (a function of the blob) */
    public void call(Label target, String name) {
        buf.put8(0xE8);
        rel32(target, 0);
        if (listing) note("call " + name);
    }

    /** {@code call r64} */
    public void callR(Gpr target) {
        rr(0, op1(0xFF), 2, target.enc(), 0);
        if (listing) note("call " + target.text(64));
    }

    /** {@code syscall} */
    public void syscall() {
        buf.put8(0x0F);
        buf.put8(0x05);
        if (listing) note("syscall");
    }

    /** {@code ud2}: never reached */
    public void ud2() {
        buf.put8(0x0F);
        buf.put8(0x0B);
        if (listing) note("ud2");
    }

    /** {@code vzeroupper}: leaves 256-bit code without SSE transition penalties */
    public void vzeroupper() {
        buf.put8(0xC5);
        buf.put8(0xF8);
        buf.put8(0x77);
        if (listing) note("vzeroupper");
    }

    // ---- SSE2 ----

    /** {@code op xmm, xmm} for an {@link SseOp} without immediate */
    public void sse(SseOp op, Xmm dst, Xmm src) {
        if (vex) {
            vexPrefix(pp(op.prefix()), 1, 0, false, dst.enc(), 0, src.enc(), vexUnary(op) ? 0 : dst.enc());
            buf.put8(op.opcode());
            buf.put8(0xC0 | (dst.enc() & 7) << 3 | (src.enc() & 7));
            if (listing) note(vexText(op, dst, src.text(false)));
            return;
        }
        sseRR(op, dst.enc(), src.enc());
        if (listing) note(op.text() + " " + dst.text(false) + ", " + src.text(false));
    }

    /** {@code op xmm, xmmword ptr [m]} (16-byte aligned for packed ops) */
    public void sse(SseOp op, Xmm dst, Mem m) {
        if (vex) {
            vexMem(pp(op.prefix()), 1, 0, false, dst.enc(), vexUnary(op) ? 0 : dst.enc(), m);
            buf.put8(op.opcode());
            modrmMem(dst.enc(), m, 0);
            if (listing) note(vexText(op, dst, op.memText() + m));
            return;
        }
        mem(op.prefix(), 0, op2(0x0F, op.opcode()), dst.enc(), m, 0);
        if (listing) note(op.text() + " " + dst.text(false) + ", " + op.memText() + m);
    }

    /** {@code op xmm, xmm, imm8} (cmpps, pshufd, shufps …) */
    public void sseImm(SseOp op, Xmm dst, Xmm src, int imm) {
        if (vex) {
            vexPrefix(pp(op.prefix()), 1, 0, false, dst.enc(), 0, src.enc(), vexUnary(op) ? 0 : dst.enc());
            buf.put8(op.opcode());
            buf.put8(0xC0 | (dst.enc() & 7) << 3 | (src.enc() & 7));
            buf.put8(imm);
            if (listing) note(vexText(op, dst, src.text(false)) + ", " + imm);
            return;
        }
        sseRR(op, dst.enc(), src.enc());
        buf.put8(imm);
        if (listing) note(op.text() + " " + dst.text(false) + ", " + src.text(false) + ", " + imm);
    }

    /** {@code psrldq/psrlq/… xmm, imm8} */
    public void sseShift(SseShift op, Xmm dst, int imm) {
        if (vex) {
            vexShift(op, false, dst, dst, imm);
            return;
        }
        buf.put8(0x66);
        rr(0, op2(0x0F, op.opcode()), op.ext(), dst.enc(), 0);
        buf.put8(imm);
        if (listing) note(op.text() + " " + dst.text(false) + ", " + imm);
    }

    /** {@code movss xmm, dword ptr [m]} */
    public void movssRM(Xmm dst, Mem m) {
        if (vex) {
            vexMem(2, 1, 0, false, dst.enc(), 0, m);
            buf.put8(0x10);
            modrmMem(dst.enc(), m, 0);
            if (listing) note("vmovss " + dst.text(false) + ", dword ptr " + m);
            return;
        }
        mem(0xF3, 0, op2(0x0F, 0x10), dst.enc(), m, 0);
        if (listing) note("movss " + dst.text(false) + ", dword ptr " + m);
    }

    /** {@code movss dword ptr [m], xmm} */
    public void movssMR(Mem m, Xmm src) {
        if (vex) {
            vexMem(2, 1, 0, false, src.enc(), 0, m);
            buf.put8(0x11);
            modrmMem(src.enc(), m, 0);
            if (listing) note("vmovss dword ptr " + m + ", " + src.text(false));
            return;
        }
        mem(0xF3, 0, op2(0x0F, 0x11), src.enc(), m, 0);
        if (listing) note("movss dword ptr " + m + ", " + src.text(false));
    }

    /** {@code movsd xmm, qword ptr [m]} */
    public void movsdRM(Xmm dst, Mem m) {
        if (vex) {
            vexMem(3, 1, 0, false, dst.enc(), 0, m);
            buf.put8(0x10);
            modrmMem(dst.enc(), m, 0);
            if (listing) note("vmovsd " + dst.text(false) + ", qword ptr " + m);
            return;
        }
        mem(0xF2, 0, op2(0x0F, 0x10), dst.enc(), m, 0);
        if (listing) note("movsd " + dst.text(false) + ", qword ptr " + m);
    }

    /** {@code movsd qword ptr [m], xmm} */
    public void movsdMR(Mem m, Xmm src) {
        if (vex) {
            vexMem(3, 1, 0, false, src.enc(), 0, m);
            buf.put8(0x11);
            modrmMem(src.enc(), m, 0);
            if (listing) note("vmovsd qword ptr " + m + ", " + src.text(false));
            return;
        }
        mem(0xF2, 0, op2(0x0F, 0x11), src.enc(), m, 0);
        if (listing) note("movsd qword ptr " + m + ", " + src.text(false));
    }

    /** {@code movups xmm, xmmword ptr [m]} (any alignment) */
    public void movupsRM(Xmm dst, Mem m) {
        if (vex) {
            vexMem(0, 1, 0, false, dst.enc(), 0, m);
            buf.put8(0x10);
            modrmMem(dst.enc(), m, 0);
            if (listing) note("vmovups " + dst.text(false) + ", xmmword ptr " + m);
            return;
        }
        mem(0, 0, op2(0x0F, 0x10), dst.enc(), m, 0);
        if (listing) note("movups " + dst.text(false) + ", xmmword ptr " + m);
    }

    /** {@code movups xmmword ptr [m], xmm} */
    public void movupsMR(Mem m, Xmm src) {
        if (vex) {
            vexMem(0, 1, 0, false, src.enc(), 0, m);
            buf.put8(0x11);
            modrmMem(src.enc(), m, 0);
            if (listing) note("vmovups xmmword ptr " + m + ", " + src.text(false));
            return;
        }
        mem(0, 0, op2(0x0F, 0x11), src.enc(), m, 0);
        if (listing) note("movups xmmword ptr " + m + ", " + src.text(false));
    }

    /** {@code movq xmm, r64} */
    public void movqXR(Xmm dst, Gpr src) {
        if (vex) {
            vexPrefix(1, 1, 1, false, dst.enc(), 0, src.enc(), 0);
            buf.put8(0x6E);
            buf.put8(0xC0 | (dst.enc() & 7) << 3 | (src.enc() & 7));
            if (listing) note("vmovq " + dst.text(false) + ", " + src.text(64));
            return;
        }
        buf.put8(0x66);
        rr(0x48, op2(0x0F, 0x6E), dst.enc(), src.enc(), 0);
        if (listing) note("movq " + dst.text(false) + ", " + src.text(64));
    }

    /** {@code movd xmm, r32} */
    public void movdXR(Xmm dst, Gpr src) {
        if (vex) {
            vexPrefix(1, 1, 0, false, dst.enc(), 0, src.enc(), 0);
            buf.put8(0x6E);
            buf.put8(0xC0 | (dst.enc() & 7) << 3 | (src.enc() & 7));
            if (listing) note("vmovd " + dst.text(false) + ", " + src.text(32));
            return;
        }
        buf.put8(0x66);
        rr(0, op2(0x0F, 0x6E), dst.enc(), src.enc(), 0);
        if (listing) note("movd " + dst.text(false) + ", " + src.text(32));
    }

    /** {@code movq r64, xmm} */
    public void movqRX(Gpr dst, Xmm src) {
        if (vex) {
            vexPrefix(1, 1, 1, false, src.enc(), 0, dst.enc(), 0);
            buf.put8(0x7E);
            buf.put8(0xC0 | (src.enc() & 7) << 3 | (dst.enc() & 7));
            if (listing) note("vmovq " + dst.text(64) + ", " + src.text(false));
            return;
        }
        buf.put8(0x66);
        rr(0x48, op2(0x0F, 0x7E), src.enc(), dst.enc(), 0);
        if (listing) note("movq " + dst.text(64) + ", " + src.text(false));
    }

    /** {@code movd r32, xmm} */
    public void movdRX(Gpr dst, Xmm src) {
        if (vex) {
            vexPrefix(1, 1, 0, false, src.enc(), 0, dst.enc(), 0);
            buf.put8(0x7E);
            buf.put8(0xC0 | (src.enc() & 7) << 3 | (dst.enc() & 7));
            if (listing) note("vmovd " + dst.text(32) + ", " + src.text(false));
            return;
        }
        buf.put8(0x66);
        rr(0, op2(0x0F, 0x7E), src.enc(), dst.enc(), 0);
        if (listing) note("movd " + dst.text(32) + ", " + src.text(false));
    }

    /** {@code cvttsd2si r64, xmm} / {@code cvttss2si r64, xmm} (truncating) */
    public void cvtt2si64(boolean f64, Gpr dst, Xmm src) {
        if (vex) {
            vexPrefix(f64 ? 3 : 2, 1, 1, false, dst.enc(), 0, src.enc(), 0);
            buf.put8(0x2C);
            buf.put8(0xC0 | (dst.enc() & 7) << 3 | (src.enc() & 7));
            if (listing) note((f64 ? "vcvttsd2si " : "vcvttss2si ") + dst.text(64) + ", " + src.text(false));
            return;
        }
        buf.put8(f64 ? 0xF2 : 0xF3);
        rr(0x48, op2(0x0F, 0x2C), dst.enc(), src.enc(), 0);
        if (listing) note((f64 ? "cvttsd2si " : "cvttss2si ") + dst.text(64) + ", " + src.text(false));
    }

    /** {@code cvtsi2sd xmm, r64} / {@code cvtsi2ss xmm, r64} */
    public void cvtsi2f64(boolean f64, Xmm dst, Gpr src) {
        if (vex) {
            vexPrefix(f64 ? 3 : 2, 1, 1, false, dst.enc(), 0, src.enc(), dst.enc());
            buf.put8(0x2A);
            buf.put8(0xC0 | (dst.enc() & 7) << 3 | (src.enc() & 7));
            if (listing) note((f64 ? "vcvtsi2sd " : "vcvtsi2ss ") + dst.text(false) + ", " + dst.text(false) + ", " + src.text(64));
            return;
        }
        buf.put8(f64 ? 0xF2 : 0xF3);
        rr(0x48, op2(0x0F, 0x2A), dst.enc(), src.enc(), 0);
        if (listing) note((f64 ? "cvtsi2sd " : "cvtsi2ss ") + dst.text(false) + ", " + src.text(64));
    }

    // ---- AVX / AVX2 (VEX) ----

    /** {@code op xmm|ymm, xmm|ymm, xmm|ymm} (binary) or {@code op dst, src} (unary, {@code a} ignored) */
    public void vex(AvxOp op, boolean l256, Xmm dst, Xmm a, Xmm b) {
        int v = op.unary() ? 0 : a.enc();
        vexPrefix(op.pp(), op.map(), op.w(), l256, dst.enc(), 0, b.enc(), v);
        buf.put8(op.opcode());
        buf.put8(0xC0 | (dst.enc() & 7) << 3 | (b.enc() & 7));
        if (listing) {
            String src = op.unary() ? b.text(vexWideSrc(op, l256)) : a.text(l256) + ", " + b.text(l256);
            note(op.text() + " " + dst.text(l256) + ", " + src);
        }
    }

    /** {@code op dst, a, b, imm8} (vcmpps, vperm2f128) */
    public void vexImm(AvxOp op, boolean l256, Xmm dst, Xmm a, Xmm b, int imm) {
        vexPrefix(op.pp(), op.map(), op.w(), l256, dst.enc(), 0, b.enc(), a.enc());
        buf.put8(op.opcode());
        buf.put8(0xC0 | (dst.enc() & 7) << 3 | (b.enc() & 7));
        buf.put8(imm);
        if (listing) note(op.text() + " " + dst.text(l256) + ", " + a.text(l256) + ", " + b.text(l256) + ", " + imm);
    }

    /** {@code op dst, a, [m]} (binary ops with a memory operand, e.g. a constant) */
    public void vex(AvxOp op, boolean l256, Xmm dst, Xmm a, Mem m) {
        vexMem(op.pp(), op.map(), op.w(), l256, dst.enc(), a.enc(), m);
        buf.put8(op.opcode());
        modrmMem(dst.enc(), m, 0);
        if (listing) note(op.text() + " " + dst.text(l256) + ", " + a.text(l256) + ", " + (l256 ? "ymmword ptr " : "xmmword ptr ") + m);
    }

    /** {@code vmovups xmm|ymm, [m]} */
    public void vmovupsRM(boolean l256, Xmm dst, Mem m) {
        vexMem(0, 1, 0, l256, dst.enc(), 0, m);
        buf.put8(0x10);
        modrmMem(dst.enc(), m, 0);
        if (listing) note("vmovups " + dst.text(l256) + ", " + (l256 ? "ymmword ptr " : "xmmword ptr ") + m);
    }

    /** {@code vmovups [m], xmm|ymm} */
    public void vmovupsMR(boolean l256, Mem m, Xmm src) {
        vexMem(0, 1, 0, l256, src.enc(), 0, m);
        buf.put8(0x11);
        modrmMem(src.enc(), m, 0);
        if (listing) note("vmovups " + (l256 ? "ymmword ptr " : "xmmword ptr ") + m + ", " + src.text(l256));
    }

    /** {@code vextractf128 xmm, ymm, imm8}: the low (0) or high (1) half */
    public void vextractf128(Xmm dst, Xmm src, int half) {
        vexPrefix(1, 3, 0, true, src.enc(), 0, dst.enc(), 0);
        buf.put8(0x19);
        buf.put8(0xC0 | (src.enc() & 7) << 3 | (dst.enc() & 7));
        buf.put8(half);
        if (listing) note("vextractf128 " + dst.text(false) + ", " + src.text(true) + ", " + half);
    }

    /** {@code vinsertf128 ymm, ymm, xmm, imm8} */
    public void vinsertf128(Xmm dst, Xmm a, Xmm b, int half) {
        vexPrefix(1, 3, 0, true, dst.enc(), 0, b.enc(), a.enc());
        buf.put8(0x18);
        buf.put8(0xC0 | (dst.enc() & 7) << 3 | (b.enc() & 7));
        buf.put8(half);
        if (listing) note("vinsertf128 " + dst.text(true) + ", " + a.text(true) + ", " + b.text(false) + ", " + half);
    }

    /** {@code vblendvps/vblendvpd dst, a, b, mask}: per lane, mask's sign bit picks b over a */
    public void vblendv(boolean pd, boolean l256, Xmm dst, Xmm a, Xmm b, Xmm mask) {
        vexPrefix(1, 3, 0, l256, dst.enc(), 0, b.enc(), a.enc());
        buf.put8(pd ? 0x4B : 0x4A);
        buf.put8(0xC0 | (dst.enc() & 7) << 3 | (b.enc() & 7));
        buf.put8(mask.enc() << 4);
        if (listing) note((pd ? "vblendvpd " : "vblendvps ") + dst.text(l256) + ", " + a.text(l256) + ", " + b.text(l256) + ", " + mask.text(l256));
    }

    /** {@code vpsrlq/vpsllq/… dst, src, imm8} */
    public void vexShift(SseShift op, boolean l256, Xmm dst, Xmm src, int imm) {
        vexPrefix(1, 1, 0, l256, op.ext(), 0, src.enc(), dst.enc());
        buf.put8(op.opcode());
        buf.put8(0xC0 | op.ext() << 3 | (src.enc() & 7));
        buf.put8(imm);
        if (listing) note("v" + op.text() + " " + dst.text(l256) + ", " + src.text(l256) + ", " + imm);
    }

    /** {@code vpermq ymm, ymm, imm8} (AVX2): 64-bit lanes in any order */
    public void vpermq(Xmm dst, Xmm src, int imm) {
        vexPrefix(1, 3, 1, true, dst.enc(), 0, src.enc(), 0);
        buf.put8(0x00);
        buf.put8(0xC0 | (dst.enc() & 7) << 3 | (src.enc() & 7));
        buf.put8(imm);
        if (listing) note("vpermq " + dst.text(true) + ", " + src.text(true) + ", " + imm);
    }

    // ---- encoding helpers ----

    /** Broadcasts read an xmm source even at 256 bits. */
    private static boolean vexWideSrc(AvxOp op, boolean l256) {
        return switch (op) {
            case VBROADCASTSS, VBROADCASTSD, VPBROADCASTD, VPBROADCASTQ -> false;
            default -> l256;
        };
    }

    private void sseRR(SseOp op, int reg, int rm) {
        if (op.prefix() != 0) {
            buf.put8(op.prefix()); // mandatory prefix goes before REX
        }
        rr(0, op2(0x0F, op.opcode()), reg, rm, 0);
    }

    /** One opcode byte, packed for {@link #opcode} (a packed int instead of an array: no allocation per instruction). */
    private static int op1(int b) {
        return b;
    }

    /** Two opcode bytes ({@code 0F xx}), packed for {@link #opcode}. */
    private static int op2(int first, int second) {
        return 1 << 16 | first << 8 | second;
    }

    private void opcode(int packed) {
        if (packed >>> 16 != 0) {
            buf.put8(packed >>> 8 & 0xFF);
        }
        buf.put8(packed & 0xFF);
    }

    /**
     * REX (when needed), opcode bytes, register-direct ModRM. {@code byteRegs} ({@link #BYTE_RM},
     * {@link #BYTE_REG}): which operands are 8-bit registers, so spl/bpl/sil/dil get a bare REX.
     */
    private void rr(int rexW, int opcode, int reg, int rm, int byteRegs) {
        int rex = rexW & 0x0F | (reg & 8) >> 1 | (rm & 8) >> 3;
        boolean force = (byteRegs & BYTE_RM) != 0 && rm >= 4 && rm < 8 || (byteRegs & BYTE_REG) != 0 && reg >= 4 && reg < 8;
        if (rex != 0 || force) {
            buf.put8(REX | rex);
        }
        opcode(opcode);
        buf.put8(0xC0 | (reg & 7) << 3 | (rm & 7));
    }

    /** [prefix] REX opcode ModRM [SIB] [disp]; {@code trailing}: immediate bytes after the displacement (for RIP). */
    private void mem(int prefix, int rexW, int opcode, int reg, Mem m, int trailing) {
        if (prefix != 0) {
            buf.put8(prefix);
        }
        int rex = rexW & 0x0F | (reg & 8) >> 1 | indexEnc(m) >> 3 << 1 | baseEnc(m) >> 3;
        if (rex != 0) {
            buf.put8(REX | rex);
        }
        opcode(opcode);
        modrmMem(reg, m, trailing);
    }

    /** Byte stores: a bare REX names sil/dil/spl/bpl. */
    private void memByte(int rexW, int opcode, int reg, Mem m) {
        int rex = rexW & 0x0F | (reg & 8) >> 1 | indexEnc(m) >> 3 << 1 | baseEnc(m) >> 3;
        if (rex != 0 || (reg >= 4 && reg < 8)) {
            buf.put8(REX | rex);
        }
        opcode(opcode);
        modrmMem(reg, m, 0);
    }

    private static int baseEnc(Mem m) {
        Gpr b = m.base();
        return b == null ? 0 : b.enc();
    }

    private static int indexEnc(Mem m) {
        Gpr i = m.index();
        return i == null ? 0 : i.enc();
    }

    private void modrmMem(int reg, Mem m, int trailing) {
        Label target = m.target();
        if (target != null) {
            buf.put8(0x05 | (reg & 7) << 3);
            rel32(target, trailing);
            return;
        }
        Gpr base = m.base();
        if (base == null) {
            throw new IllegalArgumentException("memory operand without base");
        }
        int b = base.enc() & 7;
        int disp = m.disp();
        int mod = disp == 0 && b != 5 ? 0 : disp == (byte) disp ? 1 : 2;
        Gpr index = m.index();
        if (index != null) {
            buf.put8(mod << 6 | (reg & 7) << 3 | 4);
            buf.put8(Integer.numberOfTrailingZeros(m.scale()) << 6 | (index.enc() & 7) << 3 | b);
        } else {
            buf.put8(mod << 6 | (reg & 7) << 3 | b);
            if (b == 4) {
                buf.put8(0x24); // SIB: no index, base rsp/r12
            }
        }
        if (mod == 1) {
            buf.put8(disp);
        } else if (mod == 2) {
            buf.put32(disp);
        }
    }

    /** VEX prefix for register operands: 2-byte form when it can say everything (as GNU as chooses). */
    private void vexPrefix(int pp, int map, int w, boolean l256, int reg, int index, int rm, int vvvv) {
        int r = (~reg >> 3 & 1) << 7;
        int x = (~index >> 3 & 1) << 6;
        int b = (~rm >> 3 & 1) << 5;
        int tail = (~vvvv & 0xF) << 3 | (l256 ? 4 : 0) | pp;
        if (x != 0 && b != 0 && w == 0 && map == 1) {
            buf.put8(0xC5);
            buf.put8(r | tail);
        } else {
            buf.put8(0xC4);
            buf.put8(r | x | b | map);
            buf.put8(w << 7 | tail);
        }
    }

    private void vexMem(int pp, int map, int w, boolean l256, int reg, int vvvv, Mem m) {
        vexPrefix(pp, map, w, l256, reg, indexEnc(m), baseEnc(m), vvvv);
    }

    private void aluImm(int rexW, AluOp op, Gpr dst, int imm) {
        if (imm == (byte) imm) {
            rr(rexW, op1(0x83), op.ext, dst.enc(), 0);
            buf.put8(imm);
        } else {
            rr(rexW, op1(0x81), op.ext, dst.enc(), 0);
            buf.put32(imm);
        }
    }

    private void imulImm(int rexW, Gpr dst, Gpr src, int imm) {
        if (imm == (byte) imm) {
            rr(rexW, op1(0x6B), dst.enc(), src.enc(), 0);
            buf.put8(imm);
        } else {
            rr(rexW, op1(0x69), dst.enc(), src.enc(), 0);
            buf.put32(imm);
        }
    }

    /** A 32-bit displacement to {@code target}, relative to the end of the instruction ({@code trailing} bytes follow it). */
    private void rel32(Label target, int trailing) {
        int at = buf.size();
        buf.put32(0);
        buf.addFixup(at, target, REL32[trailing]);
    }

    /** rel32 patchers by the number of immediate bytes after the displacement (shared: no object per branch). */
    private static final CodeBuffer.Patcher[] REL32 = new CodeBuffer.Patcher[5];

    static {
        for (int t = 0; t < REL32.length; t++) {
            int trailing = t;
            REL32[t] = (b, pos, to) -> b.set32(pos, to - (pos + 4 + trailing));
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Signed hex as GNU as reads it: {@code 0x10}, {@code -0x80}. */
    private static String shex(int v) {
        return v < 0 ? "-0x" + Long.toHexString(-(long) v) : "0x" + Integer.toHexString(v);
    }

    /** For tests: the text of the last instruction. */
    @Nullable String lastText() {
        return lines.isEmpty() ? null : lines.get(lines.size() - 1).text();
    }
}
