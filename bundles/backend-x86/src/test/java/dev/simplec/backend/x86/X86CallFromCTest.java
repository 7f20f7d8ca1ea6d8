package dev.simplec.backend.x86;

import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I16;
import static dev.simplec.api.ir.IrType.I32;
import static dev.simplec.api.ir.IrType.I64;
import static dev.simplec.api.ir.IrType.I8;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;

/**
 * SPEC §6 from the C side: {@code src/test/c/abi_test.c}, built with gcc, calls blobs through real
 * C prototypes — scalars of every width, slices, text, structs by pointer, tuples returned as C
 * structs, {@code __m128}/{@code __m128i}/{@code __m256d}, function pointers, recursion and a
 * loop-heavy kernel — and checks each answer against C.
 */
class X86CallFromCTest {
    private static IrModule one(Fb f) {
        return Fb.module(f.build());
    }

    static Map<String, IrModule> blobs() {
        Map<String, IrModule> m = new LinkedHashMap<>();
        Fb mix = Fb.of("mix", I64, I8, I16, I32, I64, I8, I16, I32, F32, F64);
        int acc = mix.op(IrOp.SEXT, I64, mix.param(0));
        acc = mix.op(IrOp.ADD, I64, acc, mix.op(IrOp.SEXT, I64, mix.param(1)));
        acc = mix.op(IrOp.ADD, I64, acc, mix.op(IrOp.SEXT, I64, mix.param(2)));
        acc = mix.op(IrOp.ADD, I64, acc, mix.param(3));
        acc = mix.op(IrOp.ADD, I64, acc, mix.op(IrOp.ZEXT, I64, mix.param(4)));
        acc = mix.op(IrOp.ADD, I64, acc, mix.op(IrOp.ZEXT, I64, mix.param(5)));
        acc = mix.op(IrOp.ADD, I64, acc, mix.op(IrOp.ZEXT, I64, mix.param(6)));
        acc = mix.op(IrOp.ADD, I64, acc, mix.op(IrOp.FTOSI, I64, mix.param(7)));
        acc = mix.op(IrOp.ADD, I64, acc, mix.op(IrOp.FTOSI, I64, mix.param(8)));
        mix.ret(acc);
        m.put("mix", one(mix));
        Fb neg = Fb.of("neg8", I8, I8);
        neg.ret(neg.op(IrOp.SUB, I8, neg.iconst(I8, 0), neg.param(0)));
        m.put("neg8", one(neg));
        Fb inc = Fb.of("inc16", I16, I16);
        inc.ret(inc.op(IrOp.ADD, I16, inc.param(0), inc.iconst(I16, 1)));
        m.put("inc16", one(inc));
        Fb dbl = Fb.of("dbl32", I32, I32);
        dbl.ret(dbl.op(IrOp.MUL, I32, dbl.param(0), dbl.iconst(I32, 2)));
        m.put("dbl32", one(dbl));
        Fb even = Fb.of("even", I8, I64);
        even.ret(even.op(IrOp.EQ, I64, even.op(IrOp.AND, I64, even.param(0), even.iconst(I64, 1)), even.iconst(I64, 0)));
        m.put("even", one(even));
        m.put("sum", Kernels.sum());
        m.put("count_char", countChar());
        m.put("text_eq", textEq());
        Fb score = Fb.of("point_score", F64, I64);
        int p = score.param(0);
        int s = score.op(IrOp.FADD, F64, score.op(IrOp.SITOF, F64, score.load(I32, p, 0)), score.load(F64, p, 8));
        s = score.op(IrOp.FADD, F64, s, score.op(IrOp.SITOF, F64, score.load(I8, p, 16)));
        score.ret(score.op(IrOp.FADD, F64, s, score.op(IrOp.SITOF, F64, score.load(I64, p, 24))));
        m.put("point_score", one(score));
        Fb scale = new Fb("point_scale", List.of(), I64, F64);
        int q = scale.param(0);
        int k = scale.param(1);
        scale.store(I32, q, scale.op(IrOp.FTOSI, I32, scale.op(IrOp.FMUL, F64, scale.op(IrOp.SITOF, F64, scale.load(I32, q, 0)), k)), 0);
        scale.store(F64, q, scale.op(IrOp.FMUL, F64, scale.load(F64, q, 8), k), 8);
        scale.ret();
        m.put("point_scale", one(scale));
        m.put("divmod", divmod());
        Fb split = new Fb("split", List.of(I64, F64), F64);
        int x = split.param(0);
        int n = split.op(IrOp.FTOSI, I64, x);
        split.ret(n, split.op(IrOp.FSUB, F64, x, split.op(IrOp.SITOF, F64, n)));
        m.put("split", one(split));
        Fb swapf = new Fb("swapf", List.of(F32, F32), F32, F32);
        swapf.ret(swapf.param(1), swapf.param(0));
        m.put("swapf", one(swapf));
        Fb minmax = new Fb("minmax", List.of(F64, F64), F64, F64);
        minmax.ret(minmax.op(IrOp.FMIN, F64, minmax.param(0), minmax.param(1)), minmax.op(IrOp.FMAX, F64, minmax.param(0), minmax.param(1)));
        m.put("minmax", one(minmax));
        Fb bf = new Fb("byte_float", List.of(I8, F32), I8, F32);
        bf.ret(bf.param(0), bf.param(1));
        m.put("byte_float", one(bf));
        Fb addps = Fb.of("add_f32x4", IrType.F32X4, IrType.F32X4, IrType.F32X4);
        addps.ret(addps.op(IrOp.FADD, IrType.F32X4, addps.param(0), addps.param(1)));
        m.put("add_f32x4", one(addps));
        Fb muld = Fb.of("mul_i32x4", IrType.I32X4, IrType.I32X4, IrType.I32X4);
        muld.ret(muld.op(IrOp.MUL, IrType.I32X4, muld.param(0), muld.param(1)));
        m.put("mul_i32x4", one(muld));
        if (HostCpu.hasAvx2()) {
            Fb sc = Fb.of("scale_f64x4", IrType.F64X4, IrType.F64X4, F64);
            sc.ret(sc.op(IrOp.FMUL, IrType.F64X4, sc.param(0), sc.op(IrOp.SPLAT, IrType.F64X4, sc.param(1))));
            m.put("scale_f64x4", one(sc));
        }
        Fb apply = Fb.of("apply", F64, I64, F64);
        apply.ret(apply.op(IrOp.FADD, F64, apply.callIndirect(F64, apply.param(0), apply.param(1)), apply.f64(1.0)));
        m.put("apply", one(apply));
        Fb apply2 = Fb.of("apply2", I64, I64, I64, I64);
        apply2.ret(apply2.op(IrOp.MUL, I64, apply2.callIndirect(I64, apply2.param(0), apply2.param(1), apply2.param(2)), apply2.iconst(I64, 2)));
        m.put("apply2", one(apply2));
        m.put("fib", Kernels.fib());
        m.put("matmul", Kernels.matmul(1));
        m.put("matmul_simd", Kernels.matmul(HostCpu.hasAvx2() ? 4 : 2));
        return m;
    }

