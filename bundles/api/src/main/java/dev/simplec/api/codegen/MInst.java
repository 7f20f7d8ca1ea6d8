package dev.simplec.api.codegen;

import java.util.Arrays;

/** One machine instruction: an opcode, its register operands (physical or virtual) and one immediate. */
public final class MInst {
    private final MOpcode op;
    private final int[] regs;
    private final long imm;

    public MInst(MOpcode op, long imm, int... regs) {
        this.op = op;
        this.regs = regs.clone();
        this.imm = imm;
    }

    public static MInst of(MOpcode op, int... regs) {
        return new MInst(op, 0, regs);
    }

    public MOpcode op() {
        return op;
    }

    public int regCount() {
        return regs.length;
    }

    public int reg(int index) {
        return regs[index];
    }

    public long imm() {
        return imm;
    }

    /** The same instruction on other registers (same count). */
    public MInst withRegs(int[] newRegs) {
        if (newRegs.length != regs.length) {
            throw new IllegalArgumentException(op.toString() + " has " + regs.length + " register operands");
        }
        return new MInst(op, imm, newRegs);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(op.toString().toLowerCase());
        for (int i = 0; i < regs.length; i++) {
            sb.append(i == 0 ? " " : ", ");
            sb.append(Regs.isVirtual(regs[i]) ? "%" + Regs.virtualIndex(regs[i]) : "r" + regs[i]);
        }
        return imm == 0 ? sb.toString() : sb.append(" #").append(imm).toString();
    }

    @Override
    public boolean equals(@org.eclipse.jdt.annotation.Nullable Object o) {
        return o instanceof MInst other && op == other.op && imm == other.imm && Arrays.equals(regs, other.regs);
    }

    @Override
    public int hashCode() {
        return (op.hashCode() * 31 + Arrays.hashCode(regs)) * 31 + Long.hashCode(imm);
    }
}
