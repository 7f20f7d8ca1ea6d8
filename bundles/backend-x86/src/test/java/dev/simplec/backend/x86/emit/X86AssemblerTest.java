package dev.simplec.backend.x86.emit;

import static dev.simplec.backend.x86.emit.Gpr.*;
import static dev.simplec.backend.x86.emit.Xmm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.simplec.api.codegen.Label;
import dev.simplec.backend.x86.emit.X86Assembler.AluOp;
import dev.simplec.backend.x86.emit.X86Assembler.ShiftOp;

/**
 * Every assembler method against GNU as: {@code encodings/x86-64.tsv} holds (Intel syntax, bytes)
 * rows that {@code src/test/tools/gen-encodings.sh} produced with {@code as} and {@code objdump -d};
 * each row here names the text and the assembler call that must produce the same bytes — and,
 * for rows without labels, the same text in the assembler's own listing. Families that share a
 * form (ALU, SSE, AVX, shifts) get a row per table entry. {@code -Dsimplec.encodings.write=true}
 * writes the row texts missing from the table (to be filled in by the script).
 */
class X86AssemblerTest {
    private record Row(String text, Consumer<X86Assembler> emit, int skipBefore, boolean listed) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private static void row(String text, Consumer<X86Assembler> emit) {
        ROWS.add(new Row(text, emit, 0, true));
    }

    private static void vexRow(String text, Consumer<X86Assembler> emit) {
        ROWS.add(new Row(text, a -> {
            a.setVex(true);
            emit.accept(a);
        }, 0, true));
    }

    /** A reference {@code distance} bytes from the instruction's start (as writes {@code jmp .+0x1000}, {@code [rip+0x10]}). */
    private static void labelled(String text, int distance, int length, BiConsumer<X86Assembler, Label> emit) {
        if (distance > 0) {
            ROWS.add(new Row(text, a -> {
                Label l = new Label();
                emit.accept(a, l);
                pad(a, distance - length);
                a.bind(l);
            }, 0, false));
        } else {
            ROWS.add(new Row(text, a -> {
                Label l = new Label();
                a.bind(l);
                pad(a, -distance);
                emit.accept(a, l);
            }, -distance, false));
        }
    }

    private static void pad(X86Assembler a, int n) {
        while (n-- > 0) {
            a.ret(); // any one-byte instruction
        }
    }

