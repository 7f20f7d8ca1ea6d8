package dev.simplec.backend.arm.targ;

import static dev.simplec.api.codegen.OperandRole.DEF;
import static dev.simplec.api.codegen.OperandRole.USE;

import dev.simplec.api.codegen.MOpcode;
import dev.simplec.api.codegen.OperandRole;

/**
 * The machine instructions instruction selection produces, before and after register allocation.
 * Register operands come destination first; {@code imm} carries constants, spill slots and
 * incoming-argument offsets. Most map to one assembler method; {@link #MOV_IMM64} becomes a
 * movz/movn/movk sequence.
 */
public enum Arm64Op implements MOpcode {
    /** {@code d = s}, 64-bit general-purpose copy. */
    MOV(true, DEF, USE),
    /** {@code d = s}, FP copy (f32 and f64). */
    FMOV(true, DEF, USE),
    /** {@code d = imm}, 64 / 32 bits. */
    MOV_IMM64(false, DEF),
    MOV_IMM32(false, DEF),
    /** {@code d = a op b}: AArch64 is three-address throughout. */
    ADD64(false, DEF, USE, USE),
    ADD32(false, DEF, USE, USE),
    SUB64(false, DEF, USE, USE),
    SUB32(false, DEF, USE, USE),
    MUL64(false, DEF, USE, USE),
    MUL32(false, DEF, USE, USE),
    FADD_D(false, DEF, USE, USE),
    FSUB_D(false, DEF, USE, USE),
    FMUL_D(false, DEF, USE, USE),
    FADD_S(false, DEF, USE, USE),
    FSUB_S(false, DEF, USE, USE),
    FMUL_S(false, DEF, USE, USE),
    /** {@code fp d = bits of gpr s} (64 / 32 bits): float constants. */
    FMOV_D_X(false, DEF, USE),
    FMOV_S_W(false, DEF, USE),
    /** Sign extension of the low 8 / 16 / 32 bits to 64: narrow results. */
    SXTB(false, DEF, USE),
    SXTH(false, DEF, USE),
    SXTW(false, DEF, USE),
    /** {@code d = incoming stack argument at offset imm}. */
    LOAD_ARG64(false, DEF),
    LOAD_ARG_D(false, DEF),
    /** Spill slot {@code imm} to / from a register. */
    SPILL_LOAD64(false, DEF),
    SPILL_STORE64(false, USE),
    SPILL_LOAD_D(false, DEF),
    SPILL_STORE_D(false, USE),
    /** Epilogue and return; its operands are the return registers, kept live up to here. */
    RET(false);

    private final boolean copy;
    private final OperandRole[] roles;

    Arm64Op(boolean copy, OperandRole... roles) {
        this.copy = copy;
        this.roles = roles;
    }

    @Override
    public OperandRole role(int index) {
        return this == RET ? USE : roles[index];
    }

    @Override
    public boolean isCopy() {
        return copy;
    }
}
