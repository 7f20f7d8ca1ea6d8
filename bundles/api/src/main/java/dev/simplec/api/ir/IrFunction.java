package dev.simplec.api.ir;

import java.util.List;

/**
 * One monomorphized function. {@code params} are its value parameters as the C caller passes
 * them (a slice or text is two: data pointer, length); {@code returns} holds none, one, or two
 * types (a tuple of two scalars, returned as a C struct). {@code valueCount} is one more than the
 * highest value number. Block 0 is the entry and has no parameters.
 */
public record IrFunction(String name, List<IrType> params, List<IrType> returns, List<IrBlock> blocks,
        int valueCount, List<IrStackSlot> stackSlots) {
    public IrFunction {
        params = IrList.copyOf(params);
        returns = IrList.copyOf(returns);
        blocks = IrList.copyOf(blocks);
        stackSlots = IrList.copyOf(stackSlots);
        if (returns.size() > 2) {
            throw new IllegalArgumentException("a function returns at most two values");
        }
    }

    /** A function without stack slots. */
    public IrFunction(String name, List<IrType> params, List<IrType> returns, List<IrBlock> blocks, int valueCount) {
        this(name, params, returns, blocks, valueCount, List.of());
    }
}
