package dev.simplec.backend.x86.emit;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.AllocatedFunction;
import dev.simplec.api.codegen.Label;
import dev.simplec.api.codegen.MBlock;
import dev.simplec.api.codegen.MInst;
import dev.simplec.api.codegen.MOpcode;
import dev.simplec.api.codegen.StackSlots;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.backend.x86.abi.X86FrameLayout;
import dev.simplec.backend.x86.emit.X86Assembler.AluOp;
import dev.simplec.backend.x86.emit.X86Assembler.ShiftOp;
import dev.simplec.backend.x86.targ.Addr;
import dev.simplec.backend.x86.targ.ArgSlot;
import dev.simplec.backend.x86.targ.Branches;
import dev.simplec.backend.x86.targ.FCond;
import dev.simplec.backend.x86.targ.FtoI;
import dev.simplec.backend.x86.targ.Konst;
import dev.simplec.backend.x86.targ.X86Op;
import dev.simplec.backend.x86.targ.X86Target;

/**
 * Turns an allocated function into bytes: prologue, each machine instruction (pseudo-ops expand
 * to short fixed sequences with local labels), an epilogue at every return. Jumps to the next
 * block in layout are left out, and a conditional branch is inverted when its taken side follows.
 */
public final class X86Emitter {
    /** The enums that instructions' immediates index, read without values()'s copy per instruction. */
    private static final AluOp[] ALU_OPS = AluOp.values();
    private static final AvxOp[] AVX_OPS = AvxOp.values();
    private static final FCond[] F_CONDS = FCond.values();
    private static final IrOp[] IR_OPS = IrOp.values();
    private static final IrType[] IR_TYPES = IrType.values();
    private static final Konst[] KONSTS = Konst.values();
    private static final SseOp[] SSE_OPS = SseOp.values();
    private static final SseShift[] SSE_SHIFTS = SseShift.values();

    /** What a function's code refers to outside itself. */
    public record Context(List<Label> functions, List<String> functionNames, ConstPool pool) {
    }

    private final X86Assembler a;
    private final X86FrameLayout frame;
    private final Context ctx;
    private final Label[] blocks;
    private final boolean zeroUpper;
    private final boolean ymm;
    private final List<MBlock> code;
    /** Out-of-line code (rare paths such as NaN canonicalization), emitted after the function's blocks. */
    private final List<Runnable> cold = new ArrayList<>();
    /** Per block: the integer compare whose flags every path into the block carries, or null. */
    private final @Nullable FlagsKey[] entryFlags;
    /** Blocks that run before the frame exists, and where the prologue goes (null: at the entry). */
    private @Nullable ShrinkWrap wrap;
    /**
     * Per block: where a jump to it really goes, past blocks that only jump on (edge blocks whose
     * moves all vanished); such a block is not emitted at all ({@link #skipped}).
     */
    private final int[] go;
    private final boolean[] skipped;
    private int current;
    /** The block emitted after the current one: where falling through leads. */
    private int next;

    /** What a compare instruction compared: kind (width, register or constant), operands. */
    private record FlagsKey(X86Op op, int a, long b) {
    }

    private X86Emitter(X86Assembler a, X86FrameLayout frame, Context ctx, List<MBlock> code, boolean ymm, boolean zeroUpper) {
        this.a = a;
        this.frame = frame;
        this.ctx = ctx;
        this.code = code;
        this.blocks = new Label[code.size()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new Label();
        }
        this.ymm = ymm;
        this.zeroUpper = zeroUpper;
        this.entryFlags = flagsAtEntry(code);
        this.go = new int[code.size()];
        this.skipped = new boolean[code.size()];
    }

    /** Fills {@link #go} and {@link #skipped}: blocks that only jump are passed through, unless the prologue is theirs. */
    private void resolveJumps() {
        int n = code.size();
        for (int b = 0; b < n; b++) {
            int t = b;
            for (int hops = 0; hops < n && passThrough(t); hops++) {
                t = (int) code.get(t).insts().get(0).imm();
            }
            go[b] = passThrough(t) ? b : t; // a cycle of jumps: left as it is
            skipped[b] = go[b] != b;
        }
    }

    private boolean passThrough(int b) {
        MBlock block = code.get(b);
        ShrinkWrap w = wrap;
        return b > 0 && block.insts().size() == 1 && block.insts().get(0).op() == X86Op.JMP && (w == null || !w.prologue[b]);
    }

    /** Whether {@link #key} has an answer for {@code i}: a compare-and-branch (asked without making the key). */
    private static boolean hasKey(MInst i) {
        MOpcode op = i.op();
        return op == X86Op.BR_CMP64 || op == X86Op.BR_CMPI64 || op == X86Op.BR_CMP32 || op == X86Op.BR_CMPI32
                || op == X86Op.BR_CMP8 || op == X86Op.BR_CMP16;
    }

    /** What {@code i} compares, for a compare-and-branch ({@link #hasKey}); null for anything else. */
    private static @Nullable FlagsKey key(MInst i) {
        if (!hasKey(i)) {
            return null;
        }
        X86Op op = (X86Op) i.op();
        boolean immediate = op == X86Op.BR_CMPI32 || op == X86Op.BR_CMPI64;
        return new FlagsKey(op, i.reg(0), immediate ? Branches.constant(i.imm()) : i.reg(1));
    }

    /**
     * A block whose only predecessor ends in an integer compare-and-branch is entered with that
     * compare's flags (also from the copies loop rotation makes of the predecessor); a bounds check
     * repeating the loop test's compare then needs no compare of its own.
     */
    private static @Nullable FlagsKey[] flagsAtEntry(List<MBlock> code) {
        int n = code.size();
        int[] preds = new int[n];
        int[] pred = new int[n];
        for (int b = 0; b < n; b++) {
            MBlock block = code.get(b);
            for (int k = 0; k < block.successorCount(); k++) {
                int t = block.successor(k);
                preds[t]++;
                pred[t] = b;
            }
        }
        @Nullable FlagsKey[] out = new @Nullable FlagsKey[n];
        for (int b = 1; b < n; b++) {
            List<MInst> p = code.get(pred[b]).insts();
            List<MInst> first = code.get(b).insts();
            // Only a block that starts with a compare-and-branch can use the flags it is entered with.
            if (preds[b] == 1 && !p.isEmpty() && !first.isEmpty() && hasKey(first.get(0))) {
                out[b] = key(p.get(p.size() - 1));
            }
        }
        return out;
    }

