package dev.simplec.backend.x86.emit;

import dev.simplec.api.codegen.RegClass;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.backend.x86.targ.Konst;
import dev.simplec.backend.x86.targ.X86Target;

/**
 * Expansions of the SIMD pseudo-ops: what SSE2 (128-bit) or AVX2 (256-bit) has no single
 * instruction for. Outputs are early-clobber, so {@code d} and the temporaries never alias an input.
 */
final class SimdEmitter {
    private SimdEmitter() {
    }

    /** Lane-wise multiply: i8x16 through 16-bit multiplies, i32x4 and i64x2/i64x4 through pmuludq (32×32→64). */
    static void mul(X86Assembler a, ConstPool pool, IrType t, Xmm d, Xmm x, Xmm y, Xmm t1, Xmm t2) {
        switch (t) {
            case I8X16 -> {
                // Even bytes: the low byte of each 16-bit product. Odd bytes: shift down, multiply, shift up.
                a.sse(SseOp.MOVAPS, t1, x);
                a.sse(SseOp.PMULLW, t1, y);
                a.sse(SseOp.PAND, t1, pool.konst(Konst.LOW_BYTES));
                a.sse(SseOp.MOVAPS, d, x);
                a.sseShift(SseShift.PSRLW, d, 8);
                a.sse(SseOp.MOVAPS, t2, y);
                a.sseShift(SseShift.PSRLW, t2, 8);
                a.sse(SseOp.PMULLW, d, t2);
                a.sseShift(SseShift.PSLLW, d, 8);
                a.sse(SseOp.POR, d, t1);
            }
            case I32X4 -> {
                // Lanes 0 and 2, then 1 and 3, as 64-bit products; keep the low halves, interleave.
                a.sse(SseOp.MOVAPS, d, x);
                a.sse(SseOp.PMULUDQ, d, y);
                a.sse(SseOp.MOVAPS, t1, x);
                a.sseShift(SseShift.PSRLQ, t1, 32);
                a.sse(SseOp.MOVAPS, t2, y);
                a.sseShift(SseShift.PSRLQ, t2, 32);
                a.sse(SseOp.PMULUDQ, t1, t2);
                a.sseImm(SseOp.PSHUFD, d, d, 0x08);
                a.sseImm(SseOp.PSHUFD, t1, t1, 0x08);
                a.sse(SseOp.PUNPCKLDQ, d, t1);
            }
            case I64X2 -> {
                // lo(x)*lo(y) + ((hi(x)*lo(y) + lo(x)*hi(y)) << 32), all mod 2^64.
                a.sse(SseOp.MOVAPS, t1, x);
                a.sseShift(SseShift.PSRLQ, t1, 32);
                a.sse(SseOp.PMULUDQ, t1, y);
                a.sse(SseOp.MOVAPS, t2, y);
                a.sseShift(SseShift.PSRLQ, t2, 32);
                a.sse(SseOp.PMULUDQ, t2, x);
                a.sse(SseOp.PADDQ, t1, t2);
                a.sseShift(SseShift.PSLLQ, t1, 32);
                a.sse(SseOp.MOVAPS, d, x);
                a.sse(SseOp.PMULUDQ, d, y);
                a.sse(SseOp.PADDQ, d, t1);
            }
            case I64X4 -> {
                a.vexShift(SseShift.PSRLQ, true, t1, x, 32);
                a.vex(AvxOp.VPMULUDQ, true, t1, t1, y);
                a.vexShift(SseShift.PSRLQ, true, t2, y, 32);
                a.vex(AvxOp.VPMULUDQ, true, t2, t2, x);
                a.vex(AvxOp.VPADDQ, true, t1, t1, t2);
                a.vexShift(SseShift.PSLLQ, true, t1, t1, 32);
                a.vex(AvxOp.VPMULUDQ, true, d, x, y);
                a.vex(AvxOp.VPADDQ, true, d, d, t1);
            }
            default -> throw new IllegalArgumentException("no multiply expansion for " + t.text());
        }
    }

