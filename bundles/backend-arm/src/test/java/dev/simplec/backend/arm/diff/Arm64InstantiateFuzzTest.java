package dev.simplec.backend.arm.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrValue;
import dev.simplec.backend.arm.Arm64Backend;
import dev.simplec.inference.TemplateInferenceEngine;
import dev.simplec.inference.fuzz.TemplateGen;

/**
 * Whole instantiation on AArch64 (docs/reliability.md): a template the checker accepts
 * ({@link TemplateGen}) either compiles or fails with the LIMIT error, and its code, run under
 * qemu-aarch64 ({@link Batch}; skipped, with the reason, where qemu or the cross compiler is
 * missing) on the generated arguments, gives the reference interpreter's answer bit for bit —
 * results, the slice's bytes afterwards, or the trap. Seeds:
 * {@code src/test/resources/dev/simplec/backend/arm/diff/Arm64InstantiateFuzzTestInputs/instantiate/}.
 */
class Arm64InstantiateFuzzTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();

    @FuzzTest(maxDuration = "10m")
    void instantiate(FuzzedDataProvider data) throws Exception {
        Harness.command(); // skips here when qemu or the cross compiler is missing
        TemplateGen.Program p = TemplateGen.generate(data);
        IrModule module;
        try {
            module = ENGINE.instantiate(p.source(), p.typeArgs());
            new Arm64Backend().compile(module);
        } catch (SimplecException e) {
            if (e.kind() != ErrorKind.LIMIT) {
                fail("a generated template does not compile:\n" + p + "\n" + e.getMessage(), e);
            }
            return;
        }
        // The slice (a program has at most one) lives in the batch's memory buffer, at offset 0.
        List<List<IrValue>> calls = new ArrayList<>();
        Batch batch = new Batch();
        for (List<TemplateGen.Arg> args : p.calls()) {
            List<IrValue> values = new ArrayList<>();
            byte[] slice = null;
            for (TemplateGen.Arg a : args) {
                if (a instanceof TemplateGen.Scalar s) {
                    values.add(s.value());
                } else if (a instanceof TemplateGen.Slice sl) {
                    slice = sl.bytes();
                    values.add(IrValue.i64(Batch.BUFFER));
                    values.add(IrValue.i64(sl.length()));
                }
            }
            if (slice != null) {
                // Each call gets its own buffer contents: one program per call.
                batch.add(p.source(), module, List.of(values), Arrays.copyOf(slice, Math.max(8, slice.length)));
            } else {
                calls.add(values);
            }
        }
        if (!calls.isEmpty()) {
            batch.add(p.source(), module, calls, null);
        }
        List<String> failures = batch.run();
        assertEquals(List.of(), failures, "native code and the interpreter disagree:\n" + p);
    }
}
