package dev.simplec.backend.x86.targ;

import static dev.simplec.api.codegen.OperandRole.DEF;
import static dev.simplec.api.codegen.OperandRole.EARLY_DEF;
import static dev.simplec.api.codegen.OperandRole.USE;
import static dev.simplec.api.codegen.OperandRole.USE_DEF;

import dev.simplec.api.codegen.MOpcode;
import dev.simplec.api.codegen.OperandRole;

/**
 * The machine instructions instruction selection produces, before and after register allocation.
 * Register operands come destination first, as in Intel syntax; {@code imm} carries constants,
 * addresses ({@link Addr}), block and function numbers, and for the table-driven families
 * ({@link #SSE}, {@link #AVX} …) the operation. Most map to one assembler call; the pseudo-ops
 * marked "expands" become short fixed sequences in the emitter (their temporaries are
 * {@code EARLY_DEF} operands, so the allocator keeps them apart from the inputs). Memory
 * instructions, calls and returns carry their own operand roles ({@code MInst} roles), since
 * their register count varies.
 */
public enum X86Op implements MOpcode {
    // ---- copies and constants
    /** {@code d = s}, 64-bit general-purpose copy. */
    MOV(true, DEF, USE),
    /** {@code d = s}, xmm copy (scalars and 128-bit vectors). */
    MOVAPS(true, DEF, USE),
    /** {@code d = s}, ymm copy (256-bit vectors). */
    VMOVAPS(true, DEF, USE),
    /** {@code d = imm}. */
    MOV_IMM(false, DEF),
    /** {@code xmm d = float constant with bits imm} (f32 / f64): from the constant pool, or xorps for +0. */
    FCONST32(false, DEF),
    FCONST64(false, DEF),

    // ---- integer arithmetic
    /** {@code d = a + b}: three-address ({@code lea} unless d is an operand). */
    ADD64(false, DEF, USE, USE),
    ADD32(false, DEF, USE, USE),
    /** {@code d op= s}: two-address; selection copies the left operand into d first. */
    SUB64(false, USE_DEF, USE), SUB32(false, USE_DEF, USE),
    AND64(false, USE_DEF, USE), AND32(false, USE_DEF, USE),
    OR64(false, USE_DEF, USE), OR32(false, USE_DEF, USE),
    XOR64(false, USE_DEF, USE), XOR32(false, USE_DEF, USE),
    IMUL64(false, USE_DEF, USE), IMUL32(false, USE_DEF, USE),
    /** {@code d = s + imm}, {@code d = s - imm}: three-address ({@code lea} unless d is s). */
    ADDI64(false, DEF, USE), ADDI32(false, DEF, USE),
    SUBI64(false, DEF, USE), SUBI32(false, DEF, USE),
    /** {@code d op= imm} (imm a signed 32-bit value). */
    ANDI64(false, USE_DEF), ANDI32(false, USE_DEF),
    ORI64(false, USE_DEF), ORI32(false, USE_DEF),
    XORI64(false, USE_DEF), XORI32(false, USE_DEF),
    /** {@code d = s * imm}: three-address. */
    IMULI64(false, DEF, USE), IMULI32(false, DEF, USE),
    /** {@code d <<= cl} etc.; operand 1 is rcx. */
    SHL64(false, USE_DEF, USE), SHL32(false, USE_DEF, USE),
    SHR64(false, USE_DEF, USE), SHR32(false, USE_DEF, USE),
    SAR64(false, USE_DEF, USE), SAR32(false, USE_DEF, USE),
    /** {@code d <<= imm} etc. */
    SHLI64(false, USE_DEF), SHLI32(false, USE_DEF),
    SHRI64(false, USE_DEF), SHRI32(false, USE_DEF),
    SARI64(false, USE_DEF), SARI32(false, USE_DEF),
    /** Extensions: {@code movsx r64, r8|r16}, {@code movsxd}, {@code movzx r32, r8|r16}, {@code mov r32, r32}. */
    MOVSX8(false, DEF, USE), MOVSX16(false, DEF, USE), MOVSXD(false, DEF, USE),
    MOVZX8(false, DEF, USE), MOVZX16(false, DEF, USE), MOVZX32(false, DEF, USE),
    /** Division (expands to cqo/cdq or xor edx; idiv/div): operands rax (dividend, then quotient), rdx (remainder), divisor. */
    IDIV64(false, USE_DEF, EARLY_DEF, USE), IDIV32(false, USE_DEF, EARLY_DEF, USE),
    UDIV64(false, USE_DEF, EARLY_DEF, USE), UDIV32(false, USE_DEF, EARLY_DEF, USE),

