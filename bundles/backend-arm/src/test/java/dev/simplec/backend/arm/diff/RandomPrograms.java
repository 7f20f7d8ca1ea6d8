package dev.simplec.backend.arm.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.ir.TrapKind;

/**
 * Generates random well-formed IR modules the way lowering shapes them: straight-line code over
 * every scalar type and operation, if/else diamonds and counted loops passing block arguments (a
 * loop sometimes entered straight from a diamond's join, reading its value),
 * guarded divisions (which trap on the arguments that hit the guard), loads and stores on a memory
 * buffer and on stack slots, direct and indirect calls to later functions of the module (so every
 * program terminates), and NEON vectors built from scalars and folded back into them. Deterministic
 * for a seed.
 */
public final class RandomPrograms {
    public static final int BUFFER_BYTES = 64;

    private static final IrType[] SCALARS = {IrType.I8, IrType.I16, IrType.I32, IrType.I64, IrType.F32, IrType.F64};
    private static final IrType[] INTS = {IrType.I8, IrType.I16, IrType.I32, IrType.I64};
    private static final IrType[] VECTORS = {IrType.I8X16, IrType.I16X8, IrType.I32X4, IrType.I64X2, IrType.F32X4, IrType.F64X2,
        IrType.I32X8, IrType.I64X4, IrType.F32X8, IrType.F64X4};

    private record Sig(List<IrType> params, List<IrType> returns) {
    }

    private final Random r;
    private final boolean vectors;
    private List<Sig> sigs = List.of();
    private boolean buffer;
    private FnBuilder b = new FnBuilder("none", List.of(), List.of());
    private int self;
    private List<Integer> scope = new ArrayList<>();
    private int bufferValue = -1;
    private int budget;

    /** {@code vectors}: also generate NEON vector code. */
    public RandomPrograms(long seed, boolean vectors) {
        this.r = new Random(seed);
        this.vectors = vectors;
    }

    /** Whether the last module's functions take the memory buffer (as their first parameter). */
    public boolean usesBuffer() {
        return buffer;
    }

