package dev.simplec.backend.arm.diff;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The harness ends a call that never returns once its time budget is spent, with a message,
 * instead of leaving the test run waiting on a miscompiled loop.
 */
class HarnessBudgetTest {
    @Test
    void aCallThatNeverReturnsFailsOnceItsBudgetIsSpent() throws Exception {
        Harness.command(); // skips here when qemu or the cross compiler is missing
        String spin = "00000014"; // b . : a branch to itself
        String script = "B " + spin + "\nC 0" + " 0".repeat(8 + 16 + 1) + "\n";
        AssertionError e = assertThrows(AssertionError.class, () -> Harness.run(script, 1));
        assertTrue(e.getMessage().contains(" exited with 3:\narm_harness: a call ran longer than its time budget (a loop that never ends?)"),
                e.getMessage());
    }
}