    /** cmpps predicates: 0 EQ_OQ, 1 LT_OS, 2 LE_OS, 3 UNORD, 4 NEQ_UQ. */
    private static int predicate(IrOp op) {
        return switch (op) {
            case FEQ -> 0;
            case FLT, FGT -> 1;
            case FLE, FGE -> 2;
            default -> 4;
        };
    }

    /** Lane-wise comparison into an all-ones / all-zeros mask per lane. */
    static void compare(X86Assembler a, ConstPool pool, IrType t, IrOp op, Xmm d, Xmm x, Xmm y, Xmm t1, Xmm t2) {
        boolean l256 = t.bits() == 256;
        if (t.isFloat()) {
            boolean pd = t.laneBits() == 64;
            boolean swap = op == IrOp.FGT || op == IrOp.FGE;
            Xmm l = swap ? y : x;
            Xmm r = swap ? x : y;
            if (l256) {
                a.vexImm(pd ? AvxOp.VCMPPD : AvxOp.VCMPPS, true, d, l, r, predicate(op));
            } else {
                a.sse(SseOp.MOVAPS, d, l);
                a.sseImm(pd ? SseOp.CMPPD : SseOp.CMPPS, d, r, predicate(op));
            }
            return;
        }
        boolean unsigned = op == IrOp.ULT || op == IrOp.ULE || op == IrOp.UGT || op == IrOp.UGE;
        boolean eq = op == IrOp.EQ || op == IrOp.NE;
        // a > b decides SGT/SLE (negated) as is, SLT/SGE with the operands swapped.
        boolean swap = op == IrOp.SLT || op == IrOp.SGE || op == IrOp.ULT || op == IrOp.UGE;
        boolean negate = op == IrOp.NE || op == IrOp.SGE || op == IrOp.SLE || op == IrOp.UGE || op == IrOp.ULE;
        int lane = t.laneBits();
        Xmm l = swap ? y : x;
        Xmm r = swap ? x : y;
        if (l256) {
            if (unsigned) {
                Konst flip = lane == 32 ? Konst.FLIP32 : Konst.FLIP64;
                a.vex(AvxOp.VPXOR, true, t1, l, pool.konst(flip));
                a.vex(AvxOp.VPXOR, true, t2, r, pool.konst(flip));
                l = t1;
                r = t2;
            }
            AvxOp c = eq ? (lane == 32 ? AvxOp.VPCMPEQD : AvxOp.VPCMPEQQ) : (lane == 32 ? AvxOp.VPCMPGTD : AvxOp.VPCMPGTQ);
            a.vex(c, true, d, l, r);
            if (negate) {
                a.vex(AvxOp.VPXOR, true, d, d, pool.konst(Konst.ONES));
            }
            return;
        }
        if (lane == 64 && eq) {
            // No pcmpeqq in SSE2: both dword halves equal.
            a.sse(SseOp.MOVAPS, d, x);
            a.sse(SseOp.PCMPEQD, d, y);
            a.sseImm(SseOp.PSHUFD, t1, d, 0xB1);
            a.sse(SseOp.PAND, d, t1);
        } else if (lane == 64) {
            // No pcmpgtq in SSE2: high dwords compared signed (unsigned: flipped), low dwords unsigned;
            // greater = hi_gt | (hi_eq & lo_gt), then the high dword's answer fills the lane.
            Konst flip = unsigned ? Konst.FLIP32 : Konst.FLIP_LO32;
            a.sse(SseOp.MOVAPS, t1, l);
            a.sse(SseOp.PXOR, t1, pool.konst(flip));
            a.sse(SseOp.MOVAPS, t2, r);
            a.sse(SseOp.PXOR, t2, pool.konst(flip));
            a.sse(SseOp.MOVAPS, d, t1);
            a.sse(SseOp.PCMPGTD, d, t2);
            a.sse(SseOp.PCMPEQD, t1, t2);
            a.sseImm(SseOp.PSHUFD, t2, d, 0xA0);
            a.sse(SseOp.PAND, t1, t2);
            a.sse(SseOp.POR, d, t1);
            a.sseImm(SseOp.PSHUFD, d, d, 0xF5);
        } else {
            SseOp c = eq ? (lane == 8 ? SseOp.PCMPEQB : lane == 16 ? SseOp.PCMPEQW : SseOp.PCMPEQD)
                    : (lane == 8 ? SseOp.PCMPGTB : lane == 16 ? SseOp.PCMPGTW : SseOp.PCMPGTD);
            if (unsigned) {
                Konst flip = lane == 8 ? Konst.FLIP8 : lane == 16 ? Konst.FLIP16 : Konst.FLIP32;
                a.sse(SseOp.MOVAPS, t1, r);
                a.sse(SseOp.PXOR, t1, pool.konst(flip));
                a.sse(SseOp.MOVAPS, d, l);
                a.sse(SseOp.PXOR, d, pool.konst(flip));
                a.sse(c, d, t1);
            } else {
                a.sse(SseOp.MOVAPS, d, l);
                a.sse(c, d, r);
            }
        }
        if (negate) {
            a.sse(SseOp.PXOR, d, pool.konst(Konst.ONES));
        }
    }

