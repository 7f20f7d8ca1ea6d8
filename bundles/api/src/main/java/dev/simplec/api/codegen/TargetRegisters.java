package dev.simplec.api.codegen;

/**
 * What the shared allocator needs to know about a target's register file. Physical registers are
 * numbered {@code 0 .. physicalCount()-1}.
 */
public interface TargetRegisters {
    int physicalCount();

    String name(int reg);

    RegClass regClass(int reg);

    /** Registers the allocator may hand out, in preference order (caller-saved first, so leaf code saves nothing). */
    int[] allocationOrder(RegClass cls);

    /**
     * Registers reserved for spill code, never allocated and never used by instruction selection;
     * at least two per class (two spilled operands of one instruction).
     */
    int[] scratch(RegClass cls);

    /** Whether the callee must preserve {@code reg} for its caller. */
    boolean isCalleeSaved(int reg);

    /** {@code reg = spill slot slot} (every slot is 8 bytes). */
    MInst spillLoad(int reg, int slot);

    /** {@code spill slot slot = reg}. */
    MInst spillStore(int reg, int slot);
}
