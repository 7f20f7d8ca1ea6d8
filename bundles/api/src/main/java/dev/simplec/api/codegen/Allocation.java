package dev.simplec.api.codegen;

import java.util.Arrays;

/**
 * Where each virtual register lives: a physical register, or a spill slot for its whole life.
 * Spill slots are numbered in 8-byte units from the bottom of the spill area; a 16- or 32-byte
 * value's slot starts at a multiple of its size (2 or 4 units), so the area needs no more than
 * {@link #slotCount()} units.
 */
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

    void spill(int vreg, int bytes) {
        int units = bytes / 8;
        int at = (slotCount + units - 1) / units * units;
        register[Regs.virtualIndex(vreg)] = -1;
        slot[Regs.virtualIndex(vreg)] = at;
        slotCount = at + units;
    }

    /** The physical register of {@code vreg}, or -1 when it is spilled or unused. */
    public int register(int vreg) {
        return register[Regs.virtualIndex(vreg)];
    }

    /** The spill slot of {@code vreg} (in 8-byte units), or -1 when it lives in a register. */
    public int slot(int vreg) {
        return slot[Regs.virtualIndex(vreg)];
    }

    /** Size of the spill area in 8-byte units. */
    public int slotCount() {
        return slotCount;
    }
}
