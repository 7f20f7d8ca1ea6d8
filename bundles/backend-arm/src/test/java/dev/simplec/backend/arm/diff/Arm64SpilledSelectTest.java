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
 * A select (compare, csel) whose condition and both operands the allocator spills, the case that
 * failed on x86-64 with three spilled operands in one cmov. Template:
 * {@code src/test/resources/templates/spilled_select.spt}, with min, max and abs at every int width:
 * it compiles, and under qemu-aarch64 gives the interpreter's answers.
 */
class Arm64SpilledSelectTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();

    private static String template() throws IOException {
        try (InputStream in = Arm64SpilledSelectTest.class.getResourceAsStream("/templates/spilled_select.spt")) {
            assertTrue(in != null, "spilled_select.spt is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void selectWithEveryOperandSpilled() throws Exception {
        String source = template();
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
}
