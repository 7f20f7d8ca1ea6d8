package dev.simplec.backend.arm.targ;

import static dev.simplec.api.codegen.OperandRole.DEF;
import static dev.simplec.api.codegen.OperandRole.USE;
import static dev.simplec.api.codegen.OperandRole.USE_DEF;

import dev.simplec.api.codegen.MOpcode;
import dev.simplec.api.codegen.OperandRole;

/**
 * The machine instructions instruction selection produces, before and after register allocation.
 * Register operands come destination first; {@code imm} carries constants, condition codes,
 * offsets, lanes and branch targets (see each constant; {@link Imm} packs the composite ones).
 * Almost every one is one AArch64 instruction, so a result is written only after every input is
 * read and may share an input's register; the exceptions write only their result ({@link #MOVI64}
 * and {@link #MOVI32} become movz/movn/movk sequences, {@link #STACK_ADDR} an add and an and) or
 * never return ({@link #TRAP}). Flags travel between a compare and its consumer in the same
 * block; nothing selection puts between them (nor spill code) changes flags.
 */
public enum Arm64Op implements MOpcode {
    /** {@code d = s}, 64-bit general-purpose copy. */
    MOV(true, DEF, USE),
    /** {@code d = s}, FP copy of the low 64 bits (f32 and f64 scalars). */
    FMOV(true, DEF, USE),
    /** {@code d = s}, the whole 128-bit vector register. */
    VMOV(true, DEF, USE),
    /** {@code d = imm}, 64 / 32 bits. */
    MOVI64(false, DEF),
    MOVI32(false, DEF),

    /** {@code d = a op b}: AArch64 is three-address throughout. */
    ADD64(false, DEF, USE, USE),
    ADD32(false, DEF, USE, USE),
    SUB64(false, DEF, USE, USE),
    SUB32(false, DEF, USE, USE),
    MUL64(false, DEF, USE, USE),
    MUL32(false, DEF, USE, USE),
    SDIV64(false, DEF, USE, USE),
    SDIV32(false, DEF, USE, USE),
    UDIV64(false, DEF, USE, USE),
    UDIV32(false, DEF, USE, USE),
    AND64(false, DEF, USE, USE),
    AND32(false, DEF, USE, USE),
    ORR64(false, DEF, USE, USE),
    ORR32(false, DEF, USE, USE),
    EOR64(false, DEF, USE, USE),
    EOR32(false, DEF, USE, USE),
    /** Shifts by a register, the amount taken mod 64 / mod 32. */
    LSLV64(false, DEF, USE, USE),
    LSLV32(false, DEF, USE, USE),
    LSRV64(false, DEF, USE, USE),
    LSRV32(false, DEF, USE, USE),
    ASRV64(false, DEF, USE, USE),
    ASRV32(false, DEF, USE, USE),
    /** {@code d = a | b << imm} (64-bit): packs tuple members into one register. */
    ORR_LSL64(false, DEF, USE, USE),
    /** {@code d = a + imm}, {@code d = a - imm} (imm in 0..4095). */
    ADDI64(false, DEF, USE),
    ADDI32(false, DEF, USE),
    SUBI64(false, DEF, USE),
    SUBI32(false, DEF, USE),
    /** {@code d = a & imm} (a logical immediate). */
    ANDI64(false, DEF, USE),
    ANDI32(false, DEF, USE),
    /** Shifts by a constant {@code imm} within the width. */
    LSLI64(false, DEF, USE),
    LSLI32(false, DEF, USE),
    LSRI64(false, DEF, USE),
    LSRI32(false, DEF, USE),
    ASRI64(false, DEF, USE),
    ASRI32(false, DEF, USE),
    /** Extensions within 32 bits; {@link #MOV32} is {@code mov wd, wn}, a zero extension of the low 32 bits. */
    SXTB32(false, DEF, USE),
    SXTH32(false, DEF, USE),
    UXTB32(false, DEF, USE),
    UXTH32(false, DEF, USE),
    MOV32(false, DEF, USE),
    /** {@code sxtw xd, wn}. */
    SXTW64(false, DEF, USE),
    /** {@code sbfx xd, xn, #lsb, #width}, imm = {@link Imm#field}: a tuple member out of its register. */
    SBFX64(false, DEF, USE),