    /** FMIN/FMAX per the IR: {@code y is NaN || x < y ? x : y} (max: {@code >}) — min/max, then x where y is NaN. */
    static void minMax(X86Assembler a, IrType t, boolean max, Xmm d, Xmm x, Xmm y, Xmm t1) {
        boolean pd = t.laneBits() == 64;
        if (t.bits() == 256) {
            a.vexImm(pd ? AvxOp.VCMPPD : AvxOp.VCMPPS, true, t1, y, y, 3);
            a.vex(max ? (pd ? AvxOp.VMAXPD : AvxOp.VMAXPS) : (pd ? AvxOp.VMINPD : AvxOp.VMINPS), true, d, x, y);
            a.vblendv(pd, true, d, d, x, t1);
            return;
        }
        a.sse(SseOp.MOVAPS, t1, y);
        a.sseImm(pd ? SseOp.CMPPD : SseOp.CMPPS, t1, t1, 3);
        a.sse(SseOp.MOVAPS, d, x);
        a.sse(max ? (pd ? SseOp.MAXPD : SseOp.MAXPS) : (pd ? SseOp.MINPD : SseOp.MINPS), d, y);
        // d = mask ? x : d, as ((d ^ x) & ~mask) ^ x.
        a.sse(SseOp.XORPS, d, x);
        a.sse(SseOp.ANDNPS, t1, d);
        a.sse(SseOp.XORPS, t1, x);
        a.sse(SseOp.MOVAPS, d, t1);
    }

    private static boolean isGpr(int reg) {
        return X86Target.INSTANCE.regClass(reg) == RegClass.INT;
    }

    /** Every lane of d = scalar s (a general-purpose register for integer lanes, xmm for float lanes). */
    static void splat(X86Assembler a, IrType t, Xmm d, int s) {
        switch (t) {
            case F32X4 -> {
                a.sse(SseOp.MOVAPS, d, X86Target.toXmm(s));
                a.sseImm(SseOp.SHUFPS, d, d, 0);
            }
            case F64X2 -> {
                a.sse(SseOp.MOVAPS, d, X86Target.toXmm(s));
                a.sse(SseOp.MOVLHPS, d, d);
            }
            case I8X16 -> {
                a.movdXR(d, X86Target.toGpr(s));
                a.sse(SseOp.PUNPCKLBW, d, d);
                a.sseImm(SseOp.PSHUFLW, d, d, 0);
                a.sseImm(SseOp.PSHUFD, d, d, 0);
            }
            case I16X8 -> {
                a.movdXR(d, X86Target.toGpr(s));
                a.sseImm(SseOp.PSHUFLW, d, d, 0);
                a.sseImm(SseOp.PSHUFD, d, d, 0);
            }
            case I32X4 -> {
                a.movdXR(d, X86Target.toGpr(s));
                a.sseImm(SseOp.PSHUFD, d, d, 0);
            }
            case I64X2 -> {
                a.movqXR(d, X86Target.toGpr(s));
                a.sse(SseOp.PUNPCKLQDQ, d, d);
            }
            case F32X8 -> a.vex(AvxOp.VBROADCASTSS, true, d, d, X86Target.toXmm(s));
            case F64X4 -> a.vex(AvxOp.VBROADCASTSD, true, d, d, X86Target.toXmm(s));
            case I32X8 -> {
                a.movdXR(d, X86Target.toGpr(s));
                a.vex(AvxOp.VPBROADCASTD, true, d, d, d);
            }
            case I64X4 -> {
                a.movqXR(d, X86Target.toGpr(s));
                a.vex(AvxOp.VPBROADCASTQ, true, d, d, d);
            }
            default -> throw new IllegalArgumentException("splat to " + t.text());
        }
    }