    // ---- comparisons, branches, selects
    /** {@code d = (a cond b) ? 1 : 0} at 8/16/32/64 bits; imm is the {@code Cond} (expands to cmp, setcc, movzx). */
    SETCC8(false, DEF, USE, USE), SETCC16(false, DEF, USE, USE), SETCC32(false, DEF, USE, USE), SETCC64(false, DEF, USE, USE),
    /** Float comparison to 0/1; imm is an {@link FCond}; operand 1 is a temporary (expands to ucomis, setcc…). */
    FSETCC_SS(false, DEF, DEF, USE, USE), FSETCC_SD(false, DEF, DEF, USE, USE),
    /** Continue at block imm. */
    JMP(false),
    /** Branch on an i8 being non-zero; imm packs the two targets ({@link Branches}). */
    BR_TEST(false, USE),
    /** Fused compare and branch; imm packs targets and condition ({@link Branches}). */
    BR_CMP8(false, USE, USE), BR_CMP16(false, USE, USE), BR_CMP32(false, USE, USE), BR_CMP64(false, USE, USE),
    BR_FCMP_SS(false, USE, USE), BR_FCMP_SD(false, USE, USE),
    /** Compare with a 32-bit constant and branch; imm packs targets, condition and constant ({@link Branches#withConstant}). */
    BR_CMPI32(false, USE), BR_CMPI64(false, USE),
    /** {@code d = (a cond constant) ? 1 : 0}; imm = Cond | constant &lt;&lt; 8. */
    SETCCI32(false, DEF, USE), SETCCI64(false, DEF, USE),
    /**
     * An integer select is two instructions: {@code test c, c} sets the flags, then
     * {@code d = flags ne ? a : d} (cmovne). Two, not one, so no instruction has three register
     * operands that may all be spilled (two scratch registers per class). The cmov follows its
     * test in the same block, and nothing put between them (spill loads: plain movs) changes flags.
     */
    TEST8(false, USE),
    CMOVNE64(false, USE_DEF, USE), CMOVNE32(false, USE_DEF, USE),
    /** {@code d = c ? a : d} on xmm/ymm registers; imm is the size in bytes (expands to test, je, movaps). */
    FSELECT(false, USE_DEF, USE, USE),

    // ---- memory (own roles): operands value or destination first, then base and optional index; imm is an Addr
    LOAD8(false), LOAD16(false), LOAD32(false), LOAD64(false), LOAD_SS(false), LOAD_SD(false), LOAD_V128(false), LOAD_V256(false),
    STORE8(false), STORE16(false), STORE32(false), STORE64(false), STORE_V128(false), STORE_V256(false),
    /**
     * Float stores that write the canonical NaN for any NaN, without a branch; operands: value, the
     * canonical NaN (a register), one temporary with AVX (Addr extra 1) or two without, base, index.
     */
    STORE_SS(false), STORE_SD(false),
    /** Vector float stores that canonicalize NaN lanes; operands: value, two temporaries, base, index. imm: Addr with the lane kind. */
    STORE_VF(false),
    /** {@code d op= [address]}, a load folded into arithmetic; operands d (USE_DEF), base, index; Addr extra = the SseOp. */
    SSE_MEM(false),
    /** The same for integers: extra = the AluOp ordinal, or 7 for imul. */
    ALU_MEM64(false), ALU_MEM32(false),
    /** {@code lea d, [address]}. */
    LEA(false),
    /** {@code d = address of IR stack slot imm}. */
    LEA_STACK(false, DEF),
    /** {@code d = address of module function imm} (RIP-relative). */
    LEA_FUNC(false, DEF),
    /** {@code d = incoming stack argument}; imm packs the offset and the kind ({@link ArgSlot}). */
    LOAD_ARG(false, DEF),
    /** {@code outgoing stack argument = s}; imm as for LOAD_ARG. */
    STORE_ARG(false, USE),