    /**
     * Emits {@code fn}. {@code ymm}: the function uses 256-bit registers, so every SSE instruction
     * takes its VEX form and calls are preceded by vzeroupper; {@code zeroUpper}: it also returns
     * no 256-bit value, so it clears the upper halves before returning.
     */
    public static void emit(X86Assembler a, AllocatedFunction fn, StackSlots slots, Context ctx, boolean ymm, boolean zeroUpper) {
        List<Gpr> saved = new ArrayList<>();
        for (int r : fn.calleeSaved()) {
            saved.add(X86Target.toGpr(r));
        }
        int outgoing = 0;
        boolean calls = false;
        for (MBlock b : fn.code().blocks()) {
            for (MInst i : b.insts()) {
                if (i.op() == X86Op.STORE_ARG) {
                    int kind = ArgSlot.kind(i.imm());
                    outgoing = Math.max(outgoing, ArgSlot.offset(i.imm()) + (kind == ArgSlot.V128 ? 16 : kind == ArgSlot.V256 ? 32 : 8));
                }
                calls |= i.op() == X86Op.CALL || i.op() == X86Op.CALL_IND;
            }
        }
        X86FrameLayout frame = new X86FrameLayout(saved, fn.spillSlots(), outgoing, slots, calls);
        X86Emitter e = new X86Emitter(a, frame, ctx, fn.code().blocks(), ymm, zeroUpper);
        a.setVex(ymm);
        List<MBlock> blocks = fn.code().blocks();
        ShrinkWrap wrap = frame.saved().isEmpty() && frame.localBytes() == 0 ? null : ShrinkWrap.of(blocks);
        e.wrap = wrap;
        e.resolveJumps();
        int[] loopEnd = e.loopEnds();
        if (wrap == null) {
            e.prologue();
        }
        for (int b = 0; b < blocks.size(); b++) {
            if (e.skipped[b]) {
                continue; // every jump to it goes straight on
            }
            e.current = b;
            e.next = b + 1;
            while (e.next < blocks.size() && e.skipped[e.next]) {
                e.next++;
            }
            if (loopEnd[b] >= 0 && (wrap == null || !wrap.prologue[b])) {
                e.alignLoop(b, loopEnd[b]);
            }
            a.bind(e.blocks[b]);
            if (wrap != null && wrap.prologue[b]) {
                e.prologue();
                e.entryFlags[b] = null; // sub rsp changes the flags
            }
            e.insts(blocks.get(b).insts(), e.entryFlags[b]);
        }
        for (Runnable r : e.cold) {
            r.run();
        }
        a.setVex(false);
    }

    /** The code bytes a loop may have to run from one 64-byte line: Zen 3 then runs saxpy's at one iteration a cycle. */
    private static final int LINE = 64;

    /**
     * Per block: the last block (in layout order) that branches back to it — the loop's bottom, so
     * the block is the top of a loop — or -1. A jump back to a header that loop rotation copies
     * branches back to the header's successors instead.
     */
    private int[] loopEnds() {
        int n = code.size();
        int[] end = new int[n];
        java.util.Arrays.fill(end, -1);
        for (int l = 0; l < n; l++) {
            if (skipped[l]) {
                continue;
            }
            MBlock block = code.get(l);
            for (int k = 0; k < block.successorCount(); k++) {
                int t = go[block.successor(k)];
                if (t <= l) {
                    List<MInst> insts = block.insts();
                    boolean rotated = !insts.isEmpty() && insts.get(insts.size() - 1).op() == X86Op.JMP && duplicable(t)
                            && sameFrame(l, t);
                    if (rotated) {
                        MBlock header = code.get(t);
                        for (int j = 0; j < header.successorCount(); j++) {
                            int s = go[header.successor(j)];
                            if (s <= l) {
                                end[s] = Math.max(end[s], l);
                            }
                        }
                    } else {
                        end[t] = Math.max(end[t], l);
                    }
                }
            }
        }
        return end;
    }

    /**
     * Starts the loop from block {@code top} to block {@code bottom} at a 64-byte boundary when its
     * code (estimated) fits in one 64-byte line but would straddle two from here: the padding is
     * int3 behind a jump to the loop, run once on the way in. saxpy's loop is 43 bytes; straddling
     * a line it takes 0.62 ns an element here, within one 0.42 ns (Zen 3's op cache holds code by
     * 64-byte line, and a loop over two lines is fetched at one line a cycle).
     */
    private void alignLoop(int top, int bottom) {
        int at = a.size() % LINE;
        if (at == 0) {
            return;
        }
        // Allocated code has no block parameters left, and every other instruction is estimated at
        // 5 bytes or more: a loop of more than 12 (an outer loop) is longer than a line, no look at each needed.
        int least = 0;
        for (int b = top; b <= bottom && least <= LINE; b++) {
            least += 5 * code.get(b).insts().size();
        }
        if (least > LINE) {
            return;
        }
        int bytes = 0;
        for (int b = top; b <= bottom; b++) {
            for (MInst i : code.get(b).insts()) {
                bytes += estimatedBytes(i);
                if (bytes > LINE || i.op() == X86Op.CALL || i.op() == X86Op.CALL_IND) {
                    return; // longer than a line, or a call, whose cost dwarfs the fetch
                }
            }
        }
        if (at + bytes <= LINE) {
            return;
        }
        a.jmp(blocks[top], blockName(top));
        a.align(LINE);
    }

    /** About how many bytes an instruction takes (the loop alignment's estimate; rel32 branches). */
    private static int estimatedBytes(MInst i) {
        return switch ((X86Op) i.op()) {
            case STORE_SS, STORE_SD -> Addr.extra(i.imm()) == 1 ? 16 : 25;
            case JMP, BR_TEST, BR_CMP8, BR_CMP16, BR_CMP32, BR_CMP64, BR_CMPI32, BR_CMPI64 -> 10; // a jump back may be a copy of a compare and branch
            case BR_FCMP_SS, BR_FCMP_SD -> 16;
            case PARAMS -> 0;
            // A lea between two registers, estimated as the copy and add selection used to make of
            // it: the loop alignment was measured (fib) with that estimate.
            case ADDI64, ADDI32, SUBI64, SUBI32 -> i.reg(0) == i.reg(1) ? 5 : 10;
            default -> 5;
        };
    }

    /** How the listing names block {@code b}; nothing is built when no listing is recorded. */
    private String blockName(long b) {
        return a.recordsText() ? "b" + b : "";
    }

