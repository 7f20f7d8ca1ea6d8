package dev.simplec.backend.arm.targ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.simplec.api.codegen.MOpcode;
import dev.simplec.api.codegen.OperandRole;

/**
 * The operand masks {@link Arm64Op} keeps per opcode say what {@link Arm64Op#role} says, operand
 * by operand; asked for more operands than a fixed opcode has, they fail as {@code role} does.
 */
class Arm64OpMasksTest {
    private static final int[] COUNTS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 63, 64, 70};

    @Test
    void masksAgreeWithRolesForEveryOpcodeAndOperandCount() {
        for (Arm64Op op : Arm64Op.values()) {
            // Calls name no operands (their instructions carry the roles): any count is too many.
            int limit = op.isCall() ? 0 : op.operandCount();
            for (int count : COUNTS) {
                String what = op + " with " + count + " operands";
                if (limit >= 0 && count > limit) {
                    assertThrows(IllegalArgumentException.class, () -> op.role(count - 1), what);
                    assertThrows(IllegalArgumentException.class, () -> op.readMask(count), what);
                    assertThrows(IllegalArgumentException.class, () -> op.writeMask(count), what);
                    assertThrows(IllegalArgumentException.class, () -> op.earlyMask(count), what);
                } else {
                    assertEquals(MOpcode.maskByRole(op, count, OperandRole::reads), op.readMask(count), what + ": reads");
                    assertEquals(MOpcode.maskByRole(op, count, OperandRole::writes), op.writeMask(count), what + ": writes");
                    assertEquals(MOpcode.maskByRole(op, count, OperandRole::isEarlyDef), op.earlyMask(count), what + ": early definitions");
                }
            }
        }
    }
}
