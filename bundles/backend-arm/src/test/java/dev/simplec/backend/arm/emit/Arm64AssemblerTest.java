package dev.simplec.backend.arm.emit;

import static dev.simplec.backend.arm.emit.Fpr.*;
import static dev.simplec.backend.arm.emit.Gpr.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.Label;

/**
 * Every assembler method against GNU as: {@code encodings/aarch64.tsv} holds (assembly, instruction
 * word) rows that {@code src/test/tools/gen-encodings.sh} produced with {@code aarch64-linux-gnu-as}
 * and {@code aarch64-linux-gnu-objdump -d}; each row here names the text and the assembler call that
 * must produce the same word.
 */
class Arm64AssemblerTest {
    private record Row(String text, Consumer<Arm64Assembler> emit, boolean last) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private static void row(String text, Consumer<Arm64Assembler> emit) {
        ROWS.add(new Row(text, emit, false));
    }

    /** A branch {@code distance} bytes from itself (as writes {@code b .+0x1000}). */
    private static void branch(String text, int distance, BiConsumer<Arm64Assembler, Label> emit) {
        if (distance > 0) {
            ROWS.add(new Row(text, a -> {
                Label l = new Label();
                emit.accept(a, l);
                pad(a, distance - 4);
                a.bind(l);
            }, false));
        } else {
            ROWS.add(new Row(text, a -> {
                Label l = new Label();
                a.bind(l);
                pad(a, -distance);
                emit.accept(a, l);
            }, true));
        }
    }

    private static void pad(Arm64Assembler a, int bytes) {
        for (int i = 0; i < bytes; i += 4) {
            a.ret(); // any instruction
        }
    }

    static {
        row("mov x0, x1", a -> a.mov64RR(X0, X1));
        row("mov x28, x30", a -> a.mov64RR(X28, X30));
        row("mov x16, x17", a -> a.mov64RR(X16, X17));
        row("movz x0, #0x1234", a -> a.movz64(X0, 0x1234, 0));
        row("movz x1, #0xffff, lsl #48", a -> a.movz64(X1, 0xFFFF, 48));
        row("movz x30, #0x0, lsl #16", a -> a.movz64(X30, 0, 16));
        row("movn x0, #0x0", a -> a.movn64(X0, 0, 0));
        row("movn x9, #0x1234, lsl #32", a -> a.movn64(X9, 0x1234, 32));
        row("movk x0, #0xbeef, lsl #16", a -> a.movk64(X0, 0xBEEF, 16));
        row("movk x17, #0xffff, lsl #48", a -> a.movk64(X17, 0xFFFF, 48));
        row("movz w0, #0x1234", a -> a.movz32(X0, 0x1234, 0));
        row("movz w3, #0xffff, lsl #16", a -> a.movz32(X3, 0xFFFF, 16));
        row("movn w0, #0x0", a -> a.movn32(X0, 0, 0));
        row("movn w28, #0x8000, lsl #16", a -> a.movn32(X28, 0x8000, 16));
        row("movk w5, #0xabcd, lsl #16", a -> a.movk32(X5, 0xABCD, 16));
        row("sxtb x0, w1", a -> a.sxtb64(X0, X1));
        row("sxtb x30, w16", a -> a.sxtb64(X30, X16));
        row("sxth x2, w3", a -> a.sxth64(X2, X3));
        row("sxtw x0, w29", a -> a.sxtw64(X0, X29));
        row("add x0, x1, x2", a -> a.add64RRR(X0, X1, X2));
        row("add x29, x30, x28", a -> a.add64RRR(X29, X30, X28));
        row("add w0, w1, w2", a -> a.add32RRR(X0, X1, X2));
        row("add w15, w16, w17", a -> a.add32RRR(X15, X16, X17));
        row("sub x0, x1, x2", a -> a.sub64RRR(X0, X1, X2));
        row("sub x19, x20, x21", a -> a.sub64RRR(X19, X20, X21));
        row("sub w0, w1, w2", a -> a.sub32RRR(X0, X1, X2));
        row("sub w9, w10, w30", a -> a.sub32RRR(X9, X10, X30));
        row("mul x0, x1, x2", a -> a.mul64RRR(X0, X1, X2));
        row("mul x28, x27, x26", a -> a.mul64RRR(X28, X27, X26));
        row("mul w0, w1, w2", a -> a.mul32RRR(X0, X1, X2));
        row("mul w12, w13, w30", a -> a.mul32RRR(X12, X13, X30));
        row("add x29, sp, #0x0", a -> a.add64RI(X29, SP, 0));
        row("add sp, x29, #0x0", a -> a.add64RI(SP, X29, 0));
        row("add sp, sp, #0xff0", a -> a.add64RI(SP, SP, 0xFF0));
        row("add x0, x1, #0x1", a -> a.add64RI(X0, X1, 1));
        row("sub sp, sp, #0x40", a -> a.sub64RI(SP, SP, 0x40));
        row("sub sp, sp, #0xff0", a -> a.sub64RI(SP, SP, 0xFF0));
        row("sub x16, x17, #0x8", a -> a.sub64RI(X16, X17, 8));
        row("ldr x0, [sp, #8]", a -> a.ldr64(X0, SP, 8));
        row("ldr x16, [x29, #16]", a -> a.ldr64(X16, X29, 16));
        row("ldr x30, [sp, #32760]", a -> a.ldr64(X30, SP, 32760));
        row("ldr x1, [x2]", a -> a.ldr64(X1, X2, 0));
        row("str x19, [sp]", a -> a.str64(X19, SP, 0));
        row("str x28, [sp, #256]", a -> a.str64(X28, SP, 256));
        row("str x0, [x29, #24]", a -> a.str64(X0, X29, 24));
        row("ldr d0, [sp, #8]", a -> a.ldrD(V0, SP, 8));
        row("ldr d31, [x29, #16]", a -> a.ldrD(V31, X29, 16));
        row("str d8, [sp, #32760]", a -> a.strD(V8, SP, 32760));
        row("str d15, [sp]", a -> a.strD(V15, SP, 0));
        row("stp x29, x30, [sp, #-16]!", a -> a.stp64Pre(X29, X30, SP, -16));
        row("stp x19, x20, [sp, #-512]!", a -> a.stp64Pre(X19, X20, SP, -512));
        row("ldp x29, x30, [sp], #16", a -> a.ldp64Post(X29, X30, SP, 16));
        row("ldp x1, x2, [sp], #504", a -> a.ldp64Post(X1, X2, SP, 504));
        row("ret", Arm64Assembler::ret);
        branch("b .+0x1000", 0x1000, Arm64Assembler::b);
        branch("b .-0x100", -0x100, Arm64Assembler::b);
        branch("b.eq .+0x1000", 0x1000, (a, l) -> a.bcond(Cond.EQ, l));
        branch("b.ne .-0x80", -0x80, (a, l) -> a.bcond(Cond.NE, l));
        branch("b.lt .+0x200", 0x200, (a, l) -> a.bcond(Cond.LT, l));
        branch("b.gt .+0x200", 0x200, (a, l) -> a.bcond(Cond.GT, l));
        row("fmov d0, d1", a -> a.fmovD(V0, V1));
        row("fmov d31, d30", a -> a.fmovD(V31, V30));
        row("fmov d0, x1", a -> a.fmovDX(V0, X1));
        row("fmov d16, x17", a -> a.fmovDX(V16, X17));
        row("fmov s0, w1", a -> a.fmovSW(V0, X1));
        row("fmov s31, w30", a -> a.fmovSW(V31, X30));
        row("fadd d0, d1, d2", a -> a.faddD(V0, V1, V2));
        row("fadd d29, d30, d31", a -> a.faddD(V29, V30, V31));
        row("fsub d0, d1, d2", a -> a.fsubD(V0, V1, V2));
        row("fsub d8, d15, d16", a -> a.fsubD(V8, V15, V16));
        row("fmul d0, d1, d2", a -> a.fmulD(V0, V1, V2));
        row("fmul d7, d31, d9", a -> a.fmulD(V7, V31, V9));
        row("fadd s0, s1, s2", a -> a.faddS(V0, V1, V2));
        row("fadd s29, s30, s31", a -> a.faddS(V29, V30, V31));
        row("fsub s0, s1, s2", a -> a.fsubS(V0, V1, V2));
        row("fsub s17, s3, s30", a -> a.fsubS(V17, V3, V30));
        row("fmul s0, s1, s2", a -> a.fmulS(V0, V1, V2));
        row("fmul s31, s16, s8", a -> a.fmulS(V31, V16, V8));
    }

