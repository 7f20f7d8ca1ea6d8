package dev.simplec.inference.lower;

import java.util.List;

import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;
import dev.simplec.inference.check.Type;
import dev.simplec.inference.syntax.BinaryOp;

/**
 * Operators, casts and numeric builtins on concrete types: picks the IR operation (signed or
 * unsigned, integer or float, scalar or vector) and emits the checks SPEC §5 requires (division by
 * zero and {@code MIN / -1} trap).
 */
final class OpLowering {
    private final IrBuilder ir;

    OpLowering(IrBuilder ir) {
        this.ir = ir;
    }

    /**
     * {@code l op r} for arithmetic, bitwise and shift operators on operands of type {@code t}.
     * {@code divisorNonZero}: the divisor is a literal other than 0 (and so not -1 either), so no check.
     */
    int arith(BinaryOp op, Type t, int l, int r, boolean divisorNonZero) {
        IrType it = IrTypes.scalar(t);
        boolean fl = it.isFloat();
        boolean signed = signedLanes(t);
        return switch (op) {
            case ADD -> ir.emit(fl ? IrOp.FADD : IrOp.ADD, it, l, r);
            case SUB -> ir.emit(fl ? IrOp.FSUB : IrOp.SUB, it, l, r);
            case MUL -> ir.emit(fl ? IrOp.FMUL : IrOp.MUL, it, l, r);
            case DIV, REM -> {
                if (fl) {
                    yield ir.emit(IrOp.FDIV, it, l, r);
                }
                if (!divisorNonZero) {
                    checkDivisor(it, signed, l, r);
                }
                IrOp o = op == BinaryOp.DIV ? (signed ? IrOp.SDIV : IrOp.UDIV) : (signed ? IrOp.SREM : IrOp.UREM);
                yield ir.emit(o, it, l, r);
            }
            case BIT_AND -> ir.emit(IrOp.AND, it, l, r);
            case BIT_OR -> ir.emit(IrOp.OR, it, l, r);
            case BIT_XOR -> ir.emit(IrOp.XOR, it, l, r);
            case SHL -> ir.emit(IrOp.SHL, it, l, r);
            case SHR -> ir.emit(signed ? IrOp.SSHR : IrOp.USHR, it, l, r);
            default -> throw new IllegalStateException(op + " is not an arithmetic operator");
        };
    }

    /** Divisor 0 traps; for signed types MIN / -1 (and MIN % -1) traps as overflow. */
    private void checkDivisor(IrType it, boolean signed, int l, int r) {
        int zero = ir.iconst(it, 0);
        ir.check(ir.emit(IrOp.NE, it, r, zero), TrapKind.DIVISION_BY_ZERO);
        if (signed) {
            long min = it.bits() == 64 ? Long.MIN_VALUE : -(1L << (it.bits() - 1));
            int isMin = ir.emit(IrOp.EQ, it, l, ir.iconst(it, min));
            int isMinusOne = ir.emit(IrOp.EQ, it, r, ir.iconst(it, -1));
            int overflow = ir.emit(IrOp.AND, IrType.I8, isMin, isMinusOne);
            int ok = ir.emit(IrOp.XOR, IrType.I8, overflow, ir.iconst(IrType.I8, 1));
            ir.check(ok, TrapKind.DIVISION_OVERFLOW);
        }
    }

    /** A comparison of two scalars or vectors of type {@code t}: I8 0/1, or a lane mask for vectors. */
    int compare(BinaryOp op, Type t, int l, int r) {
        IrType it = IrTypes.scalar(t);
        boolean signed = signedLanes(t);
        IrOp o;
        if (it.isFloat()) {
            o = switch (op) {
                case EQ -> IrOp.FEQ;
                case NE -> IrOp.FNE;
                case LT -> IrOp.FLT;
                case LE -> IrOp.FLE;
                case GT -> IrOp.FGT;
                default -> IrOp.FGE;
            };
        } else {
            o = switch (op) {
                case EQ -> IrOp.EQ;
                case NE -> IrOp.NE;
                case LT -> signed ? IrOp.SLT : IrOp.ULT;
                case LE -> signed ? IrOp.SLE : IrOp.ULE;
                case GT -> signed ? IrOp.SGT : IrOp.UGT;
                default -> signed ? IrOp.SGE : IrOp.UGE;
            };
        }
        return ir.emit(o, it, l, r);
    }

