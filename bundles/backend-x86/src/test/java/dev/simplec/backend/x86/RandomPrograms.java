package dev.simplec.backend.x86;

import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I16;
import static dev.simplec.api.ir.IrType.I32;
import static dev.simplec.api.ir.IrType.I64;
import static dev.simplec.api.ir.IrType.I8;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;

/**
 * Generates random well-formed IR programs over every scalar type and operation: straight-line
 * code, if/else diamonds merging through block parameters, counted loops carrying values in
 * block parameters (some entered straight from a diamond's join, reading its value),
 * divisions behind their checks (traps), rare data-dependent traps, loads and
 * stores through a stack slot, and calls to a second function (sometimes returning a tuple).
 * Values are only used where their definition dominates: each nested region starts from the
 * values visible at its entry.
 */
final class RandomPrograms {
    static final List<IrType> SCALARS = List.of(I8, I16, I32, I64, F32, F64);

    private final Random rnd;
    private Fb f;
    private int slot;
    private boolean hasHelper;
    private List<IrType> helperReturns = List.of();
    private List<IrType> helperParams = List.of();

    RandomPrograms(long seed) {
        this.rnd = new Random(seed);
        this.f = new Fb("x", List.of(I64));
    }

    private <T> T pick(List<T> xs) {
        return xs.get(rnd.nextInt(xs.size()));
    }

    /** Values visible at the current point, per type. */
    private static final class Pool {
        final List<List<Integer>> byType = new ArrayList<>();

        Pool() {
            for (int i = 0; i < SCALARS.size(); i++) {
                byType.add(new ArrayList<>());
            }
        }

        Pool copy() {
            Pool p = new Pool();
            for (int i = 0; i < SCALARS.size(); i++) {
                p.byType.get(i).addAll(byType.get(i));
            }
            return p;
        }

        void add(IrType t, int v) {
            byType.get(SCALARS.indexOf(t)).add(v);
        }

        List<Integer> of(IrType t) {
            return byType.get(SCALARS.indexOf(t));
        }

        void copyFrom(Pool other) {
            for (int i = 0; i < SCALARS.size(); i++) {
                byType.get(i).clear();
                byType.get(i).addAll(other.byType.get(i));
            }
        }
    }

    IrModule module() {
        List<IrType> params = new ArrayList<>();
        int np = 1 + rnd.nextInt(4);
        for (int i = 0; i < np; i++) {
            params.add(pick(SCALARS));
        }
        List<IrType> returns = rnd.nextInt(6) == 0 ? List.of(pick(SCALARS), pick(SCALARS)) : List.of(pick(SCALARS));
        hasHelper = rnd.nextInt(3) == 0;
        IrFunction helper = null;
        if (hasHelper) {
            helperParams = List.of(pick(SCALARS), pick(SCALARS));
            helperReturns = rnd.nextBoolean() ? List.of(pick(SCALARS), pick(SCALARS)) : List.of(pick(SCALARS));
            helper = function("helper", helperParams, helperReturns, 0, false);
        }
        IrFunction entry = function("rnd", params, returns, 2, hasHelper);
        return helper == null ? new IrModule(List.of(entry)) : new IrModule(List.of(entry, helper));
    }

    private IrFunction function(String name, List<IrType> params, List<IrType> returns, int maxDepth, boolean calls) {
        f = new Fb(name, returns, params.toArray(new IrType[0]));
        slot = f.slot(64, 8);
        Pool pool = new Pool();
        for (int k = 0; k < params.size(); k++) {
            pool.add(params.get(k), f.param(k));
        }
        for (IrType t : SCALARS) {
            if (pool.of(t).isEmpty()) {
                pool.add(t, constant(t));
            }
        }
        boolean saved = hasHelper;
        hasHelper = calls;
        region(pool, maxDepth, 6 + rnd.nextInt(10));
        hasHelper = saved;
        int[] rets = new int[returns.size()];
        for (int i = 0; i < rets.length; i++) {
            rets[i] = value(pool, returns.get(i));
        }
        rets[0] = digest(pool, returns.get(0));
        f.ret(rets);
        return f.build();
    }

