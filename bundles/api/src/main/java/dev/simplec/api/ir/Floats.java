package dev.simplec.api.ir;

/** Float lane semantics of the IR: IEEE 754 binary32/binary64, round to nearest, as written. */
final class Floats {
    private Floats() {
    }

    static long binary(IrOp op, IrType lane, long a, long b) {
        if (lane.bits() == 32) {
            float x = Float.intBitsToFloat((int) a);
            float y = Float.intBitsToFloat((int) b);
            float r = switch (op) {
                case FADD -> x + y;
                case FSUB -> x - y;
                case FMUL -> x * y;
                case FDIV -> x / y;
                case FMIN -> Float.isNaN(y) || x < y ? x : y;
                case FMAX -> Float.isNaN(y) || x > y ? x : y;
                default -> throw new IllegalStateException(op + " is not a binary float operation");
            };
            return Float.floatToRawIntBits(r) & 0xffff_ffffL;
        }
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double r = switch (op) {
            case FADD -> x + y;
            case FSUB -> x - y;
            case FMUL -> x * y;
            case FDIV -> x / y;
            case FMIN -> Double.isNaN(y) || x < y ? x : y;
            case FMAX -> Double.isNaN(y) || x > y ? x : y;
            default -> throw new IllegalStateException(op + " is not a binary float operation");
        };
        return Double.doubleToRawLongBits(r);
    }

    static long unary(IrOp op, IrType lane, long a) {
        long sign = lane.bits() == 32 ? 0x8000_0000L : Long.MIN_VALUE;
        return switch (op) {
            case FNEG -> a ^ sign;
            case FABS -> a & ~sign;
            case FSQRT -> lane.bits() == 32
                    ? Float.floatToRawIntBits((float) Math.sqrt(Float.intBitsToFloat((int) a))) & 0xffff_ffffL
                    : Double.doubleToRawLongBits(Math.sqrt(Double.longBitsToDouble(a)));
            default -> throw new IllegalStateException(op + " is not a unary float operation");
        };
    }

    static boolean compare(IrOp op, IrType lane, long a, long b) {
        double x = lane.bits() == 32 ? Float.intBitsToFloat((int) a) : Double.longBitsToDouble(a);
        double y = lane.bits() == 32 ? Float.intBitsToFloat((int) b) : Double.longBitsToDouble(b);
        return switch (op) {
            case FEQ -> x == y;
            case FNE -> !(x == y);
            case FLT -> x < y;
            case FLE -> x <= y;
            case FGT -> x > y;
            case FGE -> x >= y;
            default -> throw new IllegalStateException(op + " is not a float comparison");
        };
    }
}