    /**
     * A jump to a short block that ends in a conditional branch (a loop header that tests the
     * condition) is replaced by a copy of that block: the loop then branches back from its bottom,
     * one jump fewer per iteration.
     */
    private boolean duplicable(int target) {
        List<MInst> insts = code.get(target).insts();
        if (insts.isEmpty() || insts.size() > 6) {
            return false;
        }
        for (int k = 0; k < insts.size(); k++) {
            X86Op op = (X86Op) insts.get(k).op();
            boolean branch = switch (op) {
                case BR_TEST, BR_CMP8, BR_CMP16, BR_CMP32, BR_CMP64, BR_CMPI32, BR_CMPI64, BR_FCMP_SS, BR_FCMP_SD -> true;
                default -> false;
            };
            if (branch != (k == insts.size() - 1) || op == X86Op.CALL || op == X86Op.CALL_IND || op == X86Op.JMP
                    || op == X86Op.RET || op == X86Op.TRAP) {
                return false;
            }
        }
        return true;
    }

    /** Whether code of block {@code from} may stand in for block {@code to} (loop rotation): both before or both after the prologue. */
    private boolean sameFrame(int from, int to) {
        ShrinkWrap w = wrap;
        return w == null || w.frameless[from] == w.frameless[to] && !w.prologue[to];
    }

    private void prologue() {
        for (Gpr g : frame.saved()) {
            a.push(g);
        }
        if (frame.localBytes() > 0) {
            a.alu64RI(AluOp.SUB, Gpr.RSP, frame.localBytes());
        }
    }

    private void epilogue() {
        if (frame.localBytes() > 0) {
            a.alu64RI(AluOp.ADD, Gpr.RSP, frame.localBytes());
        }
        for (int i = frame.saved().size() - 1; i >= 0; i--) {
            a.pop(frame.saved().get(i));
        }
        if (zeroUpper) {
            a.vzeroupper();
        }
        a.ret();
    }

