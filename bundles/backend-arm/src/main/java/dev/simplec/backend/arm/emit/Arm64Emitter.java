package dev.simplec.backend.arm.emit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.AllocatedFunction;
import dev.simplec.api.codegen.Label;
import dev.simplec.api.codegen.MBlock;
import dev.simplec.api.codegen.MInst;
import dev.simplec.api.codegen.RegClass;
import dev.simplec.api.ir.TrapKind;
import dev.simplec.backend.arm.abi.Arm64FrameLayout;
import dev.simplec.backend.arm.targ.Arm64Op;
import dev.simplec.backend.arm.targ.Arm64Op.Imm;
import dev.simplec.backend.arm.targ.Arm64Target;

/** Turns an allocated function into words: prologue, each machine instruction, an epilogue at every return. */
public final class Arm64Emitter {
    /** The enums that instructions' immediates index, read without values()'s copy per instruction. */
    private static final MemOp[] MEM_OPS = MemOp.values();
    private static final TrapKind[] TRAP_KINDS = TrapKind.values();
    private static final Cond[] CONDS = Cond.values();
    private static final Arr[] ARRS = Arr.values();

    /** Linux AArch64 system calls a trap makes. */
    private static final int SYS_WRITE = 64;
    private static final int SYS_EXIT_GROUP = 94;

    /**
     * The trap messages of a module: each is written once after the code and found by {@code adr},
     * so the blob needs no symbol and no data outside itself.
     */
    public static final class Messages {
        private final Map<String, Label> labels = new LinkedHashMap<>();

        Label label(String text) {
            return labels.computeIfAbsent(text, t -> new Label());
        }

