package dev.simplec.backend.x86;

import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I64;
import static dev.simplec.api.ir.IrType.I8;

import java.util.List;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;

/**
 * The benchmark kernels as hand-built IR, shaped the way template lowering produces them: slices
 * as (data, length) pairs, {@code for i in 0..n} loops with the test at the top and the state in
 * block parameters, an explicit bounds check before every element access ({@code ULT index, len}
 * to an {@code OUT_OF_BOUNDS} trap), SIMD {@code load}/{@code store} checking
 * {@code index + lanes <= len}, and a scalar loop for the tail.
 */
final class Kernels {
    private Kernels() {
    }

    /** {@code fn sum(xs: [i64]) -> i64 { var s = 0; for i in 0..len(xs) { s += xs[i]; } s }} */
    static IrModule sum() {
        Fb f = new Fb("sum", List.of(I64), I64, I64);
        int p = f.param(0);
        int n = f.param(1);
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
        int x = f.load(I64, f.op(IrOp.ADD, I64, p, f.op(IrOp.SHL, I64, i, f.iconst(I64, 3))), 0);
        f.jump(hdr, f.op(IrOp.ADD, I64, i, f.iconst(I64, 1)), f.op(IrOp.ADD, I64, acc, x));
        f.at(exit).ret(acc);
        f.at(oob).trap(TrapKind.OUT_OF_BOUNDS);
        return Fb.module(f.build());
    }

    /** The same with i64x{lanes} accumulators: {@code s += load(xs, i)} over whole vectors, reduce_add, then the tail. */
    static IrModule sumSimd(int lanes) {
        IrType v = lanes == 4 ? IrType.I64X4 : IrType.I64X2;
        Fb f = new Fb("sum_simd", List.of(I64), I64, I64);
        int p = f.param(0);
        int n = f.param(1);
        int zero = f.iconst(I64, 0);
        int vzero = f.op(IrOp.SPLAT, v, zero);
        int hdr = f.block(I64, v);
        int body = f.block();
        int ok = f.block();
        int tail = f.block(I64, I64);
        int tbody = f.block();
        int tok = f.block();
        int exit = f.block();
        int oob = f.block();
        f.jump(hdr, zero, vzero);
        int i = f.blockParam(hdr, 0);
        int acc = f.blockParam(hdr, 1);
        f.at(hdr);
        int end = f.op(IrOp.ADD, I64, i, f.iconst(I64, lanes));
        int vdone = f.block();
        f.branch(f.op(IrOp.SLE, I64, end, n), body, vdone);
        f.at(vdone).jump(tail, i, f.op(IrOp.REDUCE_ADD, I64, acc));
        f.at(body).branch(f.op(IrOp.ULE, I64, end, n), ok, oob);
        f.at(ok);
        int x = f.load(v, f.op(IrOp.ADD, I64, p, f.op(IrOp.SHL, I64, i, f.iconst(I64, 3))), 0);
        f.jump(hdr, end, f.op(IrOp.ADD, v, acc, x));
        int j = f.blockParam(tail, 0);
        int s = f.blockParam(tail, 1);
        f.at(tail).branch(f.op(IrOp.SLT, I64, j, n), tbody, exit);
        f.at(tbody).branch(f.op(IrOp.ULT, I64, j, n), tok, oob);
        f.at(tok);
        int y = f.load(I64, f.op(IrOp.ADD, I64, p, f.op(IrOp.SHL, I64, j, f.iconst(I64, 3))), 0);
        f.jump(tail, f.op(IrOp.ADD, I64, j, f.iconst(I64, 1)), f.op(IrOp.ADD, I64, s, y));
        f.at(exit).ret(s);
        f.at(oob).trap(TrapKind.OUT_OF_BOUNDS);
        return Fb.module(f.build());
    }

