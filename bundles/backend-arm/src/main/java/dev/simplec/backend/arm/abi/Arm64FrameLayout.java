package dev.simplec.backend.arm.abi;

import java.util.List;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.backend.arm.emit.Gpr;

/**
 * The stack frame of one function, with an AAPCS64 frame record (x29, x30) when there is a frame:
 * <pre>
 *   [x29 + 16 + k]       incoming stack arguments (caller's frame)
 *   [x29], [x29 + 8]     saved x29, x30 (frame record)
 *   [sp + 8*i]           callee-saved registers, in {@link #saved} order (x as x, v as d)
 *   [sp + 8*(n + slot)]  spill slots; the area is rounded up to 16 bytes
 * </pre>
 * A leaf function that spills nothing and uses no callee-saved register has no frame: its stack
 * arguments are at {@code [sp + k]}.
 */
public record Arm64FrameLayout(List<Integer> saved, int spillSlots) {
    /** {@code sub sp, sp, #imm12} bounds the frame this round (about 500 slots). */
    public static final int MAX_LOCAL_BYTES = 4080;

    public Arm64FrameLayout {
        saved = List.copyOf(saved);
        if (localBytes(saved.size(), spillSlots) > MAX_LOCAL_BYTES) {
            throw new SimplecException(ErrorKind.LIMIT, "aarch64: the stack frame needs " + localBytes(saved.size(), spillSlots)
                    + " bytes for spills and saved registers; the limit is " + MAX_LOCAL_BYTES);
        }
    }

    private static int localBytes(int savedCount, int spillSlots) {
        return (8 * (savedCount + spillSlots) + 15) & ~15;
    }

    public boolean hasFrame() {
        return !saved.isEmpty() || spillSlots > 0;
    }

    public int localBytes() {
        return localBytes(saved.size(), spillSlots);
    }

    public int savedOffset(int index) {
        return 8 * index;
    }

    public int spillOffset(int slot) {
        return 8 * (saved.size() + slot);
    }

    /** The register incoming stack arguments are addressed from. */
    public Gpr argBase() {
        return hasFrame() ? Gpr.X29 : Gpr.SP;
    }

    /** Offset from {@link #argBase} of the incoming stack argument at {@code stackOffset}. */
    public int argOffset(int stackOffset) {
        int off = (hasFrame() ? 16 : 0) + stackOffset;
        if (off > 32760) {
            throw new SimplecException(ErrorKind.LIMIT, "aarch64: stack argument at offset " + stackOffset + " is out of ldr range");
        }
        return off;
    }
}
