package dev.simplec.backend.x86;

import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I16;
import static dev.simplec.api.ir.IrType.I32;
import static dev.simplec.api.ir.IrType.I64;
import static dev.simplec.api.ir.IrType.I8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.ir.TrapKind;

/**
 * Every scalar IR operation on every type it applies to, on edge values (bounds, zeros, NaNs,
 * infinities, conversion limits) and random ones, natively against {@link dev.simplec.api.ir.IrInterpreter}.
 */
class X86OpsTest {
    private static final List<IrType> INTS = List.of(I8, I16, I32, I64);
    private static final List<IrType> FLOATS = List.of(F32, F64);

    private final Random rnd = new Random(20250101);

    /** All pairs of some values of a and b. */
    private List<List<Differential.Arg>> pairs(IrType a, IrType b, int randoms) {
        List<IrValue> xs = Values.of(a, rnd, randoms);
        List<IrValue> ys = Values.of(b, rnd, randoms);
        List<List<Differential.Arg>> out = new ArrayList<>();
        for (IrValue x : xs) {
            for (IrValue y : ys) {
                if (rnd.nextInt(3) == 0 || xs.size() < 12) {
                    out.add(List.of(Differential.val(x), Differential.val(y)));
                }
            }
        }
        return out;
    }

    private List<List<Differential.Arg>> singles(IrType a, int randoms) {
        List<List<Differential.Arg>> out = new ArrayList<>();
        for (IrValue x : Values.of(a, rnd, randoms)) {
            out.add(List.of(Differential.val(x)));
        }
        return out;
    }

    private static IrModule binary(IrOp op, IrType t, IrType result) {
        Fb f = Fb.of(op.name().toLowerCase() + "_" + t.text(), result, t, t);
        f.ret(f.op(op, t, f.param(0), f.param(1)));
        return Fb.module(f.build());
    }

    @Test
    void integerArithmeticAndLogic() throws Exception {
        for (IrType t : INTS) {
            for (IrOp op : List.of(IrOp.ADD, IrOp.SUB, IrOp.MUL, IrOp.AND, IrOp.OR, IrOp.XOR)) {
                Differential.check(binary(op, t, t), pairs(t, t, 4));
            }
        }
    }

    /** Constant operands take the immediate forms (add/sub/and/or/xor r, imm; imul r, r, imm). */
    @Test
    void integerArithmeticWithConstants() throws Exception {
        long[] constants = {0, 1, -1, 100, -129, 0x7FFF_FFFFL, 0x8000_0000L, 0x1_0000_0000L, Long.MIN_VALUE};
        for (IrType t : INTS) {
            for (IrOp op : List.of(IrOp.ADD, IrOp.SUB, IrOp.MUL, IrOp.AND, IrOp.OR, IrOp.XOR)) {
                for (long c : constants) {
                    for (boolean left : new boolean[] {false, true}) {
                        Fb f = Fb.of("k", t, t);
                        int k = f.iconst(t, c);
                        int x = f.param(0);
                        f.ret(left ? f.op(op, t, k, x) : f.op(op, t, x, k));
                        Differential.check(Fb.module(f.build()), singles(t, 3));
                    }
                }
            }
        }
    }

    @Test
    void comparisons() throws Exception {
        for (IrType t : INTS) {
            for (IrOp op : List.of(IrOp.EQ, IrOp.NE, IrOp.SLT, IrOp.SLE, IrOp.SGT, IrOp.SGE, IrOp.ULT, IrOp.ULE, IrOp.UGT, IrOp.UGE)) {
                Differential.check(binary(op, t, I8), pairs(t, t, 3));
            }
        }
        for (IrType t : FLOATS) {
            for (IrOp op : List.of(IrOp.FEQ, IrOp.FNE, IrOp.FLT, IrOp.FLE, IrOp.FGT, IrOp.FGE)) {
                Differential.check(binary(op, t, I8), pairs(t, t, 2));
            }
        }
    }