    /** {@code fn dot(xs: [f64], ys: [f64]) -> f64 { var s = 0.0; for i in 0..len(xs) { s += xs[i] * ys[i]; } s }} */
    static IrModule dot() {
        Fb f = new Fb("dot", List.of(F64), I64, I64, I64, I64);
        int p = f.param(0);
        int n = f.param(1);
        int q = f.param(2);
        int m = f.param(3);
        int zero = f.iconst(I64, 0);
        int hdr = f.block(I64, F64);
        int body = f.block();
        int ok1 = f.block();
        int ok2 = f.block();
        int exit = f.block();
        int oob = f.block();
        f.jump(hdr, zero, f.f64(0.0));
        int i = f.blockParam(hdr, 0);
        int acc = f.blockParam(hdr, 1);
        f.at(hdr).branch(f.op(IrOp.SLT, I64, i, n), body, exit);
        f.at(body).branch(f.op(IrOp.ULT, I64, i, n), ok1, oob);
        f.at(ok1).branch(f.op(IrOp.ULT, I64, i, m), ok2, oob);
        f.at(ok2);
        int off = f.op(IrOp.SHL, I64, i, f.iconst(I64, 3));
        int x = f.load(F64, f.op(IrOp.ADD, I64, p, off), 0);
        int y = f.load(F64, f.op(IrOp.ADD, I64, q, off), 0);
        f.jump(hdr, f.op(IrOp.ADD, I64, i, f.iconst(I64, 1)), f.op(IrOp.FADD, F64, acc, f.op(IrOp.FMUL, F64, x, y)));
        f.at(exit).ret(acc);
        f.at(oob).trap(TrapKind.OUT_OF_BOUNDS);
        return Fb.module(f.build());
    }

    /** dot with f64x{lanes}: {@code s += load(xs, i) * load(ys, i)}, reduce_add (lane order), scalar tail. */
    static IrModule dotSimd(int lanes) {
        IrType v = lanes == 4 ? IrType.F64X4 : IrType.F64X2;
        Fb f = new Fb("dot_simd", List.of(F64), I64, I64, I64, I64);
        int p = f.param(0);
        int n = f.param(1);
        int q = f.param(2);
        int m = f.param(3);
        int zero = f.iconst(I64, 0);
        int hdr = f.block(I64, v);
        int body = f.block();
        int ok1 = f.block();
        int ok2 = f.block();
        int tail = f.block(I64, F64);
        int tbody = f.block();
        int tok1 = f.block();
        int tok2 = f.block();
        int exit = f.block();
        int oob = f.block();
        f.jump(hdr, zero, f.op(IrOp.SPLAT, v, f.f64(0.0)));
        int i = f.blockParam(hdr, 0);
        int acc = f.blockParam(hdr, 1);
        f.at(hdr);
        int end = f.op(IrOp.ADD, I64, i, f.iconst(I64, lanes));
        int vdone = f.block();
        f.branch(f.op(IrOp.SLE, I64, end, n), body, vdone);
        f.at(vdone).jump(tail, i, f.op(IrOp.REDUCE_ADD, F64, acc));
        f.at(body).branch(f.op(IrOp.ULE, I64, end, n), ok1, oob);
        f.at(ok1).branch(f.op(IrOp.ULE, I64, end, m), ok2, oob);
        f.at(ok2);
        int off = f.op(IrOp.SHL, I64, i, f.iconst(I64, 3));
        int x = f.load(v, f.op(IrOp.ADD, I64, p, off), 0);
        int y = f.load(v, f.op(IrOp.ADD, I64, q, off), 0);
        f.jump(hdr, end, f.op(IrOp.FADD, v, acc, f.op(IrOp.FMUL, v, x, y)));
        int j = f.blockParam(tail, 0);
        int s = f.blockParam(tail, 1);
        f.at(tail).branch(f.op(IrOp.SLT, I64, j, n), tbody, exit);
        f.at(tbody).branch(f.op(IrOp.ULT, I64, j, n), tok1, oob);
        f.at(tok1).branch(f.op(IrOp.ULT, I64, j, m), tok2, oob);
        f.at(tok2);
        int off2 = f.op(IrOp.SHL, I64, j, f.iconst(I64, 3));
        int a = f.load(F64, f.op(IrOp.ADD, I64, p, off2), 0);
        int b = f.load(F64, f.op(IrOp.ADD, I64, q, off2), 0);
        f.jump(tail, f.op(IrOp.ADD, I64, j, f.iconst(I64, 1)), f.op(IrOp.FADD, F64, s, f.op(IrOp.FMUL, F64, a, b)));
        f.at(exit).ret(s);
        f.at(oob).trap(TrapKind.OUT_OF_BOUNDS);
        return Fb.module(f.build());
    }