    static {
        row("mov rax, rdi", a -> a.mov64RR(RAX, RDI));
        row("mov r15, rax", a -> a.mov64RR(R15, RAX));
        row("mov rax, r15", a -> a.mov64RR(RAX, R15));
        row("mov r8, r9", a -> a.mov64RR(R8, R9));
        row("mov eax, edi", a -> a.mov32RR(RAX, RDI));
        row("mov r10d, r11d", a -> a.mov32RR(R10, R11));
        row("mov eax, 0x12345678", a -> a.mov32RI(RAX, 0x12345678));
        row("mov r11d, 0xffffffff", a -> a.mov32RI(R11, -1));
        row("mov rax, -0x1", a -> a.mov64RI(RAX, -1));
        row("mov r12, -0x80000000", a -> a.mov64RI(R12, Integer.MIN_VALUE));
        row("movabs rax, 0x123456789abcdef0", a -> a.movabs(RAX, 0x123456789abcdef0L));
        row("movabs r10, 0x8000000000000000", a -> a.movabs(R10, Long.MIN_VALUE));
        row("mov rax, qword ptr [rsp]", a -> a.mov64RM(RAX, Mem.of(RSP, 0)));
        row("mov rax, qword ptr [rsp+0x8]", a -> a.mov64RM(RAX, Mem.of(RSP, 8)));
        row("mov r11, qword ptr [rsp+0x1000]", a -> a.mov64RM(R11, Mem.of(RSP, 0x1000)));
        row("mov rcx, qword ptr [rbp]", a -> a.mov64RM(RCX, Mem.of(RBP, 0)));
        row("mov rdx, qword ptr [r12-0x8]", a -> a.mov64RM(RDX, Mem.of(R12, -8)));
        row("mov r9, qword ptr [r13+0x10]", a -> a.mov64RM(R9, Mem.of(R13, 0x10)));
        row("mov rsi, qword ptr [rdi]", a -> a.mov64RM(RSI, Mem.of(RDI, 0)));
        row("mov rax, qword ptr [rdi+rsi*8]", a -> a.mov64RM(RAX, Mem.of(RDI, RSI, 8, 0)));
        row("mov rax, qword ptr [r13+r12*4+0x10]", a -> a.mov64RM(RAX, Mem.of(R13, R12, 4, 0x10)));
        row("mov rax, qword ptr [rbp+rax*2]", a -> a.mov64RM(RAX, Mem.of(RBP, RAX, 2, 0)));
        row("mov r8, qword ptr [rsp+r9*8-0x200]", a -> a.mov64RM(R8, Mem.of(RSP, R9, 8, -0x200)));
        row("mov eax, dword ptr [rdi+0x4]", a -> a.mov32RM(RAX, Mem.of(RDI, 4)));
        row("mov r8d, dword ptr [r9+r10*4]", a -> a.mov32RM(R8, Mem.of(R9, R10, 4, 0)));
        row("movzx eax, byte ptr [rdi]", a -> a.movzx32RM8(RAX, Mem.of(RDI, 0)));
        row("movzx r15d, byte ptr [rsp+0x7]", a -> a.movzx32RM8(R15, Mem.of(RSP, 7)));
        row("movzx eax, word ptr [rdi+rsi*2]", a -> a.movzx32RM16(RAX, Mem.of(RDI, RSI, 2, 0)));
        row("mov qword ptr [rsp+0x8], rax", a -> a.mov64MR(Mem.of(RSP, 8), RAX));
        row("mov qword ptr [r13], r15", a -> a.mov64MR(Mem.of(R13, 0), R15));
        row("mov qword ptr [rdi+rcx*8], rdx", a -> a.mov64MR(Mem.of(RDI, RCX, 8, 0), RDX));
        row("mov dword ptr [rdi], esi", a -> a.mov32MR(Mem.of(RDI, 0), RSI));
        row("mov word ptr [rdi+0x2], ax", a -> a.mov16MR(Mem.of(RDI, 2), RAX));
        row("mov word ptr [r8], r9w", a -> a.mov16MR(Mem.of(R8, 0), R9));
        row("mov byte ptr [rdi], al", a -> a.mov8MR(Mem.of(RDI, 0), RAX));
        row("mov byte ptr [rdi], sil", a -> a.mov8MR(Mem.of(RDI, 0), RSI));
        row("mov byte ptr [r8+rax*1], r9b", a -> a.mov8MR(Mem.of(R8, RAX, 1, 0), R9));
        row("mov dword ptr [rdi+0x4], 0x7ff80000", a -> a.mov32MI(Mem.of(RDI, 4), 0x7FF8_0000));
        row("mov dword ptr [rax+rcx*4], 0x0", a -> a.mov32MI(Mem.of(RAX, RCX, 4, 0), 0));
        row("movsx rax, dil", a -> a.movsx64R8(RAX, RDI));
        row("movsx r8, r15b", a -> a.movsx64R8(R8, R15));
        row("movsx rax, spl", a -> a.movsx64R8(RAX, RSP));
        row("movsx rax, di", a -> a.movsx64R16(RAX, RDI));
        row("movsx r11, r9w", a -> a.movsx64R16(R11, R9));
        row("movsxd rax, edi", a -> a.movsxd64R32(RAX, RDI));
        row("movsxd r14, r13d", a -> a.movsxd64R32(R14, R13));
        row("movzx eax, dil", a -> a.movzx32R8(RAX, RDI));
        row("movzx esi, al", a -> a.movzx32R8(RSI, RAX));
        row("movzx r9d, cl", a -> a.movzx32R8(R9, RCX));
        row("movzx eax, di", a -> a.movzx32R16(RAX, RDI));
        row("movzx r10d, r11w", a -> a.movzx32R16(R10, R11));
        row("lea rax, [rdi+rsi*1]", a -> a.lea64(RAX, Mem.of(RDI, RSI, 1, 0)));
        row("lea r8, [r9+r10*1]", a -> a.lea64(R8, Mem.of(R9, R10, 1, 0)));
        row("lea rax, [rbp+rsi*1]", a -> a.lea64(RAX, Mem.of(RBP, RSI, 1, 0)));
        row("lea rax, [r13+r12*1]", a -> a.lea64(RAX, Mem.of(R13, R12, 1, 0)));
        row("lea rcx, [rsp+rax*1]", a -> a.lea64(RCX, Mem.of(RSP, RAX, 1, 0)));
        row("lea rax, [rsp+0x28]", a -> a.lea64(RAX, Mem.of(RSP, 0x28)));
        row("lea eax, [rdi+rsi*1]", a -> a.lea32(RAX, Mem.of(RDI, RSI, 1, 0)));
        row("lea r15d, [r12+r13*1]", a -> a.lea32(R15, Mem.of(R12, R13, 1, 0)));
        labelled("lea rsi, [rip+0x10]", 0x17, 7, (a, l) -> a.lea64(RSI, Mem.rip(l, "x")));
        labelled("lea r9, [rip+0x100]", 0x107, 7, (a, l) -> a.lea64(R9, Mem.rip(l, "x")));
        String[] r64 = {"rax", "r15", "rbx", "r9"};
        Gpr[] g64 = {RAX, R15, RBX, R9};
        for (AluOp op : AluOp.values()) {
            String m = op.name().toLowerCase();
            for (int k = 0; k < 2; k++) {
                Gpr d = g64[2 * k];
                Gpr s = g64[2 * k + 1];
                row(m + " " + r64[2 * k] + ", " + r64[2 * k + 1], a -> a.alu64RR(op, d, s));
                row(m + " " + d.text(32) + ", " + s.text(32), a -> a.alu32RR(op, d, s));
            }
            row(m + " rax, 0x8", a -> a.alu64RI(op, RAX, 8));
            row(m + " r12, -0x80", a -> a.alu64RI(op, R12, -0x80));
            row(m + " rsp, 0x1000", a -> a.alu64RI(op, RSP, 0x1000));
            row(m + " ecx, 0x7", a -> a.alu32RI(op, RCX, 7));
            row(m + " r9d, -0x12345678", a -> a.alu32RI(op, R9, -0x12345678));
        }
        for (AluOp op : AluOp.values()) {
            String m = op.name().toLowerCase();
            row(m + " rcx, qword ptr [rdi+rax*8]", a -> a.alu64RM(op, RCX, Mem.of(RDI, RAX, 8, 0)));
            row(m + " r10d, dword ptr [r13+0x4]", a -> a.alu32RM(op, R10, Mem.of(R13, 4)));
        }
        row("imul rax, qword ptr [rsp+0x10]", a -> a.imul64RM(RAX, Mem.of(RSP, 0x10)));
        row("imul r9d, dword ptr [rdi+rcx*4]", a -> a.imul32RM(R9, Mem.of(RDI, RCX, 4, 0)));
        row("cmp ax, di", a -> a.cmp16RR(RAX, RDI));
        row("cmp r8w, r9w", a -> a.cmp16RR(R8, R9));
        row("cmp al, dil", a -> a.cmp8RR(RAX, RDI));
        row("cmp sil, r8b", a -> a.cmp8RR(RSI, R8));
        row("cmp al, cl", a -> a.cmp8RR(RAX, RCX));
        row("test al, al", a -> a.test8RR(RAX, RAX));
        row("test dil, dil", a -> a.test8RR(RDI, RDI));
        row("test r9b, r9b", a -> a.test8RR(R9, R9));
        row("imul rax, rdi", a -> a.imul64RR(RAX, RDI));
        row("imul r13, rbx", a -> a.imul64RR(R13, RBX));
        row("imul eax, edi", a -> a.imul32RR(RAX, RDI));
        row("imul ecx, r14d", a -> a.imul32RR(RCX, R14));
        row("imul rax, rdi, 0x3", a -> a.imul64RRI(RAX, RDI, 3));
        row("imul r8, r9, 0x1000", a -> a.imul64RRI(R8, R9, 0x1000));
        row("imul eax, ecx, -0x1", a -> a.imul32RRI(RAX, RCX, -1));
        for (ShiftOp op : ShiftOp.values()) {
            String m = op.name().toLowerCase();
            row(m + " rax, cl", a -> a.shift64Cl(op, RAX));
            row(m + " r9, cl", a -> a.shift64Cl(op, R9));
            row(m + " edi, cl", a -> a.shift32Cl(op, RDI));
            row(m + " rdx, 0x3f", a -> a.shift64RI(op, RDX, 63));
            row(m + " r10d, 0x7", a -> a.shift32RI(op, R10, 7));
        }
        row("btc rax, 0x3f", a -> a.btc64RI(RAX, 63));
        row("btc r11, 0x3f", a -> a.btc64RI(R11, 63));
        row("cdq", X86Assembler::cdq);
        row("cqo", X86Assembler::cqo);
        row("idiv rcx", a -> a.idiv64(RCX));
        row("idiv r9", a -> a.idiv64(R9));
        row("idiv ecx", a -> a.idiv32(RCX));
        row("div rsi", a -> a.div64(RSI));
        row("div r11d", a -> a.div32(R11));
        for (Cond c : Cond.values()) {
            row("set" + c.text() + " al", a -> a.setcc(c, RAX));
        }
        row("setne dil", a -> a.setcc(Cond.NE, RDI));
        row("setl r9b", a -> a.setcc(Cond.L, R9));
        row("cmovne rax, rdi", a -> a.cmov64(Cond.NE, RAX, RDI));
        row("cmovg r8, r11", a -> a.cmov64(Cond.G, R8, R11));
        row("cmovne eax, ecx", a -> a.cmov32(Cond.NE, RAX, RCX));
        row("cmovl r9d, r10d", a -> a.cmov32(Cond.L, R9, R10));
        row("push rbx", a -> a.push(RBX));
        row("push r12", a -> a.push(R12));
        row("pop rbp", a -> a.pop(RBP));
        row("pop r15", a -> a.pop(R15));
        row("ret", X86Assembler::ret);
        labelled("jmp .+0x1000", 0x1000, 5, (a, l) -> a.jmp(l, "x"));
        labelled("jmp .-0x100", -0x100, 5, (a, l) -> a.jmp(l, "x"));
        labelled("je .+0x1000", 0x1000, 6, (a, l) -> a.jcc(Cond.E, l, "x"));
        labelled("jne .-0x80", -0x80, 6, (a, l) -> a.jcc(Cond.NE, l, "x"));
        labelled("jp .+0x200", 0x200, 6, (a, l) -> a.jcc(Cond.P, l, "x"));
        labelled("jg .+0x200", 0x200, 6, (a, l) -> a.jcc(Cond.G, l, "x"));
        labelled("call .+0x100", 0x100, 5, (a, l) -> a.call(l, "x"));
        labelled("call .-0x40", -0x40, 5, (a, l) -> a.call(l, "x"));
        row("call rax", a -> a.callR(RAX));
        row("call r11", a -> a.callR(R11));
        row("syscall", X86Assembler::syscall);
        row("ud2", X86Assembler::ud2);
        row("vzeroupper", X86Assembler::vzeroupper);
        // SSE2, every table entry; register pairs without and with REX.
        for (SseOp op : SseOp.values()) {
            String m = op.text();
            if (op.hasImm()) {
                row(m + " xmm1, xmm2, 3", a -> a.sseImm(op, XMM1, XMM2, 3));
                row(m + " xmm9, xmm12, 78", a -> a.sseImm(op, XMM9, XMM12, 78));
                vexRow(vexText(op, "xmm1", "xmm2") + ", 3", a -> a.sseImm(op, XMM1, XMM2, 3));
            } else {
                row(m + " xmm1, xmm2", a -> a.sse(op, XMM1, XMM2));
                row(m + " xmm8, xmm15", a -> a.sse(op, XMM8, XMM15));
                vexRow(vexText(op, "xmm1", "xmm2"), a -> a.sse(op, XMM1, XMM2));
                vexRow(vexText(op, "xmm9", "xmm13"), a -> a.sse(op, XMM9, XMM13));
                if (op != SseOp.MOVHLPS && op != SseOp.MOVLHPS) { // register-only forms
                    row(m + " xmm3, " + op.memText() + "[rdi+0x10]", a -> a.sse(op, XMM3, Mem.of(RDI, 0x10)));
                    vexRow(vexText(op, "xmm3", op.memText() + "[r8+rax*8]"), a -> a.sse(op, XMM3, Mem.of(R8, RAX, 8, 0)));
                }
            }
        }
        for (SseShift op : SseShift.values()) {
            String m = op.text();
            row(m + " xmm1, 8", a -> a.sseShift(op, XMM1, 8));
            row(m + " xmm10, 1", a -> a.sseShift(op, XMM10, 1));
            vexRow("v" + m + " xmm1, xmm1, 8", a -> a.sseShift(op, XMM1, 8));
        }
        row("movss xmm0, dword ptr [rsp+0x8]", a -> a.movssRM(XMM0, Mem.of(RSP, 8)));
        row("movss xmm9, dword ptr [rdi+rax*4]", a -> a.movssRM(XMM9, Mem.of(RDI, RAX, 4, 0)));
        row("movss dword ptr [rdx+rax*4], xmm3", a -> a.movssMR(Mem.of(RDX, RAX, 4, 0), XMM3));
        row("movsd xmm0, qword ptr [rsp+0x8]", a -> a.movsdRM(XMM0, Mem.of(RSP, 8)));
        row("movsd xmm15, qword ptr [rsp+0x1000]", a -> a.movsdRM(XMM15, Mem.of(RSP, 0x1000)));
        row("movsd qword ptr [r13], xmm14", a -> a.movsdMR(Mem.of(R13, 0), XMM14));
        row("movups xmm1, xmmword ptr [rdi]", a -> a.movupsRM(XMM1, Mem.of(RDI, 0)));
        row("movups xmmword ptr [rsp+0x20], xmm11", a -> a.movupsMR(Mem.of(RSP, 0x20), XMM11));
        row("movq xmm0, rax", a -> a.movqXR(XMM0, RAX));
        row("movq xmm9, r11", a -> a.movqXR(XMM9, R11));
        row("movd xmm0, eax", a -> a.movdXR(XMM0, RAX));
        row("movd xmm12, r10d", a -> a.movdXR(XMM12, R10));
        row("movq rax, xmm0", a -> a.movqRX(RAX, XMM0));
        row("movq r11, xmm9", a -> a.movqRX(R11, XMM9));
        row("movd eax, xmm1", a -> a.movdRX(RAX, XMM1));
        row("movd r10d, xmm12", a -> a.movdRX(R10, XMM12));
        row("cvttsd2si rax, xmm0", a -> a.cvtt2si64(true, RAX, XMM0));
        row("cvttss2si r9, xmm10", a -> a.cvtt2si64(false, R9, XMM10));
        row("cvtsi2sd xmm0, rax", a -> a.cvtsi2f64(true, XMM0, RAX));
        row("cvtsi2ss xmm9, r11", a -> a.cvtsi2f64(false, XMM9, R11));
        // The same in VEX form (functions that use 256-bit registers).
        vexRow("vmovss xmm0, dword ptr [rsp+0x8]", a -> a.movssRM(XMM0, Mem.of(RSP, 8)));
        vexRow("vmovss dword ptr [rdx+rax*4], xmm3", a -> a.movssMR(Mem.of(RDX, RAX, 4, 0), XMM3));
        vexRow("vmovsd xmm9, qword ptr [r12+r13*8]", a -> a.movsdRM(XMM9, Mem.of(R12, R13, 8, 0)));
        vexRow("vmovsd qword ptr [rsp+0x8], xmm9", a -> a.movsdMR(Mem.of(RSP, 8), XMM9));
        vexRow("vmovups xmm1, xmmword ptr [rdi]", a -> a.movupsRM(XMM1, Mem.of(RDI, 0)));
        vexRow("vmovups xmmword ptr [rsp+0x20], xmm11", a -> a.movupsMR(Mem.of(RSP, 0x20), XMM11));
        vexRow("vmovq xmm0, rax", a -> a.movqXR(XMM0, RAX));
        vexRow("vmovd xmm12, r10d", a -> a.movdXR(XMM12, R10));
        vexRow("vmovq r11, xmm9", a -> a.movqRX(R11, XMM9));
        vexRow("vmovd eax, xmm1", a -> a.movdRX(RAX, XMM1));
        vexRow("vcvttsd2si rax, xmm0", a -> a.cvtt2si64(true, RAX, XMM0));
        vexRow("vcvttss2si r9, xmm10", a -> a.cvtt2si64(false, R9, XMM10));
        vexRow("vcvtsi2sd xmm0, xmm0, rax", a -> a.cvtsi2f64(true, XMM0, RAX));
        vexRow("vcvtsi2ss xmm9, xmm9, r11", a -> a.cvtsi2f64(false, XMM9, R11));
        // AVX/AVX2, every table entry at 256 bits (and 128 for a few).
        for (AvxOp op : AvxOp.values()) {
            String m = op.text();
            if (op.unary()) {
                boolean narrowSrc = m.contains("broadcast");
                row(m + " ymm1, " + (narrowSrc ? "xmm2" : "ymm2"), a -> a.vex(op, true, XMM1, XMM1, XMM2));
                row(m + " ymm9, " + (narrowSrc ? "xmm12" : "ymm12"), a -> a.vex(op, true, XMM9, XMM9, XMM12));
            } else if (op == AvxOp.VCMPSS || op == AvxOp.VCMPSD) {
                // Scalar: 128-bit registers only (the NaN mask of a float store).
                row(m + " xmm1, xmm2, xmm3, 3", a -> a.vexImm(op, false, XMM1, XMM2, XMM3, 3));
                row(m + " xmm8, xmm9, xmm15, 1", a -> a.vexImm(op, false, XMM8, XMM9, XMM15, 1));
            } else if (op.hasImm()) {
                row(m + " ymm1, ymm2, ymm3, 3", a -> a.vexImm(op, true, XMM1, XMM2, XMM3, 3));
                row(m + " ymm8, ymm9, ymm15, 1", a -> a.vexImm(op, true, XMM8, XMM9, XMM15, 1));
            } else {
                row(m + " ymm1, ymm2, ymm3", a -> a.vex(op, true, XMM1, XMM2, XMM3));
                row(m + " ymm8, ymm9, ymm15", a -> a.vex(op, true, XMM8, XMM9, XMM15));
                row(m + " xmm1, xmm10, xmm3", a -> a.vex(op, false, XMM1, XMM10, XMM3));
                row(m + " ymm0, ymm1, ymmword ptr [rdi+0x20]", a -> a.vex(op, true, XMM0, XMM1, Mem.of(RDI, 0x20)));
            }
        }
        row("vmovups ymm1, ymmword ptr [rdi]", a -> a.vmovupsRM(true, XMM1, Mem.of(RDI, 0)));
        row("vmovups ymm9, ymmword ptr [r8+rax*8]", a -> a.vmovupsRM(true, XMM9, Mem.of(R8, RAX, 8, 0)));
        row("vmovups ymmword ptr [rsp+0x40], ymm2", a -> a.vmovupsMR(true, Mem.of(RSP, 0x40), XMM2));
        row("vmovups ymmword ptr [r11], ymm14", a -> a.vmovupsMR(true, Mem.of(R11, 0), XMM14));
        row("vextractf128 xmm1, ymm2, 1", a -> a.vextractf128(XMM1, XMM2, 1));
        row("vextractf128 xmm14, ymm9, 1", a -> a.vextractf128(XMM14, XMM9, 1));
        row("vinsertf128 ymm1, ymm2, xmm3, 1", a -> a.vinsertf128(XMM1, XMM2, XMM3, 1));
        row("vblendvps ymm0, ymm1, ymm2, ymm3", a -> a.vblendv(false, true, XMM0, XMM1, XMM2, XMM3));
        row("vblendvpd ymm8, ymm9, ymm10, ymm11", a -> a.vblendv(true, true, XMM8, XMM9, XMM10, XMM11));
        row("vblendvps xmm1, xmm2, xmm3, xmm4", a -> a.vblendv(false, false, XMM1, XMM2, XMM3, XMM4));
        row("vblendvpd xmm9, xmm10, xmm1, xmm9", a -> a.vblendv(true, false, XMM9, XMM10, XMM1, XMM9));
        row("vpsrlq ymm1, ymm2, 32", a -> a.vexShift(SseShift.PSRLQ, true, XMM1, XMM2, 32));
        row("vpsllq ymm9, ymm9, 32", a -> a.vexShift(SseShift.PSLLQ, true, XMM9, XMM9, 32));
        row("vpsrldq xmm3, xmm12, 4", a -> a.vexShift(SseShift.PSRLDQ, false, XMM3, XMM12, 4));
        row("vpermq ymm0, ymm1, 78", a -> a.vpermq(XMM0, XMM1, 78));
        row("vpermq ymm10, ymm8, 3", a -> a.vpermq(XMM10, XMM8, 3));
    }

