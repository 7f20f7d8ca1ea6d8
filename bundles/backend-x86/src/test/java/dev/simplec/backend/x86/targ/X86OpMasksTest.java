package dev.simplec.backend.x86.targ;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.simplec.api.codegen.OperandRole;

/** The operand masks {@link X86Op} keeps per opcode say what {@link X86Op#role} says, operand by operand. */
class X86OpMasksTest {
    private static final int[] COUNTS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 63, 64, 70};

    @Test
    void masksAgreeWithRolesForEveryOpcodeAndOperandCount() {
        for (X86Op op : X86Op.values()) {
            for (int count : COUNTS) {
                long reads = 0;
                long writes = 0;
                long earlies = 0;
                for (int i = 0; i < count && i < 64; i++) {
                    OperandRole role = op.role(i);
                    reads |= role.reads() ? 1L << i : 0;
                    writes |= role.writes() ? 1L << i : 0;
                    earlies |= role == OperandRole.EARLY_DEF ? 1L << i : 0;
                }
                String what = op + " with " + count + " operands";
                assertEquals(reads, op.readMask(count), what + ": reads");
                assertEquals(writes, op.writeMask(count), what + ": writes");
                assertEquals(earlies, op.earlyMask(count), what + ": early definitions");
            }
        }
    }
}