    /**
     * {@code fn saxpy(a: f32, xs: [f32], ys: [f32]) { for i in 0..len(xs) { ys[i] = a * xs[i] + ys[i]; } }};
     * with {@code lanes} 4 or 8 the loop body works on f32x{lanes} ({@code splat(a)}), then a scalar tail.
     */
    static IrModule saxpy(int lanes) {
        IrType v = lanes == 8 ? IrType.F32X8 : lanes == 4 ? IrType.F32X4 : F32;
        Fb f = new Fb(lanes == 1 ? "saxpy" : "saxpy_simd", List.of(), F32, I64, I64, I64, I64);
        int a = f.param(0);
        int p = f.param(1);
        int n = f.param(2);
        int q = f.param(3);
        int m = f.param(4);
        int zero = f.iconst(I64, 0);
        int va = lanes == 1 ? a : f.op(IrOp.SPLAT, v, a);
        int tail = f.block(I64);
        int tbody = f.block();
        int tok1 = f.block();
        int tok2 = f.block();
        int exit = f.block();
        int oob = f.block();
        if (lanes > 1) {
            int hdr = f.block(I64);
            int body = f.block();
            int ok1 = f.block();
            int ok2 = f.block();
            f.jump(hdr, zero);
            int i = f.blockParam(hdr, 0);
            f.at(hdr);
            int end = f.op(IrOp.ADD, I64, i, f.iconst(I64, lanes));
            f.branch(f.op(IrOp.SLE, I64, end, n), body, new int[0], tail, new int[] {i});
            f.at(body).branch(f.op(IrOp.ULE, I64, end, n), ok1, oob);
            f.at(ok1).branch(f.op(IrOp.ULE, I64, end, m), ok2, oob);
            f.at(ok2);
            int off = f.op(IrOp.SHL, I64, i, f.iconst(I64, 2));
            int ya = f.op(IrOp.ADD, I64, q, off);
            int x = f.load(v, f.op(IrOp.ADD, I64, p, off), 0);
            int y = f.load(v, ya, 0);
            f.store(v, ya, f.op(IrOp.FADD, v, f.op(IrOp.FMUL, v, va, x), y), 0);
            f.jump(hdr, end);
        } else {
            f.jump(tail, zero);
        }
        int j = f.blockParam(tail, 0);
        f.at(tail).branch(f.op(IrOp.SLT, I64, j, n), tbody, exit);
        f.at(tbody).branch(f.op(IrOp.ULT, I64, j, n), tok1, oob);
        f.at(tok1).branch(f.op(IrOp.ULT, I64, j, m), tok2, oob);
        f.at(tok2);
        int off = f.op(IrOp.SHL, I64, j, f.iconst(I64, 2));
        int ya = f.op(IrOp.ADD, I64, q, off);
        int x = f.load(F32, f.op(IrOp.ADD, I64, p, off), 0);
        int y = f.load(F32, ya, 0);
        f.store(F32, ya, f.op(IrOp.FADD, F32, f.op(IrOp.FMUL, F32, a, x), y), 0);
        f.jump(tail, f.op(IrOp.ADD, I64, j, f.iconst(I64, 1)));
        f.at(exit).ret();
        f.at(oob).trap(TrapKind.OUT_OF_BOUNDS);
        return Fb.module(f.build());
    }

    /** {@code fn fib(n: i64) -> i64 { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }} */
    static IrModule fib() {
        Fb f = Fb.of("fib", I64, I64);
        int n = f.param(0);
        int small = f.block();
        int big = f.block();
        f.branch(f.op(IrOp.SLT, I64, n, f.iconst(I64, 2)), small, big);
        f.at(small).ret(n);
        f.at(big);
        int a = f.call(0, I64, f.op(IrOp.SUB, I64, n, f.iconst(I64, 1)));
        int b = f.call(0, I64, f.op(IrOp.SUB, I64, n, f.iconst(I64, 2)));
        f.ret(f.op(IrOp.ADD, I64, a, b));
        return Fb.module(f.build());
    }