    /**
     * Text equality: equal lengths, then a byte loop that stops at the first difference. Returns
     * an I8; the loop's blocks take no variables (nothing in it assigns one).
     */
    int textEquals(int[] a, int[] b) {
        int done = ir.newBlock(IrType.I8);
        int loop = ir.newBlock(IrType.I64);
        int sameLen = ir.emit(IrOp.EQ, IrType.I64, a[1], b[1]);
        int zero = ir.iconst(IrType.I64, 0);
        int no = ir.iconst(IrType.I8, 0);
        ir.branch(sameLen, loop, new int[] {zero}, done, new int[] {no});
        ir.switchTo(loop);
        int i = ir.param(loop, 0);
        int body = ir.newBlock();
        int more = ir.emit(IrOp.SLT, IrType.I64, i, a[1]);
        int yes = ir.iconst(IrType.I8, 1);
        ir.branch(more, body, new int[0], done, new int[] {yes});
        ir.switchTo(body);
        int x = ir.emit(IrOp.LOAD, IrType.I8, new int[] {ir.emit(IrOp.ADD, IrType.I64, a[0], i)}, 0);
        int y = ir.emit(IrOp.LOAD, IrType.I8, new int[] {ir.emit(IrOp.ADD, IrType.I64, b[0], i)}, 0);
        int next = ir.emit(IrOp.ADD, IrType.I64, i, ir.iconst(IrType.I64, 1));
        int differ = ir.iconst(IrType.I8, 0);
        int latch = ir.newBlock();
        ir.branch(ir.emit(IrOp.EQ, IrType.I8, x, y), latch, new int[0], done, new int[] {differ});
        ir.switchTo(latch);
        ir.jump(loop, new int[] {next});
        ir.switchTo(done);
        return ir.param(done, 0);
    }

    int negate(Type t, int x) {
        IrType it = IrTypes.scalar(t);
        if (it.isFloat()) {
            return ir.emit(IrOp.FNEG, it, x);
        }
        int zero = ir.iconst(it.lane(), 0);
        if (it.isVector()) {
            zero = ir.emit(IrOp.SPLAT, it, zero);
        }
        return ir.emit(IrOp.SUB, it, zero, x);
    }

    /** {@code !x}: logical not of a bool, bitwise not of an int. */
    int not(Type t, int x) {
        IrType it = IrTypes.scalar(t);
        return ir.emit(IrOp.XOR, it, x, ir.iconst(it, t instanceof Type.Bool ? 1 : -1));
    }

    int minMax(boolean min, Type t, int a, int b) {
        IrType it = IrTypes.scalar(t);
        if (it.isFloat()) {
            return ir.emit(min ? IrOp.FMIN : IrOp.FMAX, it, a, b);
        }
        boolean signed = signedLanes(t);
        IrOp o = min ? (signed ? IrOp.SLT : IrOp.ULT) : (signed ? IrOp.SGT : IrOp.UGT);
        return ir.emit(IrOp.SELECT, it, ir.emit(o, it, a, b), a, b);
    }

    int abs(Type t, int x) {
        IrType it = IrTypes.scalar(t);
        if (it.isFloat()) {
            return ir.emit(IrOp.FABS, it, x);
        }
        if (!signedLanes(t)) {
            return x;
        }
        int zero = ir.iconst(it, 0);
        int neg = ir.emit(IrOp.SUB, it, zero, x);
        return ir.emit(IrOp.SELECT, it, ir.emit(IrOp.SLT, it, x, zero), neg, x);
    }

    /** {@code v as to} between int, float and bool types (bool to int, int to bool as {@code != 0}). */
    int cast(Type from, Type to, int v) {
        IrType f = IrTypes.scalar(from);
        IrType t = IrTypes.scalar(to);
        if (to instanceof Type.Bool && !(from instanceof Type.Bool)) {
            return ir.emit(IrOp.NE, f, v, ir.iconst(f, 0));
        }
        if (f.isInt() && t.isInt()) {
            if (f.bits() == t.bits()) {
                return v;
            }
            if (f.bits() > t.bits()) {
                return ir.emit(IrOp.TRUNC, t, v);
            }
            return ir.emit(from instanceof Type.Int i && i.signed() ? IrOp.SEXT : IrOp.ZEXT, t, v);
        }
        if (f.isInt()) {
            return ir.emit(from instanceof Type.Int i && i.signed() ? IrOp.SITOF : IrOp.UITOF, t, v);
        }
        if (t.isInt()) {
            return ir.emit(to instanceof Type.Int i && !i.signed() ? IrOp.FTOUI : IrOp.FTOSI, t, v);
        }
        if (f == t) {
            return v;
        }
        return ir.emit(f == IrType.F32 ? IrOp.FPROMOTE : IrOp.FDEMOTE, t, v);
    }

    /** Integer lanes of signed types compare and divide signed; SIMD int vectors are signed. */
    private static boolean signedLanes(Type t) {
        if (t instanceof Type.Int i) {
            return i.signed();
        }
        return t instanceof Type.Simd s && s.elem() instanceof Type.Int i && i.signed();
    }
}
