package dev.simplec.backend.arm.diff;

import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I16;
import static dev.simplec.api.ir.IrType.I32;
import static dev.simplec.api.ir.IrType.I64;
import static dev.simplec.api.ir.IrType.I8;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.simplec.backend.arm.Arm64Backend;

/**
 * SPEC §6 from a real C caller: {@code src/test/c/abi_calls.c}, built with aarch64-linux-gnu-gcc,
 * calls each blob through a pointer of its C type — scalars of every width, slices and text as
 * (pointer, length), structs by pointer, tuples as C structs, NEON vectors (256-bit ones as a
 * struct of two halves), function pointers both ways, recursion, loop kernels — and checks the
 * answers against C's own computation.
 */
class Arm64CallFromCTest {
    private final Map<String, IrModule> modules = new LinkedHashMap<>();

    private void put(String name, FnBuilder... fns) {
        List<dev.simplec.api.ir.IrFunction> list = new ArrayList<>();
        for (FnBuilder f : fns) {
            list.add(f.build());
        }
        modules.put(name, new IrModule(list));
    }

    private static FnBuilder binary(String name, IrOp op, IrType t) {
        FnBuilder f = new FnBuilder(name, List.of(t, t), List.of(t));
        f.ret(f.op(op, t, f.param(0), f.param(1)));
        return f;
    }

    /** {@code for (i = 0; i < n; i++) body(i)} in a fresh loop; returns the exit block, current afterwards. */
    private interface Body {
        int[] step(FnBuilder f, int i, int[] accs);
    }

    private static int[] loop(FnBuilder f, int n, int[] init, IrType[] accTypes, Body body) {
        IrType[] head = new IrType[accTypes.length + 1];
        head[0] = I64;
        System.arraycopy(accTypes, 0, head, 1, accTypes.length);
        int header = f.block(head);
        int inside = f.block();
        int exit = f.block(accTypes);
        int[] start = new int[init.length + 1];
        start[0] = f.iconst(I64, 0);
        System.arraycopy(init, 0, start, 1, init.length);
        f.jump(header, start);
        f.at(header);
        int i = f.blockParam(header, 0);
        int[] accs = new int[accTypes.length];
        for (int k = 0; k < accs.length; k++) {
            accs[k] = f.blockParam(header, k + 1);
        }
        f.branch(f.op(IrOp.SLT, I64, i, n), inside, new int[0], exit, accs);
        f.at(inside);
        int[] next = body.step(f, i, accs);
        int[] back = new int[next.length + 1];
        back[0] = f.op(IrOp.ADD, I64, i, f.iconst(I64, 1));
        System.arraycopy(next, 0, back, 1, next.length);
        f.jump(header, back);
        f.at(exit);
        int[] out = new int[accTypes.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = f.blockParam(exit, k);
        }
        return out;
    }

    /** Traps with OUT_OF_BOUNDS unless {@code i < len} (unsigned), as lowering checks an index. */
    private static void boundsCheck(FnBuilder f, int i, int len) {
        int ok = f.block();
        int bad = f.block();
        f.branch(f.op(IrOp.ULT, I64, i, len), ok, bad);
        f.at(bad);
        f.trap(TrapKind.OUT_OF_BOUNDS);
        f.at(ok);
    }

    private static int element(FnBuilder f, int data, int i, int size) {
        return f.op(IrOp.ADD, I64, data, f.op(IrOp.MUL, I64, i, f.iconst(I64, size)));
    }