        /** Appends every message (bytes with their newline) and binds its label. */
        public void emit(Arm64Assembler a) {
            for (Map.Entry<String, Label> e : labels.entrySet()) {
                a.bind(e.getValue());
                a.bytes(e.getKey().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private final Arm64Assembler a;
    private final Arm64FrameLayout frame;
    private final List<Label> functions;
    private final Messages messages;
    private final String name;
    private final Label[] blocks;
    private final List<MBlock> code;
    /**
     * Per block: where a branch to it really goes, past blocks that only branch on (edge blocks
     * whose moves all vanished); such a block is not emitted at all.
     */
    private final int[] go;
    private int block;
    /** The block emitted after the current one: where falling through leads. */
    private int next;

    private Arm64Emitter(Arm64Assembler a, Arm64FrameLayout frame, List<Label> functions, Messages messages, String name, List<MBlock> code) {
        this.a = a;
        this.frame = frame;
        this.functions = functions;
        this.messages = messages;
        this.name = name;
        this.blocks = new Label[code.size()];
        for (int i = 0; i < code.size(); i++) {
            blocks[i] = new Label();
        }
        this.code = code;
        this.go = new int[code.size()];
    }

    /** Fills {@link #go}: a block other than the entry that is one {@code b} is passed through (a cycle of them stays). */
    private void resolveBranches() {
        int n = code.size();
        for (int b = 0; b < n; b++) {
            int t = b;
            for (int hops = 0; hops < n && passThrough(t); hops++) {
                t = (int) code.get(t).insts().get(0).imm();
            }
            go[b] = passThrough(t) ? b : t;
        }
    }

    /**
     * A conditional branch whose fall-through block (the next in selection's order) only branched
     * on and was left out: it branches on the inverse condition to where that block went when its
     * own target is next, else it is followed by a branch there.
     */
    private void branchAround(MInst i) {
        Label on = target(block + 1);
        if (go[taken(i)] != next) {
            inst(i);
            a.b(on);
        } else {
            inverse(i, on);
        }
    }

    /** The block conditional branch {@code i} goes to when taken. */
    private static int taken(MInst i) {
        return i.op() == Arm64Op.BCOND ? Imm.target(i.imm()) : (int) i.imm();
    }

    /** Conditional branch {@code i} with its condition inverted, to {@code to}. */
    private void inverse(MInst i, Label to) {
        Arm64Op op = (Arm64Op) i.op();
        if (op == Arm64Op.BCOND) {
            a.bcond(cond(Imm.cond(i.imm())).invert(), to);
        } else if (op == Arm64Op.CBZ32) {
            a.cbnz32(g(i, 0), to);
        } else {
            a.cbz32(g(i, 0), to);
        }
    }

    /**
     * Loop rotation: a branch back to a loop header that only tests ({@code cmp; b.ge exit}, up to
     * four instructions before its conditional branch) becomes a copy of the test that branches
     * back into the loop on the inverse condition ({@code cmp; b.lt body}) and falls through to the
     * exit: one branch an iteration instead of two. Only when the exit or the body is the next
     * block here; whether it was done.
     */
    private boolean rotated(int header) {
        List<MInst> insts = code.get(header).insts();
        int n = insts.size();
        if (n < 2 || n > 5 || !fallsThrough(insts.get(n - 1)) || header + 1 >= code.size()) {
            return false;
        }
        for (int k = 0; k < n - 1; k++) {
            Arm64Op op = (Arm64Op) insts.get(k).op();
            if (op == Arm64Op.B || fallsThrough(insts.get(k)) || op.isCall() || op == Arm64Op.RET || op == Arm64Op.TRAP) {
                return false;
            }
        }
        MInst test = insts.get(n - 1);
        int through = go[header + 1];
        if (go[taken(test)] != next && through != next) {
            return false;
        }
        for (int k = 0; k < n - 1; k++) {
            inst(insts.get(k));
        }
        if (through == next) {
            inst(test); // to the exit when taken, on into the loop's next block otherwise
        } else {
            inverse(test, blocks[through]);
        }
        return true;
    }

    /** A conditional branch: the block it ends falls through when it is not taken. */
    private static boolean fallsThrough(MInst last) {
        Arm64Op op = (Arm64Op) last.op();
        return op == Arm64Op.BCOND || op == Arm64Op.CBZ32 || op == Arm64Op.CBNZ32;
    }

    private boolean passThrough(int b) {
        List<MInst> insts = code.get(b).insts();
        return b > 0 && insts.size() == 1 && insts.get(0).op() == Arm64Op.B;
    }

    /** The label a branch to block {@code b} goes to. */
    private Label target(long b) {
        return blocks[go[(int) b]];
    }

    /**
     * Emits {@code fn} at the assembler's position; {@code functions} are the labels of the module's
     * functions (calls and {@code adr}), {@code self} among them.
     */
    public static void emit(Arm64Assembler a, AllocatedFunction fn, Arm64FrameLayout frame, List<Label> functions, Label self,
            Messages messages) {
        List<MBlock> code = fn.code().blocks();
        Arm64Emitter e = new Arm64Emitter(a, frame, functions, messages, fn.code().name(), code);
        a.bind(self);
        e.resolveBranches();
        e.prologue();
        for (e.block = 0; e.block < code.size(); e.block++) {
            if (e.go[e.block] != e.block) {
                continue; // only branches on: every branch to it goes on directly
            }
            e.next = e.block + 1;
            while (e.next < code.size() && e.go[e.next] != e.next) {
                e.next++;
            }
            a.bind(e.blocks[e.block]);
            List<MInst> insts = code.get(e.block).insts();
            int n = insts.size();
            for (int k = 0; k < n; k++) {
                MInst inst = insts.get(k);
                if (k == n - 1 && fallsThrough(inst) && e.go[e.block + 1] != e.next) {
                    e.branchAround(inst);
                } else {
                    e.inst(inst);
                }
            }
        }
    }

    private void prologue() {
        if (!frame.hasFrame()) {
            return;
        }
        a.stp64Pre(Gpr.X29, Gpr.X30, Gpr.SP, -16);
        a.add64RI(Gpr.X29, Gpr.SP, 0);
        int local = frame.localBytes();
        if (local >> 12 != 0) {
            a.sub64RIHigh(Gpr.SP, Gpr.SP, local >> 12);
        }
        if ((local & 0xFFF) != 0) {
            a.sub64RI(Gpr.SP, Gpr.SP, local & 0xFFF);
        }
        for (int i = 0; i < frame.saved().size(); i++) {
            int r = frame.saved().get(i);
            if (Arm64Target.INSTANCE.regClass(r) == RegClass.INT) {
                a.memRI(MemOp.STR_X, Arm64Target.toGpr(r), Gpr.SP, spOffset(MemOp.STR_X, frame.savedOffset(i)));
            } else {
                a.memRI(MemOp.STR_D, Arm64Target.toFpr(r), Gpr.SP, spOffset(MemOp.STR_D, frame.savedOffset(i)));
            }
        }
    }

    private void epilogue() {
        if (frame.hasFrame()) {
            for (int i = 0; i < frame.saved().size(); i++) {
                int r = frame.saved().get(i);
                if (Arm64Target.INSTANCE.regClass(r) == RegClass.INT) {
                    a.memRI(MemOp.LDR_X, Arm64Target.toGpr(r), Gpr.SP, spOffset(MemOp.LDR_X, frame.savedOffset(i)));
                } else {
                    a.memRI(MemOp.LDR_D, Arm64Target.toFpr(r), Gpr.SP, spOffset(MemOp.LDR_D, frame.savedOffset(i)));
                }
            }
            a.add64RI(Gpr.SP, Gpr.X29, 0);
            a.ldp64Post(Gpr.X29, Gpr.X30, Gpr.SP, 16);
        }
        a.ret();
    }

    /** A frame offset that the scaled form of {@code op} reaches, or a limit error. */
    private int spOffset(MemOp op, int offset) {
        if (!op.fitsScaled(offset)) {
            throw new SimplecException(ErrorKind.LIMIT, "aarch64: function " + name + ": frame offset " + offset
                    + " is out of reach of " + op.name().toLowerCase(java.util.Locale.ROOT));
        }
        return offset;
    }

    private void inst(MInst i) {
        Arm64Op op = (Arm64Op) i.op();
        long imm = i.imm();
        switch (op) {
            case MOV -> a.mov64RR(g(i, 0), g(i, 1));
            case FMOV -> a.fmovD(v(i, 0), v(i, 1));
            case VMOV -> a.movV(v(i, 0), v(i, 1));
            case MOVI64 -> movImm(g(i, 0), imm, 64);
            case MOVI32 -> movImm(g(i, 0), imm & 0xFFFF_FFFFL, 32);
            case ADD64 -> a.add64RRR(g(i, 0), g(i, 1), g(i, 2));
            case ADD32 -> a.add32RRR(g(i, 0), g(i, 1), g(i, 2));
            case SUB64 -> a.sub64RRR(g(i, 0), g(i, 1), g(i, 2));
            case SUB32 -> a.sub32RRR(g(i, 0), g(i, 1), g(i, 2));
            case MUL64 -> a.mul64RRR(g(i, 0), g(i, 1), g(i, 2));
            case MUL32 -> a.mul32RRR(g(i, 0), g(i, 1), g(i, 2));
            case SDIV64 -> a.sdiv64RRR(g(i, 0), g(i, 1), g(i, 2));
            case SDIV32 -> a.sdiv32RRR(g(i, 0), g(i, 1), g(i, 2));
            case UDIV64 -> a.udiv64RRR(g(i, 0), g(i, 1), g(i, 2));
            case UDIV32 -> a.udiv32RRR(g(i, 0), g(i, 1), g(i, 2));
            case AND64 -> a.and64RRR(g(i, 0), g(i, 1), g(i, 2));
            case AND32 -> a.and32RRR(g(i, 0), g(i, 1), g(i, 2));
            case ORR64 -> a.orr64RRR(g(i, 0), g(i, 1), g(i, 2));
            case ORR32 -> a.orr32RRR(g(i, 0), g(i, 1), g(i, 2));
            case EOR64 -> a.eor64RRR(g(i, 0), g(i, 1), g(i, 2));
            case EOR32 -> a.eor32RRR(g(i, 0), g(i, 1), g(i, 2));
            case LSLV64 -> a.lslv64(g(i, 0), g(i, 1), g(i, 2));
            case LSLV32 -> a.lslv32(g(i, 0), g(i, 1), g(i, 2));
            case LSRV64 -> a.lsrv64(g(i, 0), g(i, 1), g(i, 2));
            case LSRV32 -> a.lsrv32(g(i, 0), g(i, 1), g(i, 2));
            case ASRV64 -> a.asrv64(g(i, 0), g(i, 1), g(i, 2));
            case ASRV32 -> a.asrv32(g(i, 0), g(i, 1), g(i, 2));
            case ORR_LSL64 -> a.orr64RRRLsl(g(i, 0), g(i, 1), g(i, 2), (int) imm);
            case ADDI64 -> a.add64RI(g(i, 0), g(i, 1), (int) imm);
            case ADDI32 -> a.add32RI(g(i, 0), g(i, 1), (int) imm);
            case SUBI64 -> a.sub64RI(g(i, 0), g(i, 1), (int) imm);
            case SUBI32 -> a.sub32RI(g(i, 0), g(i, 1), (int) imm);
            case ANDI64 -> a.and64RI(g(i, 0), g(i, 1), imm);
            case ANDI32 -> a.and32RI(g(i, 0), g(i, 1), imm);
            case LSLI64 -> a.lsl64RI(g(i, 0), g(i, 1), (int) imm);
            case LSLI32 -> a.lsl32RI(g(i, 0), g(i, 1), (int) imm);
            case LSRI64 -> a.lsr64RI(g(i, 0), g(i, 1), (int) imm);
            case LSRI32 -> a.lsr32RI(g(i, 0), g(i, 1), (int) imm);
            case ASRI64 -> a.asr64RI(g(i, 0), g(i, 1), (int) imm);
            case ASRI32 -> a.asr32RI(g(i, 0), g(i, 1), (int) imm);
            case SXTB32 -> a.sxtb32(g(i, 0), g(i, 1));
            case SXTH32 -> a.sxth32(g(i, 0), g(i, 1));
            case UXTB32 -> a.uxtb32(g(i, 0), g(i, 1));
            case UXTH32 -> a.uxth32(g(i, 0), g(i, 1));
            case MOV32 -> a.mov32RR(g(i, 0), g(i, 1));
            case SXTW64 -> a.sxtw64(g(i, 0), g(i, 1));
            case SBFX64 -> a.sbfx64(g(i, 0), g(i, 1), Imm.lsb(imm), Imm.width(imm));
            case CMP64 -> a.cmp64RR(g(i, 0), g(i, 1));
            case CMP32 -> a.cmp32RR(g(i, 0), g(i, 1));
            case CMPI64 -> a.cmp64RI(g(i, 0), (int) imm);
            case CMPI32 -> a.cmp32RI(g(i, 0), (int) imm);
            case CMNI64 -> a.cmn64RI(g(i, 0), (int) imm);
            case CMNI32 -> a.cmn32RI(g(i, 0), (int) imm);
            case CSET -> a.cset32(g(i, 0), cond(imm));
            case CSETM64 -> a.csetm64(g(i, 0), cond(imm));
            case CSEL64 -> a.csel64(g(i, 0), g(i, 1), g(i, 2), cond(imm));
            case CSEL32 -> a.csel32(g(i, 0), g(i, 1), g(i, 2), cond(imm));
            case FCSEL_D -> a.fcselD(v(i, 0), v(i, 1), v(i, 2), cond(imm));
            case FCSEL_S -> a.fcselS(v(i, 0), v(i, 1), v(i, 2), cond(imm));
            case FCMP_D -> a.fcmpD(v(i, 0), v(i, 1));
            case FCMP_S -> a.fcmpS(v(i, 0), v(i, 1));
            case B -> {
                int t = go[(int) imm];
                if (t != next && !(t <= block && rotated(t))) { // falling through to the next block needs no branch
                    a.b(blocks[t]);
                }
            }
            case BCOND -> a.bcond(cond(Imm.cond(imm)), target(Imm.target(imm)));
            case CBZ32 -> a.cbz32(g(i, 0), target(imm));
            case CBNZ32 -> a.cbnz32(g(i, 0), target(imm));
            case FADD_D -> a.faddD(v(i, 0), v(i, 1), v(i, 2));
            case FSUB_D -> a.fsubD(v(i, 0), v(i, 1), v(i, 2));
            case FMUL_D -> a.fmulD(v(i, 0), v(i, 1), v(i, 2));
            case FDIV_D -> a.fdivD(v(i, 0), v(i, 1), v(i, 2));
            case FADD_S -> a.faddS(v(i, 0), v(i, 1), v(i, 2));
            case FSUB_S -> a.fsubS(v(i, 0), v(i, 1), v(i, 2));
            case FMUL_S -> a.fmulS(v(i, 0), v(i, 1), v(i, 2));
            case FDIV_S -> a.fdivS(v(i, 0), v(i, 1), v(i, 2));
            case FNEG_D -> a.fnegD(v(i, 0), v(i, 1));
            case FNEG_S -> a.fnegS(v(i, 0), v(i, 1));
            case FABS_D -> a.fabsD(v(i, 0), v(i, 1));
            case FABS_S -> a.fabsS(v(i, 0), v(i, 1));
            case FSQRT_D -> a.fsqrtD(v(i, 0), v(i, 1));
            case FSQRT_S -> a.fsqrtS(v(i, 0), v(i, 1));
            case FCVT_DS -> a.fcvtDS(v(i, 0), v(i, 1));
            case FCVT_SD -> a.fcvtSD(v(i, 0), v(i, 1));
            case SCVTF_DX -> a.scvtfDX(v(i, 0), g(i, 1));
            case SCVTF_DW -> a.scvtfDW(v(i, 0), g(i, 1));
            case SCVTF_SX -> a.scvtfSX(v(i, 0), g(i, 1));
            case SCVTF_SW -> a.scvtfSW(v(i, 0), g(i, 1));
            case UCVTF_DX -> a.ucvtfDX(v(i, 0), g(i, 1));
            case UCVTF_DW -> a.ucvtfDW(v(i, 0), g(i, 1));
            case UCVTF_SX -> a.ucvtfSX(v(i, 0), g(i, 1));
            case UCVTF_SW -> a.ucvtfSW(v(i, 0), g(i, 1));
            case FCVTZS_XD -> a.fcvtzsXD(g(i, 0), v(i, 1));
            case FCVTZS_WD -> a.fcvtzsWD(g(i, 0), v(i, 1));
            case FCVTZS_XS -> a.fcvtzsXS(g(i, 0), v(i, 1));
            case FCVTZS_WS -> a.fcvtzsWS(g(i, 0), v(i, 1));
            case FCVTZU_XD -> a.fcvtzuXD(g(i, 0), v(i, 1));
            case FCVTZU_WD -> a.fcvtzuWD(g(i, 0), v(i, 1));
            case FCVTZU_XS -> a.fcvtzuXS(g(i, 0), v(i, 1));
            case FCVTZU_WS -> a.fcvtzuWS(g(i, 0), v(i, 1));
            case FMOV_D_X -> a.fmovDX(v(i, 0), g(i, 1));
            case FMOV_S_W -> a.fmovSW(v(i, 0), g(i, 1));
            case FMOV_X_D -> a.fmovXD(g(i, 0), v(i, 1));
            case FMOV_W_S -> a.fmovWS(g(i, 0), v(i, 1));
            case LOAD, STORE -> mem(MEM_OPS[Imm.memOp(imm)], i.reg(0), g(i, 1), Imm.offset(imm));
            case LOAD_INDEXED, STORE_INDEXED -> indexed(MEM_OPS[Imm.memOp(imm)], i.reg(0), g(i, 1), g(i, 2), Imm.scaled(imm));
            case LOAD_ARG -> mem(MEM_OPS[Imm.memOp(imm)], i.reg(0), frame.argBase(), frame.argOffset((int) Imm.offset(imm)));
            case STORE_OUT -> mem(MEM_OPS[Imm.memOp(imm)], i.reg(0), Gpr.SP, Imm.offset(imm));
            case SPILL_LOAD64 -> a.memRI(MemOp.LDR_X, g(i, 0), Gpr.SP, spOffset(MemOp.LDR_X, frame.spillOffset((int) imm)));
            case SPILL_STORE64 -> a.memRI(MemOp.STR_X, g(i, 0), Gpr.SP, spOffset(MemOp.STR_X, frame.spillOffset((int) imm)));
            case SPILL_LOAD_D -> a.memRI(MemOp.LDR_D, v(i, 0), Gpr.SP, spOffset(MemOp.LDR_D, frame.spillOffset((int) imm)));
            case SPILL_STORE_D -> a.memRI(MemOp.STR_D, v(i, 0), Gpr.SP, spOffset(MemOp.STR_D, frame.spillOffset((int) imm)));
            case SPILL_LOAD_Q -> a.memRI(MemOp.LDR_Q, v(i, 0), Gpr.SP, spOffset(MemOp.LDR_Q, frame.spillOffset((int) imm)));
            case SPILL_STORE_Q -> a.memRI(MemOp.STR_Q, v(i, 0), Gpr.SP, spOffset(MemOp.STR_Q, frame.spillOffset((int) imm)));
            case STACK_ADDR -> stackAddress(g(i, 0), (int) imm);
            case ADR_FUNC -> a.adr(g(i, 0), functions.get((int) imm));
            case BL, BL_V -> a.bl(functions.get((int) imm));
            case BLR, BLR_V -> a.blr(callTarget(i));
            case TRAP -> trap(TRAP_KINDS[(int) imm]);
            case RET -> epilogue();
            case BLOCK_PARAMS -> {
                // parameters arrive in their registers through the predecessors' edge moves
            }
            case VADD -> a.addV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VSUB -> a.subV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VMUL -> a.mulV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VAND -> a.andV(v(i, 0), v(i, 1), v(i, 2));
            case VORR -> a.orrV(v(i, 0), v(i, 1), v(i, 2));
            case VEOR -> a.eorV(v(i, 0), v(i, 1), v(i, 2));
            case VORN -> a.ornV(v(i, 0), v(i, 1), v(i, 2));
            case VBSL -> a.bslV(v(i, 0), v(i, 1), v(i, 2));
            case VMVN -> a.mvnV(v(i, 0), v(i, 1));
            case VFADD -> a.faddV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VFSUB -> a.fsubV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VFMUL -> a.fmulV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VFDIV -> a.fdivV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VFNEG -> a.fnegV(arr(imm), v(i, 0), v(i, 1));
            case VFABS -> a.fabsV(arr(imm), v(i, 0), v(i, 1));
            case VFSQRT -> a.fsqrtV(arr(imm), v(i, 0), v(i, 1));
            case VCMEQ -> a.cmeqV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VCMGT -> a.cmgtV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VCMGE -> a.cmgeV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VCMHI -> a.cmhiV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VCMHS -> a.cmhsV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VFCMEQ -> a.fcmeqV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VFCMGE -> a.fcmgeV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case VFCMGT -> a.fcmgtV(arr(imm), v(i, 0), v(i, 1), v(i, 2));
            case DUP_R -> a.dupVR(arr(imm), v(i, 0), g(i, 1));
            case DUP_E -> a.dupVE(arr(imm), v(i, 0), v(i, 1), Imm.laneOf(imm));
            case DUP_SE -> a.dupSE(arr(imm), v(i, 0), v(i, 1), Imm.laneOf(imm));
            case UMOV -> a.umov(arr(imm), g(i, 0), v(i, 1), Imm.laneOf(imm));
            case SMOV32 -> a.smov32(arr(imm), g(i, 0), v(i, 1), Imm.laneOf(imm));
            case INS_R -> a.insVR(arr(imm), v(i, 0), Imm.laneOf(imm), g(i, 1));
            case ADDV -> a.addv(arr(imm), v(i, 0), v(i, 1));
            case ADDP_D -> a.addpD(v(i, 0), v(i, 1));
            default -> throw new SimplecException(ErrorKind.INTERNAL, "aarch64: function " + name + ": no encoding for " + i);
        }
    }

    /** A load or store at {@code base + index}, the index scaled by the access size or not. */
    private void indexed(MemOp op, int reg, Gpr base, Gpr index, boolean scaled) {
        if (op.isFp()) {
            Fpr t = Arm64Target.toFpr(reg);
            if (scaled) {
                a.memRRScaled(op, t, base, index);
            } else {
                a.memRR(op, t, base, index);
            }
        } else {
            Gpr t = Arm64Target.toGpr(reg);
            if (scaled) {
                a.memRRScaled(op, t, base, index);
            } else {
                a.memRR(op, t, base, index);
            }
        }
    }

    /** A load or store: the scaled form when the offset fits it, else the unscaled one (selection made sure one fits). */
    private void mem(MemOp op, int reg, Gpr base, long offset) {
        if (!op.fitsScaled(offset) && !MemOp.fitsUnscaled(offset)) {
            throw new SimplecException(ErrorKind.LIMIT, "aarch64: function " + name + ": offset " + offset + " is out of reach of "
                    + op.name().toLowerCase(java.util.Locale.ROOT));
        }
        int off = (int) offset;
        if (op.isFp()) {
            Fpr t = Arm64Target.toFpr(reg);
            if (op.fitsScaled(offset)) {
                a.memRI(op, t, base, off);
            } else {
                a.memRIUnscaled(op, t, base, off);
            }
        } else {
            Gpr t = Arm64Target.toGpr(reg);
            if (op.fitsScaled(offset)) {
                a.memRI(op, t, base, off);
            } else {
                a.memRIUnscaled(op, t, base, off);
            }
        }
    }

    /** {@code d = sp + offset}, rounded up at run time for slots aligned beyond sp's 16 bytes. */
    private void stackAddress(Gpr d, int slot) {
        int off = frame.slotOffset(slot);
        int align = frame.slotAlign(slot);
        boolean round = frame.slots().roundsUp(slot);
        if (round) {
            off += align - 1;
        }
        if (off >> 24 != 0) {
            throw new SimplecException(ErrorKind.LIMIT, "aarch64: function " + name + ": stack slot offset " + off + " is out of reach");
        }
        Gpr base = Gpr.SP;
        if (off >> 12 != 0) {
            a.add64RIHigh(d, base, off >> 12);
            base = d;
        }
        if ((off & 0xFFF) != 0 || base == Gpr.SP) {
            a.add64RI(d, base, off & 0xFFF);
        }
        if (round) {
            a.and64RI(d, d, -(long) align);
        }
    }

    private static Gpr callTarget(MInst i) {
        for (int k = 0; k < i.regCount(); k++) {
            if (i.role(k).reads()) {
                return Arm64Target.toGpr(i.reg(k));
            }
        }
        throw new IllegalStateException("blr without a target: " + i);
    }

    /** {@code write(2, message, length); exit_group(134)} with raw system calls: no symbol outside the blob. */
    private void trap(TrapKind kind) {
        byte[] text = (kind.message(name) + "\n").getBytes(StandardCharsets.UTF_8);
        if (text.length > 0xFFFF) {
            throw new SimplecException(ErrorKind.LIMIT, "aarch64: function name too long for a trap message: " + name.length() + " characters");
        }
        a.adr(Gpr.X1, messages.label(kind.message(name) + "\n"));
        a.movz64(Gpr.X2, text.length, 0);
        a.movz64(Gpr.X0, 2, 0);
        a.movz64(Gpr.X8, SYS_WRITE, 0);
        a.svc(0);
        a.movz64(Gpr.X0, TrapKind.EXIT_STATUS, 0);
        a.movz64(Gpr.X8, SYS_EXIT_GROUP, 0);
        a.svc(0);
    }

    /**
     * The shortest movz/movn + movk sequence for a {@code width}-bit constant: start from all zeros
     * (movz) or all ones (movn), whichever leaves fewer 16-bit chunks to patch with movk.
     */
    private void movImm(Gpr d, long imm, int width) {
        int chunks = width / 16;
        int zeros = 0;
        int ones = 0;
        for (int k = 0; k < chunks; k++) {
            int c = chunk(imm, k);
            zeros += c == 0 ? 1 : 0;
            ones += c == 0xFFFF ? 1 : 0;
        }
        boolean inverted = ones > zeros;
        int fill = inverted ? 0xFFFF : 0;
        boolean first = true;
        for (int k = 0; k < chunks; k++) {
            int c = chunk(imm, k);
            if (c == fill) {
                continue;
            }
            if (first) {
                wide(d, inverted ? ~c & 0xFFFF : c, 16 * k, width, inverted ? 'n' : 'z');
                first = false;
            } else {
                wide(d, c, 16 * k, width, 'k');
            }
        }
        if (first) { // every chunk is the fill value
            wide(d, 0, 0, width, inverted ? 'n' : 'z');
        }
    }

    private void wide(Gpr d, int imm16, int shift, int width, char kind) {
        switch (kind) {
            case 'z' -> {
                if (width == 64) {
                    a.movz64(d, imm16, shift);
                } else {
                    a.movz32(d, imm16, shift);
                }
            }
            case 'n' -> {
                if (width == 64) {
                    a.movn64(d, imm16, shift);
                } else {
                    a.movn32(d, imm16, shift);
                }
            }
            default -> {
                if (width == 64) {
                    a.movk64(d, imm16, shift);
                } else {
                    a.movk32(d, imm16, shift);
                }
            }
        }
    }

    private static int chunk(long imm, int k) {
        return (int) (imm >>> (16 * k)) & 0xFFFF;
    }

    private static Cond cond(long ordinal) {
        return CONDS[(int) ordinal];
    }

    private static Arr arr(long imm) {
        return ARRS[Imm.arr(imm)];
    }

    private static Gpr g(MInst i, int k) {
        return Arm64Target.toGpr(i.reg(k));
    }

    private static Fpr v(MInst i, int k) {
        return Arm64Target.toFpr(i.reg(k));
    }
}
