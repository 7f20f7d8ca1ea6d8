package dev.simplec.inference.check;

import java.math.BigInteger;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Whether a literal fits its type. An integer literal is its unsigned 64-bit value; directly
 * negated ({@code -128}) it may reach the signed minimum. Unsigned types take 0 to 2^bits-1
 * (a negated unsigned literal wraps, like every integer negation).
 */
public final class LiteralRanges {
    private LiteralRanges() {
    }

    /** Null when {@code value} fits {@code type}, else the message. */
    public static @Nullable String checkInt(long value, boolean negated, Type.Int type) {
        int bits = type.bits();
        // The limit as an unsigned 64-bit value: 2^(bits-1)-1 (2^(bits-1) negated) signed, 2^bits-1 unsigned.
        long limit = type.signed() ? (1L << (bits - 1)) - 1 + (negated ? 1 : 0)
                : bits == 64 ? -1L : (1L << bits) - 1;
        if (Long.compareUnsigned(value, limit) <= 0) {
            return null;
        }
        return message(value, negated, type);
    }

    /** The exact check, with the message: reached only for literals the fast check could not accept. */
    private static @Nullable String message(long value, boolean negated, Type.Int type) {
        BigInteger v = new BigInteger(Long.toUnsignedString(value));
        BigInteger max;
        BigInteger min;
        if (type.signed()) {
            max = BigInteger.ONE.shiftLeft(type.bits() - 1).subtract(BigInteger.ONE);
            min = max.add(BigInteger.ONE).negate();
        } else {
            max = BigInteger.ONE.shiftLeft(type.bits()).subtract(BigInteger.ONE);
            min = BigInteger.ZERO;
        }
        BigInteger limit = negated && type.signed() ? max.add(BigInteger.ONE) : max;
        if (v.compareTo(limit) <= 0) {
            return null;
        }
        return "integer literal " + (negated ? "-" : "") + v + " does not fit in " + type + " (" + min + " to " + max + ")";
    }

    /** Null when the literal text is finite in {@code type}, else the message. */
    public static @Nullable String checkFloat(String text, Type.Float type) {
        boolean finite = type.bits() == 32 ? Float.isFinite(Float.parseFloat(text)) : Double.isFinite(Double.parseDouble(text));
        return finite ? null : "float literal " + text + " is out of range for " + type;
    }
}
