package dev.simplec.api.ir;

import java.util.List;

/** A basic block: straight-line instructions, then one terminator. Blocks are numbered by position. */
public record IrBlock(List<IrInst> insts, IrTerminator terminator) {
    public IrBlock {
        insts = List.copyOf(insts);
    }
}
