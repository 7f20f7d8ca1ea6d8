package dev.simplec.api.ir;

import java.util.List;

/** A basic block: parameters, straight-line instructions, then one terminator. Blocks are numbered by position. */
public record IrBlock(List<IrBlockParam> params, List<IrInst> insts, IrTerminator terminator) {
    public IrBlock {
        params = IrList.copyOf(params);
        insts = IrList.copyOf(insts);
    }

    /** A block without parameters. */
    public IrBlock(List<IrInst> insts, IrTerminator terminator) {
        this(List.of(), insts, terminator);
    }
}
