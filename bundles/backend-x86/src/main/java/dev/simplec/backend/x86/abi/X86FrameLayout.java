package dev.simplec.backend.x86.abi;

import java.util.List;

import dev.simplec.api.codegen.StackSlots;
import dev.simplec.backend.x86.emit.Gpr;

/**
 * The stack frame of one function, addressed from rsp (no frame pointer):
 * <pre>
 *   [rsp + argOffset(k)]        incoming stack arguments (caller's frame)
 *                               return address
 *                               callee-saved registers, pushed in {@link #saved} order
 *                               padding to 16 bytes
 *   [rsp + slotOffset(i)]       IR stack slots (struct literals), {@link StackSlots} layout
 *   [rsp + spillOffset(slot)]   spill slots, 8-byte units
 *   [rsp + 0 …]                 outgoing stack arguments of calls
 * </pre>
 * rsp stays 16-byte aligned below the pushes whenever the function calls or has locals. A leaf
 * function that spills nothing and uses no callee-saved register has no frame at all.
 */
public record X86FrameLayout(List<Gpr> saved, int spillUnits, int outgoing, StackSlots slots, boolean calls) {
    public X86FrameLayout {
        saved = List.copyOf(saved);
    }

    private int spillBytes() {
        return (8 * spillUnits + 15) / 16 * 16;
    }

    /** Bytes the prologue subtracts from rsp after the pushes. */
    public int localBytes() {
        int bytes = (outgoing + 15) / 16 * 16 + spillBytes() + slots.size();
        if (bytes == 0 && !calls) {
            return 0;
        }
        int pushed = 8 + 8 * saved.size(); // return address + pushes
        return (pushed + bytes) % 16 == 0 ? bytes : bytes + 8;
    }

    public int spillOffset(int slot) {
        return (outgoing + 15) / 16 * 16 + 8 * slot;
    }

    /** Offset of IR stack slot {@code i} (16-byte aligned base; see {@link StackSlots#roundsUp}). */
    public int slotOffset(int i) {
        return (outgoing + 15) / 16 * 16 + spillBytes() + slots.offset(i);
    }

    /** rsp-relative offset of the incoming stack argument at {@code stackOffset} (as {@link SysVAbi#params} gives it). */
    public int argOffset(int stackOffset) {
        return localBytes() + 8 * saved.size() + 8 + stackOffset;
    }
}