    /** Flags from {@code a - b} / {@code a - imm}. */
    CMP64(false, USE, USE),
    CMP32(false, USE, USE),
    CMPI64(false, USE),
    CMPI32(false, USE),
    /** Flags from {@code a + imm}: compares with {@code -imm}. */
    CMNI64(false, USE),
    CMNI32(false, USE),
    /** {@code d = cond ? 1 : 0} (imm = {@code Cond} ordinal). */
    CSET(false, DEF),
    /** {@code d = cond ? -1 : 0}, 64 bits. */
    CSETM64(false, DEF),
    /** {@code d = cond ? a : b} (imm = {@code Cond} ordinal). */
    CSEL64(false, DEF, USE, USE),
    CSEL32(false, DEF, USE, USE),
    FCSEL_D(false, DEF, USE, USE),
    FCSEL_S(false, DEF, USE, USE),
    /** Flags from a float compare: unordered sets C and V. */
    FCMP_D(false, USE, USE),
    FCMP_S(false, USE, USE),

    /** Continue at machine block {@code imm}. */
    B(false),
    /** Continue at block {@link Imm#target} when {@link Imm#cond} holds. */
    BCOND(false),
    /** Continue at block {@code imm} when the w register is zero / non-zero. */
    CBZ32(false, USE),
    CBNZ32(false, USE),

    FADD_D(false, DEF, USE, USE),
    FSUB_D(false, DEF, USE, USE),
    FMUL_D(false, DEF, USE, USE),
    FDIV_D(false, DEF, USE, USE),
    FADD_S(false, DEF, USE, USE),
    FSUB_S(false, DEF, USE, USE),
    FMUL_S(false, DEF, USE, USE),
    FDIV_S(false, DEF, USE, USE),
    FNEG_D(false, DEF, USE),
    FNEG_S(false, DEF, USE),
    FABS_D(false, DEF, USE),
    FABS_S(false, DEF, USE),
    FSQRT_D(false, DEF, USE),
    FSQRT_S(false, DEF, USE),
    /** f32 to f64 / f64 to f32. */
    FCVT_DS(false, DEF, USE),
    FCVT_SD(false, DEF, USE),
    /** Integer (x or w) to float (d or s), signed / unsigned. */
    SCVTF_DX(false, DEF, USE),
    SCVTF_DW(false, DEF, USE),
    SCVTF_SX(false, DEF, USE),
    SCVTF_SW(false, DEF, USE),
    UCVTF_DX(false, DEF, USE),
    UCVTF_DW(false, DEF, USE),
    UCVTF_SX(false, DEF, USE),
    UCVTF_SW(false, DEF, USE),
    /** Float to integer toward zero, saturating, NaN to 0. */
    FCVTZS_XD(false, DEF, USE),
    FCVTZS_WD(false, DEF, USE),
    FCVTZS_XS(false, DEF, USE),
    FCVTZS_WS(false, DEF, USE),
    FCVTZU_XD(false, DEF, USE),
    FCVTZU_WD(false, DEF, USE),
    FCVTZU_XS(false, DEF, USE),
    FCVTZU_WS(false, DEF, USE),
    /** Bits between register files: fp d = gpr x, s = w, and back. */
    FMOV_D_X(false, DEF, USE),
    FMOV_S_W(false, DEF, USE),
    FMOV_X_D(false, DEF, USE),
    FMOV_W_S(false, DEF, USE),

