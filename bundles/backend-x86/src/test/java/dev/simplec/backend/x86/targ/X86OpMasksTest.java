package dev.simplec.backend.x86.targ;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.simplec.api.codegen.MOpcode;
import dev.simplec.api.codegen.OperandRole;

/** The operand masks {@link X86Op} keeps per opcode say what {@link X86Op#role} says, operand by operand. */
class X86OpMasksTest {
    private static final int[] COUNTS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 63, 64, 70};

    @Test
    void masksAgreeWithRolesForEveryOpcodeAndOperandCount() {
        for (X86Op op : X86Op.values()) {
            for (int count : COUNTS) {
                String what = op + " with " + count + " operands";
                assertEquals(MOpcode.maskByRole(op, count, OperandRole::reads), op.readMask(count), what + ": reads");
                assertEquals(MOpcode.maskByRole(op, count, OperandRole::writes), op.writeMask(count), what + ": writes");
                assertEquals(MOpcode.maskByRole(op, count, OperandRole::isEarlyDef), op.earlyMask(count), what + ": early definitions");
            }
        }
    }
}