    private void inst(MInst i) {
        X86Op op = (X86Op) i.op();
        long imm = i.imm();
        switch (op) {
            case MOV -> a.mov64RR(g(i, 0), g(i, 1));
            case MOVAPS -> a.sse(SseOp.MOVAPS, x(i, 0), x(i, 1));
            case VMOVAPS -> a.vex(AvxOp.VMOVAPS, true, x(i, 0), x(i, 0), x(i, 1));
            case MOV_IMM -> movImm(g(i, 0), imm);
            case FCONST32, FCONST64 -> {
                if (imm == 0) {
                    a.sse(SseOp.XORPS, x(i, 0), x(i, 0));
                } else if (op == X86Op.FCONST32) {
                    a.movssRM(x(i, 0), ctx.pool().scalar(imm & 0xFFFF_FFFFL));
                } else {
                    a.movsdRM(x(i, 0), ctx.pool().scalar(imm));
                }
            }
            case ADD64, ADD32 -> add(op == X86Op.ADD64, g(i, 0), g(i, 1), g(i, 2));
            case SUB64 -> a.alu64RR(AluOp.SUB, g(i, 0), g(i, 1));
            case SUB32 -> a.alu32RR(AluOp.SUB, g(i, 0), g(i, 1));
            case AND64 -> a.alu64RR(AluOp.AND, g(i, 0), g(i, 1));
            case AND32 -> a.alu32RR(AluOp.AND, g(i, 0), g(i, 1));
            case OR64 -> a.alu64RR(AluOp.OR, g(i, 0), g(i, 1));
            case OR32 -> a.alu32RR(AluOp.OR, g(i, 0), g(i, 1));
            case XOR64 -> a.alu64RR(AluOp.XOR, g(i, 0), g(i, 1));
            case XOR32 -> a.alu32RR(AluOp.XOR, g(i, 0), g(i, 1));
            case IMUL64 -> a.imul64RR(g(i, 0), g(i, 1));
            case IMUL32 -> a.imul32RR(g(i, 0), g(i, 1));
            case ADDI64, ADDI32, SUBI64, SUBI32 -> addImmediate(op, g(i, 0), g(i, 1), (int) imm);
            case ANDI64 -> a.alu64RI(AluOp.AND, g(i, 0), (int) imm);
            case ANDI32 -> a.alu32RI(AluOp.AND, g(i, 0), (int) imm);
            case ORI64 -> a.alu64RI(AluOp.OR, g(i, 0), (int) imm);
            case ORI32 -> a.alu32RI(AluOp.OR, g(i, 0), (int) imm);
            case XORI64 -> a.alu64RI(AluOp.XOR, g(i, 0), (int) imm);
            case XORI32 -> a.alu32RI(AluOp.XOR, g(i, 0), (int) imm);
            case IMULI64 -> a.imul64RRI(g(i, 0), g(i, 1), (int) imm);
            case IMULI32 -> a.imul32RRI(g(i, 0), g(i, 1), (int) imm);
            case SHL64 -> a.shift64Cl(ShiftOp.SHL, g(i, 0));
            case SHL32 -> a.shift32Cl(ShiftOp.SHL, g(i, 0));
            case SHR64 -> a.shift64Cl(ShiftOp.SHR, g(i, 0));
            case SHR32 -> a.shift32Cl(ShiftOp.SHR, g(i, 0));
            case SAR64 -> a.shift64Cl(ShiftOp.SAR, g(i, 0));
            case SAR32 -> a.shift32Cl(ShiftOp.SAR, g(i, 0));
            case SHLI64 -> a.shift64RI(ShiftOp.SHL, g(i, 0), (int) imm);
            case SHLI32 -> a.shift32RI(ShiftOp.SHL, g(i, 0), (int) imm);
            case SHRI64 -> a.shift64RI(ShiftOp.SHR, g(i, 0), (int) imm);
            case SHRI32 -> a.shift32RI(ShiftOp.SHR, g(i, 0), (int) imm);
            case SARI64 -> a.shift64RI(ShiftOp.SAR, g(i, 0), (int) imm);
            case SARI32 -> a.shift32RI(ShiftOp.SAR, g(i, 0), (int) imm);
            case MOVSX8 -> a.movsx64R8(g(i, 0), g(i, 1));
            case MOVSX16 -> a.movsx64R16(g(i, 0), g(i, 1));
            case MOVSXD -> a.movsxd64R32(g(i, 0), g(i, 1));
            case MOVZX8 -> a.movzx32R8(g(i, 0), g(i, 1));
            case MOVZX16 -> a.movzx32R16(g(i, 0), g(i, 1));
            case MOVZX32 -> a.mov32RR(g(i, 0), g(i, 1));
            case IDIV64 -> {
                a.cqo();
                a.idiv64(g(i, 2));
            }
            case IDIV32 -> {
                a.cdq();
                a.idiv32(g(i, 2));
            }
            case UDIV64 -> {
                a.alu32RR(AluOp.XOR, Gpr.RDX, Gpr.RDX);
                a.div64(g(i, 2));
            }
            case UDIV32 -> {
                a.alu32RR(AluOp.XOR, Gpr.RDX, Gpr.RDX);
                a.div32(g(i, 2));
            }
            case SETCC8, SETCC16, SETCC32, SETCC64 -> {
                cmp(op, g(i, 1), g(i, 2));
                a.setcc(Cond.of((int) imm), g(i, 0));
                a.movzx32R8(g(i, 0), g(i, 0));
            }
            case FSETCC_SS, FSETCC_SD -> fsetcc(op == X86Op.FSETCC_SD, F_CONDS[(int) imm], g(i, 0), g(i, 1), x(i, 2), x(i, 3));
            case JMP -> {
                int target = go[(int) imm];
                if (target != next) {
                    if (target <= current && duplicable(target) && sameFrame(current, target)) {
                        insts(code.get(target).insts(), null);
                    } else {
                        a.jmp(blocks[target], blockName(target));
                    }
                }
            }
            case BR_TEST -> {
                a.test8RR(g(i, 0), g(i, 0));
                branch(Cond.NE, Branches.thenBlock(imm), Branches.elseBlock(imm));
            }
            case BR_CMP8, BR_CMP16, BR_CMP32, BR_CMP64 -> {
                cmp(op, g(i, 0), g(i, 1));
                branch(Cond.of(Branches.cond(imm)), Branches.thenBlock(imm), Branches.elseBlock(imm));
            }
            case BR_CMPI32, BR_CMPI64 -> {
                if (op == X86Op.BR_CMPI64) {
                    a.alu64RI(AluOp.CMP, g(i, 0), Branches.constant(imm));
                } else {
                    a.alu32RI(AluOp.CMP, g(i, 0), Branches.constant(imm));
                }
                branch(Cond.of(Branches.constCond(imm)), Branches.constThen(imm), Branches.constElse(imm));
            }
            case SETCCI32, SETCCI64 -> {
                if (op == X86Op.SETCCI64) {
                    a.alu64RI(AluOp.CMP, g(i, 1), (int) (imm >> 8));
                } else {
                    a.alu32RI(AluOp.CMP, g(i, 1), (int) (imm >> 8));
                }
                a.setcc(Cond.of((int) (imm & 0xF)), g(i, 0));
                a.movzx32R8(g(i, 0), g(i, 0));
            }
            case BR_FCMP_SS, BR_FCMP_SD -> fbranch(op == X86Op.BR_FCMP_SD, x(i, 0), x(i, 1), imm);
            case TEST8 -> a.test8RR(g(i, 0), g(i, 0));
            case CMOVNE64 -> a.cmov64(Cond.NE, g(i, 0), g(i, 1));
            case CMOVNE32 -> a.cmov32(Cond.NE, g(i, 0), g(i, 1));
            case FSELECT -> {
                Label skip = new Label();
                a.test8RR(g(i, 1), g(i, 1));
                a.jcc(Cond.E, skip, "1f");
                copyX(imm == 32, x(i, 0), x(i, 2));
                a.bind(skip);
            }
            case LOAD8 -> a.movzx32RM8(g(i, 0), mem(i, 1));
            case LOAD16 -> a.movzx32RM16(g(i, 0), mem(i, 1));
            case LOAD32 -> a.mov32RM(g(i, 0), mem(i, 1));
            case LOAD64 -> a.mov64RM(g(i, 0), mem(i, 1));
            case LOAD_SS -> a.movssRM(x(i, 0), mem(i, 1));
            case LOAD_SD -> a.movsdRM(x(i, 0), mem(i, 1));
            case LOAD_V128 -> a.movupsRM(x(i, 0), mem(i, 1));
            case LOAD_V256 -> a.vmovupsRM(true, x(i, 0), mem(i, 1));
            case STORE8 -> a.mov8MR(mem(i, 1), g(i, 0));
            case STORE16 -> a.mov16MR(mem(i, 1), g(i, 0));
            case STORE32 -> a.mov32MR(mem(i, 1), g(i, 0));
            case STORE64 -> a.mov64MR(mem(i, 1), g(i, 0));
            case STORE_V128 -> a.movupsMR(mem(i, 1), x(i, 0));
            case STORE_V256 -> a.vmovupsMR(true, mem(i, 1), x(i, 0));
            case STORE_SS, STORE_SD -> storeFloat(i, op == X86Op.STORE_SD);
            case STORE_VF -> storeVectorFloat(IR_TYPES[Addr.extra(imm)], x(i, 0), x(i, 1), x(i, 2), mem(i, 3));
            case LEA -> a.lea64(g(i, 0), mem(i, 1));
            case SSE_MEM -> a.sse(SSE_OPS[Addr.extra(imm)], x(i, 0), mem(i, 1));
            case ALU_MEM64, ALU_MEM32 -> {
                int k = Addr.extra(imm);
                boolean w = op == X86Op.ALU_MEM64;
                if (k == 7) {
                    if (w) {
                        a.imul64RM(g(i, 0), mem(i, 1));
                    } else {
                        a.imul32RM(g(i, 0), mem(i, 1));
                    }
                } else if (w) {
                    a.alu64RM(ALU_OPS[k], g(i, 0), mem(i, 1));
                } else {
                    a.alu32RM(ALU_OPS[k], g(i, 0), mem(i, 1));
                }
            }
            case LEA_STACK -> leaStack(g(i, 0), (int) imm);
            case LEA_FUNC -> a.lea64(g(i, 0), Mem.rip(ctx.functions().get((int) imm), ctx.functionNames().get((int) imm)));
            case LOAD_ARG -> loadArg(i, Mem.of(Gpr.RSP, frame.argOffset(ArgSlot.offset(imm))), ArgSlot.kind(imm));
            case STORE_ARG -> storeArg(i, Mem.of(Gpr.RSP, ArgSlot.offset(imm)), ArgSlot.kind(imm));
            case CALL -> {
                if (ymm) {
                    a.vzeroupper(); // the callee may use legacy SSE
                }
                a.call(ctx.functions().get((int) imm), ctx.functionNames().get((int) imm));
            }
            case CALL_IND -> {
                if (ymm) {
                    a.vzeroupper();
                }
                a.callR(g(i, 0));
            }
            case RET -> {
                ShrinkWrap w = wrap;
                if (w != null && w.frameless[current]) {
                    if (zeroUpper) {
                        a.vzeroupper();
                    }
                    a.ret(); // no frame yet: nothing to undo
                } else {
                    epilogue();
                }
            }
            case TRAP -> trap((int) imm);
            case PARAMS, EDGE -> throw new SimplecException(ErrorKind.INTERNAL, "x86_64: " + i + " survived allocation");
            case SSE -> {
                SseOp s = SSE_OPS[(int) (imm & 0xFFFF)];
                if (s.hasImm()) {
                    a.sseImm(s, x(i, 0), x(i, 1), (int) (imm >>> 16));
                } else {
                    a.sse(s, x(i, 0), x(i, 1));
                }
            }
            case SSE_DEF -> sseDef(SSE_OPS[(int) imm], x(i, 0), x(i, 1));
            case SSE_K -> a.sse(SSE_OPS[(int) (imm & 0xFFFF)], x(i, 0), ctx.pool().konst(KONSTS[(int) (imm >>> 16)]));
            case SSE_SHIFT -> a.sseShift(SSE_SHIFTS[(int) (imm & 0xFFFF)], x(i, 0), (int) (imm >>> 16));
            case AVX -> {
                AvxOp v = AVX_OPS[(int) (imm & 0xFFFF)];
                boolean l = (imm >>> 16 & 1) != 0;
                if (v.hasImm()) {
                    a.vexImm(v, l, x(i, 0), x(i, 1), x(i, 2), (int) (imm >>> 24));
                } else {
                    a.vex(v, l, x(i, 0), x(i, 1), x(i, 2));
                }
            }
            case AVX_UNARY -> a.vex(AVX_OPS[(int) (imm & 0xFFFF)], (imm >>> 16 & 1) != 0, x(i, 0), x(i, 0), x(i, 1));
            case AVX_K -> a.vex(AVX_OPS[(int) (imm & 0xFFFF)], (imm >>> 16 & 1) != 0, x(i, 0), x(i, 1),
                    ctx.pool().konst(KONSTS[(int) (imm >>> 24)]));
            case AVX_SHIFT -> a.vexShift(SSE_SHIFTS[(int) (imm & 0xFFFF)], (imm >>> 16 & 1) != 0, x(i, 0), x(i, 1), (int) (imm >>> 24));
            case VEXTRACT_HI -> a.vextractf128(x(i, 0), x(i, 1), 1);
            case VINSERT_HI -> a.vinsertf128(x(i, 0), x(i, 1), x(i, 2), 1);
            case VPERMQ -> a.vpermq(x(i, 0), x(i, 1), (int) imm);
            case MOVQ_XR -> a.movqXR(x(i, 0), g(i, 1));
            case MOVD_XR -> a.movdXR(x(i, 0), g(i, 1));
            case MOVQ_RX -> a.movqRX(g(i, 0), x(i, 1));
            case MOVD_RX -> a.movdRX(g(i, 0), x(i, 1));
            case FMINMAX -> {
                SseOp s = SSE_OPS[(int) imm];
                boolean f64 = s == SseOp.MINSD || s == SseOp.MAXSD;
                Label skip = new Label();
                a.sse(f64 ? SseOp.UCOMISD : SseOp.UCOMISS, x(i, 1), x(i, 1));
                a.jcc(Cond.P, skip, "1f"); // b is NaN: keep a
                a.sse(s, x(i, 0), x(i, 1));
                a.bind(skip);
            }
            case CANON -> canon(imm == 64, x(i, 0));
            case VCANON -> vcanon((int) (imm & 0xFF), (imm >>> 8 & 1) != 0, x(i, 0), x(i, 0), x(i, 1), x(i, 2));
            case CVTSI2F -> {
                a.sse(SseOp.XORPS, x(i, 0), x(i, 0)); // no dependency on d's old value
                a.cvtsi2f64(imm == 64, x(i, 0), g(i, 1));
            }
            case CVTUI2F -> cvtUnsigned(imm == 64, x(i, 0), g(i, 1), g(i, 2));
            case FTOI -> ftoi(imm, g(i, 0), x(i, 1), x(i, 2), g(i, 3));
            case VMUL -> SimdEmitter.mul(a, ctx.pool(), IR_TYPES[(int) imm], x(i, 0), x(i, 1), x(i, 2), x(i, 3), x(i, 4));
            case VCMP -> SimdEmitter.compare(a, ctx.pool(), IR_TYPES[(int) (imm & 0xFF)], IR_OPS[(int) (imm >>> 8)],
                    x(i, 0), x(i, 1), x(i, 2), x(i, 3), x(i, 4));
            case VFMINMAX -> SimdEmitter.minMax(a, IR_TYPES[(int) (imm & 0xFF)], (imm >>> 8 & 1) != 0, x(i, 0), x(i, 1), x(i, 2), x(i, 3));
            case VSPLAT -> SimdEmitter.splat(a, IR_TYPES[(int) imm], x(i, 0), i.reg(1));
            case VZERO -> {
                if (IR_TYPES[(int) imm].bits() == 256) {
                    a.vex(AvxOp.VXORPS, true, x(i, 0), x(i, 0), x(i, 0));
                } else {
                    a.sse(SseOp.XORPS, x(i, 0), x(i, 0));
                }
            }
            case VEXTRACT -> SimdEmitter.extract(a, IR_TYPES[(int) (imm & 0xFF)], (int) (imm >>> 8), i.reg(0), x(i, 1), x(i, 2));
            case VREDUCE -> SimdEmitter.reduce(a, IR_TYPES[(int) imm], i.reg(0), x(i, 1), x(i, 2), x(i, 3));
            case SPILL_LOAD64 -> a.mov64RM(g(i, 0), spill(imm));
            case SPILL_STORE64 -> a.mov64MR(spill(imm), g(i, 0));
            case SPILL_LOAD_SD -> a.movsdRM(x(i, 0), spill(imm));
            case SPILL_STORE_SD -> a.movsdMR(spill(imm), x(i, 0));
            case SPILL_LOAD_V128 -> a.movupsRM(x(i, 0), spill(imm));
            case SPILL_STORE_V128 -> a.movupsMR(spill(imm), x(i, 0));
            case SPILL_LOAD_V256 -> a.vmovupsRM(true, x(i, 0), spill(imm));
            case SPILL_STORE_V256 -> a.vmovupsMR(true, spill(imm), x(i, 0));
        }
    }

