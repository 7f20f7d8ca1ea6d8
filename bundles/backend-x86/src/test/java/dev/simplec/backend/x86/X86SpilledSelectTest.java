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
 * A select (test and cmov) whose condition and both operands the allocator spills: it once
 * needed three scratch registers where there are two (an INTERNAL error). Template:
 * {@code src/test/resources/templates/spilled_select.spt}, with min, max and abs at every int width,
 * run against the interpreter.
 */
class X86SpilledSelectTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();

    static String template() throws IOException {
        try (InputStream in = X86SpilledSelectTest.class.getResourceAsStream("/templates/spilled_select.spt")) {
            assertTrue(in != null, "spilled_select.spt is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void selectWithEveryOperandSpilled() throws Exception {
        String source = template();
        Random rnd = new Random(7);
        for (String select : List.of("min(a, b)", "max(a, b)", "abs(a - b)")) {
            for (int bits : new int[] {64, 32, 16, 8}) {
                IrModule m = ENGINE.instantiate(source.replace("SELECT", select), List.of(TypeInfo.integer(bits, true)));
                List<List<Differential.Arg>> calls = new ArrayList<>();
                for (long n : new long[] {0, 1, 3}) {
                    ByteBuffer xs = ByteBuffer.allocate(14 * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
                    for (int k = 0; k < 14; k++) {
                        long v = rnd.nextLong() >> rnd.nextInt(64);
                        switch (bits) {
                            case 64 -> xs.putLong(v);
                            case 32 -> xs.putInt((int) v);
                            case 16 -> xs.putShort((short) v);
                            default -> xs.put((byte) v);
                        }
                    }
                    calls.add(List.of(Differential.buf(xs.array()), Differential.val(IrValue.i64(14)), Differential.val(IrValue.i64(n))));
                }
                assertEquals(0, Differential.check(m, calls), select + " at i" + bits);
            }
        }
    }
}
