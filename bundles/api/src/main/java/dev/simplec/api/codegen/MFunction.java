package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A function in machine instructions: blocks in layout order (block 0 is the entry) and its virtual registers. */
public final class MFunction {
    private final String name;
    private final List<MBlock> blocks = new ArrayList<>();
    // Per virtual register, in plain arrays (no boxing: selection makes one per IR value and more).
    private RegClass[] vregClasses;
    private int[] vregBytes;
    private int vregCount;

    public MFunction(String name) {
        this(name, 32);
    }

    /** A function expecting about {@code vregs} virtual registers (selection knows: one per IR value and a few more). */
    public MFunction(String name, int vregs) {
        this.name = name;
        int capacity = Math.max(8, vregs);
        this.vregClasses = new RegClass[capacity];
        this.vregBytes = new int[capacity];
    }

    public String name() {
        return name;
    }

    public List<MBlock> blocks() {
        return blocks;
    }

    public MBlock addBlock() {
        return addBlock(10);
    }

    /** A new block with room for about {@code capacity} instructions (selection knows roughly how many: no list growth). */
    public MBlock addBlock(int capacity) {
        MBlock b = new MBlock(capacity);
        blocks.add(b);
        return b;
    }

    /** A new virtual register of {@code cls} holding at most 8 bytes (a scalar). */
    public int newVreg(RegClass cls) {
        return newVreg(cls, 8);
    }

    /** A new virtual register of {@code cls} holding {@code bytes} (8, 16 or 32: its spill slot size). */
    public int newVreg(RegClass cls, int bytes) {
        if (bytes != 8 && bytes != 16 && bytes != 32) {
            throw new IllegalArgumentException("a virtual register holds 8, 16 or 32 bytes, not " + bytes);
        }
        if (vregCount == vregBytes.length) {
            vregClasses = Arrays.copyOf(vregClasses, 2 * vregCount);
            vregBytes = Arrays.copyOf(vregBytes, 2 * vregCount);
        }
        vregClasses[vregCount] = cls;
        vregBytes[vregCount] = bytes;
        return Regs.virtual(vregCount++);
    }

    public int vregCount() {
        return vregCount;
    }

    public RegClass vregClass(int vreg) {
        int i = Regs.virtualIndex(vreg);
        if (i >= vregCount) {
            throw new IndexOutOfBoundsException("%" + i + " of " + vregCount + " virtual registers");
        }
        return vregClasses[i];
    }

    /** Bytes {@code vreg} holds (8 for scalars, 16 / 32 for vectors): the size of its spill slot and its copies. */
    public int vregBytes(int vreg) {
        int i = Regs.virtualIndex(vreg);
        if (i >= vregCount) {
            throw new IndexOutOfBoundsException("%" + i + " of " + vregCount + " virtual registers");
        }
        return vregBytes[i];
    }

    /** Total instruction count over all blocks. */
    public int instCount() {
        int n = 0;
        for (MBlock b : blocks) {
            n += b.insts().size();
        }
        return n;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(":\n");
        for (int b = 0; b < blocks.size(); b++) {
            sb.append("b").append(b).append(":\n");
            for (MInst i : blocks.get(b).insts()) {
                sb.append("  ").append(i).append('\n');
            }
        }
        return sb.toString();
    }
}
