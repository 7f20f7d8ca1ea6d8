package dev.simplec.api.codegen;

/** Where the calling convention puts one argument or result. */
public sealed interface ArgLocation {
    /** In physical register {@code reg} of the target. */
    record InReg(int reg) implements ArgLocation {
    }

    /** In the caller's outgoing-argument area, {@code offset} bytes above the stack pointer at the call. */
    record OnStack(int offset) implements ArgLocation {
    }
}