    private void build() {
        put("add8", binary("add8", IrOp.ADD, I8));
        FnBuilder div = new FnBuilder("div_u8", List.of(I8, I8), List.of(I8));
        int ok = div.block();
        int bad = div.block();
        div.branch(div.op(IrOp.EQ, I8, div.param(1), div.iconst(I8, 0)), bad, ok);
        div.at(bad);
        div.trap(TrapKind.DIVISION_BY_ZERO);
        div.at(ok);
        div.ret(div.op(IrOp.UDIV, I8, div.param(0), div.param(1)));
        put("div_u8", div);
        put("mul16", binary("mul16", IrOp.MUL, I16));
        put("sub32", binary("sub32", IrOp.SUB, I32));
        put("shr_u32", binary("shr_u32", IrOp.USHR, I32));
        FnBuilder mix = new FnBuilder("mix64", List.of(I64, I64, I64), List.of(I64));
        mix.ret(mix.op(IrOp.XOR, I64, mix.op(IrOp.MUL, I64, mix.param(0), mix.param(1)), mix.param(2)));
        put("mix64", mix);
        FnBuilder not = new FnBuilder("not_b", List.of(I8), List.of(I8));
        not.ret(not.op(IrOp.EQ, I8, not.param(0), not.iconst(I8, 0)));
        put("not_b", not);
        FnBuilder fma = new FnBuilder("fma_free", List.of(F32, F32, F32), List.of(F32));
        fma.ret(fma.op(IrOp.FADD, F32, fma.op(IrOp.FMUL, F32, fma.param(0), fma.param(1)), fma.param(2)));
        put("fma_free", fma);
        FnBuilder sqrt = new FnBuilder("dsqrt", List.of(F64), List.of(F64));
        sqrt.ret(sqrt.op(IrOp.FSQRT, F64, sqrt.param(0)));
        put("dsqrt", sqrt);
        put("d_nan", binary("d_nan", IrOp.FSUB, F64));

        FnBuilder sum = new FnBuilder("sum", List.of(I64, I64), List.of(I64));
        int data = sum.param(0);
        int len = sum.param(1);
        int[] total = loop(sum, len, new int[] {sum.iconst(I64, 0)}, new IrType[] {I64},
                (f, i, accs) -> new int[] {f.op(IrOp.ADD, I64, accs[0], f.load(I64, element(f, data, i, 8), 0))});
        sum.ret(total[0]);
        put("sum", sum);

        FnBuilder dot = new FnBuilder("dot", List.of(I64, I64, I64, I64), List.of(F64));
        int a = dot.param(0);
        int an = dot.param(1);
        int b = dot.param(2);
        int bn = dot.param(3);
        int[] d = loop(dot, an, new int[] {dot.f64(0)}, new IrType[] {F64}, (f, i, accs) -> {
            boundsCheck(f, i, bn);
            int prod = f.op(IrOp.FMUL, F64, f.load(F64, element(f, a, i, 8), 0), f.load(F64, element(f, b, i, 8), 0));
            return new int[] {f.op(IrOp.FADD, F64, accs[0], prod)};
        });
        dot.ret(d[0]);
        put("dot", dot);

        FnBuilder saxpy = new FnBuilder("saxpy", List.of(F32, I64, I64, I64, I64), List.of());
        int k = saxpy.param(0);
        int x = saxpy.param(1);
        int xn = saxpy.param(2);
        int y = saxpy.param(3);
        int yn = saxpy.param(4);
        loop(saxpy, xn, new int[0], new IrType[0], (f, i, accs) -> {
            boundsCheck(f, i, yn);
            int ya = element(f, y, i, 4);
            int v = f.op(IrOp.FADD, F32, f.op(IrOp.FMUL, F32, k, f.load(F32, element(f, x, i, 4), 0)), f.load(F32, ya, 0));
            f.store(F32, ya, 0, v);
            return new int[0];
        });
        saxpy.ret();
        put("saxpy", saxpy);

        FnBuilder count = new FnBuilder("count_byte", List.of(I64, I64, I8), List.of(I64));
        int text = count.param(0);
        int tn = count.param(1);
        int c = count.param(2);
        int[] n = loop(count, tn, new int[] {count.iconst(I64, 0)}, new IrType[] {I64}, (f, i, accs) -> {
            int hit = f.op(IrOp.EQ, I8, f.load(I8, f.op(IrOp.ADD, I64, text, i), 0), c);
            return new int[] {f.op(IrOp.ADD, I64, accs[0], f.op(IrOp.ZEXT, I64, hit))};
        });
        count.ret(n[0]);
        put("count_byte", count);

        FnBuilder eq = new FnBuilder("text_eq", List.of(I64, I64, I64, I64), List.of(I8));
        int s1 = eq.param(0);
        int n1 = eq.param(1);
        int s2 = eq.param(2);
        int n2 = eq.param(3);
        int same = eq.block();
        int differ = eq.block();
        eq.branch(eq.op(IrOp.EQ, I64, n1, n2), same, differ);
        eq.at(differ);
        eq.ret(eq.iconst(I8, 0));
        eq.at(same);
        int[] all = loop(eq, n1, new int[] {eq.iconst(I8, 1)}, new IrType[] {I8}, (f, i, accs) -> {
            int e = f.op(IrOp.EQ, I8, f.load(I8, f.op(IrOp.ADD, I64, s1, i), 0), f.load(I8, f.op(IrOp.ADD, I64, s2, i), 0));
            return new int[] {f.op(IrOp.AND, I8, accs[0], e)};
        });
        eq.ret(all[0]);
        put("text_eq", eq);

        FnBuilder weigh = new FnBuilder("weigh", List.of(I64), List.of(F64));
        int pt = weigh.param(0);
        int xy = weigh.op(IrOp.ADD, I32, weigh.load(I32, pt, 0), weigh.load(I32, pt, 4));
        weigh.ret(weigh.op(IrOp.FMUL, F64, weigh.op(IrOp.SITOF, F64, xy), weigh.load(F64, pt, 8)));
        put("weigh", weigh);
        FnBuilder make = new FnBuilder("make_and_weigh", List.of(I32, I32, F64), List.of(F64));
        int slot = make.slot(16, 8);
        int at = make.opImm(IrOp.STACK_ADDR, I64, slot);
        make.store(I32, at, 0, make.param(0));
        make.store(I32, at, 4, make.param(1));
        make.store(F64, at, 8, make.param(2));
        make.ret(make.call(1, List.of(F64), at)[0]);
        FnBuilder weigh2 = new FnBuilder("weigh", List.of(I64), List.of(F64));
        int pt2 = weigh2.param(0);
        int xy2 = weigh2.op(IrOp.ADD, I32, weigh2.load(I32, pt2, 0), weigh2.load(I32, pt2, 4));
        weigh2.ret(weigh2.op(IrOp.FMUL, F64, weigh2.op(IrOp.SITOF, F64, xy2), weigh2.load(F64, pt2, 8)));
        put("make_and_weigh", make, weigh2);

        FnBuilder dm = new FnBuilder("divmod", List.of(I32, I32), List.of(I32, I32));
        int dok = dm.block();
        int dbad = dm.block();
        dm.branch(dm.op(IrOp.EQ, I32, dm.param(1), dm.iconst(I32, 0)), dbad, dok);
        dm.at(dbad);
        dm.trap(TrapKind.DIVISION_BY_ZERO);
        dm.at(dok);
        dm.ret(dm.op(IrOp.SDIV, I32, dm.param(0), dm.param(1)), dm.op(IrOp.SREM, I32, dm.param(0), dm.param(1)));
        put("divmod", dm);
        FnBuilder fp = new FnBuilder("float_pair", List.of(F32), List.of(F32, F32));
        fp.ret(fp.op(IrOp.FMUL, F32, fp.param(0), fp.f32(2f)), fp.op(IrOp.FADD, F32, fp.param(0), fp.f32(1f)));
        put("float_pair", fp);
        FnBuilder mixed = new FnBuilder("mixed", List.of(I64, F64), List.of(I64, F64));
        mixed.ret(mixed.op(IrOp.MUL, I64, mixed.param(0), mixed.iconst(I64, 3)), mixed.op(IrOp.FDIV, F64, mixed.param(1), mixed.f64(2)));
        put("mixed", mixed);
        FnBuilder narrow = new FnBuilder("narrow", List.of(I8, I16), List.of(I8, I16));
        narrow.ret(narrow.param(0), narrow.param(1));
        put("narrow", narrow);

        put("vadd_f32x4", binary("vadd_f32x4", IrOp.FADD, IrType.F32X4));
        put("vmul_i32x4", binary("vmul_i32x4", IrOp.MUL, IrType.I32X4));
        put("vsub_f64x2", binary("vsub_f64x2", IrOp.FSUB, IrType.F64X2));
        FnBuilder hsum = new FnBuilder("hsum_f32x4", List.of(IrType.F32X4), List.of(F32));
        hsum.ret(hsum.op(IrOp.REDUCE_ADD, F32, hsum.param(0)));
        put("hsum_f32x4", hsum);
        put("add_f32x8", binary("add_f32x8", IrOp.FADD, IrType.F32X8));

        FnBuilder apply = new FnBuilder("apply", List.of(I64, I64), List.of(I64));
        int r = apply.callIndirect(I64, apply.param(0), apply.param(1));
        apply.ret(apply.op(IrOp.ADD, I64, r, apply.iconst(I64, 1)));
        put("apply", apply);
        FnBuilder get = new FnBuilder("get_square", List.of(), List.of(I64));
        get.ret(get.opImm(IrOp.FUNC_ADDR, I64, 1));
        FnBuilder square = new FnBuilder("square", List.of(I64), List.of(I64));
        square.ret(square.op(IrOp.MUL, I64, square.param(0), square.param(0)));
        put("get_square", get, square);

        modules.put("fib", new IrModule(List.of(Programs.fib())));
    }