    public IrModule module() {
        buffer = r.nextInt(3) != 0;
        int n = 1 + r.nextInt(3);
        List<Sig> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<IrType> params = new ArrayList<>();
            if (buffer) {
                params.add(IrType.I64);
            }
            int count = i == 0 ? r.nextInt(11) : r.nextInt(5);
            for (int k = 0; k < count; k++) {
                params.add(vectors && r.nextInt(6) == 0 ? pick(VECTORS) : pick(SCALARS));
            }
            List<IrType> returns = new ArrayList<>();
            int rc = r.nextInt(10);
            if (rc < 7) {
                returns.add(vectors && r.nextInt(5) == 0 ? pick(VECTORS) : pick(SCALARS));
            } else if (rc < 9) {
                returns.add(pick(SCALARS));
                returns.add(pick(SCALARS));
            }
            s.add(new Sig(params, returns));
        }
        sigs = s;
        List<IrFunction> fns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fns.add(function(i));
        }
        return new IrModule(fns);
    }

    /** Arguments for the module's entry: edge values and random ones. */
    public List<IrValue> args(IrModule m) {
        List<IrValue> out = new ArrayList<>();
        List<IrType> ps = m.entry().params();
        for (int k = 0; k < ps.size(); k++) {
            out.add(buffer && k == 0 ? IrValue.i64(Batch.BUFFER) : value(ps.get(k)));
        }
        return out;
    }

    public byte[] memory() {
        byte[] m = new byte[BUFFER_BYTES];
        r.nextBytes(m);
        // Some NaNs with payloads and signs among the bytes, so loads and stores meet them.
        if (r.nextBoolean()) {
            int at = r.nextInt(BUFFER_BYTES / 8) * 8;
            long nan = 0x7ff0_0000_0000_0001L | (r.nextLong() & 0x800f_ffff_ffff_ffffL);
            for (int i = 0; i < 8; i++) {
                m[at + i] = (byte) (nan >>> (8 * i));
            }
        }
        return m;
    }

    private IrValue value(IrType t) {
        if (t.isVector()) {
            long[] lanes = new long[t.lanes()];
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = value(t.lane()).bits();
            }
            return IrValue.of(t, lanes);
        }
        if (t.isFloat()) {
            double[] special = {0.0, -0.0, 1.0, -1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -3e-310,
                2.5e9, -1e20, 255.9, 65535.5, -129.0};
            if (r.nextInt(3) == 0) {
                double d = special[r.nextInt(special.length)];
                return t == IrType.F32 ? IrValue.f32((float) d) : IrValue.f64(d);
            }
            if (r.nextInt(10) == 0) { // a NaN with a payload: must come back canonical
                return t == IrType.F32 ? IrValue.of(t, 0x7f80_0001L | r.nextInt(0x3f_ffff) | (r.nextBoolean() ? 0x8000_0000L : 0))
                        : IrValue.of(t, 0x7ff0_0000_0000_0001L | (r.nextLong() & 0x800f_ffff_ffff_ffffL));
            }
            double d = r.nextGaussian() * Math.pow(10, r.nextInt(12) - 4);
            return t == IrType.F32 ? IrValue.f32((float) d) : IrValue.f64(d);
        }
        long[] special = {0, 1, -1, 2, 7, -128, 127, 255, 32767, -32768, 65535, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE};
        long v = r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : r.nextInt(2) == 0 ? r.nextInt(200) - 100 : r.nextLong();
        return IrValue.of(t, v);
    }

    private <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    // ---- functions ----

    private IrFunction function(int index) {
        Sig sig = sigs.get(index);
        self = index;
        b = new FnBuilder("f" + index, sig.params(), sig.returns());
        scope = new ArrayList<>();
        bufferValue = -1;
        budget = index == 0 ? 60 : 30;
        for (int k = 0; k < sig.params().size(); k++) {
            int p = b.param(k);
            if (buffer && k == 0) {
                bufferValue = p;
            } else {
                scope.add(p);
            }
        }
        statements(0);
        observe();
        int[] rets = new int[sig.returns().size()];
        for (int i = 0; i < rets.length; i++) {
            IrType t = sig.returns().get(i);
            rets[i] = t.isInt() && !t.isVector() ? fold(t) : operand(t);
        }
        b.ret(rets);
        return b.build();
    }

    /** Makes recent values observable: stored to the buffer, 8 bytes apart (floats bit for bit). */
    private void observe() {
        if (bufferValue < 0) {
            return;
        }
        int from = Math.max(0, scope.size() - 8);
        for (int k = from; k < scope.size(); k++) {
            int v = scope.get(k);
            IrType t = b.type(v);
            if (!t.isVector()) {
                b.store(t, bufferValue, 8L * (k - from), v);
            }
        }
    }

    /** The exclusive or of the recent integer values (converted to {@code t}), so a wrong one shows in the result. */
    private int fold(IrType t) {
        int acc = operand(t);
        int seen = 0;
        for (int k = scope.size() - 1; k >= 0 && seen < 12; k--) {
            int v = scope.get(k);
            IrType s = b.type(v);
            if (s.isVector() || s.isFloat()) {
                continue;
            }
            seen++;
            int c = s == t ? v : b.op(s.bits() > t.bits() ? IrOp.TRUNC : IrOp.SEXT, t, v);
            acc = b.op(IrOp.XOR, t, b.op(IrOp.MUL, t, acc, b.iconst(t, 31)), c);
        }
        return acc;
    }

    private void statements(int depth) {
        int n = 2 + r.nextInt(depth == 0 ? 10 : 5);
        for (int i = 0; i < n && budget > 0; i++) {
            statement(depth);
        }
    }

    private void statement(int depth) {
        budget--;
        int k = r.nextInt(100);
        if (k < 22) {
            intArith();
        } else if (k < 30) {
            shift();
        } else if (k < 36) {
            division();
        } else if (k < 48) {
            floatArith();
        } else if (k < 56) {
            compare();
        } else if (k < 64) {
            convert();
        } else if (k < 68) {
            selectOp();
        } else if (k < 73) {
            memoryAccess();
        } else if (k < 76) {
            stackSlot();
        } else if (k < 80) {
            call();
        } else if (k < 86 && vectors) {
            vector();
        } else if (k < 93 && depth < 3) {
            ifElse(depth);
        } else if (k < 98 && depth < 2) {
            loop(depth);
        } else if (k < 100 && depth < 2) {
            ifThenLoop(depth);
        } else {
            constant(pick(SCALARS));
        }
    }

    /** A value of type {@code t} in scope (recent ones preferred), else a new constant. */
    private int operand(IrType t) {
        List<Integer> fit = new ArrayList<>();
        for (int v : scope) {
            if (b.type(v) == t) {
                fit.add(v);
            }
        }
        if (fit.isEmpty() || r.nextInt(8) == 0) {
            if (t.isVector()) {
                return splat(t);
            }
            return constant(t);
        }
        int i = fit.size() - 1 - Math.min(fit.size() - 1, (int) Math.abs(r.nextGaussian() * 3));
        return fit.get(r.nextInt(3) == 0 ? r.nextInt(fit.size()) : i);
    }

    private int define(int v) {
        scope.add(v);
        return v;
    }

    private int constant(IrType t) {
        if (t.isFloat()) {
            IrValue v = value(t);
            return define(t == IrType.F32 ? b.f32(Float.intBitsToFloat((int) v.bits())) : b.f64(Double.longBitsToDouble(v.bits())));
        }
        long[] special = {0, 1, -1, 3, 8, 31, 63, 100, -7, 0x7f, 0xff, 0x8000, 0x7fffffffL, 0x1_0000_0001L, Long.MIN_VALUE};
        long v = r.nextBoolean() ? special[r.nextInt(special.length)] : r.nextLong();
        return define(b.iconst(t, v));
    }

    private void intArith() {
        IrType t = pick(INTS);
        IrOp op = pick(new IrOp[] {IrOp.ADD, IrOp.SUB, IrOp.MUL, IrOp.AND, IrOp.OR, IrOp.XOR});
        define(b.op(op, t, operand(t), operand(t)));
    }

    private void shift() {
        IrType t = pick(INTS);
        IrOp op = pick(new IrOp[] {IrOp.SHL, IrOp.SSHR, IrOp.USHR});
        define(b.op(op, t, operand(t), operand(pick(INTS))));
    }

    /** A division as lowering emits it: the divisor checked for 0 (and MIN / -1 for signed) first. */
    private void division() {
        IrType t = pick(INTS);
        IrOp op = pick(new IrOp[] {IrOp.SDIV, IrOp.UDIV, IrOp.SREM, IrOp.UREM});
        int a = operand(t);
        int d = operand(t);
        if (r.nextInt(3) != 0) {
            d = b.op(IrOp.OR, t, d, b.iconst(t, 1 + r.nextInt(4))); // mostly non-zero, still checked
        }
        int zero = b.op(IrOp.EQ, t, d, b.iconst(t, 0));
        guard(zero, TrapKind.DIVISION_BY_ZERO);
        if (op == IrOp.SDIV || op == IrOp.SREM) {
            long min = t.bits() == 64 ? Long.MIN_VALUE : -(1L << (t.bits() - 1));
            int isMin = b.op(IrOp.EQ, t, a, b.iconst(t, min));
            int isM1 = b.op(IrOp.EQ, t, d, b.iconst(t, -1));
            guard(b.op(IrOp.AND, IrType.I8, isMin, isM1), TrapKind.DIVISION_OVERFLOW);
        }
        define(b.op(op, t, a, d));
    }

    /** Continues in a new block when {@code cond} is 0; traps otherwise. */
    private void guard(int cond, TrapKind kind) {
        int trap = b.block();
        int ok = b.block();
        b.branch(cond, trap, ok);
        b.at(trap);
        b.trap(kind);
        b.at(ok);
    }

    private void floatArith() {
        IrType t = r.nextBoolean() ? IrType.F32 : IrType.F64;
        int k = r.nextInt(10);
        if (k < 3) {
            IrOp op = pick(new IrOp[] {IrOp.FNEG, IrOp.FABS, IrOp.FSQRT});
            define(b.op(op, t, operand(t)));
        } else {
            IrOp op = pick(new IrOp[] {IrOp.FADD, IrOp.FSUB, IrOp.FMUL, IrOp.FDIV, IrOp.FMIN, IrOp.FMAX});
            define(b.op(op, t, operand(t), operand(t)));
        }
    }

    private int compare() {
        IrType t = pick(SCALARS);
        IrOp op = t.isFloat() ? pick(new IrOp[] {IrOp.FEQ, IrOp.FNE, IrOp.FLT, IrOp.FLE, IrOp.FGT, IrOp.FGE})
                : pick(new IrOp[] {IrOp.EQ, IrOp.NE, IrOp.SLT, IrOp.SLE, IrOp.SGT, IrOp.SGE, IrOp.ULT, IrOp.ULE, IrOp.UGT, IrOp.UGE});
        int a = operand(t);
        int c = b.op(op, t, a, r.nextInt(5) == 0 ? a : operand(t));
        return define(c);
    }

    private void convert() {
        IrType from = pick(SCALARS);
        IrType to = pick(SCALARS);
        int a = operand(from);
        IrOp op;
        if (from.isInt() && to.isInt()) {
            if (from == to) {
                define(b.op(IrOp.COPY, to, a));
                return;
            }
            op = from.bits() < to.bits() ? (r.nextBoolean() ? IrOp.SEXT : IrOp.ZEXT) : IrOp.TRUNC;
        } else if (from.isInt()) {
            op = r.nextBoolean() ? IrOp.SITOF : IrOp.UITOF;
        } else if (to.isInt()) {
            op = r.nextBoolean() ? IrOp.FTOSI : IrOp.FTOUI;
        } else if (from == to) {
            define(b.op(IrOp.COPY, to, a));
            return;
        } else {
            op = from == IrType.F32 ? IrOp.FPROMOTE : IrOp.FDEMOTE;
        }
        define(b.op(op, to, a));
    }

    private void selectOp() {
        IrType t = pick(SCALARS);
        int c = r.nextBoolean() ? compare() : operand(IrType.I8);
        define(b.op(IrOp.SELECT, t, c, operand(t), operand(t)));
    }

    private void memoryAccess() {
        if (bufferValue < 0) {
            constant(pick(SCALARS));
            return;
        }
        IrType t = pick(SCALARS);
        long off = r.nextInt(BUFFER_BYTES - t.bytes() + 1);
        if (r.nextBoolean()) {
            b.store(t, bufferValue, off, operand(t));
        } else {
            define(b.load(t, bufferValue, off));
        }
    }

    private void stackSlot() {
        IrType t = pick(SCALARS);
        int slot = b.slot(32, pick(new Integer[] {8, 16, 32}));
        int addr = b.opImm(IrOp.STACK_ADDR, IrType.I64, slot);
        long off = r.nextInt(32 / t.bytes()) * t.bytes();
        b.store(t, addr, off, operand(t));
        define(b.load(t, addr, off));
    }

    private void call() {
        if (self + 1 >= sigs.size()) {
            intArith();
            return;
        }
        int callee = self + 1 + r.nextInt(sigs.size() - self - 1);
        Sig s = sigs.get(callee);
        int[] args = new int[s.params().size()];
        for (int k = 0; k < args.length; k++) {
            args[k] = buffer && k == 0 ? bufferValue : operand(s.params().get(k));
        }
        if (s.returns().size() <= 1 && r.nextInt(3) == 0) {
            int addr = b.opImm(IrOp.FUNC_ADDR, IrType.I64, callee);
            IrType rt = s.returns().isEmpty() ? null : s.returns().get(0);
            int v = b.callIndirect(rt, addr, args);
            if (rt != null) {
                define(v);
            }
            return;
        }
        for (int v : b.call(callee, s.returns(), args)) {
            define(v);
        }
    }

    private int splat(IrType t) {
        return define(b.op(IrOp.SPLAT, t, operand(t.lane())));
    }

    private void vector() {
        IrType t = pick(VECTORS);
        int a = bufferValue >= 0 && r.nextInt(3) == 0 ? define(b.load(t, bufferValue, r.nextInt(BUFFER_BYTES - t.bytes() + 1)))
                : operand(t);
        int x = operand(t);
        int v;
        int k = r.nextInt(10);
        if (k < 5) {
            IrOp op = t.isFloat() ? pick(new IrOp[] {IrOp.FADD, IrOp.FSUB, IrOp.FMUL, IrOp.FDIV, IrOp.FMIN, IrOp.FMAX})
                    : pick(new IrOp[] {IrOp.ADD, IrOp.SUB, IrOp.MUL, IrOp.AND, IrOp.OR, IrOp.XOR});
            v = define(b.op(op, t, a, x));
        } else if (k < 6 && t.isFloat()) {
            v = define(b.op(pick(new IrOp[] {IrOp.FNEG, IrOp.FABS, IrOp.FSQRT}), t, a));
        } else if (k < 8) {
            IrOp op = t.isFloat() ? pick(new IrOp[] {IrOp.FEQ, IrOp.FNE, IrOp.FLT, IrOp.FLE, IrOp.FGT, IrOp.FGE})
                    : pick(new IrOp[] {IrOp.EQ, IrOp.NE, IrOp.SLT, IrOp.SLE, IrOp.SGT, IrOp.SGE, IrOp.ULT, IrOp.ULE, IrOp.UGT, IrOp.UGE});
            v = define(b.op(op, t, a, x));
            t = t.compareResult();
        } else {
            v = define(b.op(IrOp.SELECT, t, operand(IrType.I8), a, x));
        }
        // Back to scalars, or out to memory.
        if (bufferValue >= 0 && r.nextInt(3) == 0) {
            b.store(t, bufferValue, r.nextInt(BUFFER_BYTES - t.bytes() + 1), v);
        } else if (r.nextBoolean()) {
            define(b.opImm(IrOp.EXTRACT, t.lane(), r.nextInt(t.lanes()), v));
        } else {
            define(b.op(IrOp.REDUCE_ADD, t.lane(), v));
        }
    }

    /** An if/else diamond; the arms may take block arguments and pass values to the join's parameters. */
    private void ifElse(int depth) {
        int cond = r.nextBoolean() ? compare() : operand(IrType.I8);
        IrType[] thenTypes = types(r.nextInt(3));
        IrType[] elseTypes = types(r.nextInt(2));
        IrType[] joinTypes = types(1 + r.nextInt(3));
        int then = b.block(thenTypes);
        int other = b.block(elseTypes);
        int join = b.block(joinTypes);
        b.branch(cond, then, operands(thenTypes), other, operands(elseTypes));
        List<Integer> saved = new ArrayList<>(scope);
        arm(then, thenTypes, joinTypes, join, depth);
        scope = new ArrayList<>(saved);
        arm(other, elseTypes, joinTypes, join, depth);
        scope = saved;
        b.at(join);
        for (int i = 0; i < joinTypes.length; i++) {
            define(b.blockParam(join, i));
        }
    }

    private void arm(int block, IrType[] params, IrType[] joinTypes, int join, int depth) {
        b.at(block);
        for (int i = 0; i < params.length; i++) {
            define(b.blockParam(block, i));
        }
        statements(depth + 1);
        b.jump(join, operands(joinTypes));
    }

    /**
     * An integer diamond whose arms only pass a value on (what if-conversion takes) and whose join
     * does nothing but enter a loop made ready before the branch, the loop adding the join's value
     * to its first accumulator each round: the join's parameter is read beyond its jump, so an IR
     * rewrite must not follow the join through to the loop (if-conversion once did, and lost it).
     */
    private void ifThenLoop(int depth) {
        LoopStart start = loopStart();
        IrType first = start.accTypes()[0];
        boolean adds = first.isInt() && !first.isVector();
        IrType t = adds ? first : IrType.I32;
        int cond = compare();
        int then = b.block();
        int other = b.block();
        int join = b.block(t);
        int x = operand(t);
        int y = operand(t);
        b.branch(cond, then, new int[0], other, new int[0]);
        b.at(then);
        b.jump(join, x);
        b.at(other);
        b.jump(join, y);
        b.at(join);
        int chosen = b.blockParam(join, 0);
        define(chosen);
        loop(depth, start, adds ? chosen : -1);
    }

    /** A loop's count and start values (the counter's first), made before it is entered. */
    private record LoopStart(int n, IrType[] accTypes, int[] init) {
    }

    private LoopStart loopStart() {
        int n;
        if (r.nextBoolean()) {
            n = b.iconst(IrType.I32, r.nextInt(7));
        } else {
            n = b.op(IrOp.AND, IrType.I32, operand(IrType.I32), b.iconst(IrType.I32, 7));
        }
        IrType[] accTypes = types(1 + r.nextInt(3));
        int[] init = new int[accTypes.length + 1];
        init[0] = b.iconst(IrType.I32, 0);
        int[] accInit = operands(accTypes);
        System.arraycopy(accInit, 0, init, 1, accInit.length);
        return new LoopStart(n, accTypes, init);
    }

    /** {@code for (i = 0; i < n; i++) { accumulators = … }} with n in 0..7. */
    private void loop(int depth) {
        loop(depth, loopStart(), -1);
    }

    /** The loop from {@code start}; {@code added}, when not -1, is added to the first accumulator each round. */
    private void loop(int depth, LoopStart start, int added) {
        int n = start.n();
        IrType[] accTypes = start.accTypes();
        IrType[] headerTypes = new IrType[accTypes.length + 1];
        headerTypes[0] = IrType.I32;
        System.arraycopy(accTypes, 0, headerTypes, 1, accTypes.length);
        int[] init = start.init();
        int header = b.block(headerTypes);
        int body = b.block();
        int exit = b.block(accTypes);
        b.jump(header, init);
        b.at(header);
        int i = b.blockParam(header, 0);
        int[] accs = new int[accTypes.length];
        for (int k = 0; k < accs.length; k++) {
            accs[k] = b.blockParam(header, k + 1);
        }
        b.branch(b.op(IrOp.SLT, IrType.I32, i, n), body, new int[0], exit, accs);
        List<Integer> saved = new ArrayList<>(scope);
        b.at(body);
        scope.add(i);
        for (int a : accs) {
            scope.add(a);
        }
        statements(depth + 1);
        int[] next = new int[headerTypes.length];
        next[0] = b.op(IrOp.ADD, IrType.I32, i, b.iconst(IrType.I32, 1));
        int[] accNext = operands(accTypes);
        System.arraycopy(accNext, 0, next, 1, accNext.length);
        if (added >= 0) {
            next[1] = b.op(IrOp.ADD, accTypes[0], accs[0], added);
        }
        b.jump(header, next);
        scope = saved;
        b.at(exit);
        for (int k = 0; k < accTypes.length; k++) {
            define(b.blockParam(exit, k));
        }
    }

    private IrType[] types(int n) {
        IrType[] t = new IrType[n];
        for (int i = 0; i < n; i++) {
            t[i] = vectors && r.nextInt(8) == 0 ? pick(VECTORS) : pick(SCALARS);
        }
        return t;
    }

    private int[] operands(IrType[] types) {
        int[] out = new int[types.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = operand(types[i]);
        }
        return out;
    }
}