    /**
     * Emits {@code insts} (a block, or a copy of one), two at a time where a pair has a shorter
     * form; {@code known}: the compare whose flags are live on entry, or null.
     */
    private void insts(List<MInst> insts, @Nullable FlagsKey known) {
        for (int k = 0; k < insts.size(); k++) {
            MInst inst = insts.get(k);
            if (k == 0 && known != null && known.equals(key(inst))) {
                branchOnly(inst);
            } else if (k + 1 < insts.size() && spillPair(inst, insts.get(k + 1))) {
                k++;
            } else {
                inst(inst);
            }
        }
    }

    /**
     * {@code d = s + imm} or {@code s - imm}: an add or sub in place when d is s, else one
     * {@code lea d, [s + imm]} (nothing reads the flags an add leaves); {@code s - MIN} as a copy and a sub.
     */
    private void addImmediate(X86Op op, Gpr d, Gpr s, int imm) {
        boolean wide = op == X86Op.ADDI64 || op == X86Op.SUBI64;
        boolean sub = op == X86Op.SUBI64 || op == X86Op.SUBI32;
        if (d != s && !(sub && imm == Integer.MIN_VALUE)) {
            Mem at = Mem.of(s, sub ? -imm : imm);
            if (wide) {
                a.lea64(d, at);
            } else {
                a.lea32(d, at);
            }
            return;
        }
        if (d != s) {
            a.mov64RR(d, s);
        }
        AluOp alu = sub ? AluOp.SUB : AluOp.ADD;
        if (wide) {
            a.alu64RI(alu, d, imm);
        } else {
            a.alu32RI(alu, d, imm);
        }
    }

