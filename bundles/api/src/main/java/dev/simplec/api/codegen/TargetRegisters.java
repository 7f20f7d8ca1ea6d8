package dev.simplec.api.codegen;

/**
 * What the shared allocator needs to know about a target's register file. Physical registers are
 * numbered {@code 0 .. physicalCount()-1}. Spill slots are numbered in 8-byte units from the
 * bottom of the function's spill area (see {@link Allocation}); where that area sits in the frame
 * is the target's business.
 */
public interface TargetRegisters {
    int physicalCount();

    String name(int reg);

    RegClass regClass(int reg);

    /** Registers the allocator may hand out, in preference order (caller-saved first, so leaf code saves nothing). */
    int[] allocationOrder(RegClass cls);

    /**
     * Registers reserved for spill code and edge moves, never allocated and never used by
     * instruction selection; at least two per class (two spilled operands of one instruction; a
     * parallel-move cycle plus a memory-to-memory move).
     */
    int[] scratch(RegClass cls);

    /** Whether the callee must preserve {@code reg} for its caller. */
    boolean isCalleeSaved(int reg);

    /** {@code reg = spill slot slot} for an 8-byte value. */
    MInst spillLoad(int reg, int slot);

    /** {@code spill slot slot = reg} for an 8-byte value. */
    MInst spillStore(int reg, int slot);

    /** {@code reg = spill slot slot} for a value of {@code bytes} (8, 16 or 32). Targets with vectors override. */
    default MInst spillLoad(int reg, int slot, int bytes) {
        if (bytes != 8) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " does not spill " + bytes + "-byte values");
        }
        return spillLoad(reg, slot);
    }

    /** {@code spill slot slot = reg} for a value of {@code bytes} (8, 16 or 32). Targets with vectors override. */
    default MInst spillStore(int reg, int slot, int bytes) {
        if (bytes != 8) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " does not spill " + bytes + "-byte values");
        }
        return spillStore(reg, slot);
    }

    /**
     * A register-to-register copy {@code dst = src} of a value of {@code bytes} within one class,
     * used to resolve edge moves ({@link ParallelMoves}). Every target with block parameters must
     * implement it; the default fails.
     */
    default MInst move(int dst, int src, int bytes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement TargetRegisters.move");
    }
}