    /**
     * A value of type {@code t} that depends on every value the pool holds (floats by their bits,
     * through a store and an integer load), so no wrong intermediate result can go unnoticed.
     */
    private int digest(Pool pool, IrType t) {
        int acc = f.iconst(I64, 17);
        int base = f.opImm(IrOp.STACK_ADDR, I64, slot);
        for (IrType vt : SCALARS) {
            for (int v : pool.of(vt)) {
                int x;
                if (vt.isFloat()) {
                    f.store(vt, base, v, 0);
                    x = f.load(vt == F32 ? I32 : I64, base, 0);
                    if (vt == F32) {
                        x = f.op(IrOp.ZEXT, I64, x);
                    }
                } else {
                    x = vt == I64 ? v : f.op(IrOp.SEXT, I64, v);
                }
                acc = f.op(IrOp.ADD, I64, f.op(IrOp.MUL, I64, acc, f.iconst(I64, 1_000_003)), x);
            }
        }
        return switch (t) {
            case I64 -> acc;
            case F32, F64 -> f.op(IrOp.SITOF, t, acc);
            default -> f.op(IrOp.TRUNC, t, acc);
        };
    }

    private int constant(IrType t) {
        long bits = Values.scalar(t, rnd);
        return switch (t) {
            case F32 -> f.f32(Float.intBitsToFloat((int) bits));
            case F64 -> f.f64(Double.longBitsToDouble(bits));
            default -> f.iconst(t, bits);
        };
    }

    /** A value of type t: mostly an existing one, sometimes a constant. */
    private int value(Pool pool, IrType t) {
        List<Integer> vs = pool.of(t);
        if (vs.isEmpty() || rnd.nextInt(8) == 0) {
            int c = constant(t);
            pool.add(t, c);
            return c;
        }
        return vs.get(vs.size() - 1 - Math.min(vs.size() - 1, (int) Math.abs(rnd.nextGaussian() * 4)));
    }

    /** Emits {@code steps} pieces at the current block (which may change); pool grows with what dominates the end. */
    private void region(Pool pool, int depth, int steps) {
        for (int s = 0; s < steps; s++) {
            int r = rnd.nextInt(100);
            if (r < 6 && depth > 0) {
                diamond(pool, depth - 1);
            } else if (r < 8 && depth > 0) {
                diamondThenLoop(pool, depth - 1);
            } else if (r < 14 && depth > 0) {
                loop(pool, depth - 1);
            } else if (r < 20) {
                division(pool);
            } else if (r < 23) {
                rareTrap(pool);
            } else if (r < 30) {
                memory(pool);
            } else if (r < 34 && hasHelper) {
                call(pool);
            } else {
                operation(pool);
            }
        }
    }

    private void operation(Pool pool) {
        IrType t = pick(SCALARS);
        int r = rnd.nextInt(100);
        if (r < 12) {
            conversion(pool, t);
            return;
        }
        if (r < 22) {
            int cond = compare(pool);
            pool.add(t, f.op(IrOp.SELECT, t, cond, value(pool, t), value(pool, t)));
            return;
        }
        if (r < 30) {
            pool.add(I8, compare(pool));
            return;
        }
        if (t.isFloat()) {
            if (rnd.nextInt(5) == 0) {
                pool.add(t, f.op(pick(List.of(IrOp.FNEG, IrOp.FABS, IrOp.FSQRT)), t, value(pool, t)));
            } else {
                IrOp op = pick(List.of(IrOp.FADD, IrOp.FSUB, IrOp.FMUL, IrOp.FDIV, IrOp.FMIN, IrOp.FMAX));
                pool.add(t, f.op(op, t, value(pool, t), value(pool, t)));
            }
        } else if (rnd.nextInt(5) == 0) {
            IrOp op = pick(List.of(IrOp.SHL, IrOp.SSHR, IrOp.USHR));
            IrType at = pick(List.of(I8, I16, I32, I64));
            pool.add(t, f.op(op, t, value(pool, t), value(pool, at)));
        } else {
            IrOp op = pick(List.of(IrOp.ADD, IrOp.SUB, IrOp.MUL, IrOp.AND, IrOp.OR, IrOp.XOR));
            pool.add(t, f.op(op, t, value(pool, t), value(pool, t)));
        }
    }

    private int compare(Pool pool) {
        IrType t = pick(SCALARS);
        IrOp op = t.isFloat() ? pick(List.of(IrOp.FEQ, IrOp.FNE, IrOp.FLT, IrOp.FLE, IrOp.FGT, IrOp.FGE))
                : pick(List.of(IrOp.EQ, IrOp.NE, IrOp.SLT, IrOp.SLE, IrOp.SGT, IrOp.SGE, IrOp.ULT, IrOp.ULE, IrOp.UGT, IrOp.UGE));
        return f.op(op, t, value(pool, t), value(pool, t));
    }

