package dev.simplec.backend.x86.emit;

import static dev.simplec.backend.x86.emit.Gpr.*;
import static dev.simplec.backend.x86.emit.Xmm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.simplec.api.codegen.Label;

/**
 * Every assembler method against GNU as: {@code encodings/x86-64.tsv} holds (Intel syntax, bytes)
 * rows that {@code src/test/tools/gen-encodings.sh} produced with {@code as} and {@code objdump -d};
 * each row here names the text and the assembler call that must produce the same bytes.
 */
class X86AssemblerTest {
    private record Row(String text, Consumer<X86Assembler> emit, int skipBefore) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private static void row(String text, Consumer<X86Assembler> emit) {
        ROWS.add(new Row(text, emit, 0));
    }

    /** A branch {@code distance} bytes from its own start (as writes {@code jmp .+0x1000}). */
    private static void branch(String text, int distance, int length, java.util.function.BiConsumer<X86Assembler, Label> emit) {
        if (distance > 0) {
            ROWS.add(new Row(text, a -> {
                Label l = new Label();
                emit.accept(a, l);
                pad(a, distance - length);
                a.bind(l);
            }, 0));
        } else {
            ROWS.add(new Row(text, a -> {
                Label l = new Label();
                a.bind(l);
                pad(a, -distance);
                emit.accept(a, l);
            }, -distance));
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
        row("mov rbp, rsp", a -> a.mov64RR(RBP, RSP));
        row("mov eax, 0x12345678", a -> a.mov32RI(RAX, 0x12345678));
        row("mov r11d, 0xffffffff", a -> a.mov32RI(R11, -1));
        row("mov rax, -1", a -> a.mov64RI(RAX, -1));
        row("mov r12, -0x80000000", a -> a.mov64RI(R12, Integer.MIN_VALUE));
        row("movabs rax, 0x123456789abcdef0", a -> a.movabs(RAX, 0x123456789abcdef0L));
        row("movabs r10, 0x8000000000000000", a -> a.movabs(R10, Long.MIN_VALUE));
        row("mov rax, qword ptr [rsp]", a -> a.mov64RM(RAX, RSP, 0));
        row("mov rax, qword ptr [rsp+0x8]", a -> a.mov64RM(RAX, RSP, 8));
        row("mov r11, qword ptr [rsp+0x1000]", a -> a.mov64RM(R11, RSP, 0x1000));
        row("mov rcx, qword ptr [rbp]", a -> a.mov64RM(RCX, RBP, 0));
        row("mov rdx, qword ptr [r12-0x8]", a -> a.mov64RM(RDX, R12, -8));
        row("mov r9, qword ptr [r13+0x10]", a -> a.mov64RM(R9, R13, 0x10));
        row("mov rsi, qword ptr [rdi]", a -> a.mov64RM(RSI, RDI, 0));
        row("mov qword ptr [rsp+0x8], rax", a -> a.mov64MR(RSP, 8, RAX));
        row("mov qword ptr [rsp+0x200], r10", a -> a.mov64MR(RSP, 0x200, R10));
        row("mov qword ptr [r13], r15", a -> a.mov64MR(R13, 0, R15));
        row("movsx rax, dil", a -> a.movsx64R8(RAX, RDI));
        row("movsx r8, r15b", a -> a.movsx64R8(R8, R15));
        row("movsx rax, spl", a -> a.movsx64R8(RAX, RSP));
        row("movsx rax, di", a -> a.movsx64R16(RAX, RDI));
        row("movsx r11, r9w", a -> a.movsx64R16(R11, R9));
        row("movsxd rax, edi", a -> a.movsxd64R32(RAX, RDI));
        row("movsxd r14, r13d", a -> a.movsxd64R32(R14, R13));
        row("lea rax, [rdi+rsi*1]", a -> a.lea64(RAX, RDI, RSI));
        row("lea rax, [rdi+rdi*1]", a -> a.lea64(RAX, RDI, RDI));
        row("lea r8, [r9+r10*1]", a -> a.lea64(R8, R9, R10));
        row("lea rax, [rbp+rsi*1]", a -> a.lea64(RAX, RBP, RSI));
        row("lea rax, [r13+r12*1]", a -> a.lea64(RAX, R13, R12));
        row("lea rcx, [rsp+rax*1]", a -> a.lea64(RCX, RSP, RAX));
        row("lea eax, [rdi+rsi*1]", a -> a.lea32(RAX, RDI, RSI));
        row("lea r15d, [r12+r13*1]", a -> a.lea32(R15, R12, R13));
        row("add rax, rdi", a -> a.add64RR(RAX, RDI));
        row("add r15, r8", a -> a.add64RR(R15, R8));
        row("add eax, edi", a -> a.add32RR(RAX, RDI));
        row("add r9d, ecx", a -> a.add32RR(R9, RCX));
        row("sub rax, rdi", a -> a.sub64RR(RAX, RDI));
        row("sub rbx, r12", a -> a.sub64RR(RBX, R12));
        row("sub eax, edi", a -> a.sub32RR(RAX, RDI));
        row("sub r10d, r11d", a -> a.sub32RR(R10, R11));
        row("imul rax, rdi", a -> a.imul64RR(RAX, RDI));
        row("imul r13, rbx", a -> a.imul64RR(R13, RBX));
        row("imul eax, edi", a -> a.imul32RR(RAX, RDI));
        row("imul ecx, r14d", a -> a.imul32RR(RCX, R14));
        row("add rsp, 0x8", a -> a.add64RI(RSP, 8));
        row("add rsp, 0x1000", a -> a.add64RI(RSP, 0x1000));
        row("sub rsp, 0x18", a -> a.sub64RI(RSP, 0x18));
        row("sub rsp, 0x208", a -> a.sub64RI(RSP, 0x208));
        row("sub r9, -0x80", a -> a.sub64RI(R9, -0x80));
        row("push rbx", a -> a.push(RBX));
        row("push rbp", a -> a.push(RBP));
        row("push r12", a -> a.push(R12));
        row("push r15", a -> a.push(R15));
        row("pop rbx", a -> a.pop(RBX));
        row("pop r15", a -> a.pop(R15));
        row("ret", X86Assembler::ret);
        branch("jmp .+0x1000", 0x1000, 5, X86Assembler::jmp);
        branch("jmp .-0x100", -0x100, 5, X86Assembler::jmp);
        branch("je .+0x1000", 0x1000, 6, (a, l) -> a.jcc(Cond.E, l));
        branch("jne .-0x80", -0x80, 6, (a, l) -> a.jcc(Cond.NE, l));
        branch("jl .+0x200", 0x200, 6, (a, l) -> a.jcc(Cond.L, l));
        branch("jg .+0x200", 0x200, 6, (a, l) -> a.jcc(Cond.G, l));
        row("movaps xmm0, xmm1", a -> a.movaps(XMM0, XMM1));
        row("movaps xmm8, xmm0", a -> a.movaps(XMM8, XMM0));
        row("movaps xmm1, xmm15", a -> a.movaps(XMM1, XMM15));
        row("movsd xmm0, qword ptr [rsp+0x8]", a -> a.movsdRM(XMM0, RSP, 8));
        row("movsd xmm15, qword ptr [rsp+0x1000]", a -> a.movsdRM(XMM15, RSP, 0x1000));
        row("movsd xmm3, qword ptr [r13]", a -> a.movsdRM(XMM3, R13, 0));
        row("movsd qword ptr [rsp+0x10], xmm1", a -> a.movsdMR(RSP, 0x10, XMM1));
        row("movsd qword ptr [rsp], xmm14", a -> a.movsdMR(RSP, 0, XMM14));
        row("movq xmm0, rax", a -> a.movqXR(XMM0, RAX));
        row("movq xmm9, r11", a -> a.movqXR(XMM9, R11));
        row("movd xmm0, eax", a -> a.movdXR(XMM0, RAX));
        row("movd xmm12, r10d", a -> a.movdXR(XMM12, R10));
        row("addsd xmm0, xmm1", a -> a.addsd(XMM0, XMM1));
        row("addsd xmm8, xmm15", a -> a.addsd(XMM8, XMM15));
        row("subsd xmm0, xmm1", a -> a.subsd(XMM0, XMM1));
        row("subsd xmm13, xmm2", a -> a.subsd(XMM13, XMM2));
        row("mulsd xmm0, xmm1", a -> a.mulsd(XMM0, XMM1));
        row("mulsd xmm7, xmm9", a -> a.mulsd(XMM7, XMM9));
        row("addss xmm0, xmm1", a -> a.addss(XMM0, XMM1));
        row("addss xmm10, xmm11", a -> a.addss(XMM10, XMM11));
        row("subss xmm0, xmm1", a -> a.subss(XMM0, XMM1));
        row("subss xmm2, xmm12", a -> a.subss(XMM2, XMM12));
        row("mulss xmm0, xmm1", a -> a.mulss(XMM0, XMM1));
        row("mulss xmm14, xmm3", a -> a.mulss(XMM14, XMM3));
    }

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
                assertEquals(2, cols.length, "table row needs text and hex: " + line);
                rows.put(cols[0], cols[1]);
            }
        }
        return rows;
    }

    @Test
    void everyRowEncodesLikeGnuAs() throws IOException {
        Map<String, String> table = table();
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
        a.jmp(new Label());
        assertThrows(IllegalStateException.class, a::finish);
    }

    @Test
    void rspIsNoIndex() {
        assertThrows(IllegalArgumentException.class, () -> new X86Assembler().lea64(RAX, RAX, RSP));
    }
}