    /** {@code t = [base + offset]}, imm = {@link Imm#mem}; the emitter picks the scaled or unscaled form. */
    LOAD(false, DEF, USE),
    /** {@code [base + offset] = t}, imm = {@link Imm#mem}. */
    STORE(false, USE, USE),
    /**
     * {@code t = [base + index]}, or {@code [base + (index << log2(access size))]} when scaled
     * ({@code ldr x0, [x1, x2, lsl #3]}), imm = {@link Imm#indexed}: a slice element in one load.
     */
    LOAD_INDEXED(false, DEF, USE, USE),
    /**
     * {@code [base + index (scaled)] = t}, imm = {@link Imm#indexed}. Selection uses it for FP and
     * vector data only: an integer one, all three spilled, would need a third integer scratch register.
     */
    STORE_INDEXED(false, USE, USE, USE),
    /** {@code d = incoming stack argument}, imm = {@link Imm#mem} with the argument's offset. */
    LOAD_ARG(false, DEF),
    /** {@code [sp + offset] = t}: an outgoing stack argument, imm = {@link Imm#mem}. */
    STORE_OUT(false, USE),
    /** Spill slot {@code imm} (8-byte units) to / from a register: 8-byte x, 8-byte d, 16-byte q. */
    SPILL_LOAD64(false, DEF),
    SPILL_STORE64(false, USE),
    SPILL_LOAD_D(false, DEF),
    SPILL_STORE_D(false, USE),
    SPILL_LOAD_Q(false, DEF),
    SPILL_STORE_Q(false, USE),
    /** {@code d = address of IR stack slot imm}. */
    STACK_ADDR(false, DEF),
    /** {@code d = address of the module's function imm} (adr: position independent). */
    ADR_FUNC(false, DEF),

    /**
     * Calls: {@code bl} to the module's function {@code imm}, {@code blr} through a register.
     * Operand roles are per instruction (result registers DEF, then for BLR the target USE, then
     * argument registers USE). The _V forms also clobber v8–v15, whose upper halves AAPCS64 does
     * not preserve: selected in functions that keep vectors in registers.
     */
    BL(false),
    BL_V(false),
    BLR(false),
    BLR_V(false),
    /** Writes the trap message of kind {@code imm} and exits with status 134; never returns. */
    TRAP(false),
    /** Epilogue and return; its operands are the return registers, kept live up to here. */
    RET(false),
    /** Defines the block's parameters (emits nothing). */
    BLOCK_PARAMS(false),
    /** Passes its operands to the parameters of block {@code imm}; becomes moves after allocation. */
    EDGE_MOVES(false),

    /** NEON, imm = {@code Arr} ordinal (and a lane, {@link Imm#lane}, where one is named). */
    VADD(false, DEF, USE, USE),
    VSUB(false, DEF, USE, USE),
    VMUL(false, DEF, USE, USE),
    VAND(false, DEF, USE, USE),
    VORR(false, DEF, USE, USE),
    VEOR(false, DEF, USE, USE),
    /** {@code d = a | ~b}. */
    VORN(false, DEF, USE, USE),
    /** {@code d = d ? a : b} bit by bit (the mask is overwritten). */
    VBSL(false, USE_DEF, USE, USE),
    VMVN(false, DEF, USE),
    VFADD(false, DEF, USE, USE),
    VFSUB(false, DEF, USE, USE),
    VFMUL(false, DEF, USE, USE),
    VFDIV(false, DEF, USE, USE),
    VFNEG(false, DEF, USE),
    VFABS(false, DEF, USE),
    VFSQRT(false, DEF, USE),
    VCMEQ(false, DEF, USE, USE),
    VCMGT(false, DEF, USE, USE),
    VCMGE(false, DEF, USE, USE),
    VCMHI(false, DEF, USE, USE),
    VCMHS(false, DEF, USE, USE),
    VFCMEQ(false, DEF, USE, USE),
    VFCMGE(false, DEF, USE, USE),
    VFCMGT(false, DEF, USE, USE),
    /** Every lane from a general register. */
    DUP_R(false, DEF, USE),
    /** Every lane from lane {@link Imm#lane} of a vector. */
    DUP_E(false, DEF, USE),
    /** Lane {@link Imm#lane} into a scalar s / d register. */
    DUP_SE(false, DEF, USE),
    /** Lane into a general register, zero- / sign-extended. */
    UMOV(false, DEF, USE),
    SMOV32(false, DEF, USE),
    /** Lane {@link Imm#lane} of the vector from a general register. */
    INS_R(false, USE_DEF, USE),
    /** Wrapping sum of the lanes into lane 0 (not 2d). */
    ADDV(false, DEF, USE),
    /** Sum of the two 64-bit lanes into d. */
    ADDP_D(false, DEF, USE);

    private final boolean copy;
    private final OperandRole[] roles;
    /** The roles of the operands the table names, as masks (see {@link #readMask}). */
    private final long reads;
    private final long writes;
    private final long earlies;

