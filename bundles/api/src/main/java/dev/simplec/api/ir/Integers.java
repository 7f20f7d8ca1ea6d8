package dev.simplec.api.ir;

/** Integer lane semantics of the IR: two's complement at the lane's width, values kept sign-extended. */
final class Integers {
    private Integers() {
    }

    static long zext(long v, int bits) {
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    static long binary(IrOp op, IrType lane, long a, long b, String function) {
        int w = lane.bits();
        long r = switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SDIV, SREM -> {
                if (b == 0 || (a == minOf(w) && b == -1)) {
                    throw new IllegalStateException(op + " of " + a + " by " + b + " in " + function
                            + ": lowering must check the divisor first");
                }
                yield op == IrOp.SDIV ? a / b : a % b;
            }
            case UDIV, UREM -> {
                if (b == 0) {
                    throw new IllegalStateException(op + " by zero in " + function + ": lowering must check the divisor first");
                }
                yield op == IrOp.UDIV ? Long.divideUnsigned(zext(a, w), zext(b, w)) : Long.remainderUnsigned(zext(a, w), zext(b, w));
            }
            case SHL -> a << (b & (w - 1));
            case SSHR -> a >> (b & (w - 1));
            case USHR -> zext(a, w) >>> (b & (w - 1));
            default -> throw new IllegalStateException(op + " is not an integer operation");
        };
        return IrValue.canonical(lane, r);
    }

    static boolean compare(IrOp op, IrType lane, long a, long b) {
        int w = lane.bits();
        return switch (op) {
            case EQ -> a == b;
            case NE -> a != b;
            case SLT -> a < b;
            case SLE -> a <= b;
            case SGT -> a > b;
            case SGE -> a >= b;
            case ULT -> Long.compareUnsigned(zext(a, w), zext(b, w)) < 0;
            case ULE -> Long.compareUnsigned(zext(a, w), zext(b, w)) <= 0;
            case UGT -> Long.compareUnsigned(zext(a, w), zext(b, w)) > 0;
            case UGE -> Long.compareUnsigned(zext(a, w), zext(b, w)) >= 0;
            default -> throw new IllegalStateException(op + " is not an integer comparison");
        };
    }

    static long minOf(int bits) {
        return bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
    }

    static long maxOf(int bits) {
        return bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    }
}