    // ---- calls and returns (own roles)
    /** Call of module function imm; operands: result registers (DEF), then argument registers (USE). */
    CALL(false),
    /** Call through operand 0 (USE); then results, then arguments as for CALL. */
    CALL_IND(false),
    /** Epilogue and return; its operands are the result registers, kept live up to here. */
    RET(false),
    /** Writes trap message imm to stderr and exits with 134 (system calls only). */
    TRAP(false),
    /** Block parameters / edge moves: see {@link MOpcode}. */
    PARAMS(false),
    EDGE(false),

    // ---- SSE / AVX families; imm names the table entry
    /** {@code op d, s} for an SseOp (two-address); imm = {@code SseOp} ordinal | imm8 &lt;&lt; 16. */
    SSE(false, USE_DEF, USE),
    /** {@code op d, s} where the old d is not read (sqrt, conversions between float widths). */
    SSE_DEF(false, DEF, USE),
    /** {@code op d, [constant]}; imm = SseOp ordinal | {@link Konst} ordinal &lt;&lt; 16. */
    SSE_K(false, USE_DEF),
    /** {@code psrldq d, imm8} etc.; imm = SseShift ordinal | imm8 &lt;&lt; 16. */
    SSE_SHIFT(false, USE_DEF),
    /** {@code vop d, a, b}; imm = AvxOp ordinal | (256-bit ? 1 : 0) &lt;&lt; 16 | imm8 &lt;&lt; 24. */
    AVX(false, DEF, USE, USE),
    /** {@code vop d, s} (unary: sqrt, broadcasts). */
    AVX_UNARY(false, DEF, USE),
    /** {@code vop d, a, [constant]}; imm = AvxOp | 256-bit &lt;&lt; 16 | Konst &lt;&lt; 24. */
    AVX_K(false, DEF, USE),
    /** {@code vpsrlq d, s, imm8} etc.; imm = SseShift | 256-bit &lt;&lt; 16 | imm8 &lt;&lt; 24. */
    AVX_SHIFT(false, DEF, USE),
    /** {@code vextractf128 d, s, 1}: the high half. */
    VEXTRACT_HI(false, DEF, USE),
    /** {@code vinsertf128 d, a, b, 1}. */
    VINSERT_HI(false, DEF, USE, USE),
    /** {@code vpermq d, s, imm8}. */
    VPERMQ(false, DEF, USE),

    // ---- moves between register files
    MOVQ_XR(false, DEF, USE), MOVD_XR(false, DEF, USE), MOVQ_RX(false, DEF, USE), MOVD_RX(false, DEF, USE),

    // ---- float pseudo-ops
    /** {@code d = min/max(d, b)} per the IR (b NaN keeps d); imm = the SseOp (MINSS…MAXSD). Expands to ucomis, jp, min/max. */
    FMINMAX(false, USE_DEF, USE),
    /** Replaces a NaN in xmm d by the canonical NaN; imm = 32 or 64 (ucomis, jnp, load). */
    CANON(false, USE_DEF),
    /** Vector canonicalization in place; operands d, temp, temp; imm = lane bits | 256-bit &lt;&lt; 8. */
    VCANON(false, USE_DEF, EARLY_DEF, EARLY_DEF),
    /** {@code xmm d = (float) signed r64 s}; imm = 64 for f64. */
    CVTSI2F(false, DEF, USE),
    /** {@code xmm d = (float) unsigned r64 s}; operand 2 is a temporary; imm = 64 for f64. */
    CVTUI2F(false, EARLY_DEF, USE, EARLY_DEF),
    /** Saturating float to integer; operands d, s, xmm temp, gpr temp; imm = {@link FtoI} packing. */
    FTOI(false, EARLY_DEF, USE, EARLY_DEF, EARLY_DEF),