    private void conversion(Pool pool, IrType to) {
        IrType from = pick(SCALARS);
        int v = value(pool, from);
        IrOp op;
        if (from == to) {
            op = IrOp.COPY;
        } else if (from.isInt() && to.isInt()) {
            op = from.bits() < to.bits() ? (rnd.nextBoolean() ? IrOp.SEXT : IrOp.ZEXT) : IrOp.TRUNC;
        } else if (from.isInt()) {
            op = rnd.nextBoolean() ? IrOp.SITOF : IrOp.UITOF;
        } else if (to.isInt()) {
            op = rnd.nextBoolean() ? IrOp.FTOSI : IrOp.FTOUI;
        } else {
            op = from == F32 ? IrOp.FPROMOTE : IrOp.FDEMOTE;
        }
        pool.add(to, f.op(op, to, v));
    }

    /** Division behind the checks lowering emits: zero divisor and MIN / -1 trap. */
    private void division(Pool pool) {
        IrType t = pick(List.of(I8, I16, I32, I64));
        IrOp op = pick(List.of(IrOp.SDIV, IrOp.SREM, IrOp.UDIV, IrOp.UREM));
        int a = value(pool, t);
        int b = value(pool, t);
        if (rnd.nextInt(3) > 0) {
            b = f.op(IrOp.OR, t, b, f.iconst(t, 1 + rnd.nextInt(9))); // usually non-zero
        }
        int isZero = f.op(IrOp.EQ, t, b, f.iconst(t, 0));
        int trap = f.block();
        int ok = f.block();
        f.branch(isZero, trap, ok);
        f.at(trap).trap(TrapKind.DIVISION_BY_ZERO);
        f.at(ok);
        if (op == IrOp.SDIV || op == IrOp.SREM) {
            long min = t == I64 ? Long.MIN_VALUE : -(1L << (t.bits() - 1));
            int bad = f.op(IrOp.AND, I8, f.op(IrOp.EQ, t, a, f.iconst(t, min)), f.op(IrOp.EQ, t, b, f.iconst(t, -1)));
            int over = f.block();
            int ok2 = f.block();
            f.branch(bad, over, ok2);
            f.at(over).trap(TrapKind.DIVISION_OVERFLOW);
            f.at(ok2);
        }
        pool.add(t, f.op(op, t, a, b));
    }

    /** A bounds-check-like trap that fires for about one input in sixteen. */
    private void rareTrap(Pool pool) {
        IrType t = pick(List.of(I8, I16, I32, I64));
        int low = f.op(IrOp.AND, t, value(pool, t), f.iconst(t, 15));
        int hit = f.op(IrOp.EQ, t, low, f.iconst(t, rnd.nextInt(16)));
        int trap = f.block();
        int ok = f.block();
        f.branch(hit, trap, ok);
        f.at(trap).trap(pick(List.of(TrapKind.OUT_OF_BOUNDS, TrapKind.UNREACHABLE)));
        f.at(ok);
    }

    private void memory(Pool pool) {
        IrType t = pick(SCALARS);
        int base = f.opImm(IrOp.STACK_ADDR, I64, slot);
        int off = rnd.nextInt(64 - t.bytes() + 1);
        if (rnd.nextBoolean()) {
            f.store(t, base, value(pool, t), off);
        }
        // Read back what was stored (or zero-initialized bytes are not guaranteed: store first).
        f.store(t, base, value(pool, t), off);
        pool.add(t, f.load(t, base, off));
    }

    private void call(Pool pool) {
        int[] args = new int[helperParams.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = value(pool, helperParams.get(i));
        }
        if (helperReturns.size() == 2) {
            int[] r = f.call2(1, helperReturns.get(0), args);
            pool.add(helperReturns.get(0), r[0]);
            pool.add(helperReturns.get(1), r[1]);
        } else {
            pool.add(helperReturns.get(0), f.call(1, helperReturns.get(0), args));
        }
    }

    /** if c { A } else { B }, merging one value of a random type through the join block's parameter. */
    private void diamond(Pool pool, int depth) {
        int cond = compare(pool);
        IrType t = pick(SCALARS);
        int thenB = f.block();
        int elseB = f.block();
        int join = f.block(t);
        boolean passArgsOnBranch = rnd.nextBoolean();
        if (passArgsOnBranch) {
            // The branch itself passes block arguments: both sides go straight to the join.
            int a = value(pool, t);
            int b = value(pool, t);
            f.branch(cond, join, new int[] {a}, join, new int[] {b});
            f.at(thenB).trap(TrapKind.UNREACHABLE);
            f.at(elseB).trap(TrapKind.UNREACHABLE);
        } else {
            f.branch(cond, thenB, elseB);
            Pool p1 = pool.copy();
            f.at(thenB);
            region(p1, depth, 1 + rnd.nextInt(4));
            f.jump(join, value(p1, t));
            Pool p2 = pool.copy();
            f.at(elseB);
            region(p2, depth, 1 + rnd.nextInt(4));
            f.jump(join, value(p2, t));
        }
        f.at(join);
        pool.add(t, f.blockParam(join, 0));
    }

