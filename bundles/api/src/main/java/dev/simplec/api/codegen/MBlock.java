package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

/** A basic block of machine instructions and the blocks control may flow to after it. */
public final class MBlock {
    private final List<MInst> insts = new ArrayList<>();
    private int[] successors = {};

    public List<MInst> insts() {
        return insts;
    }

    public void add(MInst inst) {
        insts.add(inst);
    }

    public int[] successors() {
        return successors.clone();
    }

    public void setSuccessors(int... blockIndexes) {
        this.successors = blockIndexes.clone();
    }
}
