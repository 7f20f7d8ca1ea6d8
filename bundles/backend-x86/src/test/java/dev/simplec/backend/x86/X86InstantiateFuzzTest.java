package dev.simplec.backend.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrValue;
import dev.simplec.inference.TemplateInferenceEngine;
import dev.simplec.inference.fuzz.TemplateGen;

/**
 * Whole instantiation on x86-64 (docs/reliability.md): a template the checker accepts
 * ({@link TemplateGen}) either compiles or fails with the LIMIT error, and its code, run natively
 * on the generated arguments in the test harness's child process ({@link Differential}), gives
 * the reference interpreter's answer bit for bit — results, the bytes of the slice arguments
 * afterwards, or the trap (exit status 134 and its message). Seeds:
 * {@code src/test/resources/dev/simplec/backend/x86/X86InstantiateFuzzTestInputs/instantiate/}.
 */
class X86InstantiateFuzzTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();
    private static final X86Backend BACKEND = new X86Backend();

    @FuzzTest(maxDuration = "10m")
    void instantiate(FuzzedDataProvider data) throws Exception {
        TemplateGen.Program p = TemplateGen.generate(data);
        IrModule module;
        byte[] code;
        try {
            module = ENGINE.instantiate(p.source(), p.typeArgs());
            code = BACKEND.compile(module).code();
        } catch (SimplecException e) {
            if (e.kind() != ErrorKind.LIMIT) {
                fail("a generated template does not compile:\n" + p + "\n" + e.getMessage(), e);
            }
            return;
        }
        List<List<Differential.Arg>> calls = new ArrayList<>();
        for (List<TemplateGen.Arg> args : p.calls()) {
            calls.add(marshal(args));
        }
        try {
            Differential.check(module, code, calls);
        } catch (AssertionError e) {
            throw new AssertionError("native code and the interpreter disagree:\n" + p + "\n" + module
                    + "\n" + BACKEND.disassemble(module), e);
        }
        // The same module compiles to the same bytes: codegen is deterministic.
        assertEquals(java.util.HexFormat.of().formatHex(code), java.util.HexFormat.of().formatHex(BACKEND.compile(module).code()));
    }

    /** A slice becomes its buffer's address and its length, as the entry's IR parameters take them. */
    private static List<Differential.Arg> marshal(List<TemplateGen.Arg> args) {
        List<Differential.Arg> out = new ArrayList<>();
        for (TemplateGen.Arg a : args) {
            if (a instanceof TemplateGen.Scalar s) {
                out.add(Differential.val(s.value()));
            } else if (a instanceof TemplateGen.Slice sl) {
                out.add(Differential.buf(sl.bytes()));
                out.add(Differential.val(IrValue.i64(sl.length())));
            }
        }
        return out;
    }
}
