package dev.simplec.backend.x86.abi;

import java.util.List;

import dev.simplec.backend.x86.emit.Gpr;

/**
 * The stack frame of one function, addressed from rsp (no frame pointer):
 * <pre>
 *   [rsp + argOffset(k)]   incoming stack arguments (caller's frame)
 *                          return address
 *                          callee-saved registers, pushed in {@link #saved} order
 *   [rsp + 8*slot]         spill slots; the area is padded so rsp stays 16-byte aligned
 * </pre>
 * A leaf function that spills nothing and uses no callee-saved register has no frame at all.
 */
public record X86FrameLayout(List<Gpr> saved, int spillSlots) {
    public X86FrameLayout {
        saved = List.copyOf(saved);
    }

    /** Bytes the prologue subtracts from rsp after the pushes. */
    public int localBytes() {
        if (spillSlots == 0) {
            return 0;
        }
        int bytes = 8 * spillSlots;
        int pushed = 8 + 8 * saved.size(); // return address + pushes
        return (pushed + bytes) % 16 == 0 ? bytes : bytes + 8;
    }

    public int spillOffset(int slot) {
        return 8 * slot;
    }

    /** rsp-relative offset of the incoming stack argument at {@code stackOffset} (as {@link SysVAbi#params} gives it). */
    public int argOffset(int stackOffset) {
        return localBytes() + 8 * saved.size() + 8 + stackOffset;
    }
}
