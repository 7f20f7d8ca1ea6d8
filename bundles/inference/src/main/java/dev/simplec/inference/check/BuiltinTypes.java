package dev.simplec.inference.check;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;
import dev.simplec.inference.util.Maps;

/** The named built-in types: scalars, text and the SIMD vectors of SPEC §5. */
public final class BuiltinTypes {
    private static final Map<String, Type> BY_NAME = table();

    private BuiltinTypes() {
    }

    public static @Nullable Type lookup(String name) {
        return Maps.get(BY_NAME, name);
    }

    private static Map<String, Type> table() {
        Map<String, Type> m = new HashMap<>();
        for (int bits : new int[] {8, 16, 32, 64}) {
            m.put("i" + bits, new Type.Int(bits, true));
            m.put("u" + bits, new Type.Int(bits, false));
        }
        m.put("f32", new Type.Float(32));
        m.put("f64", Type.F64);
        m.put("bool", Type.BOOL);
        m.put("text", Type.TEXT);
        // 128-bit and 256-bit vectors; the element types are the ones SPEC §5 lists.
        String[] simd = {"f32x4", "f64x2", "i32x4", "i64x2", "i16x8", "i8x16", "f32x8", "f64x4", "i32x8", "i64x4"};
        for (String s : simd) {
            int x = s.indexOf('x');
            Type elem = Maps.get(m, s.substring(0, x));
            if (elem != null) {
                m.put(s, new Type.Simd(Integer.parseInt(s.substring(x + 1)), elem));
            }
        }
        return Map.copyOf(m);
    }
}
