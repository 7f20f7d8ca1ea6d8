package dev.simplec.api.ir;

/** Conversion semantics of the IR (SEXT … FDEMOTE). */
final class Conversions {
    private static final double TWO_64 = 18446744073709551616.0;
    private static final double TWO_63 = 9223372036854775808.0;

    private Conversions() {
    }

    static long convert(IrOp op, IrType from, IrType to, long v) {
        return switch (op) {
            case SEXT, TRUNC -> IrValue.canonical(to, v);
            case ZEXT -> IrValue.canonical(to, Integers.zext(v, from.bits()));
            case SITOF -> fromDouble(to, v, false);
            case UITOF -> fromDouble(to, Integers.zext(v, from.bits()), from.bits() == 64);
            case FTOSI -> IrValue.canonical(to, toSigned(toDouble(from, v), to.bits()));
            case FTOUI -> IrValue.canonical(to, toUnsigned(toDouble(from, v), to.bits()));
            case FPROMOTE -> Double.doubleToRawLongBits(Float.intBitsToFloat((int) v));
            case FDEMOTE -> Float.floatToRawIntBits((float) Double.longBitsToDouble(v)) & 0xffff_ffffL;
            default -> throw new IllegalStateException(op + " is not a conversion");
        };
    }

    private static double toDouble(IrType from, long v) {
        return from.bits() == 32 ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
    }

    /** An integer to float, rounded once to nearest; {@code unsigned64}: v holds an unsigned 64-bit value. */
    private static long fromDouble(IrType to, long v, boolean unsigned64) {
        if (unsigned64 && v < 0) {
            // Halve keeping the lost bit as a sticky bit, convert (one rounding), double exactly.
            long half = (v >>> 1) | (v & 1);
            return to.bits() == 32 ? Float.floatToRawIntBits((float) half * 2f) & 0xffff_ffffL
                    : Double.doubleToRawLongBits((double) half * 2.0);
        }
        return to.bits() == 32 ? Float.floatToRawIntBits((float) v) & 0xffff_ffffL : Double.doubleToRawLongBits((double) v);
    }

    private static long toSigned(double d, int bits) {
        if (Double.isNaN(d)) {
            return 0;
        }
        long r = (long) d; // truncates toward zero, saturates at the long range
        return Math.max(Integers.minOf(bits), Math.min(Integers.maxOf(bits), r));
    }

    private static long toUnsigned(double d, int bits) {
        if (Double.isNaN(d) || d <= 0) {
            return 0;
        }
        if (bits == 64) {
            if (d >= TWO_64) {
                return -1L;
            }
            return d >= TWO_63 ? (long) (d - TWO_63) + Long.MIN_VALUE : (long) d;
        }
        return Math.min((1L << bits) - 1, (long) d);
    }
}
