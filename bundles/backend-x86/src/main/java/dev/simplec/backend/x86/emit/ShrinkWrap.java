package dev.simplec.backend.x86.emit;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.codegen.MBlock;
import dev.simplec.api.codegen.MInst;
import dev.simplec.backend.x86.targ.X86Op;
import dev.simplec.backend.x86.targ.X86Target;

/**
 * Where the prologue goes when the function's first blocks can run without a frame: a quick exit
 * (fib's {@code n < 2}, a check that returns early) then returns without saving, aligning and
 * restoring anything. The frame-free region is the entry and the blocks reached only from it that
 * touch no callee-saved register, no stack memory and call nothing; every edge leaving it must
 * enter a block with no other predecessor, which then starts with the prologue. Used only when
 * the region returns somewhere; otherwise the prologue stays at the entry.
 */
final class ShrinkWrap {
    /** Per block: runs before the frame exists. */
    final boolean[] frameless;
    /** Per block: starts with the prologue. */
    final boolean[] prologue;

    private ShrinkWrap(boolean[] frameless, boolean[] prologue) {
        this.frameless = frameless;
        this.prologue = prologue;
    }

    /** The region for {@code code}, or null when the prologue stays at the entry. */
    static @Nullable ShrinkWrap of(List<MBlock> code) {
        int n = code.size();
        int[] preds = new int[n];
        for (MBlock b : code) {
            for (int k = 0; k < b.successorCount(); k++) {
                preds[b.successor(k)]++;
            }
        }
        boolean[] in = new boolean[n];
        if (needsFrame(code.get(0))) {
            return null;
        }
        in[0] = true;
        // Grow: a frame-free block all of whose predecessors are in the region joins it.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int b = 0; b < n; b++) {
                if (!in[b] || code.get(b).successorCount() == 0) {
                    continue;
                }
                MBlock block = code.get(b);
                for (int k = 0; k < block.successorCount(); k++) {
                    int s = block.successor(k);
                    if (!in[s] && s != 0 && allPredsIn(code, s, in) && !needsFrame(code.get(s))) {
                        in[s] = true;
                        grew = true;
                    }
                }
            }
        }
        boolean returns = false;
        boolean[] prologue = new boolean[n];
        for (int b = 0; b < n; b++) {
            if (!in[b]) {
                continue;
            }
            MBlock block = code.get(b);
            List<MInst> insts = block.insts();
            returns |= !insts.isEmpty() && insts.get(insts.size() - 1).op() == X86Op.RET;
            for (int k = 0; k < block.successorCount(); k++) {
                int s = block.successor(k);
                if (!in[s]) {
                    if (preds[s] != 1) {
                        return null; // the frame would need a stub of its own on this edge
                    }
                    prologue[s] = true;
                }
            }
        }
        return returns ? new ShrinkWrap(in, prologue) : null;
    }

    private static boolean allPredsIn(List<MBlock> code, int s, boolean[] in) {
        for (int b = 0; b < code.size(); b++) {
            MBlock block = code.get(b);
            for (int k = 0; k < block.successorCount(); k++) {
                if (block.successor(k) == s && !in[b]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Touches a callee-saved register, the stack (spill slots, stack arguments, stack slots) or calls. */
    private static boolean needsFrame(MBlock block) {
        for (MInst i : block.insts()) {
            switch ((X86Op) i.op()) {
                case CALL, CALL_IND, LOAD_ARG, STORE_ARG, LEA_STACK, SPILL_LOAD64, SPILL_STORE64, SPILL_LOAD_SD, SPILL_STORE_SD,
                        SPILL_LOAD_V128, SPILL_STORE_V128, SPILL_LOAD_V256, SPILL_STORE_V256 -> {
                    return true;
                }
                default -> {
                }
            }
            for (int k = 0; k < i.regCount(); k++) {
                if (X86Target.INSTANCE.isCalleeSaved(i.reg(k))) {
                    return true;
                }
            }
        }
        return false;
    }
}