    /**
     * Compare fused into the branch (and compare with an immediate for i32/i64 constants), with the
     * then side next in layout, the else side next, or neither.
     */
    @Test
    void fusedCompareAndBranch() throws Exception {
        List<IrType> all = List.of(I8, I16, I32, I64, F32, F64);
        for (IrType t : all) {
            List<IrOp> ops = t.isFloat() ? List.of(IrOp.FEQ, IrOp.FNE, IrOp.FLT, IrOp.FLE, IrOp.FGT, IrOp.FGE)
                    : List.of(IrOp.EQ, IrOp.NE, IrOp.SLT, IrOp.SLE, IrOp.SGT, IrOp.SGE, IrOp.ULT, IrOp.ULE, IrOp.UGT, IrOp.UGE);
            for (IrOp op : ops) {
                for (int layout = 0; layout < 3; layout++) {
                    Fb f = Fb.of("br", I64, t, t);
                    int c = f.op(op, t, f.param(0), f.param(1));
                    int first = f.block();
                    int second = f.block();
                    int yes = layout == 1 ? second : first;
                    int no = layout == 1 ? first : second;
                    if (layout == 2) {
                        // A block between the branch and both targets: neither falls through.
                        int between = f.block();
                        f.branch(c, yes, no);
                        f.at(between).ret(f.iconst(I64, 33));
                    } else {
                        f.branch(c, yes, no);
                    }
                    f.at(yes).ret(f.iconst(I64, 11));
                    f.at(no).ret(f.iconst(I64, 22));
                    Differential.check(Fb.module(f.build()), pairs(t, t, 2));
                }
                if (!t.isFloat()) {
                    for (long k : new long[] {0, 7, -1, 0x7FFF_FFFFL}) {
                        Fb f = Fb.of("bri", I64, t);
                        int c = f.op(op, t, f.param(0), f.iconst(t, k));
                        int yes = f.block();
                        int no = f.block();
                        f.branch(c, yes, no);
                        f.at(yes).ret(f.iconst(I64, 11));
                        f.at(no).ret(f.iconst(I64, 22));
                        Differential.check(Fb.module(f.build()), singles(t, 4));
                    }
                }
            }
        }
    }

    @Test
    void divisionWithItsChecks() throws Exception {
        for (IrType t : INTS) {
            for (IrOp op : List.of(IrOp.SDIV, IrOp.SREM, IrOp.UDIV, IrOp.UREM)) {
                boolean signed = op == IrOp.SDIV || op == IrOp.SREM;
                Fb f = Fb.of(op.name().toLowerCase() + "_" + t.text(), t, t, t);
                int a = f.param(0);
                int b = f.param(1);
                int zero = f.op(IrOp.EQ, t, b, f.iconst(t, 0));
                int byZero = f.block();
                int checked = f.block();
                f.branch(zero, byZero, checked);
                f.at(byZero).trap(TrapKind.DIVISION_BY_ZERO);
                f.at(checked);
                int ok = f.block();
                if (signed) {
                    long min = t == I64 ? Long.MIN_VALUE : -(1L << (t.bits() - 1));
                    int isMin = f.op(IrOp.EQ, t, a, f.iconst(t, min));
                    int isM1 = f.op(IrOp.EQ, t, b, f.iconst(t, -1));
                    int both = f.op(IrOp.AND, I8, isMin, isM1);
                    int over = f.block();
                    f.branch(both, over, ok);
                    f.at(over).trap(TrapKind.DIVISION_OVERFLOW);
                } else {
                    f.jump(ok);
                }
                f.at(ok).ret(f.op(op, t, a, b));
                int traps = Differential.check(Fb.module(f.build()), pairs(t, t, 4));
                assertTrue(traps > 0, "some inputs trap");
            }
        }
    }

    @Test
    void shiftsMaskTheirAmount() throws Exception {
        for (IrType t : INTS) {
            for (IrOp op : List.of(IrOp.SHL, IrOp.SSHR, IrOp.USHR)) {
                for (IrType amount : List.of(t, I8, I64)) {
                    Fb f = Fb.of("sh", t, t, amount);
                    f.ret(f.op(op, t, f.param(0), f.param(1)));
                    List<List<Differential.Arg>> calls = new ArrayList<>();
                    for (IrValue x : Values.of(t, rnd, 3)) {
                        for (long s : new long[] {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, -1, 200}) {
                            calls.add(List.of(Differential.val(x), Differential.val(IrValue.of(amount, s))));
                        }
                    }
                    Differential.check(Fb.module(f.build()), calls);
                }
                for (long s : new long[] {0, 1, 5, 7, 8, 13, 31, 33, 63, 64, -1}) {
                    Fb f = Fb.of("shk", t, t);
                    f.ret(f.op(op, t, f.param(0), f.iconst(t, s)));
                    Differential.check(Fb.module(f.build()), singles(t, 3));
                }
            }
        }
    }

    @Test
    void floatArithmetic() throws Exception {
        for (IrType t : FLOATS) {
            for (IrOp op : List.of(IrOp.FADD, IrOp.FSUB, IrOp.FMUL, IrOp.FDIV, IrOp.FMIN, IrOp.FMAX)) {
                Differential.check(binary(op, t, t), pairs(t, t, 3));
            }
            for (IrOp op : List.of(IrOp.FNEG, IrOp.FABS, IrOp.FSQRT)) {
                Fb f = Fb.of("u", t, t);
                f.ret(f.op(op, t, f.param(0)));
                Differential.check(Fb.module(f.build()), singles(t, 10));
            }
            Fb f = Fb.of("k", t);
            f.ret(t == F32 ? f.f32(-0.0f) : f.f64(Math.PI));
            Differential.check(Fb.module(f.build()), List.of(List.of()));
        }
    }