    /** Moves lane {@code lane} of v to the bottom of {@code into} (v's high half first goes through {@code into} for 256 bits). */
    private static Xmm laneToBottom(X86Assembler a, IrType v, int lane, Xmm src, Xmm into) {
        int offset = lane * v.laneBits() / 8;
        if (offset >= 16) {
            a.vextractf128(into, src, 1);
            src = into;
            offset -= 16;
        }
        if (offset == 0) {
            return src;
        }
        if (src != into) {
            a.sse(SseOp.MOVAPS, into, src);
        }
        a.sseShift(SseShift.PSRLDQ, into, offset);
        return into;
    }

    /** d = lane {@code lane} of s (scalar register: general-purpose for integers, xmm for floats). */
    static void extract(X86Assembler a, IrType v, int lane, int d, Xmm s, Xmm t) {
        Xmm src = laneToBottom(a, v, lane, s, t);
        toScalar(a, v, d, src);
    }

    private static void toScalar(X86Assembler a, IrType v, int d, Xmm src) {
        if (isGpr(d)) {
            if (v.laneBits() == 64) {
                a.movqRX(X86Target.toGpr(d), src);
            } else {
                a.movdRX(X86Target.toGpr(d), src);
            }
        } else if (X86Target.toXmm(d) != src) {
            a.sse(SseOp.MOVAPS, X86Target.toXmm(d), src);
        }
    }

    /** The sum of the lanes: floats strictly in lane order; integers pairwise (wrapping addition is associative). */
    static void reduce(X86Assembler a, IrType v, int d, Xmm s, Xmm t1, Xmm t2) {
        if (v.isFloat()) {
            boolean f64 = v.laneBits() == 64;
            Xmm acc = X86Target.toXmm(d);
            a.sse(SseOp.MOVAPS, acc, s);
            if (v.bits() == 256) {
                a.vextractf128(t2, s, 1);
            }
            int perHalf = 128 / v.laneBits();
            for (int i = 1; i < v.lanes(); i++) {
                int k = i % perHalf;
                a.sse(SseOp.MOVAPS, t1, i < perHalf ? s : t2);
                if (k > 0) {
                    a.sseShift(SseShift.PSRLDQ, t1, k * v.laneBits() / 8);
                }
                a.sse(f64 ? SseOp.ADDSD : SseOp.ADDSS, acc, t1);
            }
            return;
        }
        int lane = v.laneBits();
        SseOp add = lane == 8 ? SseOp.PADDB : lane == 16 ? SseOp.PADDW : lane == 32 ? SseOp.PADDD : SseOp.PADDQ;
        if (v.bits() == 256) {
            a.vextractf128(t2, s, 1);
            a.sse(SseOp.MOVAPS, t1, s);
            a.sse(add, t1, t2);
        } else {
            a.sse(SseOp.MOVAPS, t1, s);
        }
        a.sseImm(SseOp.PSHUFD, t2, t1, 0x4E); // swap the 64-bit halves
        a.sse(add, t1, t2);
        if (lane <= 32) {
            a.sseImm(SseOp.PSHUFD, t2, t1, 0xB1); // swap dwords in each half
            a.sse(add, t1, t2);
        }
        if (lane <= 16) {
            a.sseImm(SseOp.PSHUFLW, t2, t1, 0xB1); // swap words in the low dword
            a.sse(add, t1, t2);
        }
        if (lane == 8) {
            a.sse(SseOp.MOVAPS, t2, t1);
            a.sseShift(SseShift.PSRLW, t2, 8);
            a.sse(add, t1, t2);
        }
        toScalar(a, v, d, t1);
    }
}
