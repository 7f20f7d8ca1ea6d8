package dev.simplec.api.codegen;

import java.util.List;

/**
 * A function after register allocation: only physical registers remain. The frame needs
 * {@code spillSlots} 8-byte slots and must preserve {@code calleeSaved} (ascending register numbers).
 */
public record AllocatedFunction(MFunction code, int spillSlots, List<Integer> calleeSaved) {
    public AllocatedFunction {
        calleeSaved = List.copyOf(calleeSaved);
    }
}