    /**
     * {@code fn matmul(a: [f64], b: [f64], c: [f64], n: i64)}: {@code c[i*n+j] = sum over k of a[i*n+k] * b[k*n+j]}.
     * Scalar (lanes 1): the i, j, k loops with a bounds check per access. SIMD (lanes 2 or 4, n a multiple
     * of lanes): j steps by lanes, {@code acc += splat(a[i*n+k]) * load(b, k*n+j)}, {@code store(c, i*n+j, acc)}.
     */
    static IrModule matmul(int lanes) {
        IrType v = lanes == 4 ? IrType.F64X4 : lanes == 2 ? IrType.F64X2 : F64;
        Fb f = new Fb(lanes == 1 ? "matmul" : "matmul_simd", List.of(), I64, I64, I64, I64, I64, I64, I64);
        int pa = f.param(0);
        int la = f.param(1);
        int pb = f.param(2);
        int lb = f.param(3);
        int pc = f.param(4);
        int lc = f.param(5);
        int n = f.param(6);
        int zero = f.iconst(I64, 0);
        int iH = f.block(I64);
        int iB = f.block();
        int jH = f.block(I64);
        int jB = f.block();
        int kH = f.block(I64, v);
        int kB = f.block();
        int okA = f.block();
        int okB = f.block();
        int jEnd = f.block();
        int okC = f.block();
        int iEnd = f.block();
        int exit = f.block();
        int oob = f.block();
        f.jump(iH, zero);
        int i = f.blockParam(iH, 0);
        f.at(iH).branch(f.op(IrOp.SLT, I64, i, n), iB, exit);
        f.at(iB);
        int rowI = f.op(IrOp.MUL, I64, i, n);
        f.jump(jH, zero);
        int j = f.blockParam(jH, 0);
        f.at(jH);
        int jNext = f.op(IrOp.ADD, I64, j, f.iconst(I64, lanes));
        f.branch(f.op(IrOp.SLE, I64, jNext, n), jB, iEnd);
        f.at(jB);
        int init = lanes == 1 ? f.f64(0.0) : f.op(IrOp.SPLAT, v, f.f64(0.0));
        f.jump(kH, zero, init);
        int k = f.blockParam(kH, 0);
        int acc = f.blockParam(kH, 1);
        f.at(kH).branch(f.op(IrOp.SLT, I64, k, n), kB, jEnd);
        f.at(kB);
        int ia = f.op(IrOp.ADD, I64, rowI, k);
        f.branch(f.op(IrOp.ULT, I64, ia, la), okA, oob);
        f.at(okA);
        int ib = f.op(IrOp.ADD, I64, f.op(IrOp.MUL, I64, k, n), j);
        int ibEnd = f.op(IrOp.ADD, I64, ib, f.iconst(I64, lanes));
        f.branch(f.op(IrOp.ULE, I64, ibEnd, lb), okB, oob);
        f.at(okB);
        int x = f.load(F64, f.op(IrOp.ADD, I64, pa, f.op(IrOp.SHL, I64, ia, f.iconst(I64, 3))), 0);
        int y = f.load(v, f.op(IrOp.ADD, I64, pb, f.op(IrOp.SHL, I64, ib, f.iconst(I64, 3))), 0);
        int xs = lanes == 1 ? x : f.op(IrOp.SPLAT, v, x);
        f.jump(kH, f.op(IrOp.ADD, I64, k, f.iconst(I64, 1)), f.op(IrOp.FADD, v, acc, f.op(IrOp.FMUL, v, xs, y)));
        f.at(jEnd);
        int ic = f.op(IrOp.ADD, I64, rowI, j);
        f.branch(f.op(IrOp.ULE, I64, f.op(IrOp.ADD, I64, ic, f.iconst(I64, lanes)), lc), okC, oob);
        f.at(okC);
        f.store(v, f.op(IrOp.ADD, I64, pc, f.op(IrOp.SHL, I64, ic, f.iconst(I64, 3))), acc, 0);
        f.jump(jH, jNext);
        f.at(iEnd).jump(iH, f.op(IrOp.ADD, I64, i, f.iconst(I64, 1)));
        f.at(exit).ret();
        f.at(oob).trap(TrapKind.OUT_OF_BOUNDS);
        return Fb.module(f.build());
    }

    static final IrType BOOL = I8;
}
