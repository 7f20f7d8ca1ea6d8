package dev.simplec.backend.arm;

import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I32;
import static dev.simplec.api.ir.IrType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.simplec.api.codegen.Inlining;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.backend.arm.diff.FnBuilder;
import dev.simplec.backend.arm.diff.Programs;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * What the backend generates, as its built-in listing prints it ({@link Arm64Backend#disassemble},
 * objdump's syntax; {@link Arm64DisassemblerObjdumpTest} checks it against objdump), checked in at
 * {@code src/test/resources/golden/<name>.txt} so a reader sees the code and a reviewer sees every
 * change to it. Run with {@code -Dsimplec.golden.update=true} to rewrite the files after an
 * intended change.
 */
class Arm64GoldenTest {
    static Stream<Arguments> programs() throws IOException {
        // double<i64>
        FnBuilder dbl = new FnBuilder("double", List.of(I64), List.of(I64));
        int x = dbl.param(0);
        dbl.ret(dbl.op(IrOp.ADD, I64, x, x));

        // sum of an i64 slice: a counted loop with block arguments and a fused compare-and-branch
        FnBuilder sum = new FnBuilder("sum", List.of(I64, I64), List.of(I64));
        int data = sum.param(0);
        int len = sum.param(1);
        int head = sum.block(I64, I64);
        int body = sum.block();
        int exit = sum.block(I64);
        sum.jump(head, sum.iconst(I64, 0), sum.iconst(I64, 0));
        sum.at(head);
        int i = sum.blockParam(head, 0);
        int acc = sum.blockParam(head, 1);
        sum.branch(sum.op(IrOp.SLT, I64, i, len), body, new int[0], exit, new int[] {acc});
        sum.at(body);
        int at = sum.op(IrOp.ADD, I64, data, sum.op(IrOp.SHL, I64, i, sum.iconst(I64, 3)));
        sum.jump(head, sum.op(IrOp.ADD, I64, i, sum.iconst(I64, 1)), sum.op(IrOp.ADD, I64, acc, sum.load(I64, at, 0)));
        sum.at(exit);
        sum.ret(sum.blockParam(exit, 0));

        // divmod<i32>: a division check that traps, and a tuple packed into x0
        FnBuilder dm = new FnBuilder("divmod", List.of(I32, I32), List.of(I32, I32));
        int ok = dm.block();
        int bad = dm.block();
        dm.branch(dm.op(IrOp.EQ, I32, dm.param(1), dm.iconst(I32, 0)), bad, ok);
        dm.at(bad);
        dm.trap(TrapKind.DIVISION_BY_ZERO);
        dm.at(ok);
        dm.ret(dm.op(IrOp.SDIV, I32, dm.param(0), dm.param(1)), dm.op(IrOp.SREM, I32, dm.param(0), dm.param(1)));

        // axpy on f32x4 through an internal call (kept, and inlined), with min and a canonicalized f64 result
        FnBuilder vec = new FnBuilder("vaxpy", List.of(F32, IrType.F32X4, IrType.F32X4), List.of(F64));
        int a = vec.op(IrOp.SPLAT, IrType.F32X4, vec.param(0));
        int y = vec.op(IrOp.FADD, IrType.F32X4, vec.op(IrOp.FMUL, IrType.F32X4, a, vec.param(1)), vec.param(2));
        int m = vec.op(IrOp.FMIN, IrType.F32X4, y, vec.param(1));
        int s = vec.call(1, List.of(F32), m)[0];
        vec.ret(vec.op(IrOp.FPROMOTE, F64, s));
        FnBuilder red = new FnBuilder("reduce", List.of(IrType.F32X4), List.of(F32));
        red.ret(red.op(IrOp.REDUCE_ADD, F32, red.param(0)));

        IrModule vaxpy = new IrModule(List.of(vec.build(), red.build()));
        return Stream.of(Arguments.of("double_i64", new IrModule(List.of(dbl.build())), Inlining.SMALL_LEAVES),
                Arguments.of("sum_slice", new IrModule(List.of(sum.build())), Inlining.SMALL_LEAVES),
                Arguments.of("divmod_i32", new IrModule(List.of(dm.build())), Inlining.SMALL_LEAVES),
                Arguments.of("vaxpy_call", vaxpy, Inlining.NONE),
                Arguments.of("vaxpy_inlined", vaxpy, Inlining.SMALL_LEAVES),
                Arguments.of("fib", new IrModule(List.of(Programs.fib())), Inlining.SMALL_LEAVES),
                // x >= lo && x <= hi: one csel on both conditions (IfConversion), no branch in the loop body
                Arguments.of("count_in_range", new TemplateInferenceEngine().instantiate(countInRange(),
                        List.of(TypeInfo.integer(64, true))), Inlining.SMALL_LEAVES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void disassemblyIsAsCheckedIn(String name, IrModule m, Inlining inlining) throws Exception {
        Path golden = Path.of("src/test/resources/golden/" + name + ".txt");
        String header = inlining == Inlining.NONE ? "# aarch64 backend listing (Arm64Backend.build(module, Inlining.NONE))\n"
                : "# aarch64 backend listing (Arm64Backend.disassemble)\n";
        String actual = header + m + "\n" + Arm64Backend.build(m, inlining).listing();
        if (Boolean.getBoolean("simplec.golden.update")) {
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
    }

    /** The corpus template {@code run_count_in_range.spt} (the front end's test jar), at i64. */
    static String countInRange() throws IOException {
        try (InputStream in = Arm64GoldenTest.class.getResourceAsStream("/templates/run_count_in_range.spt")) {
            if (in == null) {
                throw new IOException("run_count_in_range.spt is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
