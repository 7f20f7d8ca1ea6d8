package dev.simplec.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.simplec.api.ir.IrType;

/**
 * The value syntax of the {@code // call:} lines of template tests ({@link SptFile}), shared by the
 * interpreter runs here and by the native runs of the same calls in the distribution's tests:
 * scalars, slices {@code [1, 2]:i64}, text {@code "a\n"} and structs {@code {1:i64, 2.5:f64}}, turned
 * into the bits and bytes a call passes.
 */
public final class SptValues {
    private SptValues() {
    }

    /** Splits on commas outside brackets, braces and quotes. */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ']' || c == '}')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (!s.substring(start).isBlank()) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** The text between a text literal's quotes, its escapes undone. */
    public static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** The IR type of a scalar element type as tests spell it ({@code u8}, {@code bool}, {@code f64}). */
    public static IrType irType(String t) {
        return switch (t) {
            case "i8", "u8", "bool" -> IrType.I8;
            case "i16", "u16" -> IrType.I16;
            case "i32", "u32" -> IrType.I32;
            case "i64", "u64" -> IrType.I64;
            case "f32" -> IrType.F32;
            case "f64" -> IrType.F64;
            default -> throw new IllegalArgumentException("unknown element type " + t);
        };
    }

    /** The bits of a literal as a value of {@code t}. */
    public static long bits(String lit, IrType t) {
        if (lit.equals("true") || lit.equals("false")) {
            return lit.equals("true") ? 1 : 0;
        }
        if (t == IrType.F32) {
            return Float.floatToRawIntBits(Float.parseFloat(lit)) & 0xffff_ffffL;
        }
        if (t == IrType.F64) {
            return Double.doubleToRawLongBits(Double.parseDouble(lit));
        }
        return lit.startsWith("-") ? Long.parseLong(lit) : Long.parseUnsignedLong(lit);
    }

    /** The elements of a slice literal, each {@code et.bytes()} little-endian bytes. */
    public static byte[] sliceBytes(List<String> elems, IrType et) {
        byte[] bytes = new byte[elems.size() * et.bytes()];
        for (int k = 0; k < elems.size(); k++) {
            put(bytes, k * et.bytes(), et.bytes(), bits(elems.get(k).trim(), et));
        }
        return bytes;
    }

    /** Fields {@code value:type} at C offsets (each aligned to its size). */
    public static byte[] structBytes(List<String> fields) {
        byte[] bytes = new byte[256];
        int off = 0;
        for (String f : fields) {
            int colon = f.lastIndexOf(':');
            IrType t = irType(f.substring(colon + 1).trim());
            off = (off + t.bytes() - 1) / t.bytes() * t.bytes();
            put(bytes, off, t.bytes(), bits(f.substring(0, colon).trim(), t));
            off += t.bytes();
        }
        return Arrays.copyOf(bytes, Math.max(off, 1));
    }

    /** The low {@code size} bytes of {@code bits}, little-endian, at {@code bytes[off]}. */
    public static void put(byte[] bytes, int off, int size, long bits) {
        for (int b = 0; b < size; b++) {
            bytes[off + b] = (byte) (bits >>> (8 * b));
        }
    }
}
