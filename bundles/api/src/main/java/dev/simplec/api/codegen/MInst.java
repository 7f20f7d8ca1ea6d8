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
    /**
     * The roles as bit masks over operand indexes, worked out once: the allocator's passes ask
     * for every operand of every instruction several times. Operands beyond 63 are never asked for.
     */
    private final long readMask;
    private final long writeMask;
    private final long earlyMask;

    public MInst(MOpcode op, long imm, int... regs) {
        this(op, imm, null, regs.clone(), false);
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
        readMask = OperandRole.maskOf(roles, OperandRole::reads);
        writeMask = OperandRole.maskOf(roles, OperandRole::writes);
        earlyMask = OperandRole.maskOf(roles, OperandRole::isEarlyDef);
    }

    private MInst(MOpcode op, long imm, OperandRole @Nullable [] roles, int[] regs, boolean unused) {
        this.op = op;
        this.regs = regs;
        this.imm = imm;
        this.roles = roles;
        if (roles == null) {
            // The opcode's roles: masks it may keep per opcode (selection makes an instruction per IR value and more).
            readMask = op.readMask(regs.length);
            writeMask = op.writeMask(regs.length);
            earlyMask = op.earlyMask(regs.length);
            return;
        }
        readMask = OperandRole.maskOf(roles, OperandRole::reads);
        writeMask = OperandRole.maskOf(roles, OperandRole::writes);
        earlyMask = OperandRole.maskOf(roles, OperandRole::isEarlyDef);
    }

    /** Bit i set: operand i is read (USE, USE_DEF); {@link #role} without a call per operand. */
    public long readMask() {
        return readMask;
    }

    /** Bit i set: operand i is written (DEF, USE_DEF, EARLY_DEF). */
    public long writeMask() {
        return writeMask;
    }

    /** Bit i set: operand i is an EARLY_DEF. */
    long earlyMask() {
        return earlyMask;
    }

    /** An instruction that takes ownership of {@code regs} (and {@code roles}): for the allocator's rewriting, no copies. */
    static MInst owning(MOpcode op, long imm, OperandRole @Nullable [] roles, int[] regs) {
        return new MInst(op, imm, roles, regs, false);
    }

    /** Rewrites register operand {@code index} in place: only the allocator, on code it owns. */
    void setReg(int index, int reg) {
        regs[index] = reg;
    }

    /** The operand roles the instruction carries itself, or null when the opcode's apply (shared, never modified). */
    OperandRole @Nullable [] ownRoles() {
        return roles;
    }

    /**
     * An instruction on {@code regs}, which it keeps rather than copies (selection makes one per
     * instruction): a varargs call passes a fresh array; a caller passing its own array must not
     * change it afterwards.
     */
    public static MInst of(MOpcode op, int... regs) {
        return new MInst(op, 0, null, regs, false);
    }

    /** {@link #of} with an immediate: keeps {@code regs} as {@link #of} does (the constructor copies them). */
    public static MInst ofImm(MOpcode op, long imm, int... regs) {
        return new MInst(op, imm, null, regs, false);
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