    /**
     * A diamond whose join does nothing but enter a loop (its count and start values made before the
     * branch), the loop reading the join's value: the join's parameter is read beyond its jump, so
     * an IR rewrite must not follow the join through to the loop (if-conversion once did, and lost
     * the value).
     */
    private void diamondThenLoop(Pool pool, int depth) {
        Loop setup = loopSetup(pool);
        // An integer diamond whose sides only pass a value on (what if-conversion takes), of the
        // type of the loop's first carried value, which then adds the join's value each round.
        IrType t = setup.types()[1].isFloat() ? I64 : setup.types()[1];
        int cond = compare(pool);
        int thenB = f.block();
        int elseB = f.block();
        int join = f.block(t);
        int a = value(pool, t);
        int b = value(pool, t);
        f.branch(cond, thenB, elseB);
        f.at(thenB).jump(join, a);
        f.at(elseB).jump(join, b);
        f.at(join);
        int chosen = f.blockParam(join, 0);
        pool.add(t, chosen);
        loop(pool, depth, setup, t == setup.types()[1] ? chosen : -1);
    }

    /** A loop's count and start values, with their types (the counter's first). */
    private record Loop(int count, IrType[] types, int[] init) {
    }

    private Loop loopSetup(Pool pool) {
        int count = f.op(IrOp.AND, I64, value(pool, I64), f.iconst(I64, 1 + rnd.nextInt(7)));
        int carried = 1 + rnd.nextInt(3);
        IrType[] types = new IrType[carried + 1];
        types[0] = I64;
        int[] init = new int[carried + 1];
        init[0] = f.iconst(I64, 0);
        for (int k = 1; k <= carried; k++) {
            types[k] = pick(SCALARS);
            init[k] = value(pool, types[k]);
        }
        return new Loop(count, types, init);
    }

    /** for i in 0..n (n small) carrying one to three values; the exit sees the header's parameters. */
    private void loop(Pool pool, int depth) {
        loop(pool, depth, loopSetup(pool), -1);
    }

    /** The loop; {@code added}, when not -1, is added to the first carried value each round. */
    private void loop(Pool pool, int depth, Loop setup, int added) {
        int count = setup.count();
        IrType[] types = setup.types();
        int[] init = setup.init();
        int carried = types.length - 1;
        int hdr = f.block(types);
        int body = f.block();
        int exit = f.block();
        f.jump(hdr, init);
        f.at(hdr);
        Pool inLoop = pool.copy();
        for (int k = 1; k <= carried; k++) {
            inLoop.add(types[k], f.blockParam(hdr, k));
        }
        int i = f.blockParam(hdr, 0);
        f.branch(f.op(IrOp.SLT, I64, i, count), body, exit);
        f.at(body);
        Pool bodyPool = inLoop.copy();
        region(bodyPool, depth, 2 + rnd.nextInt(5));
        int[] next = new int[carried + 1];
        next[0] = f.op(IrOp.ADD, I64, i, f.iconst(I64, 1));
        for (int k = 1; k <= carried; k++) {
            next[k] = rnd.nextInt(4) == 0 ? f.blockParam(hdr, 1 + rnd.nextInt(carried)) : value(bodyPool, types[k]);
        }
        // Sometimes swap two carried values of one type (a parallel-move cycle on the back edge).
        for (int k = 1; k < carried; k++) {
            if (types[k] == types[k + 1] && rnd.nextBoolean()) {
                next[k] = f.blockParam(hdr, k + 1);
                next[k + 1] = f.blockParam(hdr, k);
            }
        }
        for (int k = 1; k <= carried; k++) {
            if (!typeOfCarried(hdr, next[k], types[k])) {
                next[k] = value(bodyPool, types[k]);
            }
        }
        if (added >= 0) {
            next[1] = f.op(IrOp.ADD, types[1], f.blockParam(hdr, 1), added);
        }
        f.jump(hdr, next);
        f.at(exit);
        pool.copyFrom(inLoop);
    }

    /** Whether {@code v} (a value passed on the back edge) has type {@code t}: header parameters are checked by position. */
    private boolean typeOfCarried(int hdr, int v, IrType t) {
        for (int k = 0; k < 16; k++) {
            try {
                if (f.blockParam(hdr, k) == v) {
                    return f.blockParamType(hdr, k) == t;
                }
            } catch (IndexOutOfBoundsException e) {
                break;
            }
        }
        return true;
    }
}