    @Test
    void conversions() throws Exception {
        for (IrType from : INTS) {
            for (IrType to : INTS) {
                if (from.bits() < to.bits()) {
                    for (IrOp op : List.of(IrOp.SEXT, IrOp.ZEXT)) {
                        Fb f = Fb.of("ext", to, from);
                        f.ret(f.op(op, to, f.param(0)));
                        Differential.check(Fb.module(f.build()), singles(from, 5));
                    }
                } else if (from.bits() > to.bits()) {
                    Fb f = Fb.of("trunc", to, from);
                    f.ret(f.op(IrOp.TRUNC, to, f.param(0)));
                    Differential.check(Fb.module(f.build()), singles(from, 5));
                }
            }
            for (IrType to : FLOATS) {
                for (IrOp op : List.of(IrOp.SITOF, IrOp.UITOF)) {
                    Fb f = Fb.of("itof", to, from);
                    f.ret(f.op(op, to, f.param(0)));
                    Differential.check(Fb.module(f.build()), singles(from, 20));
                }
            }
        }
        for (IrType from : FLOATS) {
            for (IrType to : INTS) {
                for (IrOp op : List.of(IrOp.FTOSI, IrOp.FTOUI)) {
                    Fb f = Fb.of("ftoi", to, from);
                    f.ret(f.op(op, to, f.param(0)));
                    Differential.check(Fb.module(f.build()), singles(from, 20));
                }
            }
        }
        Fb p = Fb.of("promote", F64, F32);
        p.ret(p.op(IrOp.FPROMOTE, F64, p.param(0)));
        Differential.check(Fb.module(p.build()), singles(F32, 10));
        Fb d = Fb.of("demote", F32, F64);
        d.ret(d.op(IrOp.FDEMOTE, F32, d.param(0)));
        Differential.check(Fb.module(d.build()), singles(F64, 10));
    }

    @Test
    void selectOnEveryScalarType() throws Exception {
        for (IrType t : List.of(I8, I16, I32, I64, F32, F64)) {
            Fb f = Fb.of("sel", t, I8, t, t);
            f.ret(f.op(IrOp.SELECT, t, f.param(0), f.param(1), f.param(2)));
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (List<Differential.Arg> xy : pairs(t, t, 1)) {
                for (long c : new long[] {0, 1, 2, 0x100}) {
                    calls.add(List.of(Differential.val(IrValue.of(I8, c)), xy.get(0), xy.get(1)));
                }
            }
            Differential.check(Fb.module(f.build()), calls);
        }
    }

    /** Loads and stores of every width at offsets, through a caller's buffer; NaNs stored canonical. */
    @Test
    void loadsAndStores() throws Exception {
        for (IrType t : List.of(I8, I16, I32, I64, F32, F64)) {
            Fb f = Fb.of("mem", t, I64, t);
            int p = f.param(0);
            f.store(t, p, f.param(1), 3);
            int back = f.load(t, p, 3);
            int other = f.load(t, p, 16);
            f.store(t, p, other, 40);
            f.ret(back);
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (IrValue v : Values.of(t, rnd, 5)) {
                byte[] bytes = new byte[64];
                rnd.nextBytes(bytes);
                calls.add(List.of(Differential.buf(bytes), Differential.val(v)));
            }
            Differential.check(Fb.module(f.build()), calls);
        }
    }

    /** Many parameters: the seventh integer and ninth float arrive on the stack. */
    @Test
    void stackParameters() throws Exception {
        IrType[] ps = {I64, F64, I32, F32, I8, F64, I16, F64, I64, F32, I64, F64, I32, F64, I64, F32, I8, F64};
        Fb f = Fb.of("many", F64, ps);
        int acc = f.f64(0);
        for (int k = 0; k < ps.length; k++) {
            int v = f.param(k);
            int d = switch (ps[k]) {
                case F64 -> v;
                case F32 -> f.op(IrOp.FPROMOTE, F64, v);
                default -> f.op(IrOp.SITOF, F64, v);
            };
            acc = f.op(IrOp.FADD, F64, f.op(IrOp.FMUL, F64, acc, f.f64(1.0009765625)), d);
        }
        f.ret(acc);
        List<List<Differential.Arg>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<Differential.Arg> args = new ArrayList<>();
            for (IrType t : ps) {
                args.add(Differential.val(IrValue.of(t, Values.scalar(t, rnd))));
            }
            calls.add(args);
        }
        Differential.check(Fb.module(f.build()), calls);
    }
}
