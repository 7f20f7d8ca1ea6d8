package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.List;

/** A function in machine instructions: blocks in layout order (block 0 is the entry) and its virtual registers. */
public final class MFunction {
    private final String name;
    private final List<MBlock> blocks = new ArrayList<>();
    private final List<RegClass> vregClasses = new ArrayList<>();
    private final List<Integer> vregBytes = new ArrayList<>();

    public MFunction(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public List<MBlock> blocks() {
        return blocks;
    }

    public MBlock addBlock() {
        MBlock b = new MBlock();
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
        vregClasses.add(cls);
        vregBytes.add(bytes);
        return Regs.virtual(vregClasses.size() - 1);
    }

    public int vregCount() {
        return vregClasses.size();
    }

    public RegClass vregClass(int vreg) {
        return vregClasses.get(Regs.virtualIndex(vreg));
    }

    /** Bytes {@code vreg} holds (8 for scalars, 16 / 32 for vectors): the size of its spill slot and its copies. */
    public int vregBytes(int vreg) {
        return vregBytes.get(Regs.virtualIndex(vreg));
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