    /**
     * A spilled value passing through its scratch register in two instructions, done in one: a
     * copy into the scratch register then its store to the slot ({@code mov [slot], s}), a load
     * from the slot then a copy or a compare of it ({@code mov d, [slot]}, {@code cmp a, [slot]}).
     * The scratch register lives only between the two. Whether it was done.
     */
    private boolean spillPair(MInst first, MInst second) {
        X86Op a1 = (X86Op) first.op();
        X86Op a2 = (X86Op) second.op();
        if (a1 == X86Op.MOV && a2 == X86Op.SPILL_STORE64 && second.reg(0) == first.reg(0) && isScratch(first.reg(0))
                && first.reg(1) != first.reg(0)) {
            a.mov64MR(spill(second.imm()), g(first, 1));
            return true;
        }
        if (a1 != X86Op.SPILL_LOAD64 || !isScratch(first.reg(0))) {
            return false;
        }
        if (a2 == X86Op.MOV && second.reg(1) == first.reg(0) && second.reg(0) != first.reg(0)) {
            a.mov64RM(g(second, 0), spill(first.imm()));
            return true;
        }
        if (a2 == X86Op.BR_CMP64 && second.reg(1) == first.reg(0) && second.reg(0) != first.reg(0)) {
            a.alu64RM(AluOp.CMP, g(second, 0), spill(first.imm()));
            branch(Cond.of(Branches.cond(second.imm())), Branches.thenBlock(second.imm()), Branches.elseBlock(second.imm()));
            return true;
        }
        return false;
    }

    private static boolean isScratch(int reg) {
        for (int s : X86Target.INSTANCE.scratch(dev.simplec.api.codegen.RegClass.INT)) {
            if (s == reg) {
                return true;
            }
        }
        return false;
    }

    /** A compare-and-branch whose compare already set the flags: just the jumps. */
    private void branchOnly(MInst i) {
        long imm = i.imm();
        if (i.op() == X86Op.BR_CMPI32 || i.op() == X86Op.BR_CMPI64) {
            branch(Cond.of(Branches.constCond(imm)), Branches.constThen(imm), Branches.constElse(imm));
        } else {
            branch(Cond.of(Branches.cond(imm)), Branches.thenBlock(imm), Branches.elseBlock(imm));
        }
    }

    private Mem spill(long slot) {
        return Mem.of(Gpr.RSP, frame.spillOffset((int) slot));
    }

    /** The address operand whose base register is operand {@code k} (index, if any, right after). */
    private static Mem mem(MInst i, int k) {
        long imm = i.imm();
        if (Addr.indexed(imm)) {
            return Mem.of(g(i, k), g(i, k + 1), Addr.scale(imm), Addr.disp(imm));
        }
        return Mem.of(g(i, k), Addr.disp(imm));
    }

    private void copyX(boolean ymm, Xmm d, Xmm s) {
        if (ymm) {
            a.vex(AvxOp.VMOVAPS, true, d, d, s);
        } else {
            a.sse(SseOp.MOVAPS, d, s);
        }
    }

    private void sseDef(SseOp op, Xmm d, Xmm s) {
        a.sse(op, d, s);
    }

    /** The shortest {@code mov} for a 64-bit constant. */
    private void movImm(Gpr d, long imm) {
        if (imm == 0) {
            a.alu32RR(AluOp.XOR, d, d);
        } else if (imm >>> 32 == 0) {
            a.mov32RI(d, (int) imm);
        } else if (imm == (int) imm) {
            a.mov64RI(d, (int) imm);
        } else {
            a.movabs(d, imm);
        }
    }

    /** {@code add} when the destination is one of the operands, else {@code lea}. */
    private void add(boolean wide, Gpr d, Gpr l, Gpr r) {
        if (d == l || d == r) {
            Gpr other = d == l ? r : l;
            if (wide) {
                a.alu64RR(AluOp.ADD, d, other);
            } else {
                a.alu32RR(AluOp.ADD, d, other);
            }
        } else {
            Gpr base = l;
            Gpr index = r;
            if (index == Gpr.RSP) {
                base = r;
                index = l;
            }
            if (wide) {
                a.lea64(d, Mem.of(base, index, 1, 0));
            } else {
                a.lea32(d, Mem.of(base, index, 1, 0));
            }
        }
    }

    private void cmp(X86Op op, Gpr l, Gpr r) {
        switch (op) {
            case SETCC8, BR_CMP8 -> a.cmp8RR(l, r);
            case SETCC16, BR_CMP16 -> a.cmp16RR(l, r);
            case SETCC32, BR_CMP32 -> a.alu32RR(AluOp.CMP, l, r);
            default -> a.alu64RR(AluOp.CMP, l, r);
        }
    }

    /**
     * Jumps to block t on {@code cond}, else to block e, falling through where possible; a guard
     * (one side {@link Branches#NEXT}) jumps to the other side only.
     */
    private void branch(Cond cond, int thenBlock, int elseBlock) {
        if (thenBlock == Branches.NEXT) {
            a.jcc(cond.not(), blocks[go[elseBlock]], blockName(go[elseBlock]));
            return;
        }
        if (elseBlock == Branches.NEXT) {
            a.jcc(cond, blocks[go[thenBlock]], blockName(go[thenBlock]));
            return;
        }
        int t = go[thenBlock];
        int e = go[elseBlock];
        if (e == next) {
            a.jcc(cond, blocks[t], blockName(t));
        } else if (t == next) {
            a.jcc(cond.not(), blocks[e], blockName(e));
        } else if (e <= current && (t > current || e > t)) {
            // The else side is the nearer backward target, a loop's back edge (a rotated loop
            // test): the taken branch goes there, the jump leaves the loop.
            a.jcc(cond.not(), blocks[e], blockName(e));
            a.jmp(blocks[t], blockName(t));
        } else {
            a.jcc(cond, blocks[t], blockName(t));
            a.jmp(blocks[e], blockName(e));
        }
    }