    // ---- SIMD pseudo-ops (expand in the emitter); operand layouts in the emitter
    /** Lane-wise integer multiply without an instruction: i8x16, i32x4 (SSE2), i64x2, i64x4; d, a, b, t1, t2. imm = IrType ordinal. */
    VMUL(false, EARLY_DEF, USE, USE, EARLY_DEF, EARLY_DEF),
    /** Lane-wise comparison to a mask; d, a, b, t1, t2; imm = IrType ordinal | IrOp ordinal &lt;&lt; 8. */
    VCMP(false, EARLY_DEF, USE, USE, EARLY_DEF, EARLY_DEF),
    /** Lane-wise FMIN/FMAX per the IR; d, a, b, t1; imm = IrType ordinal | (max ? 1 : 0) &lt;&lt; 8. */
    VFMINMAX(false, EARLY_DEF, USE, USE, EARLY_DEF),
    /** Every lane = scalar s; d, s(gpr or xmm); imm = IrType ordinal. */
    VSPLAT(false, EARLY_DEF, USE),
    /** Every lane zero (a splat of 0 or +0.0): xorps, or vxorps on a ymm; d; imm = IrType ordinal. */
    VZERO(false, DEF),
    /** Lane imm &gt;&gt; 8 of vector s into scalar d (gpr or xmm); d, s, xmm temp; imm = IrType ordinal | lane &lt;&lt; 8. */
    VEXTRACT(false, EARLY_DEF, USE, EARLY_DEF),
    /** Sum of the lanes in lane order; d (gpr or xmm), s, xmm temp, xmm temp; imm = IrType ordinal. */
    VREDUCE(false, EARLY_DEF, USE, EARLY_DEF, EARLY_DEF),

    /** Spill slot {@code imm} (8-byte units) to / from a register of 8, 16 or 32 bytes. */
    SPILL_LOAD64(false, DEF), SPILL_STORE64(false, USE),
    SPILL_LOAD_SD(false, DEF), SPILL_STORE_SD(false, USE),
    SPILL_LOAD_V128(false, DEF), SPILL_STORE_V128(false, USE),
    SPILL_LOAD_V256(false, DEF), SPILL_STORE_V256(false, USE);

    private final boolean copy;
    private final OperandRole[] roles;
    /** The roles of the operands the table names, as masks (see {@link #readMask}); {@link #PARAMS} answers apart. */
    private final long reads;
    private final long writes;
    private final long earlies;

    X86Op(boolean copy, OperandRole... roles) {
        this.copy = copy;
        this.roles = roles;
        this.reads = OperandRole.maskOf(roles, OperandRole::reads);
        this.writes = OperandRole.maskOf(roles, OperandRole::writes);
        this.earlies = OperandRole.maskOf(roles, OperandRole::isEarlyDef);
    }

    /** Operands past the table are read ({@link #role}'s USE); those of {@link #PARAMS}, written. */
    @Override
    public long readMask(int count) {
        return this == PARAMS ? 0 : (reads | ~MOpcode.operands(roles.length)) & MOpcode.operands(count);
    }

    @Override
    public long writeMask(int count) {
        return this == PARAMS ? MOpcode.operands(count) : writes & MOpcode.operands(count);
    }

    @Override
    public long earlyMask(int count) {
        return this == PARAMS ? 0 : earlies & MOpcode.operands(count);
    }

    @Override
    public OperandRole role(int index) {
        if (this == PARAMS) {
            return DEF;
        }
        return index < roles.length ? roles[index] : USE;
    }

    @Override
    public boolean isCopy() {
        return copy;
    }

    /** The add or sub of a constant: in place when its result shares its source's register, else lea. */
    @Override
    public boolean prefersSameRegister() {
        return this == ADDI64 || this == ADDI32 || this == SUBI64 || this == SUBI32;
    }

    @Override
    public int[] clobbers() {
        return this == CALL || this == CALL_IND ? X86Target.CALLER_SAVED : NO_REGS;
    }

    @Override
    public boolean isBlockParams() {
        return this == PARAMS;
    }

    @Override
    public boolean isEdgeMoves() {
        return this == EDGE;
    }
}
