package dev.simplec.api.codegen;

import java.util.List;

import dev.simplec.api.ir.IrStackSlot;

/**
 * Where a function's IR stack slots (struct literals) go inside its frame: offsets from the
 * bottom of the slot area, which the target places at a 16-byte-aligned address. A slot aligned
 * to more than 16 bytes (32: a 256-bit vector field) cannot be placed statically without a frame
 * pointer; it gets 16 bytes of slack instead, and the target computes its address at run time by
 * rounding {@code base + offset} up to its alignment ({@link #roundsUp}).
 */
public final class StackSlots {
    private final int[] offsets;
    private final boolean[] roundUp;
    private final int size;

    private StackSlots(int[] offsets, boolean[] roundUp, int size) {
        this.offsets = offsets;
        this.roundUp = roundUp;
        this.size = size;
    }

    public static StackSlots layout(List<IrStackSlot> slots) {
        int[] offsets = new int[slots.size()];
        boolean[] roundUp = new boolean[slots.size()];
        int at = 0;
        for (int i = 0; i < slots.size(); i++) {
            IrStackSlot s = slots.get(i);
            int align = Math.min(s.align(), 16);
            at = (at + align - 1) / align * align;
            offsets[i] = at;
            roundUp[i] = s.align() > 16;
            at += s.size() + (roundUp[i] ? s.align() - 16 : 0);
        }
        return new StackSlots(offsets, roundUp, (at + 15) / 16 * 16);
    }

    /** Offset of slot {@code i} from the (16-byte-aligned) bottom of the area. */
    public int offset(int i) {
        return offsets[i];
    }

    /** Whether slot {@code i}'s address must be rounded up to its alignment at run time. */
    public boolean roundsUp(int i) {
        return roundUp[i];
    }

    /** Bytes of the whole area, a multiple of 16. */
    public int size() {
        return size;
    }
}
