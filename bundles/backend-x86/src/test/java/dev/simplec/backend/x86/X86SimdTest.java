package dev.simplec.backend.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;

/**
 * Every vector operation on every vector type: 128-bit on SSE2 (with the emulated i8x16 / i32x4 /
 * i64x2 multiplies and 64-bit comparisons), 256-bit on AVX2 (skipped without it), against the
 * interpreter; vectors travel in xmm/ymm registers as {@code __m128}/{@code __m256} do.
 */
class X86SimdTest {
    private static final List<IrType> V128 = List.of(IrType.I8X16, IrType.I16X8, IrType.I32X4, IrType.I64X2, IrType.F32X4, IrType.F64X2);
    private static final List<IrType> V256 = List.of(IrType.I32X8, IrType.I64X4, IrType.F32X8, IrType.F64X4);

    private final Random rnd = new Random(777);

    private static List<IrType> types() {
        List<IrType> all = new ArrayList<>(V128);
        if (HostCpu.hasAvx2()) {
            all.addAll(V256);
        }
        return all;
    }

    private List<List<Differential.Arg>> vectors(IrType t, int arity, int count) {
        List<List<Differential.Arg>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Differential.Arg> args = new ArrayList<>();
            for (int k = 0; k < arity; k++) {
                long[] lanes = new long[t.lanes()];
                for (int l = 0; l < lanes.length; l++) {
                    // Equal lanes in both operands now and then, so comparisons see ties.
                    lanes[l] = i % 3 == 0 && k == 1 ? 5 : Values.scalar(t.lane(), rnd);
                }
                args.add(Differential.val(new IrValue(t, lanes)));
            }
            if (i % 3 == 0 && arity == 2) {
                args.set(1, args.get(0));
            }
            out.add(args);
        }
        return out;
    }

    @Test
    void arithmeticAndComparisons() throws Exception {
        for (IrType t : types()) {
            List<IrOp> ops = t.isFloat()
                    ? List.of(IrOp.FADD, IrOp.FSUB, IrOp.FMUL, IrOp.FDIV, IrOp.FMIN, IrOp.FMAX, IrOp.FEQ, IrOp.FNE, IrOp.FLT, IrOp.FLE, IrOp.FGT, IrOp.FGE)
                    : List.of(IrOp.ADD, IrOp.SUB, IrOp.MUL, IrOp.AND, IrOp.OR, IrOp.XOR, IrOp.EQ, IrOp.NE, IrOp.SLT, IrOp.SLE, IrOp.SGT,
                            IrOp.SGE, IrOp.ULT, IrOp.ULE, IrOp.UGT, IrOp.UGE);
            for (IrOp op : ops) {
                IrType r = op.isComparison() ? t.compareResult() : t;
                Fb f = Fb.of(op.name().toLowerCase() + "_" + t.text(), r, t, t);
                f.ret(f.op(op, t, f.param(0), f.param(1)));
                Differential.check(Fb.module(f.build()), vectors(t, 2, 12));
            }
            if (t.isFloat()) {
                for (IrOp op : List.of(IrOp.FNEG, IrOp.FABS, IrOp.FSQRT)) {
                    Fb f = Fb.of(op.name().toLowerCase(), t, t);
                    f.ret(f.op(op, t, f.param(0)));
                    Differential.check(Fb.module(f.build()), vectors(t, 1, 8));
                }
            }
        }
    }

    @Test
    void lanesSplatExtractReduceSelect() throws Exception {
        for (IrType t : types()) {
            IrType lane = t.lane();
            Fb s = Fb.of("splat", t, lane);
            s.ret(s.op(IrOp.SPLAT, t, s.param(0)));
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (IrValue v : Values.of(lane, rnd, 3)) {
                calls.add(List.of(Differential.val(v)));
            }
            Differential.check(Fb.module(s.build()), calls);
            for (int i = 0; i < t.lanes(); i++) {
                Fb e = Fb.of("extract" + i, lane, t);
                e.ret(e.opImm(IrOp.EXTRACT, lane, i, e.param(0)));
                Differential.check(Fb.module(e.build()), vectors(t, 1, 3));
            }
            Fb r = Fb.of("reduce", lane, t);
            r.ret(r.op(IrOp.REDUCE_ADD, lane, r.param(0)));
            Differential.check(Fb.module(r.build()), vectors(t, 1, 12));
            Fb sel = Fb.of("select", t, IrType.I8, t, t);
            sel.ret(sel.op(IrOp.SELECT, t, sel.param(0), sel.param(1), sel.param(2)));
            List<List<Differential.Arg>> sc = new ArrayList<>();
            for (List<Differential.Arg> xy : vectors(t, 2, 4)) {
                for (long c : new long[] {0, 1}) {
                    sc.add(List.of(Differential.val(IrValue.of(IrType.I8, c)), xy.get(0), xy.get(1)));
                }
            }
            Differential.check(Fb.module(sel.build()), sc);
        }
    }

    /** Vector loads and stores at unaligned offsets; float lanes stored with NaNs canonical. */
    @Test
    void loadsAndStores() throws Exception {
        for (IrType t : types()) {
            Fb f = Fb.of("vmem", t, IrType.I64, t);
            int p = f.param(0);
            f.store(t, p, f.param(1), 3);
            int x = f.load(t, p, 40);
            f.store(t, p, f.op(t.isFloat() ? IrOp.FADD : IrOp.ADD, t, x, x), 80);
            f.ret(f.load(t, p, 3));
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (List<Differential.Arg> v : vectors(t, 1, 6)) {
                byte[] bytes = new byte[128];
                rnd.nextBytes(bytes);
                calls.add(List.of(Differential.buf(bytes), v.get(0)));
            }
            Differential.check(Fb.module(f.build()), calls);
        }
    }

    /** Many vector values live across a call: they are spilled in 16- and 32-byte slots and come back intact. */
    @Test
    void vectorsLiveAcrossCalls() throws Exception {
        for (IrType t : types()) {
            Fb f = Fb.of("keep", t, t, t);
            int a = f.param(0);
            int b = f.param(1);
            IrOp add = t.isFloat() ? IrOp.FADD : IrOp.ADD;
            int s = f.op(add, t, a, b);
            f.call(1, null);
            f.ret(f.op(add, t, f.op(add, t, s, a), b));
            Fb g = new Fb("g", List.of());
            g.ret();
            Differential.check(new IrModule(List.of(f.build(), g.build())), vectors(t, 2, 5));
        }
    }

    @Test
    void without256BitSupportA256BitTypeIsAClearError() throws Exception {
        WithoutAvx2.run(() -> {
            Fb f = Fb.of("wide", IrType.F32X8, IrType.F32X8);
            f.ret(f.op(IrOp.FADD, IrType.F32X8, f.param(0), f.param(0)));
            SimplecException e = assertThrows(SimplecException.class, () -> new X86Backend().compile(Fb.module(f.build())));
            assertEquals(ErrorKind.UNSUPPORTED, e.kind());
            assertTrue(e.getMessage().contains("AVX2") && e.getMessage().contains("wide"), e.getMessage());
            Fb g = Fb.of("narrow", IrType.F32X4, IrType.F32X4);
            g.ret(g.op(IrOp.FADD, IrType.F32X4, g.param(0), g.param(0)));
            assertTrue(new X86Backend().compile(Fb.module(g.build())).size() > 0);
        });
    }

    @Test
    void avx2IsDetectedFromTheKernel() throws Exception {
        assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/cpuinfo")), "needs /proc/cpuinfo");
        boolean flag = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo")).matches("(?s).*\\bavx2\\b.*");
        assertEquals(flag, HostCpu.hasAvx2());
    }
}