    private static String vexText(SseOp op, String dst, String src) {
        boolean unary = switch (op) {
            case MOVAPS, UCOMISS, UCOMISD, MOVQ, SQRTPS, SQRTPD, PSHUFD, PSHUFLW -> true;
            default -> false;
        };
        return "v" + op.text() + " " + dst + ", " + (unary ? "" : dst + ", ") + src;
    }

    private static final Path TABLE = Path.of("src/test/resources/encodings/x86-64.tsv");

    private static Map<String, String> table() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (InputStream in = X86AssemblerTest.class.getResourceAsStream("/encodings/x86-64.tsv")) {
            if (in == null) {
                throw new AssertionError("encodings/x86-64.tsv is missing");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                rows.put(cols[0], cols.length > 1 ? cols[1] : "");
            }
        }
        return rows;
    }

    @Test
    void everyRowEncodesLikeGnuAs() throws IOException {
        Map<String, String> table = table();
        if (Boolean.getBoolean("simplec.encodings.write")) {
            StringBuilder add = new StringBuilder();
            for (Row r : ROWS) {
                if (!table.containsKey(r.text())) {
                    add.append(r.text()).append('\t').append('\n');
                }
            }
            Files.writeString(TABLE, Files.readString(TABLE) + add);
        }
        List<String> failures = new ArrayList<>();
        for (Row r : ROWS) {
            String want = table.getOrDefault(r.text(), "");
            if (want.isEmpty()) {
                failures.add(r.text() + ": not in the table (run src/test/tools/gen-encodings.sh)");
                continue;
            }
            X86Assembler a = new X86Assembler();
            r.emit().accept(a);
            byte[] code = a.finish();
            int len = want.length() / 2;
            int from = r.skipBefore() > 0 ? code.length - len : 0;
            String got = HexFormat.of().formatHex(code, from, from + len);
            if (!got.equals(want)) {
                failures.add(r.text() + ": want " + want + ", got " + got);
            }
            if (r.listed() && !r.text().equals(a.lastText())) {
                failures.add(r.text() + ": listed as \"" + a.lastText() + "\"");
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyTableRowIsTested() throws IOException {
        List<String> untested = new ArrayList<>(table().keySet());
        for (Row r : ROWS) {
            untested.remove(r.text());
        }
        assertEquals(List.of(), untested);
    }

    @Test
    void unboundLabelIsAnError() {
        X86Assembler a = new X86Assembler();
        a.jmp(new Label(), "nowhere");
        assertThrows(IllegalStateException.class, a::finish);
    }

    @Test
    void rspIsNoIndex() {
        assertThrows(IllegalArgumentException.class, () -> Mem.of(RAX, RSP, 1, 0));
    }

    @Test
    void listingRecordsOffsetsLengthsAndPadding() {
        X86Assembler a = new X86Assembler();
        a.push(RBX);
        a.align(16);
        a.data(new byte[] {1, 2, 3}, "(data) x");
        List<X86Assembler.Line> lines = a.listing();
        assertEquals(List.of(new X86Assembler.Line(0, 1, "push rbx"), new X86Assembler.Line(1, 15, "(padding)"),
                new X86Assembler.Line(16, 3, "(data) x")), lines);
    }
}
