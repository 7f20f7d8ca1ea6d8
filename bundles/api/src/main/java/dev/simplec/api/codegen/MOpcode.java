package dev.simplec.api.codegen;

/**
 * A target's machine instruction kind, as much of it as the allocator needs to know: what each
 * register operand does, whether it is a plain register copy (a coalescing hint, deleted when
 * both sides end up in one register) and which physical registers it destroys (calls).
 * Targets implement this with an enum; {@code toString()} is the mnemonic.
 */
public interface MOpcode {
    /** The role of register operand {@code index}; variadic instructions (ret, call) answer for any index. */
    OperandRole role(int index);

    /** A copy {@code regs[0] = regs[1]} within one register class. */
    default boolean isCopy() {
        return false;
    }

    /** Physical registers whose contents do not survive this instruction. */
    default int[] clobbers() {
        return NO_REGS;
    }

    int[] NO_REGS = {};
}