    /** {@code fn count_char(s: text, c: u8) -> i64}: bytes equal to c, with a bounds check per access. */
    private static IrModule countChar() {
        Fb f = Fb.of("count_char", I64, I64, I64, I8);
        int p = f.param(0);
        int n = f.param(1);
        int c = f.param(2);
        int zero = f.iconst(I64, 0);
        int hdr = f.block(I64, I64);
        int body = f.block();
        int ok = f.block();
        int exit = f.block();
        int oob = f.block();
        f.jump(hdr, zero, zero);
        int i = f.blockParam(hdr, 0);
        int acc = f.blockParam(hdr, 1);
        f.at(hdr).branch(f.op(IrOp.SLT, I64, i, n), body, exit);
        f.at(body).branch(f.op(IrOp.ULT, I64, i, n), ok, oob);
        f.at(ok);
        int hit = f.op(IrOp.EQ, I8, f.load(I8, f.op(IrOp.ADD, I64, p, i), 0), c);
        f.jump(hdr, f.op(IrOp.ADD, I64, i, f.iconst(I64, 1)), f.op(IrOp.ADD, I64, acc, f.op(IrOp.ZEXT, I64, hit)));
        f.at(exit).ret(acc);
        f.at(oob).trap(TrapKind.OUT_OF_BOUNDS);
        return Fb.module(f.build());
    }

