package dev.simplec.api.codegen;

import java.util.Arrays;

/** Where each virtual register lives: a physical register, or a spill slot for its whole life. */
public final class Allocation {
    private final int[] register;
    private final int[] slot;
    private int slotCount;

    Allocation(int vregCount) {
        register = new int[vregCount];
        slot = new int[vregCount];
        Arrays.fill(register, -1);
        Arrays.fill(slot, -1);
    }

    void assign(int vreg, int physical) {
        register[Regs.virtualIndex(vreg)] = physical;
    }

    void spill(int vreg) {
        register[Regs.virtualIndex(vreg)] = -1;
        slot[Regs.virtualIndex(vreg)] = slotCount++;
    }

    /** The physical register of {@code vreg}, or -1 when it is spilled or unused. */
    public int register(int vreg) {
        return register[Regs.virtualIndex(vreg)];
    }

    /** The spill slot of {@code vreg}, or -1 when it lives in a register. */
    public int slot(int vreg) {
        return slot[Regs.virtualIndex(vreg)];
    }

    public int slotCount() {
        return slotCount;
    }
}
