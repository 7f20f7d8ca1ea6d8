package dev.simplec.api.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;

/** The shared size limits: code past 1 MiB and IR past its limits fail with LIMIT and these messages. */
class CodeLimitsTest {
    private static final String CODE = "the generated code is too large: more than 1048576 bytes (the limit is 1048576)";

    private static void limit(String message, org.junit.jupiter.api.function.Executable call) {
        SimplecException e = assertThrows(SimplecException.class, call);
        assertEquals(message, e.getMessage());
        assertEquals(ErrorKind.LIMIT, e.kind());
    }

    @Test
    void aBufferHoldsExactlyOneMebibyte() {
        CodeBuffer buf = new CodeBuffer();
        for (int i = 0; i < CodeLimits.MAX_CODE_BYTES; i++) {
            buf.put8(i);
        }
        assertEquals(1 << 20, buf.size());
        limit(CODE, () -> buf.put8(0));
        limit(CODE, () -> buf.put32(0));
        assertEquals(1 << 20, buf.finish().length);
    }

    @Test
    void aWordThatWouldCrossTheLimitIsRefused() {
        CodeBuffer buf = new CodeBuffer(16);
        for (int i = 0; i < CodeLimits.MAX_CODE_BYTES - 2; i++) {
            buf.put8(i);
        }
        limit(CODE, () -> buf.put32(0));
        limit(CODE, () -> buf.putBytes(new byte[3]));
        buf.putBytes(new byte[] {1, 2});
        limit(CODE, () -> buf.put64(0));
        byte[] all = buf.finish();
        assertEquals(1 << 20, all.length);
        assertEquals(2, all[all.length - 1]);
    }

    @Test
    void aLargeCapacityIsCappedAtTheLimit() {
        CodeBuffer buf = new CodeBuffer(Integer.MAX_VALUE);
        for (int i = 0; i < CodeLimits.MAX_CODE_BYTES / 4; i++) {
            buf.put32(i);
        }
        limit(CODE, () -> buf.put8(0));
    }

    private static IrFunction constants(String name, int n) {
        List<IrInst> insts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            insts.add(new IrInst(IrOp.ICONST, IrType.I64, i, new int[0], i));
        }
        return new IrFunction(name, List.of(), List.of(IrType.I64), List.of(new IrBlock(insts, IrTerminator.Ret.of(n - 1))), n);
    }

    @Test
    void irSizeCountsInstructionsAndBlocks() {
        assertEquals(20_000, CodeLimits.size(constants("f", 19_999)));
        assertEquals(20_000, CodeLimits.checkFunction(constants("f", 19_999)));
        limit("function g is too large: 20001 IR instructions (the limit is 20000)",
                () -> CodeLimits.checkFunction(constants("g", 20_000)));
    }

    @Test
    void aModuleIsLimitedAsAWhole() {
        List<IrFunction> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(constants("f" + i, 19_999));
        }
        CodeLimits.check(new IrModule(five));
        List<IrFunction> six = new ArrayList<>(five);
        six.add(constants("f5", 1));
        limit("the instantiation is too large: more than 100000 IR instructions in all functions together (the limit is 100000)",
                () -> CodeLimits.check(new IrModule(six)));
    }
}
