package dev.simplec.backend.x86;

import static dev.simplec.api.ir.IrType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * What the backend generates, as its built-in listing prints it ({@link X86Backend#disassemble}),
 * checked in under {@code src/test/resources/golden/} so a reader sees the code and a change to it
 * is deliberate. Run with {@code -Dsimplec.golden.update=true} to rewrite the files.
 */
class X86GoldenTest {
    static void golden(String name, IrModule m) throws Exception {
        Path file = Path.of("src/test/resources/golden/" + name + ".txt");
        String actual = "# x86_64 backend listing (X86Backend.disassemble)\n" + m + "\n" + new X86Backend().disassemble(m);
        if (Boolean.getBoolean("simplec.golden.update")) {
            Files.writeString(file, actual);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual);
    }

    @Test
    void doubleI64() throws Exception {
        Fb f = Fb.of("double", I64, I64);
        int x = f.param(0);
        f.ret(f.op(IrOp.ADD, I64, x, x));
        golden("double_i64", Fb.module(f.build()));
    }

    @Test
    void kernels() throws Exception {
        golden("sum_i64", Kernels.sum());
        golden("fib", Kernels.fib());
        golden("dot_f64x2", Kernels.dotSimd(2));
        golden("saxpy_f32x8", Kernels.saxpy(8));
    }

    /** A count under {@code x >= lo && x <= hi}: one select on both conditions ({@code IfConversion}), no branch in the loop body. */
    @Test
    void shortCircuitCondition() throws Exception {
        golden("count_in_range", new TemplateInferenceEngine().instantiate(countInRange(), List.of(TypeInfo.integer(64, true))));
    }

    /** The corpus template {@code run_count_in_range.spt} (the front end's test jar), at i64. */
    static String countInRange() throws IOException {
        try (InputStream in = X86GoldenTest.class.getResourceAsStream("/templates/run_count_in_range.spt")) {
            if (in == null) {
                throw new IOException("run_count_in_range.spt is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