    private void ucomis(boolean f64, FCond c, Xmm l, Xmm r) {
        SseOp op = f64 ? SseOp.UCOMISD : SseOp.UCOMISS;
        if (c.swapped()) {
            a.sse(op, r, l);
        } else {
            a.sse(op, l, r);
        }
    }

    private static Cond simple(FCond c) {
        return c == FCond.LT || c == FCond.GT ? Cond.A : Cond.AE;
    }

    private void fbranch(boolean f64, Xmm l, Xmm r, long imm) {
        FCond c = F_CONDS[Branches.cond(imm)];
        ucomis(f64, c, l, r);
        int t = go[Branches.thenBlock(imm)];
        int e = go[Branches.elseBlock(imm)];
        Label tl = blocks[t];
        Label el = blocks[e];
        switch (c) {
            case EQ -> { // ZF=1 and PF=0
                a.jcc(Cond.P, el, blockName(e));
                if (t == next) {
                    a.jcc(Cond.NE, el, blockName(e));
                } else {
                    a.jcc(Cond.E, tl, blockName(t));
                    if (e != next) {
                        a.jmp(el, blockName(e));
                    }
                }
            }
            case NE -> { // ZF=0 or PF=1
                a.jcc(Cond.P, tl, blockName(t));
                if (t == next) {
                    a.jcc(Cond.E, el, blockName(e));
                } else {
                    a.jcc(Cond.NE, tl, blockName(t));
                    if (e != next) {
                        a.jmp(el, blockName(e));
                    }
                }
            }
            default -> branch(simple(c), t, e);
        }
    }

    private void fsetcc(boolean f64, FCond c, Gpr d, Gpr t, Xmm l, Xmm r) {
        ucomis(f64, c, l, r);
        switch (c) {
            case EQ -> {
                a.setcc(Cond.NP, t);
                a.setcc(Cond.E, d);
                a.alu32RR(AluOp.AND, d, t);
            }
            case NE -> {
                a.setcc(Cond.P, t);
                a.setcc(Cond.NE, d);
                a.alu32RR(AluOp.OR, d, t);
            }
            default -> a.setcc(simple(c), d);
        }
        a.movzx32R8(d, d);
    }

    /**
     * Stores a float, writing the canonical quiet NaN {@code nan} (a register) for any NaN, without a
     * branch: the unordered compare of the value with itself is a mask of all ones exactly for a
     * NaN, and selects {@code nan} there. AVX: {@code vcmpunordss t, v, v; vblendvps t, v, nan, t};
     * SSE2: {@code movaps t, v; cmpunordss t, t; movaps u, nan; andps u, t; andnps t, v; orps t, u}.
     */
    private void storeFloat(MInst i, boolean f64) {
        boolean avx = Addr.extra(i.imm()) == 1;
        Xmm v = x(i, 0);
        Xmm nan = x(i, 1);
        Xmm t = x(i, 2);
        if (avx) {
            a.vexImm(f64 ? AvxOp.VCMPSD : AvxOp.VCMPSS, false, t, v, v, 3);
            a.vblendv(f64, false, t, v, nan, t);
        } else {
            Xmm u = x(i, 3);
            sseNanMask(f64 ? SseOp.CMPSD : SseOp.CMPSS, t, v);
            a.sse(SseOp.MOVAPS, u, nan);
            sseNanSelect(t, u, v);
        }
        Mem m = mem(i, avx ? 3 : 4);
        if (f64) {
            a.movsdMR(m, t);
        } else {
            a.movssMR(m, t);
        }
    }

    /** SSE2's branchless NaN select, first half: {@code t} = all ones in each lane where {@code v} is NaN (unordered compare). */
    private void sseNanMask(SseOp cmp, Xmm t, Xmm v) {
        a.sse(SseOp.MOVAPS, t, v);
        a.sseImm(cmp, t, t, 3);
    }

    /** Second half: {@code t} = the canonical NaN in {@code u} where {@code t}'s mask is set, else {@code v}. */
    private void sseNanSelect(Xmm t, Xmm u, Xmm v) {
        a.sse(SseOp.ANDPS, u, t);
        a.sse(SseOp.ANDNPS, t, v);
        a.sse(SseOp.ORPS, t, u);
    }

    private void canon(boolean f64, Xmm x) {
        Label nan = new Label();
        Label done = new Label();
        a.sse(f64 ? SseOp.UCOMISD : SseOp.UCOMISS, x, x);
        a.jcc(Cond.P, nan, "1f");
        a.bind(done);
        cold.add(() -> {
            a.bind(nan);
            if (f64) {
                a.movsdRM(x, ctx.pool().konst(Konst.NAN64));
            } else {
                a.movssRM(x, ctx.pool().konst(Konst.NAN32));
            }
            a.jmp(done, "1b");
        });
    }

    /**
     * {@code d} = {@code v} with every NaN lane replaced by the canonical NaN; t1, t2 temporaries
     * ({@code d} may be {@code v} or {@code t1}; {@code v} is unchanged unless it is {@code d}).
     */
    private void vcanon(int laneBits, boolean l256, Xmm d, Xmm v, Xmm t1, Xmm t2) {
        boolean f64 = laneBits == 64;
        Mem nan = ctx.pool().konst(f64 ? Konst.NAN64 : Konst.NAN32);
        if (l256) {
            a.vexImm(f64 ? AvxOp.VCMPPD : AvxOp.VCMPPS, true, t1, v, v, 3); // unordered: NaN lanes
            a.vmovupsRM(true, t2, nan);
            a.vblendv(f64, true, d, v, t2, t1);
            return;
        }
        sseNanMask(f64 ? SseOp.CMPPD : SseOp.CMPPS, t1, v);
        a.sse(SseOp.MOVAPS, t2, nan);
        sseNanSelect(t1, t2, v);
        if (d != t1) {
            a.sse(SseOp.MOVAPS, d, t1);
        }
    }

    private void storeVectorFloat(IrType t, Xmm v, Xmm t1, Xmm t2, Mem m) {
        boolean l256 = t.bits() == 256;
        vcanon(t.laneBits(), l256, t1, v, t1, t2);
        if (l256) {
            a.vmovupsMR(true, m, t1);
        } else {
            a.movupsMR(m, t1);
        }
    }