    private static Map<String, String> table() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (InputStream in = Arm64AssemblerTest.class.getResourceAsStream("/encodings/aarch64.tsv")) {
            if (in == null) {
                throw new AssertionError("encodings/aarch64.tsv is missing");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                assertEquals(2, cols.length, "table row needs text and word: " + line);
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
            Arm64Assembler a = new Arm64Assembler();
            r.emit().accept(a);
            byte[] code = a.finish();
            int at = r.last() ? code.length - 4 : 0;
            int word = (code[at] & 0xff) | (code[at + 1] & 0xff) << 8 | (code[at + 2] & 0xff) << 16 | (code[at + 3] & 0xff) << 24;
            String got = String.format("%08x", word);
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
        Arm64Assembler a = new Arm64Assembler();
        a.b(new Label());
        assertThrows(IllegalStateException.class, a::finish);
    }

    @Test
    void operandsOutsideTheFormAreRejected() {
        Arm64Assembler a = new Arm64Assembler();
        assertThrows(IllegalArgumentException.class, () -> a.mov64RR(SP, X0));
        assertThrows(IllegalArgumentException.class, () -> a.ldr64(X0, SP, 12));
        assertThrows(IllegalArgumentException.class, () -> a.ldr64(X0, SP, 32768));
        assertThrows(IllegalArgumentException.class, () -> a.add64RI(X0, XZR, 1));
        assertThrows(IllegalArgumentException.class, () -> a.movz64(X0, 0x10000, 0));
    }

    @Test
    void conditionalBranchOutOfRangeIsALimit() {
        Arm64Assembler a = new Arm64Assembler();
        Label l = new Label();
        a.bcond(Cond.EQ, l);
        pad(a, 1 << 20);
        a.bind(l);
        assertEquals(dev.simplec.api.ErrorKind.LIMIT, assertThrows(SimplecException.class, a::finish).kind());
    }
}
