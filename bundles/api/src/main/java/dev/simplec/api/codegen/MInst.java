package dev.simplec.api.codegen;

import java.util.Arrays;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One machine instruction: an opcode, its register operands (physical or virtual) and one
 * immediate. Operand roles come from the opcode, unless the instruction carries its own (a call
 * whose result and argument registers vary from call to call).
 */
public final class MInst {
    private final MOpcode op;
    private final int[] regs;
    private final long imm;
    private final OperandRole @Nullable [] roles;

    public MInst(MOpcode op, long imm, int... regs) {
        this.op = op;
        this.regs = regs.clone();
        this.imm = imm;
        this.roles = null;
    }

    /** An instruction whose operand roles are {@code roles} (one per register), whatever the opcode says. */
    public MInst(MOpcode op, long imm, OperandRole[] roles, int... regs) {
        if (roles.length != regs.length) {
            throw new IllegalArgumentException(op + ": " + roles.length + " roles for " + regs.length + " registers");
        }
        this.op = op;
        this.regs = regs.clone();
        this.imm = imm;
        this.roles = roles.clone();
    }

    private MInst(MOpcode op, long imm, OperandRole @Nullable [] roles, int[] regs, boolean unused) {
        this.op = op;
        this.regs = regs;
        this.imm = imm;
        this.roles = roles;
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

    /** What this instruction does with register operand {@code index}. */
    public OperandRole role(int index) {
        OperandRole[] r = roles;
        return r != null ? r[index] : op.role(index);
    }

    public long imm() {
        return imm;
    }

    /** The same instruction (opcode, roles, immediate) on other registers (same count). */
    public MInst withRegs(int[] newRegs) {
        if (newRegs.length != regs.length) {
            throw new IllegalArgumentException(op.toString() + " has " + regs.length + " register operands");
        }
        return new MInst(op, imm, roles, newRegs.clone(), false);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(op.toString().toLowerCase(java.util.Locale.ROOT));
        for (int i = 0; i < regs.length; i++) {
            sb.append(i == 0 ? " " : ", ");
            sb.append(Regs.isVirtual(regs[i]) ? "%" + Regs.virtualIndex(regs[i]) : "r" + regs[i]);
        }
        return imm == 0 ? sb.toString() : sb.append(" #").append(imm).toString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MInst other && op == other.op && imm == other.imm && Arrays.equals(regs, other.regs)
                && Arrays.equals(roles, other.roles);
    }

    @Override
    public int hashCode() {
        return (op.hashCode() * 31 + Arrays.hashCode(regs)) * 31 + Long.hashCode(imm);
    }
}
