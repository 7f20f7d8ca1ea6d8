package dev.simplec.backend.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * Instructions whose register operands the allocator may all spill, which once needed more scratch
 * registers than there were (INTERNAL errors): a select (test and cmov) with its condition and
 * both values spilled, an integer store to {@code [base + index]} with value, base and index
 * spilled, and vector min/max (an expansion whose result must not share an input's register)
 * with result and inputs spilled. Templates in {@code src/test/resources/templates/}, run against
 * the interpreter.
 */
class X86SpilledOperandsTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();
    private final Random rnd = new Random(7);

    static String template(String name) throws IOException {
        try (InputStream in = X86SpilledOperandsTest.class.getResourceAsStream("/templates/" + name)) {
            assertTrue(in != null, name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private byte[] ints(int count, int bits) {
        ByteBuffer xs = ByteBuffer.allocate(count * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < count; k++) {
            long v = rnd.nextLong() >> rnd.nextInt(64);
            switch (bits) {
                case 64 -> xs.putLong(v);
                case 32 -> xs.putInt((int) v);
                case 16 -> xs.putShort((short) v);
                default -> xs.put((byte) v);
            }
        }
        return xs.array();
    }

    /** min, max and abs (the template language's selects) at every int width. */
    @Test
    void selectWithEveryOperandSpilled() throws Exception {
        String source = template("spilled_select.spt");
        for (String select : List.of("min(a, b)", "max(a, b)", "abs(a - b)")) {
            for (int bits : new int[] {64, 32, 16, 8}) {
                IrModule m = ENGINE.instantiate(source.replace("SELECT", select), List.of(TypeInfo.integer(bits, true)));
                List<List<Differential.Arg>> calls = new ArrayList<>();
                for (long n : new long[] {0, 1, 3}) {
                    calls.add(List.of(Differential.buf(ints(14, bits)), Differential.val(IrValue.i64(14)), Differential.val(IrValue.i64(n))));
                }
                assertEquals(0, Differential.check(m, calls), select + " at i" + bits);
            }
        }
    }

    /** The store itself, a store of a sum, and loads of ys[i] into arithmetic, under the same pressure. */
    @Test
    void indexedStoreWithEveryOperandSpilled() throws Exception {
        String source = template("spilled_store.spt");
        for (String stmt : List.of("ys[i] = v;", "ys[i] = v + i;", "acc = v + ys[i];", "acc = acc + ys[i] * v;")) {
            IrModule m = ENGINE.instantiate(source.replace("STMT", stmt), List.of());
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (long n : new long[] {0, 1, 3}) {
                calls.add(List.of(Differential.buf(ints(14, 64)), Differential.val(IrValue.i64(14)), Differential.buf(ints(4, 64)),
                        Differential.val(IrValue.i64(4)), Differential.val(IrValue.i64(n))));
            }
            // ys shorter than n: the store's bounds check traps.
            calls.add(List.of(Differential.buf(ints(14, 64)), Differential.val(IrValue.i64(14)), Differential.buf(ints(2, 64)),
                    Differential.val(IrValue.i64(2)), Differential.val(IrValue.i64(3))));
            assertEquals(1, Differential.check(m, calls), stmt);
        }
    }

    /** min and max of float vectors (and the emulated integer vector multiplies), 256-bit ones where the CPU has AVX2. */
    @Test
    void vectorOperationWithEveryOperandSpilled() throws Exception {
        String source = template("spilled_vector.spt");
        List<String[]> cases = new ArrayList<>(List.of(new String[] {"f64x2", "min(a, b)"}, new String[] {"f64x2", "max(a, b)"},
                new String[] {"f32x4", "min(a, b)"}, new String[] {"f32x4", "max(a, b)"}, new String[] {"i32x4", "a * b"},
                new String[] {"i64x2", "a * b"}));
        if (HostCpu.hasAvx2()) {
            cases.add(new String[] {"f32x8", "min(a, b)"});
            cases.add(new String[] {"f64x4", "max(a, b)"});
        }
        for (String[] c : cases) {
            IrModule m = ENGINE.instantiate(source.replace("TYPE", c[0]).replace("EXPR", c[1]), List.of());
            int bytes = c[0].endsWith("x8") || c[0].endsWith("x4") && c[0].startsWith("f64") ? 32 : 16;
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (long n : new long[] {0, 1, 3}) {
                ByteBuffer xs = ByteBuffer.allocate(3 * bytes).order(ByteOrder.LITTLE_ENDIAN);
                while (xs.hasRemaining()) {
                    if (c[0].startsWith("f64")) {
                        xs.putDouble(rnd.nextGaussian() * 100);
                    } else if (c[0].startsWith("f32")) {
                        xs.putFloat((float) (rnd.nextGaussian() * 100));
                    } else {
                        xs.putLong(rnd.nextLong() >> rnd.nextInt(64));
                    }
                }
                calls.add(List.of(Differential.buf(xs.array()), Differential.val(IrValue.i64(3)), Differential.val(IrValue.i64(n))));
            }
            assertEquals(0, Differential.check(m, calls), c[0] + " " + c[1]);
        }
    }
}
