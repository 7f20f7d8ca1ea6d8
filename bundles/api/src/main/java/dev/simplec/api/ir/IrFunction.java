package dev.simplec.api.ir;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One monomorphized function. {@code valueCount} is one more than the highest value number;
 * {@code ret} is null for a function that returns nothing. Block 0 is the entry.
 */
public record IrFunction(String name, List<IrType> params, @Nullable IrType ret, List<IrBlock> blocks, int valueCount) {
    public IrFunction {
        params = List.copyOf(params);
        blocks = List.copyOf(blocks);
    }
}