    /** {@code a == b} on text: lengths, then bytes. */
    private static IrModule textEq() {
        Fb f = Fb.of("text_eq", I8, I64, I64, I64, I64);
        int p = f.param(0);
        int n = f.param(1);
        int q = f.param(2);
        int m = f.param(3);
        int no = f.block();
        int start = f.block();
        int hdr = f.block(I64);
        int body = f.block();
        int next = f.block();
        int yes = f.block();
        f.branch(f.op(IrOp.EQ, I64, n, m), start, no);
        f.at(no).ret(f.iconst(I8, 0));
        f.at(start).jump(hdr, f.iconst(I64, 0));
        int i = f.blockParam(hdr, 0);
        f.at(hdr).branch(f.op(IrOp.SLT, I64, i, n), body, yes);
        f.at(body);
        int same = f.op(IrOp.EQ, I8, f.load(I8, f.op(IrOp.ADD, I64, p, i), 0), f.load(I8, f.op(IrOp.ADD, I64, q, i), 0));
        f.branch(same, next, no);
        f.at(next).jump(hdr, f.op(IrOp.ADD, I64, i, f.iconst(I64, 1)));
        f.at(yes).ret(f.iconst(I8, 1));
        return Fb.module(f.build());
    }

    /** {@code fn divmod(a: i32, b: i32) -> (i32, i32)} with the division checks lowering emits. */
    private static IrModule divmod() {
        Fb f = new Fb("divmod", List.of(I32, I32), I32, I32);
        int a = f.param(0);
        int b = f.param(1);
        int zero = f.block();
        int checked = f.block();
        int over = f.block();
        int ok = f.block();
        f.branch(f.op(IrOp.EQ, I32, b, f.iconst(I32, 0)), zero, checked);
        f.at(zero).trap(TrapKind.DIVISION_BY_ZERO);
        f.at(checked);
        int bad = f.op(IrOp.AND, I8, f.op(IrOp.EQ, I32, a, f.iconst(I32, Integer.MIN_VALUE)), f.op(IrOp.EQ, I32, b, f.iconst(I32, -1)));
        f.branch(bad, over, ok);
        f.at(over).trap(TrapKind.DIVISION_OVERFLOW);
        f.at(ok).ret(f.op(IrOp.SDIV, I32, a, b), f.op(IrOp.SREM, I32, a, b));
        return Fb.module(f.build());
    }

    @Test
    void cCallersGetTheRightAnswers() throws Exception {
        assumeTrue(Tools.onPath("gcc"), "needs gcc");
        Harness.get(); // same host checks
        Path dir = Path.of("target/abi");
        Files.createDirectories(dir);
        X86Backend backend = new X86Backend();
        for (Map.Entry<String, IrModule> e : blobs().entrySet()) {
            Files.write(dir.resolve(e.getKey() + ".bin"), backend.compile(e.getValue()).code());
        }
        List<String> cc = new ArrayList<>(List.of("gcc", "-O1", "-Wall", "-Werror", "-msse2", "-o", "target/abi_test", "src/test/c/abi_test.c"));
        if (HostCpu.hasAvx2()) {
            cc.add(3, "-mavx2");
            cc.add(3, "-DHAVE_AVX2");
        }
        Tools.exec(cc, "");
        String out = Tools.exec(List.of("target/abi_test", dir.toString()), "");
        long oks = out.lines().filter(l -> l.startsWith("ok ")).count();
        assertTrue(!out.contains("FAIL") && oks == (HostCpu.hasAvx2() ? 23 : 22), out);
    }
}