    private void leaStack(Gpr d, int slot) {
        a.lea64(d, Mem.of(Gpr.RSP, frame.slotOffset(slot)));
        if (frame.slots().roundsUp(slot)) {
            a.alu64RI(AluOp.ADD, d, 31);
            a.alu64RI(AluOp.AND, d, -32);
        }
    }

    private void loadArg(MInst i, Mem m, int kind) {
        switch (kind) {
            case ArgSlot.INT -> a.mov64RM(g(i, 0), m);
            case ArgSlot.F32 -> a.movssRM(x(i, 0), m);
            case ArgSlot.F64 -> a.movsdRM(x(i, 0), m);
            case ArgSlot.V128 -> a.movupsRM(x(i, 0), m);
            default -> a.vmovupsRM(true, x(i, 0), m);
        }
    }

    private void storeArg(MInst i, Mem m, int kind) {
        switch (kind) {
            case ArgSlot.INT -> a.mov64MR(m, g(i, 0));
            case ArgSlot.F32 -> a.movssMR(m, x(i, 0));
            case ArgSlot.F64 -> a.movsdMR(m, x(i, 0));
            case ArgSlot.V128 -> a.movupsMR(m, x(i, 0));
            default -> a.vmovupsMR(true, m, x(i, 0));
        }
    }

    /** write(2, message, length); exit_group(134) — system calls only, nothing outside the blob. */
    private void trap(int message) {
        a.lea64(Gpr.RSI, ctx.pool().message(message));
        a.mov32RI(Gpr.RDX, ctx.pool().messageLength(message));
        a.mov32RI(Gpr.RDI, 2);
        a.mov32RI(Gpr.RAX, 1);
        a.syscall();
        a.mov32RI(Gpr.RDI, 134);
        a.mov32RI(Gpr.RAX, 231);
        a.syscall();
        a.ud2();
    }

    /** Unsigned 64-bit to float: below 2^63 the signed conversion; above, halve keeping a sticky bit, convert, double. */
    private void cvtUnsigned(boolean f64, Xmm d, Gpr s, Gpr t) {
        Label big = new Label();
        Label even = new Label();
        Label done = new Label();
        a.sse(SseOp.XORPS, d, d);
        a.alu64RI(AluOp.CMP, s, 0);
        a.jcc(Cond.L, big, "1f");
        a.cvtsi2f64(f64, d, s);
        a.jmp(done, "3f");
        a.bind(big);
        a.mov64RR(t, s);
        a.shift64RI(ShiftOp.SHR, t, 1);
        a.jcc(Cond.AE, even, "2f"); // CF: the bit shifted out
        a.alu64RI(AluOp.OR, t, 1);
        a.bind(even);
        a.cvtsi2f64(f64, d, t);
        a.sse(f64 ? SseOp.ADDSD : SseOp.ADDSS, d, d);
        a.bind(done);
    }

    /**
     * Saturating float to integer (NaN gives 0). Narrow targets: clamp to ±2^62 in the float domain,
     * convert exactly to 64 bits, clamp to the target's range in the integer domain. 64-bit targets:
     * compare against 2^63 (and 2^64) first.
     */
    private void ftoi(long shape, Gpr d, Xmm s, Xmm tx, Gpr ti) {
        boolean f64 = FtoI.fromF64(shape);
        boolean signed = FtoI.signed(shape);
        int bits = FtoI.toBits(shape);
        SseOp ucomis = f64 ? SseOp.UCOMISD : SseOp.UCOMISS;
        ConstPool pool = ctx.pool();
        Label zero = new Label();
        Label done = new Label();
        a.sse(ucomis, s, s);
        a.jcc(Cond.P, zero, "0f");
        if (bits < 64) {
            a.sse(SseOp.MOVAPS, tx, s);
            a.sse(f64 ? SseOp.MINSD : SseOp.MINSS, tx, pool.konst(f64 ? Konst.F64_TWO62 : Konst.F32_TWO62));
            a.sse(f64 ? SseOp.MAXSD : SseOp.MAXSS, tx, pool.konst(f64 ? Konst.F64_MTWO62 : Konst.F32_MTWO62));
            a.cvtt2si64(f64, d, tx);
            long max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
            long min = signed ? -(1L << (bits - 1)) : 0;
            movImm(ti, max);
            a.alu64RR(AluOp.CMP, d, ti);
            a.cmov64(Cond.G, d, ti);
            movImm(ti, min);
            a.alu64RR(AluOp.CMP, d, ti);
            a.cmov64(Cond.L, d, ti);
            a.jmp(done, "9f");
        } else if (signed) {
            Label big = new Label();
            a.sse(ucomis, s, pool.konst(f64 ? Konst.F64_TWO63 : Konst.F32_TWO63));
            a.jcc(Cond.AE, big, "1f");
            a.cvtt2si64(f64, d, s); // below -2^63 this gives MIN: the saturated value
            a.jmp(done, "9f");
            a.bind(big);
            a.movabs(d, Long.MAX_VALUE);
            a.jmp(done, "9f");
        } else {
            Label high = new Label();
            Label max = new Label();
            a.sse(ucomis, s, pool.konst(f64 ? Konst.F64_ZERO : Konst.F32_ZERO));
            a.jcc(Cond.BE, zero, "0f");
            a.sse(ucomis, s, pool.konst(f64 ? Konst.F64_TWO64 : Konst.F32_TWO64));
            a.jcc(Cond.AE, max, "2f");
            a.sse(ucomis, s, pool.konst(f64 ? Konst.F64_TWO63 : Konst.F32_TWO63));
            a.jcc(Cond.AE, high, "1f");
            a.cvtt2si64(f64, d, s);
            a.jmp(done, "9f");
            a.bind(high);
            a.sse(SseOp.MOVAPS, tx, s);
            a.sse(f64 ? SseOp.SUBSD : SseOp.SUBSS, tx, pool.konst(f64 ? Konst.F64_TWO63 : Konst.F32_TWO63));
            a.cvtt2si64(f64, d, tx);
            a.btc64RI(d, 63);
            a.jmp(done, "9f");
            a.bind(max);
            a.mov64RI(d, -1);
            a.jmp(done, "9f");
        }
        a.bind(zero);
        a.alu32RR(AluOp.XOR, d, d);
        a.bind(done);
    }

    static Gpr g(MInst i, int k) {
        return X86Target.toGpr(i.reg(k));
    }

    static Xmm x(MInst i, int k) {
        return X86Target.toXmm(i.reg(k));
    }
}