    Arm64Op(boolean copy, OperandRole... roles) {
        this.copy = copy;
        this.roles = roles;
        this.reads = OperandRole.maskOf(roles, OperandRole::reads);
        this.writes = OperandRole.maskOf(roles, OperandRole::writes);
        this.earlies = OperandRole.maskOf(roles, OperandRole::isEarlyDef);
    }

    /**
     * {@link #role}'s answers as masks: every operand of a return or an edge read, of the block
     * parameters written; more operands than the table names fail as {@link #role} does.
     */
    @Override
    public long readMask(int count) {
        return switch (this) {
            case RET, EDGE_MOVES -> MOpcode.operands(count);
            case BLOCK_PARAMS -> 0;
            default -> count <= roles.length ? reads & MOpcode.operands(count) : MOpcode.super.readMask(count);
        };
    }

    @Override
    public long writeMask(int count) {
        return switch (this) {
            case RET, EDGE_MOVES -> 0;
            case BLOCK_PARAMS -> MOpcode.operands(count);
            default -> count <= roles.length ? writes & MOpcode.operands(count) : MOpcode.super.writeMask(count);
        };
    }

    @Override
    public long earlyMask(int count) {
        return switch (this) {
            case RET, EDGE_MOVES, BLOCK_PARAMS -> 0;
            default -> count <= roles.length ? earlies & MOpcode.operands(count) : MOpcode.super.earlyMask(count);
        };
    }

    @Override
    public OperandRole role(int index) {
        return switch (this) {
            case RET, EDGE_MOVES -> USE;
            case BLOCK_PARAMS -> DEF;
            default -> {
                if (index >= roles.length) {
                    throw new IllegalArgumentException(this + " has no operand " + index + " (calls carry their roles)");
                }
                yield roles[index];
            }
        };
    }

    /** How many register operands the instruction has, or -1 when it varies (calls, returns, block parameters and edges). */
    public int operandCount() {
        return switch (this) {
            case RET, EDGE_MOVES, BLOCK_PARAMS, BL, BL_V, BLR, BLR_V -> -1;
            default -> roles.length;
        };
    }

    @Override
    public boolean isCopy() {
        return copy;
    }

    @Override
    public int[] clobbers() {
        return switch (this) {
            case BL, BLR -> Arm64Target.CALL_CLOBBERS;
            case BL_V, BLR_V -> Arm64Target.CALL_CLOBBERS_V;
            default -> NO_REGS;
        };
    }

    @Override
    public boolean isBlockParams() {
        return this == BLOCK_PARAMS;
    }

    @Override
    public boolean isEdgeMoves() {
        return this == EDGE_MOVES;
    }

    /** Whether this is a call (its roles are carried by the instruction). */
    public boolean isCall() {
        return this == BL || this == BL_V || this == BLR || this == BLR_V;
    }

    /** Packing of composite immediates. */
    public static final class Imm {
        private Imm() {
        }

        /** A memory access: the {@code MemOp} ordinal and a byte offset. */
        public static long mem(int memOp, long offset) {
            return offset << 8 | memOp;
        }

        public static int memOp(long imm) {
            return (int) (imm & 0xFF);
        }

        public static long offset(long imm) {
            return imm >> 8;
        }

        /** A register-offset access: the {@code MemOp} ordinal and whether the index is scaled by the access size. */
        public static long indexed(int memOp, boolean scaled) {
            return (scaled ? 1L : 0L) << 8 | memOp;
        }

        public static boolean scaled(long imm) {
            return (imm >> 8) != 0;
        }

        /** A branch: condition ordinal and target block. */
        public static long branch(int cond, int target) {
            return (long) cond << 32 | target;
        }

        public static int cond(long imm) {
            return (int) (imm >>> 32);
        }

        public static int target(long imm) {
            return (int) imm;
        }

        /** An arrangement ordinal and a lane. */
        public static long lane(int arr, int lane) {
            return lane << 8 | arr;
        }

        public static int arr(long imm) {
            return (int) (imm & 0xFF);
        }

        public static int laneOf(long imm) {
            return (int) (imm >> 8);
        }

        /** A bit field: lowest bit and width. */
        public static long field(int lsb, int width) {
            return lsb << 8 | width;
        }

        public static int lsb(long imm) {
            return (int) (imm >> 8);
        }

        public static int width(long imm) {
            return (int) (imm & 0xFF);
        }
    }
}
