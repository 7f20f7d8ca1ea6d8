package dev.simplec.api.ir;

/** How a block ends. */
public sealed interface IrTerminator {
    /** Return {@code value} (or nothing, when {@link IrInst#NO_VALUE}) to the caller. */
    record Ret(int value) implements IrTerminator {
    }
}