    @Test
    void cCallersSeeTheirOwnTypes() throws Exception {
        List<String> harness = Harness.command();
        build();
        Path dir = Path.of("target/abi-blobs");
        Files.createDirectories(dir);
        Arm64Backend backend = new Arm64Backend();
        for (Map.Entry<String, IrModule> e : modules.entrySet()) {
            Files.write(dir.resolve(e.getKey() + ".bin"), backend.compile(e.getValue()).code());
        }
        Path exe = Path.of("target/abi_calls");
        boolean nativeHost = harness.size() == 1;
        Harness.exec(List.of(nativeHost ? "gcc" : "aarch64-linux-gnu-gcc", "-static", "-O1", "-Wall", "-Werror", "-o", exe.toString(),
                "src/test/c/abi_calls.c", "-lm"), Path.of("/dev/null"));
        List<String> cmd = new ArrayList<>();
        if (!nativeHost) {
            cmd.add("qemu-aarch64");
        }
        cmd.add(exe.toAbsolutePath().toString());
        cmd.add(dir.toAbsolutePath().toString());
        String out = Harness.exec(cmd, Path.of("/dev/null"));
        List<String> failed = new ArrayList<>();
        int ok = 0;
        for (String line : out.split("\n")) {
            if (line.endsWith(" ok")) {
                ok++;
            } else if (!line.startsWith("done")) {
                failed.add(line);
            }
        }
        assertEquals(List.of(), failed);
        assertEquals(34, ok, out);
    }
}
