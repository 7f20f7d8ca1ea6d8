package dev.simplec.backend.arm.diff;

import static dev.simplec.api.ir.IrType.I64;

import java.util.List;

import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrOp;

/** IR functions several AArch64 tests build the same way. */
public final class Programs {
    private Programs() {
    }

    /** {@code fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)}, recursively, as function 0 of its module. */
    public static IrFunction fib() {
        FnBuilder fib = new FnBuilder("fib", List.of(I64), List.of(I64));
        int n = fib.param(0);
        int small = fib.block();
        int big = fib.block();
        fib.branch(fib.op(IrOp.SLT, I64, n, fib.iconst(I64, 2)), small, big);
        fib.at(small);
        fib.ret(n);
        fib.at(big);
        int a = fib.call(0, List.of(I64), fib.op(IrOp.SUB, I64, n, fib.iconst(I64, 1)))[0];
        int b = fib.call(0, List.of(I64), fib.op(IrOp.SUB, I64, n, fib.iconst(I64, 2)))[0];
        fib.ret(fib.op(IrOp.ADD, I64, a, b));
        return fib.build();
    }
}
