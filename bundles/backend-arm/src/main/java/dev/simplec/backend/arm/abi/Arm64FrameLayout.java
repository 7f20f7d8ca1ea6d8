package dev.simplec.backend.arm.abi;

import java.util.List;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.StackSlots;
import dev.simplec.api.ir.IrStackSlot;
import dev.simplec.backend.arm.emit.Gpr;

/**
 * The stack frame of one function, with an AAPCS64 frame record (x29, x30) when there is a frame:
 * <pre>
 *   [x29 + 16 + k]            incoming stack arguments (caller's frame)
 *   [x29], [x29 + 8]          saved x29, x30 (frame record)
 *   [sp + slotsBase + …]      IR stack slots (struct literals), 16-byte aligned
 *   [sp + spillBase + 8*u]    spill slots (8-byte units; a q register takes two, 16-byte aligned)
 *   [sp + savedBase + 8*i]    callee-saved registers, in {@link #saved} order (x as x, v as d)
 *   [sp + k]                  outgoing stack arguments of calls
 * </pre>
 * Each area is a multiple of 16 bytes, so sp stays 16-byte aligned. A leaf function that spills
 * nothing, keeps no stack slot and uses no callee-saved register has no frame: its stack arguments
 * are at {@code [sp + k]}.
 */
public final class Arm64FrameLayout {
    /** Two {@code sub sp} immediates (12 bits, and 12 bits shifted by 12) bound the frame. */
    public static final int MAX_LOCAL_BYTES = 0xFFFFF0;

    private final List<Integer> saved;
    private final int spillUnits;
    private final int outgoingBytes;
    private final List<IrStackSlot> irSlots;
    private final StackSlots slots;
    private final boolean calls;

    /**
     * {@code saved}: callee-saved registers to preserve; {@code spillUnits}: the allocator's spill
     * area in 8-byte units; {@code outgoingBytes}: the largest stack-argument area of a call;
     * {@code irSlots}: the function's stack slots; {@code calls}: whether it calls (x30 must be saved).
     */
    public Arm64FrameLayout(List<Integer> saved, int spillUnits, int outgoingBytes, List<IrStackSlot> irSlots, boolean calls) {
        this.saved = List.copyOf(saved);
        this.spillUnits = spillUnits;
        this.outgoingBytes = outgoingBytes;
        this.irSlots = List.copyOf(irSlots);
        this.slots = StackSlots.layout(irSlots);
        this.calls = calls;
        if (localBytes(saved.size(), spillUnits, outgoingBytes, slots) > MAX_LOCAL_BYTES) {
            throw new SimplecException(ErrorKind.LIMIT, "aarch64: the stack frame needs "
                    + localBytes(saved.size(), spillUnits, outgoingBytes, slots) + " bytes; the limit is " + MAX_LOCAL_BYTES);
        }
    }

    public List<Integer> saved() {
        return saved;
    }

    public StackSlots slots() {
        return slots;
    }

    /** The alignment IR stack slot {@code i} asks for. */
    public int slotAlign(int i) {
        return irSlots.get(i).align();
    }

    private static int round16(int n) {
        return (n + 15) & ~15;
    }

    private static int localBytes(int savedCount, int spillUnits, int outgoing, StackSlots slots) {
        return round16(outgoing) + round16(8 * savedCount) + round16(8 * spillUnits) + slots.size();
    }

    public boolean hasFrame() {
        return calls || !saved.isEmpty() || spillUnits > 0 || slots.size() > 0 || outgoingBytes > 0;
    }

    public int localBytes() {
        return localBytes(saved.size(), spillUnits, outgoingBytes, slots);
    }

    public int savedOffset(int index) {
        return round16(outgoingBytes) + 8 * index;
    }

    public int spillOffset(int unit) {
        return round16(outgoingBytes) + round16(8 * saved.size()) + 8 * unit;
    }

    /** Offset from sp of IR stack slot {@code i} (before any run-time round-up, see {@link StackSlots#roundsUp}). */
    public int slotOffset(int i) {
        return round16(outgoingBytes) + round16(8 * saved.size()) + round16(8 * spillUnits) + slots.offset(i);
    }

    /** The register incoming stack arguments are addressed from. */
    public Gpr argBase() {
        return hasFrame() ? Gpr.X29 : Gpr.SP;
    }

    /** Offset from {@link #argBase} of the incoming stack argument at {@code stackOffset}. */
    public int argOffset(int stackOffset) {
        return (hasFrame() ? 16 : 0) + stackOffset;
    }
}
