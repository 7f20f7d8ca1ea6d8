package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

/** A basic block of machine instructions and the blocks control may flow to after it. */
public final class MBlock {
    private final List<MInst> insts;
    private int[] successors = {};

    public MBlock() {
        this(10);
    }

    MBlock(int capacity) {
        insts = new ArrayList<>(capacity);
    }

    public List<MInst> insts() {
        return insts;
    }

    public void add(MInst inst) {
        insts.add(inst);
    }

    public int[] successors() {
        return successors.clone();
    }

    public int successorCount() {
        return successors.length;
    }

    /** Successor {@code i} (no copy of the array, unlike {@link #successors()}). */
    public int successor(int i) {
        return successors[i];
    }

    /** The successors without a copy, for the allocator's passes (never modified). */
    int[] successorsView() {
        return successors;
    }

    public void setSuccessors(int... blockIndexes) {
        this.successors = blockIndexes.clone();
    }
}
