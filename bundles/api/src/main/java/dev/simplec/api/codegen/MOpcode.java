package dev.simplec.api.codegen;

import java.util.function.Predicate;

/**
 * A target's machine instruction kind, as much of it as the allocator needs to know: what each
 * register operand does, whether it is a plain register copy (a coalescing hint, deleted when
 * both sides end up in one register) and which physical registers it destroys (calls).
 * Targets implement this with an enum; {@code toString()} is the mnemonic.
 * <p>
 * Two pseudo-instructions carry block parameters (SSA without phis) through allocation; every
 * target defines one opcode of each:
 * <ul>
 * <li>{@link #isBlockParams()}: the first instruction of a block with parameters; its operands,
 * all {@link OperandRole#DEF}, are the parameters' virtual registers. It emits nothing.</li>
 * <li>{@link #isEdgeMoves()}: the last instruction before a block's jump to block {@code imm};
 * its operands, all {@link OperandRole#USE}, are the arguments, in parameter order. After
 * allocation {@link SpillRewriter} replaces it by the {@link ParallelMoves} from the arguments'
 * locations to the parameters'. Instruction selection must only place it where the jump is the
 * block's single way out (split a conditional branch's edges into blocks of their own).</li>
 * </ul>
 */
public interface MOpcode {
    /** The role of register operand {@code index}; variadic instructions (ret, call) answer for any index. */
    OperandRole role(int index);

    /**
     * Bit i set: operand i of an instruction with {@code count} register operands is read
     * ({@link OperandRole#reads}); operands beyond 63 are never asked for. {@link MInst} asks once
     * per instruction made, where it would ask {@link #role} once per operand: a target may answer
     * from masks it works out once per opcode ({@link OperandRole#maskOf}).
     */
    default long readMask(int count) {
        return maskByRole(this, count, OperandRole::reads);
    }

    /** Bit i set: operand i of an instruction with {@code count} register operands is written ({@link OperandRole#writes}). */
    default long writeMask(int count) {
        return maskByRole(this, count, OperandRole::writes);
    }

    /** Bit i set: operand i of an instruction with {@code count} register operands is an {@link OperandRole#EARLY_DEF}. */
    default long earlyMask(int count) {
        return maskByRole(this, count, OperandRole::isEarlyDef);
    }

    /** The mask of operands 0 .. count-1 (all 64 from 64 on): a mask's every operand. */
    static long operands(int count) {
        return count >= 64 ? -1L : (1L << count) - 1;
    }

    /** The operands {@code which} holds for, {@link #role} asked operand by operand: what a target's own masks must agree with. */
    static long maskByRole(MOpcode op, int count, Predicate<OperandRole> which) {
        long m = 0;
        for (int i = 0; i < count && i < 64; i++) {
            m |= which.test(op.role(i)) ? 1L << i : 0;
        }
        return m;
    }

    /** A copy {@code regs[0] = regs[1]} within one register class. */
    default boolean isCopy() {
        return false;
    }

    /**
     * Whether its result (operand 0) and its first source (operand 1) prefer one register, as a
     * copy's two sides do: a coalescing hint for a three-address form that a two-address machine
     * encodes in place when they share one (x86-64's add of a constant: {@code lea} otherwise).
     */
    default boolean prefersSameRegister() {
        return false;
    }

    /** Physical registers whose contents do not survive this instruction (for a call: the caller-saved set). */
    default int[] clobbers() {
        return NO_REGS;
    }

    /** Defines the parameters of the block it starts (see the type's documentation). */
    default boolean isBlockParams() {
        return false;
    }

    /** Passes its operands to the parameters of block {@code imm} (see the type's documentation). */
    default boolean isEdgeMoves() {
        return false;
    }

    int[] NO_REGS = {};
}
