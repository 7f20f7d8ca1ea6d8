package dev.simplec.backend.arm.diff;

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
import dev.simplec.backend.arm.Arm64Backend;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * Instructions whose operands the allocator may all spill, the cases that failed on x86-64 for want
 * of scratch registers: a select (compare, csel) with its condition and both values spilled
 * ({@code spilled_select.spt}: min, max and abs at every int width), a store to {@code ys[i]}
 * with value, address and index spilled ({@code spilled_store.spt}), and vector min, max and
 * multiply with result and inputs spilled ({@code spilled_vector.spt}). Templates in
 * {@code src/test/resources/templates/}: they compile, and under qemu-aarch64 give the
 * interpreter's answers.
 */
class Arm64SpilledOperandsTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();

    private static String template(String name) throws IOException {
        try (InputStream in = Arm64SpilledOperandsTest.class.getResourceAsStream("/templates/" + name)) {
            assertTrue(in != null, name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void selectWithEveryOperandSpilled() throws Exception {
        String source = template("spilled_select.spt");
        Random rnd = new Random(7);
        List<IrModule> modules = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String select : List.of("min(a, b)", "max(a, b)", "abs(a - b)")) {
            for (int bits : new int[] {64, 32, 16, 8}) {
                IrModule m = ENGINE.instantiate(source.replace("SELECT", select), List.of(TypeInfo.integer(bits, true)));
                new Arm64Backend().compile(m); // compiles, with or without qemu
                modules.add(m);
                labels.add(select + " at i" + bits);
            }
        }
        Harness.command(); // skips the runs when qemu or the cross compiler is missing
        Batch batch = new Batch();
        for (int k = 0; k < modules.size(); k++) {
            int bits = 64 >> (k % 4);
            for (long n : new long[] {0, 1, 3}) {
                ByteBuffer xs = ByteBuffer.allocate(Math.max(8, 14 * bits / 8)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < 14; i++) {
                    long v = rnd.nextLong() >> rnd.nextInt(64);
                    switch (bits) {
                        case 64 -> xs.putLong(v);
                        case 32 -> xs.putInt((int) v);
                        case 16 -> xs.putShort((short) v);
                        default -> xs.put((byte) v);
                    }
                }
                List<IrValue> args = List.of(IrValue.i64(Batch.BUFFER), IrValue.i64(14), IrValue.i64(n));
                batch.add(labels.get(k), modules.get(k), List.of(args), xs.array());
            }
        }
        assertEquals(List.of(), batch.run());
        assertEquals(3 * modules.size(), batch.calls());
    }

    @Test
    void indexedStoreWithEveryOperandSpilled() throws Exception {
        String source = template("spilled_store.spt");
        Random rnd = new Random(8);
        List<IrModule> modules = new ArrayList<>();
        for (String stmt : List.of("ys[i] = v;", "ys[i] = v + i;", "acc = v + ys[i];", "acc = acc + ys[i] * v;")) {
            IrModule m = ENGINE.instantiate(source.replace("STMT", stmt), List.of());
            new Arm64Backend().compile(m); // compiles, with or without qemu
            modules.add(m);
        }
        Harness.command(); // skips the runs when qemu or the cross compiler is missing
        Batch batch = new Batch();
        for (IrModule m : modules) {
            for (long n : new long[] {0, 1, 3}) {
                // One buffer: xs (14 values) then ys (4 values).
                ByteBuffer mem = ByteBuffer.allocate(8 * 18).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < 18; i++) {
                    mem.putLong(rnd.nextLong() >> rnd.nextInt(64));
                }
                List<IrValue> args = List.of(IrValue.i64(Batch.BUFFER), IrValue.i64(14), IrValue.i64(Batch.BUFFER + 8 * 14), IrValue.i64(4),
                        IrValue.i64(n));
                batch.add(m.functions().get(0).name(), m, List.of(args), mem.array());
            }
        }
        assertEquals(List.of(), batch.run());
        assertEquals(3 * modules.size(), batch.calls());
    }

    @Test
    void vectorOperationWithEveryOperandSpilled() throws Exception {
        String source = template("spilled_vector.spt");
        Random rnd = new Random(9);
        String[][] cases = {{"f64x2", "min(a, b)"}, {"f64x2", "max(a, b)"}, {"f32x4", "min(a, b)"}, {"f32x4", "max(a, b)"},
            {"i32x4", "a * b"}, {"i64x2", "a * b"}, {"f32x8", "min(a, b)"}, {"f64x4", "max(a, b)"}};
        List<IrModule> modules = new ArrayList<>();
        for (String[] c : cases) {
            IrModule m = ENGINE.instantiate(source.replace("TYPE", c[0]).replace("EXPR", c[1]), List.of());
            new Arm64Backend().compile(m); // compiles, with or without qemu
            modules.add(m);
        }
        Harness.command(); // skips the runs when qemu or the cross compiler is missing
        Batch batch = new Batch();
        for (int k = 0; k < cases.length; k++) {
            String type = cases[k][0];
            int bytes = type.equals("f32x8") || type.equals("f64x4") ? 32 : 16;
            for (long n : new long[] {0, 1, 3}) {
                ByteBuffer xs = ByteBuffer.allocate(3 * bytes).order(ByteOrder.LITTLE_ENDIAN);
                while (xs.hasRemaining()) {
                    if (type.startsWith("f64")) {
                        xs.putDouble(rnd.nextGaussian() * 100);
                    } else if (type.startsWith("f32")) {
                        xs.putFloat((float) (rnd.nextGaussian() * 100));
                    } else {
                        xs.putLong(rnd.nextLong() >> rnd.nextInt(64));
                    }
                }
                List<IrValue> args = List.of(IrValue.i64(Batch.BUFFER), IrValue.i64(3), IrValue.i64(n));
                batch.add(type + " " + cases[k][1], modules.get(k), List.of(args), xs.array());
            }
        }
        assertEquals(List.of(), batch.run());
        assertEquals(3 * modules.size(), batch.calls());
    }
}
