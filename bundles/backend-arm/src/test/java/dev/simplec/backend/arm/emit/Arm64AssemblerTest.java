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
 * word, objdump text) rows that {@code src/test/tools/gen-encodings.sh} produced with
 * {@code aarch64-linux-gnu-as} and {@code aarch64-linux-gnu-objdump}; each row here names the text
 * and the assembler call that must produce the same word ({@link Arm64DisassemblerTest} reads the
 * third column).
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
        row("mov w0, w1", a -> a.mov32RR(X0, X1));
        row("mov w28, w30", a -> a.mov32RR(X28, X30));
        row("sxtb w0, w1", a -> a.sxtb32(X0, X1));
        row("sxth w30, w16", a -> a.sxth32(X30, X16));
        row("uxtb w2, w3", a -> a.uxtb32(X2, X3));
        row("uxth w28, w29", a -> a.uxth32(X28, X29));
        row("ubfx x0, x1, #32, #32", a -> a.ubfx64(X0, X1, 32, 32));
        row("ubfx x9, x10, #8, #16", a -> a.ubfx64(X9, X10, 8, 16));
        row("sbfx x0, x1, #16, #16", a -> a.sbfx64(X0, X1, 16, 16));
        row("sbfx x28, x2, #32, #8", a -> a.sbfx64(X28, X2, 32, 8));
        row("sdiv x0, x1, x2", a -> a.sdiv64RRR(X0, X1, X2));
        row("sdiv w28, w29, w30", a -> a.sdiv32RRR(X28, X29, X30));
        row("udiv x3, x4, x5", a -> a.udiv64RRR(X3, X4, X5));
        row("udiv w15, w16, w17", a -> a.udiv32RRR(X15, X16, X17));
        row("add x0, sp, #0x10, lsl #12", a -> a.add64RIHigh(X0, SP, 0x10));
        row("add sp, sp, #0xfff, lsl #12", a -> a.add64RIHigh(SP, SP, 0xFFF));
        row("sub sp, sp, #0x1, lsl #12", a -> a.sub64RIHigh(SP, SP, 1));
        row("sub x16, sp, #0x7, lsl #12", a -> a.sub64RIHigh(X16, SP, 7));
        row("and x0, x1, x2", a -> a.and64RRR(X0, X1, X2));
        row("and w3, w4, w30", a -> a.and32RRR(X3, X4, X30));
        row("orr x0, x1, x2", a -> a.orr64RRR(X0, X1, X2));
        row("orr w28, w1, w2", a -> a.orr32RRR(X28, X1, X2));
        row("eor x0, x1, x2", a -> a.eor64RRR(X0, X1, X2));
        row("eor w9, w10, w11", a -> a.eor32RRR(X9, X10, X11));
        row("orr x0, x1, x2, lsl #32", a -> a.orr64RRRLsl(X0, X1, X2, 32));
        row("orr x5, x6, x7, lsl #8", a -> a.orr64RRRLsl(X5, X6, X7, 8));
        row("and sp, x16, #0xffffffffffffffe0", a -> a.and64RI(SP, X16, -32L));
        row("and x0, x1, #0xff", a -> a.and64RI(X0, X1, 0xFF));
        row("and x2, x3, #0x5555555555555555", a -> a.and64RI(X2, X3, 0x5555555555555555L));
        row("and x4, x5, #0xffff0000ffff0000", a -> a.and64RI(X4, X5, 0xffff0000ffff0000L));
        row("and w0, w1, #0x7", a -> a.and32RI(X0, X1, 7));
        row("and w2, w3, #0xf", a -> a.and32RI(X2, X3, 15));
        row("and w4, w5, #0x1f", a -> a.and32RI(X4, X5, 31));
        row("and w6, w7, #0x3f", a -> a.and32RI(X6, X7, 63));
        row("and w8, w9, #0xffff", a -> a.and32RI(X8, X9, 0xFFFF));
        row("and w10, w11, #0x80000001", a -> a.and32RI(X10, X11, 0x80000001L));
        row("tst w0, #0xff", a -> a.tst32RI(X0, 0xFF));
        row("tst w30, #0x1", a -> a.tst32RI(X30, 1));
        row("lsl x0, x1, x2", a -> a.lslv64(X0, X1, X2));
        row("lsl w3, w4, w5", a -> a.lslv32(X3, X4, X5));
        row("lsr x6, x7, x8", a -> a.lsrv64(X6, X7, X8));
        row("lsr w9, w10, w11", a -> a.lsrv32(X9, X10, X11));
        row("asr x12, x13, x14", a -> a.asrv64(X12, X13, X14));
        row("asr w28, w29, w30", a -> a.asrv32(X28, X29, X30));
        row("lsr x0, x1, #32", a -> a.lsr64RI(X0, X1, 32));
        row("lsr x2, x3, #1", a -> a.lsr64RI(X2, X3, 1));
        row("lsl x4, x5, #16", a -> a.lsl64RI(X4, X5, 16));
        row("lsl x6, x7, #63", a -> a.lsl64RI(X6, X7, 63));
        row("cmp x0, x1", a -> a.cmp64RR(X0, X1));
        row("cmp x28, x30", a -> a.cmp64RR(X28, X30));
        row("cmp w0, w1", a -> a.cmp32RR(X0, X1));
        row("cmp w29, w2", a -> a.cmp32RR(X29, X2));
        row("cmp x0, #0x0", a -> a.cmp64RI(X0, 0));
        row("cmp x9, #0xfff", a -> a.cmp64RI(X9, 0xFFF));
        row("cmp w0, #0x7f", a -> a.cmp32RI(X0, 0x7F));
        row("cmp w30, #0x0", a -> a.cmp32RI(X30, 0));
        row("cmn w0, #0x80", a -> a.cmn32RI(X0, 0x80));
        row("cmn w12, #0xfff", a -> a.cmn32RI(X12, 0xFFF));
        row("csel x0, x1, x2, eq", a -> a.csel64(X0, X1, X2, Cond.EQ));
        row("csel x28, x29, x30, lt", a -> a.csel64(X28, X29, X30, Cond.LT));
        row("csel w0, w1, w2, ne", a -> a.csel32(X0, X1, X2, Cond.NE));
        row("csel w5, w6, w7, ls", a -> a.csel32(X5, X6, X7, Cond.LS));
        row("cset w0, eq", a -> a.cset32(X0, Cond.EQ));
        row("cset w1, ne", a -> a.cset32(X1, Cond.NE));
        row("cset w2, lt", a -> a.cset32(X2, Cond.LT));
        row("cset w3, hi", a -> a.cset32(X3, Cond.HI));
        row("cset w30, mi", a -> a.cset32(X30, Cond.MI));
        row("cset w4, vs", a -> a.cset32(X4, Cond.VS));
        row("csetm x0, ne", a -> a.csetm64(X0, Cond.NE));
        row("csetm x17, eq", a -> a.csetm64(X17, Cond.EQ));
        row("add w0, w1, #0x1", a -> a.add32RI(X0, X1, 1));
        row("add w28, w29, #0xfff", a -> a.add32RI(X28, X29, 0xFFF));
        row("sub w0, w1, #0x1", a -> a.sub32RI(X0, X1, 1));
        row("sub w30, w2, #0x800", a -> a.sub32RI(X30, X2, 0x800));
        row("asr x0, x1, #63", a -> a.asr64RI(X0, X1, 63));
        row("asr x2, x3, #1", a -> a.asr64RI(X2, X3, 1));
        row("lsl w0, w1, #31", a -> a.lsl32RI(X0, X1, 31));
        row("lsl w2, w3, #1", a -> a.lsl32RI(X2, X3, 1));
        row("lsr w4, w5, #31", a -> a.lsr32RI(X4, X5, 31));
        row("lsr w6, w7, #7", a -> a.lsr32RI(X6, X7, 7));
        row("asr w8, w9, #31", a -> a.asr32RI(X8, X9, 31));
        row("asr w10, w11, #3", a -> a.asr32RI(X10, X11, 3));
        row("cmn x0, #0x1", a -> a.cmn64RI(X0, 1));
        row("cmn x28, #0xfff", a -> a.cmn64RI(X28, 0xFFF));
        row("ldrb w1, [sp, #4095]", a -> a.memRI(MemOp.LDRB, X1, SP, 4095));
        row("ldrb w1, [x2]", a -> a.memRI(MemOp.LDRB, X1, X2, 0));
        row("ldurb w1, [x2, #-256]", a -> a.memRIUnscaled(MemOp.LDRB, X1, X2, -256));
        row("ldurb w1, [sp, #255]", a -> a.memRIUnscaled(MemOp.LDRB, X1, SP, 255));
        row("ldrb w1, [x2, x3]", a -> a.memRR(MemOp.LDRB, X1, X2, X3));
        row("ldrsb w4, [sp, #4095]", a -> a.memRI(MemOp.LDRSB, X4, SP, 4095));
        row("ldrsb w4, [x7]", a -> a.memRI(MemOp.LDRSB, X4, X7, 0));
        row("ldursb w4, [x7, #-256]", a -> a.memRIUnscaled(MemOp.LDRSB, X4, X7, -256));
        row("ldursb w4, [sp, #255]", a -> a.memRIUnscaled(MemOp.LDRSB, X4, SP, 255));
        row("ldrsb w4, [x7, x10]", a -> a.memRR(MemOp.LDRSB, X4, X7, X10));
        row("ldrh w7, [sp, #8190]", a -> a.memRI(MemOp.LDRH, X7, SP, 8190));
        row("ldrh w7, [x12]", a -> a.memRI(MemOp.LDRH, X7, X12, 0));
        row("ldurh w7, [x12, #-256]", a -> a.memRIUnscaled(MemOp.LDRH, X7, X12, -256));
        row("ldurh w7, [sp, #255]", a -> a.memRIUnscaled(MemOp.LDRH, X7, SP, 255));
        row("ldrh w7, [x12, x17]", a -> a.memRR(MemOp.LDRH, X7, X12, X17));
        row("ldrsh w10, [sp, #8190]", a -> a.memRI(MemOp.LDRSH, X10, SP, 8190));
        row("ldrsh w10, [x17]", a -> a.memRI(MemOp.LDRSH, X10, X17, 0));
        row("ldursh w10, [x17, #-256]", a -> a.memRIUnscaled(MemOp.LDRSH, X10, X17, -256));
        row("ldursh w10, [sp, #255]", a -> a.memRIUnscaled(MemOp.LDRSH, X10, SP, 255));
        row("ldrsh w10, [x17, x24]", a -> a.memRR(MemOp.LDRSH, X10, X17, X24));
        row("ldr w13, [sp, #16380]", a -> a.memRI(MemOp.LDR_W, X13, SP, 16380));
        row("ldr w13, [x22]", a -> a.memRI(MemOp.LDR_W, X13, X22, 0));
        row("ldur w13, [x22, #-256]", a -> a.memRIUnscaled(MemOp.LDR_W, X13, X22, -256));
        row("ldur w13, [sp, #255]", a -> a.memRIUnscaled(MemOp.LDR_W, X13, SP, 255));
        row("ldr w13, [x22, x0]", a -> a.memRR(MemOp.LDR_W, X13, X22, X0));
        row("ldr x16, [sp, #32760]", a -> a.memRI(MemOp.LDR_X, X16, SP, 32760));
        row("ldr x16, [x27]", a -> a.memRI(MemOp.LDR_X, X16, X27, 0));
        row("ldur x16, [x27, #-256]", a -> a.memRIUnscaled(MemOp.LDR_X, X16, X27, -256));
        row("ldur x16, [sp, #255]", a -> a.memRIUnscaled(MemOp.LDR_X, X16, SP, 255));
        row("ldr x16, [x27, x7]", a -> a.memRR(MemOp.LDR_X, X16, X27, X7));
        row("strb w19, [sp, #4095]", a -> a.memRI(MemOp.STRB, X19, SP, 4095));
        row("strb w19, [x1]", a -> a.memRI(MemOp.STRB, X19, X1, 0));
        row("sturb w19, [x1, #-256]", a -> a.memRIUnscaled(MemOp.STRB, X19, X1, -256));
        row("sturb w19, [sp, #255]", a -> a.memRIUnscaled(MemOp.STRB, X19, SP, 255));
        row("strb w19, [x1, x14]", a -> a.memRR(MemOp.STRB, X19, X1, X14));
        row("strh w22, [sp, #8190]", a -> a.memRI(MemOp.STRH, X22, SP, 8190));
        row("strh w22, [x6]", a -> a.memRI(MemOp.STRH, X22, X6, 0));
        row("sturh w22, [x6, #-256]", a -> a.memRIUnscaled(MemOp.STRH, X22, X6, -256));
        row("sturh w22, [sp, #255]", a -> a.memRIUnscaled(MemOp.STRH, X22, SP, 255));
        row("strh w22, [x6, x21]", a -> a.memRR(MemOp.STRH, X22, X6, X21));
        row("str w25, [sp, #16380]", a -> a.memRI(MemOp.STR_W, X25, SP, 16380));
        row("str w25, [x11]", a -> a.memRI(MemOp.STR_W, X25, X11, 0));
        row("stur w25, [x11, #-256]", a -> a.memRIUnscaled(MemOp.STR_W, X25, X11, -256));
        row("stur w25, [sp, #255]", a -> a.memRIUnscaled(MemOp.STR_W, X25, SP, 255));
        row("str w25, [x11, x28]", a -> a.memRR(MemOp.STR_W, X25, X11, X28));
        row("str x28, [sp, #32760]", a -> a.memRI(MemOp.STR_X, X28, SP, 32760));
        row("str x28, [x16]", a -> a.memRI(MemOp.STR_X, X28, X16, 0));
        row("stur x28, [x16, #-256]", a -> a.memRIUnscaled(MemOp.STR_X, X28, X16, -256));
        row("stur x28, [sp, #255]", a -> a.memRIUnscaled(MemOp.STR_X, X28, SP, 255));
        row("str x28, [x16, x4]", a -> a.memRR(MemOp.STR_X, X28, X16, X4));
        row("ldr s0, [sp, #16380]", a -> a.memRI(MemOp.LDR_S, V0, SP, 16380));
        row("ldr s0, [x21]", a -> a.memRI(MemOp.LDR_S, V0, X21, 0));
        row("ldur s0, [x21, #-256]", a -> a.memRIUnscaled(MemOp.LDR_S, V0, X21, -256));
        row("ldur s0, [sp, #255]", a -> a.memRIUnscaled(MemOp.LDR_S, V0, SP, 255));
        row("ldr s0, [x21, x11]", a -> a.memRR(MemOp.LDR_S, V0, X21, X11));
        row("ldr d3, [sp, #32760]", a -> a.memRI(MemOp.LDR_D, V3, SP, 32760));
        row("ldr d3, [x26]", a -> a.memRI(MemOp.LDR_D, V3, X26, 0));
        row("ldur d3, [x26, #-256]", a -> a.memRIUnscaled(MemOp.LDR_D, V3, X26, -256));
        row("ldur d3, [sp, #255]", a -> a.memRIUnscaled(MemOp.LDR_D, V3, SP, 255));
        row("ldr d3, [x26, x18]", a -> a.memRR(MemOp.LDR_D, V3, X26, X18));
        row("ldr q6, [sp, #65520]", a -> a.memRI(MemOp.LDR_Q, V6, SP, 65520));
        row("ldr q6, [x0]", a -> a.memRI(MemOp.LDR_Q, V6, X0, 0));
        row("ldur q6, [x0, #-256]", a -> a.memRIUnscaled(MemOp.LDR_Q, V6, X0, -256));
        row("ldur q6, [sp, #255]", a -> a.memRIUnscaled(MemOp.LDR_Q, V6, SP, 255));
        row("ldr q6, [x0, x25]", a -> a.memRR(MemOp.LDR_Q, V6, X0, X25));
        row("str s9, [sp, #16380]", a -> a.memRI(MemOp.STR_S, V9, SP, 16380));
        row("str s9, [x5]", a -> a.memRI(MemOp.STR_S, V9, X5, 0));
        row("stur s9, [x5, #-256]", a -> a.memRIUnscaled(MemOp.STR_S, V9, X5, -256));
        row("stur s9, [sp, #255]", a -> a.memRIUnscaled(MemOp.STR_S, V9, SP, 255));
        row("str s9, [x5, x1]", a -> a.memRR(MemOp.STR_S, V9, X5, X1));
        row("str d12, [sp, #32760]", a -> a.memRI(MemOp.STR_D, V12, SP, 32760));
        row("str d12, [x10]", a -> a.memRI(MemOp.STR_D, V12, X10, 0));
        row("stur d12, [x10, #-256]", a -> a.memRIUnscaled(MemOp.STR_D, V12, X10, -256));
        row("stur d12, [sp, #255]", a -> a.memRIUnscaled(MemOp.STR_D, V12, SP, 255));
        row("str d12, [x10, x8]", a -> a.memRR(MemOp.STR_D, V12, X10, X8));
        row("str q15, [sp, #65520]", a -> a.memRI(MemOp.STR_Q, V15, SP, 65520));
        row("str q15, [x15]", a -> a.memRI(MemOp.STR_Q, V15, X15, 0));
        row("stur q15, [x15, #-256]", a -> a.memRIUnscaled(MemOp.STR_Q, V15, X15, -256));
        row("stur q15, [sp, #255]", a -> a.memRIUnscaled(MemOp.STR_Q, V15, SP, 255));
        row("str q15, [x15, x15]", a -> a.memRR(MemOp.STR_Q, V15, X15, X15));
        row("ldrsh w10, [x17, x24, lsl #1]", a -> a.memRRScaled(MemOp.LDRSH, X10, X17, X24));
        row("ldr w13, [x22, x0, lsl #2]", a -> a.memRRScaled(MemOp.LDR_W, X13, X22, X0));
        row("ldr x16, [x27, x7, lsl #3]", a -> a.memRRScaled(MemOp.LDR_X, X16, X27, X7));
        row("ldr x0, [sp, x30, lsl #3]", a -> a.memRRScaled(MemOp.LDR_X, X0, SP, X30));
        row("strh w22, [x6, x21, lsl #1]", a -> a.memRRScaled(MemOp.STRH, X22, X6, X21));
        row("str w1, [x2, x3, lsl #2]", a -> a.memRRScaled(MemOp.STR_W, X1, X2, X3));
        row("str x5, [x6, x7, lsl #3]", a -> a.memRRScaled(MemOp.STR_X, X5, X6, X7));
        row("ldr s1, [x2, x3, lsl #2]", a -> a.memRRScaled(MemOp.LDR_S, V1, X2, X3));
        row("ldr d31, [x30, x29, lsl #3]", a -> a.memRRScaled(MemOp.LDR_D, V31, X30, X29));
        row("ldr q7, [x8, x9, lsl #4]", a -> a.memRRScaled(MemOp.LDR_Q, V7, X8, X9));
        row("str s1, [x2, x3, lsl #2]", a -> a.memRRScaled(MemOp.STR_S, V1, X2, X3));
        row("str d31, [x30, x29, lsl #3]", a -> a.memRRScaled(MemOp.STR_D, V31, X30, X29));
        row("str q7, [x8, x9, lsl #4]", a -> a.memRRScaled(MemOp.STR_Q, V7, X8, X9));
        branch("bl .+0x2000", 0x2000, Arm64Assembler::bl);
        branch("bl .-0x40", -0x40, Arm64Assembler::bl);
        branch("cbz w0, .+0x100", 0x100, (a, l) -> a.cbz32(X0, l));
        branch("cbnz w30, .-0x8", -0x8, (a, l) -> a.cbnz32(X30, l));
        branch("cbz x9, .-0x100", -0x100, (a, l) -> a.cbz64(X9, l));
        branch("cbnz x1, .+0x40000", 0x40000, (a, l) -> a.cbnz64(X1, l));
        branch("b.hs .+0x8", 0x8, (a, l) -> a.bcond(Cond.HS, l));
        branch("b.lo .-0x4", -0x4, (a, l) -> a.bcond(Cond.LO, l));
        branch("b.mi .+0xc", 0xc, (a, l) -> a.bcond(Cond.MI, l));
        branch("b.vs .+0x10", 0x10, (a, l) -> a.bcond(Cond.VS, l));
        branch("b.hi .+0x14", 0x14, (a, l) -> a.bcond(Cond.HI, l));
        branch("b.ls .+0x18", 0x18, (a, l) -> a.bcond(Cond.LS, l));
        branch("b.ge .+0x1c", 0x1c, (a, l) -> a.bcond(Cond.GE, l));
        branch("b.le .+0x20", 0x20, (a, l) -> a.bcond(Cond.LE, l));
        branch("adr x0, .+0x1000", 0x1000, (a, l) -> a.adr(X0, l));
        branch("adr x1, .+0x8", 0x8, (a, l) -> a.adr(X1, l));
        branch("adr x30, .-0x404", -0x404, (a, l) -> a.adr(X30, l));
        row("blr x0", a -> a.blr(X0));
        row("blr x16", a -> a.blr(X16));
        row("svc #0x0", a -> a.svc(0));
        row("nop", Arm64Assembler::nop);
        row("fmov x0, d1", a -> a.fmovXD(X0, V1));
        row("fmov x30, d31", a -> a.fmovXD(X30, V31));
        row("fmov w0, s1", a -> a.fmovWS(X0, V1));
        row("fmov w17, s16", a -> a.fmovWS(X17, V16));
        row("fdiv d0, d1, d2", a -> a.fdivD(V0, V1, V2));
        row("fdiv d29, d30, d31", a -> a.fdivD(V29, V30, V31));
        row("fdiv s0, s1, s2", a -> a.fdivS(V0, V1, V2));
        row("fdiv s8, s9, s10", a -> a.fdivS(V8, V9, V10));
        row("fneg d0, d1", a -> a.fnegD(V0, V1));
        row("fneg s30, s31", a -> a.fnegS(V30, V31));
        row("fabs d2, d3", a -> a.fabsD(V2, V3));
        row("fabs s4, s5", a -> a.fabsS(V4, V5));
        row("fsqrt d6, d7", a -> a.fsqrtD(V6, V7));
        row("fsqrt s16, s17", a -> a.fsqrtS(V16, V17));
        row("fcmp d0, d1", a -> a.fcmpD(V0, V1));
        row("fcmp d31, d31", a -> a.fcmpD(V31, V31));
        row("fcmp s2, s3", a -> a.fcmpS(V2, V3));
        row("fcmp s30, s8", a -> a.fcmpS(V30, V8));
        row("fcsel d0, d1, d2, lt", a -> a.fcselD(V0, V1, V2, Cond.LT));
        row("fcsel d29, d30, d31, vs", a -> a.fcselD(V29, V30, V31, Cond.VS));
        row("fcsel s0, s1, s2, mi", a -> a.fcselS(V0, V1, V2, Cond.MI));
        row("fcsel s3, s4, s5, gt", a -> a.fcselS(V3, V4, V5, Cond.GT));
        row("fcvt d0, s1", a -> a.fcvtDS(V0, V1));
        row("fcvt d30, s31", a -> a.fcvtDS(V30, V31));
        row("fcvt s0, d1", a -> a.fcvtSD(V0, V1));
        row("fcvt s17, d16", a -> a.fcvtSD(V17, V16));
        row("scvtf d0, x1", a -> a.scvtfDX(V0, X1));
        row("scvtf d2, w3", a -> a.scvtfDW(V2, X3));
        row("scvtf s4, x5", a -> a.scvtfSX(V4, X5));
        row("scvtf s31, w30", a -> a.scvtfSW(V31, X30));
        row("ucvtf d0, x1", a -> a.ucvtfDX(V0, X1));
        row("ucvtf d2, w3", a -> a.ucvtfDW(V2, X3));
        row("ucvtf s4, x5", a -> a.ucvtfSX(V4, X5));
        row("ucvtf s31, w30", a -> a.ucvtfSW(V31, X30));
        row("fcvtzs x0, d1", a -> a.fcvtzsXD(X0, V1));
        row("fcvtzs w2, d3", a -> a.fcvtzsWD(X2, V3));
        row("fcvtzs x4, s5", a -> a.fcvtzsXS(X4, V5));
        row("fcvtzs w30, s31", a -> a.fcvtzsWS(X30, V31));
        row("fcvtzu x0, d1", a -> a.fcvtzuXD(X0, V1));
        row("fcvtzu w2, d3", a -> a.fcvtzuWD(X2, V3));
        row("fcvtzu x4, s5", a -> a.fcvtzuXS(X4, V5));
        row("fcvtzu w30, s31", a -> a.fcvtzuWS(X30, V31));
        row("mov v0.16b, v1.16b", a -> a.movV(V0, V1));
        row("mov v30.16b, v31.16b", a -> a.movV(V30, V31));
        row("add v0.16b, v1.16b, v2.16b", a -> a.addV(Arr.B16, V0, V1, V2));
        row("add v3.8h, v6.8h, v9.8h", a -> a.addV(Arr.H8, V3, V6, V9));
        row("add v6.4s, v11.4s, v16.4s", a -> a.addV(Arr.S4, V6, V11, V16));
        row("add v9.2d, v16.2d, v23.2d", a -> a.addV(Arr.D2, V9, V16, V23));
        row("sub v12.16b, v21.16b, v30.16b", a -> a.subV(Arr.B16, V12, V21, V30));
        row("sub v15.8h, v26.8h, v5.8h", a -> a.subV(Arr.H8, V15, V26, V5));
        row("sub v18.4s, v31.4s, v12.4s", a -> a.subV(Arr.S4, V18, V31, V12));
        row("sub v21.2d, v4.2d, v19.2d", a -> a.subV(Arr.D2, V21, V4, V19));
        row("mul v24.16b, v9.16b, v26.16b", a -> a.mulV(Arr.B16, V24, V9, V26));
        row("mul v27.8h, v14.8h, v1.8h", a -> a.mulV(Arr.H8, V27, V14, V1));
        row("mul v30.4s, v19.4s, v8.4s", a -> a.mulV(Arr.S4, V30, V19, V8));
        row("cmeq v1.16b, v24.16b, v15.16b", a -> a.cmeqV(Arr.B16, V1, V24, V15));
        row("cmeq v4.8h, v29.8h, v22.8h", a -> a.cmeqV(Arr.H8, V4, V29, V22));
        row("cmeq v7.4s, v2.4s, v29.4s", a -> a.cmeqV(Arr.S4, V7, V2, V29));
        row("cmeq v10.2d, v7.2d, v4.2d", a -> a.cmeqV(Arr.D2, V10, V7, V4));
        row("cmgt v13.16b, v12.16b, v11.16b", a -> a.cmgtV(Arr.B16, V13, V12, V11));
        row("cmgt v16.8h, v17.8h, v18.8h", a -> a.cmgtV(Arr.H8, V16, V17, V18));
        row("cmgt v19.4s, v22.4s, v25.4s", a -> a.cmgtV(Arr.S4, V19, V22, V25));
        row("cmgt v22.2d, v27.2d, v0.2d", a -> a.cmgtV(Arr.D2, V22, V27, V0));
        row("cmge v25.16b, v0.16b, v7.16b", a -> a.cmgeV(Arr.B16, V25, V0, V7));
        row("cmge v28.8h, v5.8h, v14.8h", a -> a.cmgeV(Arr.H8, V28, V5, V14));
        row("cmge v31.4s, v10.4s, v21.4s", a -> a.cmgeV(Arr.S4, V31, V10, V21));
        row("cmge v2.2d, v15.2d, v28.2d", a -> a.cmgeV(Arr.D2, V2, V15, V28));
        row("cmhi v5.16b, v20.16b, v3.16b", a -> a.cmhiV(Arr.B16, V5, V20, V3));
        row("cmhi v8.8h, v25.8h, v10.8h", a -> a.cmhiV(Arr.H8, V8, V25, V10));
        row("cmhi v11.4s, v30.4s, v17.4s", a -> a.cmhiV(Arr.S4, V11, V30, V17));
        row("cmhi v14.2d, v3.2d, v24.2d", a -> a.cmhiV(Arr.D2, V14, V3, V24));
        row("cmhs v17.16b, v8.16b, v31.16b", a -> a.cmhsV(Arr.B16, V17, V8, V31));
        row("cmhs v20.8h, v13.8h, v6.8h", a -> a.cmhsV(Arr.H8, V20, V13, V6));
        row("cmhs v23.4s, v18.4s, v13.4s", a -> a.cmhsV(Arr.S4, V23, V18, V13));
        row("cmhs v26.2d, v23.2d, v20.2d", a -> a.cmhsV(Arr.D2, V26, V23, V20));
        row("fadd v29.4s, v28.4s, v27.4s", a -> a.faddV(Arr.S4, V29, V28, V27));
        row("fadd v0.2d, v1.2d, v2.2d", a -> a.faddV(Arr.D2, V0, V1, V2));
        row("fsub v3.4s, v6.4s, v9.4s", a -> a.fsubV(Arr.S4, V3, V6, V9));
        row("fsub v6.2d, v11.2d, v16.2d", a -> a.fsubV(Arr.D2, V6, V11, V16));
        row("fmul v9.4s, v16.4s, v23.4s", a -> a.fmulV(Arr.S4, V9, V16, V23));
        row("fmul v12.2d, v21.2d, v30.2d", a -> a.fmulV(Arr.D2, V12, V21, V30));
        row("fdiv v15.4s, v26.4s, v5.4s", a -> a.fdivV(Arr.S4, V15, V26, V5));
        row("fdiv v18.2d, v31.2d, v12.2d", a -> a.fdivV(Arr.D2, V18, V31, V12));
        row("fcmeq v21.4s, v4.4s, v19.4s", a -> a.fcmeqV(Arr.S4, V21, V4, V19));
        row("fcmeq v24.2d, v9.2d, v26.2d", a -> a.fcmeqV(Arr.D2, V24, V9, V26));
        row("fcmge v27.4s, v14.4s, v1.4s", a -> a.fcmgeV(Arr.S4, V27, V14, V1));
        row("fcmge v30.2d, v19.2d, v8.2d", a -> a.fcmgeV(Arr.D2, V30, V19, V8));
        row("fcmgt v1.4s, v24.4s, v15.4s", a -> a.fcmgtV(Arr.S4, V1, V24, V15));
        row("fcmgt v4.2d, v29.2d, v22.2d", a -> a.fcmgtV(Arr.D2, V4, V29, V22));
        row("fneg v7.4s, v2.4s", a -> a.fnegV(Arr.S4, V7, V2));
        row("fneg v10.2d, v7.2d", a -> a.fnegV(Arr.D2, V10, V7));
        row("fabs v13.4s, v12.4s", a -> a.fabsV(Arr.S4, V13, V12));
        row("fabs v16.2d, v17.2d", a -> a.fabsV(Arr.D2, V16, V17));
        row("fsqrt v19.4s, v22.4s", a -> a.fsqrtV(Arr.S4, V19, V22));
        row("fsqrt v22.2d, v27.2d", a -> a.fsqrtV(Arr.D2, V22, V27));
        row("and v25.16b, v0.16b, v7.16b", a -> a.andV(V25, V0, V7));
        row("and v28.16b, v5.16b, v14.16b", a -> a.andV(V28, V5, V14));
        row("orr v31.16b, v10.16b, v21.16b", a -> a.orrV(V31, V10, V21));
        row("orr v2.16b, v15.16b, v28.16b", a -> a.orrV(V2, V15, V28));
        row("eor v5.16b, v20.16b, v3.16b", a -> a.eorV(V5, V20, V3));
        row("eor v8.16b, v25.16b, v10.16b", a -> a.eorV(V8, V25, V10));
        row("orn v11.16b, v30.16b, v17.16b", a -> a.ornV(V11, V30, V17));
        row("orn v14.16b, v3.16b, v24.16b", a -> a.ornV(V14, V3, V24));
        row("bsl v17.16b, v8.16b, v31.16b", a -> a.bslV(V17, V8, V31));
        row("bsl v20.16b, v13.16b, v6.16b", a -> a.bslV(V20, V13, V6));
        row("mvn v0.16b, v1.16b", a -> a.mvnV(V0, V1));
        row("mvn v31.16b, v17.16b", a -> a.mvnV(V31, V17));
        row("dup v4.16b, w1", a -> a.dupVR(Arr.B16, V4, X1));
        row("dup v5.8h, w2", a -> a.dupVR(Arr.H8, V5, X2));
        row("dup v31.4s, w30", a -> a.dupVR(Arr.S4, V31, X30));
        row("dup v20.2d, x17", a -> a.dupVR(Arr.D2, V20, X17));
        row("dup v1.16b, v2.b[15]", a -> a.dupVE(Arr.B16, V1, V2, 15));
        row("dup v30.16b, v31.b[0]", a -> a.dupVE(Arr.B16, V30, V31, 0));
        row("dup v1.8h, v2.h[7]", a -> a.dupVE(Arr.H8, V1, V2, 7));
        row("dup v30.8h, v31.h[0]", a -> a.dupVE(Arr.H8, V30, V31, 0));
        row("dup v1.4s, v2.s[3]", a -> a.dupVE(Arr.S4, V1, V2, 3));
        row("dup v30.4s, v31.s[0]", a -> a.dupVE(Arr.S4, V30, V31, 0));
        row("dup v1.2d, v2.d[1]", a -> a.dupVE(Arr.D2, V1, V2, 1));
        row("dup v30.2d, v31.d[0]", a -> a.dupVE(Arr.D2, V30, V31, 0));
        row("dup s0, v1.s[3]", a -> a.dupSE(Arr.S4, V0, V1, 3));
        row("dup s17, v16.s[1]", a -> a.dupSE(Arr.S4, V17, V16, 1));
        row("dup d0, v1.d[1]", a -> a.dupSE(Arr.D2, V0, V1, 1));
        row("dup d17, v16.d[1]", a -> a.dupSE(Arr.D2, V17, V16, 1));
        row("umov w0, v1.b[15]", a -> a.umov(Arr.B16, X0, V1, 15));
        row("umov w30, v31.b[0]", a -> a.umov(Arr.B16, X30, V31, 0));
        row("ins v2.b[15], w3", a -> a.insVR(Arr.B16, V2, 15, X3));
        row("ins v29.b[0], w28", a -> a.insVR(Arr.B16, V29, 0, X28));
        row("umov w0, v1.h[7]", a -> a.umov(Arr.H8, X0, V1, 7));
        row("umov w30, v31.h[0]", a -> a.umov(Arr.H8, X30, V31, 0));
        row("ins v2.h[7], w3", a -> a.insVR(Arr.H8, V2, 7, X3));
        row("ins v29.h[0], w28", a -> a.insVR(Arr.H8, V29, 0, X28));
        row("umov w0, v1.s[3]", a -> a.umov(Arr.S4, X0, V1, 3));
        row("umov w30, v31.s[0]", a -> a.umov(Arr.S4, X30, V31, 0));
        row("ins v2.s[3], w3", a -> a.insVR(Arr.S4, V2, 3, X3));
        row("ins v29.s[0], w28", a -> a.insVR(Arr.S4, V29, 0, X28));
        row("umov x0, v1.d[1]", a -> a.umov(Arr.D2, X0, V1, 1));
        row("umov x30, v31.d[0]", a -> a.umov(Arr.D2, X30, V31, 0));
        row("ins v2.d[1], x3", a -> a.insVR(Arr.D2, V2, 1, X3));
        row("ins v29.d[0], x28", a -> a.insVR(Arr.D2, V29, 0, X28));
        row("smov w0, v1.b[15]", a -> a.smov32(Arr.B16, X0, V1, 15));
        row("smov w30, v31.b[0]", a -> a.smov32(Arr.B16, X30, V31, 0));
        row("smov w0, v1.h[7]", a -> a.smov32(Arr.H8, X0, V1, 7));
        row("smov w30, v31.h[0]", a -> a.smov32(Arr.H8, X30, V31, 0));
        row("addv b0, v1.16b", a -> a.addv(Arr.B16, V0, V1));
        row("addv b31, v30.16b", a -> a.addv(Arr.B16, V31, V30));
        row("addv h0, v1.8h", a -> a.addv(Arr.H8, V0, V1));
        row("addv h31, v30.8h", a -> a.addv(Arr.H8, V31, V30));
        row("addv s0, v1.4s", a -> a.addv(Arr.S4, V0, V1));
        row("addv s31, v30.4s", a -> a.addv(Arr.S4, V31, V30));
        row("addp d0, v1.2d", a -> a.addpD(V0, V1));
        row("addp d30, v31.2d", a -> a.addpD(V30, V31));
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
                assertEquals(3, cols.length, "table row needs text, word and objdump's text: " + line);
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
    void conditionalBranchBeyondItsRangeIsALimit() {
        // A b.cond reaches ±1 MiB, and code stops at CodeLimits.MAX_CODE_BYTES (1 MiB) before a branch
        // could be out of range: whichever is hit, the error is the LIMIT one.
        Arm64Assembler a = new Arm64Assembler();
        Label l = new Label();
        a.bcond(Cond.EQ, l);
        SimplecException e = assertThrows(SimplecException.class, () -> {
            pad(a, 1 << 20);
            a.bind(l);
            a.finish();
        });
        assertEquals(dev.simplec.api.ErrorKind.LIMIT, e.kind());
    }
}
