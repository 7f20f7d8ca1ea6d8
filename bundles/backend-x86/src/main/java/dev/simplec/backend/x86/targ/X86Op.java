package dev.simplec.backend.x86.targ;

import static dev.simplec.api.codegen.OperandRole.DEF;
import static dev.simplec.api.codegen.OperandRole.USE;
import static dev.simplec.api.codegen.OperandRole.USE_DEF;

import dev.simplec.api.codegen.MOpcode;
import dev.simplec.api.codegen.OperandRole;

/**
 * The machine instructions instruction selection produces, before and after register allocation.
 * Register operands come first-destination as in Intel syntax; {@code imm} carries constants,
 * spill slots and incoming-argument offsets. Most map to one assembler method; the emitter picks
 * the encoding (e.g. {@link #ADD64} becomes {@code add} or {@code lea}).
 */
public enum X86Op implements MOpcode {
    /** {@code d = s}, 64-bit general-purpose copy. */
    MOV(true, DEF, USE),
    /** {@code d = s}, SSE copy (f32 and f64). */
    MOVAPS(true, DEF, USE),
    /** {@code d = imm}. */
    MOV_IMM(false, DEF),
    /** {@code d = a + b} (64 / 32 bits): three-address, so no copy is needed. */
    ADD64(false, DEF, USE, USE),
    ADD32(false, DEF, USE, USE),
    /** {@code d -= s}, {@code d *= s}: two-address, selection copies the left operand into {@code d} first. */
    SUB64(false, USE_DEF, USE),
    SUB32(false, USE_DEF, USE),
    IMUL64(false, USE_DEF, USE),
    IMUL32(false, USE_DEF, USE),
    ADDSD(false, USE_DEF, USE),
    SUBSD(false, USE_DEF, USE),
    MULSD(false, USE_DEF, USE),
    ADDSS(false, USE_DEF, USE),
    SUBSS(false, USE_DEF, USE),
    MULSS(false, USE_DEF, USE),
    /** {@code xmm d = bits of gpr s} (64 / 32 bits): float constants. */
    MOVQ_TO_XMM(false, DEF, USE),
    MOVD_TO_XMM(false, DEF, USE),
    /** Sign extension of the low 8 / 16 / 32 bits to 64: narrow results. */
    MOVSX8(false, DEF, USE),
    MOVSX16(false, DEF, USE),
    MOVSXD(false, DEF, USE),
    /** {@code d = incoming stack argument at offset imm}. */
    LOAD_ARG64(false, DEF),
    LOAD_ARG_SD(false, DEF),
    /** Spill slot {@code imm} to / from a register. */
    SPILL_LOAD64(false, DEF),
    SPILL_STORE64(false, USE),
    SPILL_LOAD_SD(false, DEF),
    SPILL_STORE_SD(false, USE),
    /** Epilogue and return; its operands are the return registers, kept live up to here. */
    RET(false);

    private final boolean copy;
    private final OperandRole[] roles;

    X86Op(boolean copy, OperandRole... roles) {
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
