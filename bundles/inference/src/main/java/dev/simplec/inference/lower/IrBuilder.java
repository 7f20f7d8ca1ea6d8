package dev.simplec.inference.lower;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrStackSlot;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;

/**
 * Builds one IR function block by block. After a terminator the builder has no current block
 * (the code that follows is unreachable, e.g. after {@code return}); instructions emitted then go to
 * a discarded sink, so lowering never needs to special-case dead code. {@link #finish} drops blocks
 * that cannot be reached from the entry and renumbers the rest in order.
 */
final class IrBuilder {
    private static final class Block {
        final List<IrBlockParam> params = new ArrayList<>();
        final List<IrInst> insts = new ArrayList<>();
        @Nullable IrTerminator terminator;
        int predecessors;
    }

    private final List<Block> blocks = new ArrayList<>();
    private final List<IrStackSlot> slots = new ArrayList<>();
    private final Map<TrapKind, Integer> trapBlocks = new EnumMap<>(TrapKind.class);
    private final Block sink = new Block();
    private int current;
    private int nextValue;

    IrBuilder() {
        blocks.add(new Block());
        current = 0;
    }

    /** A new block with parameters of {@code types}; its parameter values are {@link #params}. */
    int newBlock(List<IrType> types) {
        Block b = new Block();
        for (IrType t : types) {
            b.params.add(new IrBlockParam(nextValue++, t));
        }
        blocks.add(b);
        return blocks.size() - 1;
    }

    int newBlock() {
        return newBlock(List.of());
    }

    int[] params(int block) {
        List<IrBlockParam> ps = blocks.get(block).params;
        int[] out = new int[ps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ps.get(i).value();
        }
        return out;
    }

    /** Continues in {@code block}; unreachable (the sink) when nothing jumps there yet and it is not the entry. */
    void switchTo(int block) {
        current = block == 0 || blocks.get(block).predecessors > 0 ? block : -1;
    }

    /** Continues in {@code block} even before any jump to it is emitted (a loop header gets its back edge later). */
    void switchToAlways(int block) {
        current = block;
    }

    boolean reachable() {
        return current >= 0;
    }

    private Block cur() {
        return current >= 0 ? blocks.get(current) : sink;
    }

    int emit(IrOp op, IrType type, int[] args, long imm) {
        int dst = nextValue++;
        cur().insts.add(new IrInst(op, type, dst, args, imm));
        return dst;
    }

    int emit(IrOp op, IrType type, int... args) {
        return emit(op, type, args, 0);
    }

    int iconst(IrType type, long value) {
        return emit(IrOp.ICONST, type, new int[0], value);
    }

    /** An instruction that defines no value (STORE, a call without results). */
    void effect(IrOp op, IrType type, int[] args, long imm) {
        cur().insts.add(new IrInst(op, type, IrInst.NO_VALUE, args, imm));
    }

    /** A CALL of function {@code callee} with {@code results} (0–2) result values; returns them. */
    int[] call(int callee, IrType type, int[] args, int results) {
        int dst = results > 0 ? nextValue++ : IrInst.NO_VALUE;
        int dst2 = results > 1 ? nextValue++ : IrInst.NO_VALUE;
        cur().insts.add(new IrInst(IrOp.CALL, type, dst, args, callee, dst2));
        return results == 0 ? new int[0] : results == 1 ? new int[] {dst} : new int[] {dst, dst2};
    }

    int slot(int size, int align) {
        slots.add(new IrStackSlot(Math.max(size, 1), align));
        return slots.size() - 1;
    }

    void jump(int target, int[] args) {
        terminate(new IrTerminator.Jump(target, args), target, target);
    }

    void branch(int cond, int thenTarget, int[] thenArgs, int elseTarget, int[] elseArgs) {
        terminate(new IrTerminator.Branch(cond, thenTarget, thenArgs, elseTarget, elseArgs), thenTarget, elseTarget);
    }

    /** Continues at a fresh block when {@code ok} holds, else traps with {@code kind}. */
    void check(int ok, TrapKind kind) {
        int cont = newBlock();
        branch(ok, cont, new int[0], trapBlock(kind), new int[0]);
        switchTo(cont);
    }

    void ret(int[] values) {
        terminate(new IrTerminator.Ret(values), -1, -1);
    }

    private void terminate(IrTerminator t, int target1, int target2) {
        if (current < 0) {
            return;
        }
        blocks.get(current).terminator = t;
        if (target1 >= 0) {
            blocks.get(target1).predecessors++;
        }
        if (target2 >= 0 && target2 != target1) {
            blocks.get(target2).predecessors++;
        }
        current = -1;
    }

    /** One shared block per trap kind and function, made when first needed. */
    private int trapBlock(TrapKind kind) {
        Integer b = dev.simplec.inference.util.Maps.get(trapBlocks, kind);
        if (b == null) {
            Block t = new Block();
            t.terminator = new IrTerminator.Trap(kind);
            blocks.add(t);
            b = blocks.size() - 1;
            trapBlocks.put(kind, b);
        }
        return b;
    }

    /** The function: blocks reachable from b0, renumbered in creation order. */
    IrFunction finish(String name, List<IrType> params, List<IrType> returns) {
        boolean[] live = new boolean[blocks.size()];
        List<Integer> work = new ArrayList<>(List.of(0));
        live[0] = true;
        while (!work.isEmpty()) {
            IrTerminator t = blocks.get(work.remove(work.size() - 1)).terminator;
            for (int s : successors(t)) {
                if (!live[s]) {
                    live[s] = true;
                    work.add(s);
                }
            }
        }
        int[] renumber = new int[blocks.size()];
        int n = 0;
        for (int b = 0; b < blocks.size(); b++) {
            renumber[b] = live[b] ? n++ : -1;
        }
        List<IrBlock> out = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            if (live[b]) {
                Block blk = blocks.get(b);
                IrTerminator t = blk.terminator;
                out.add(new IrBlock(blk.params, blk.insts, t == null ? new IrTerminator.Trap(TrapKind.UNREACHABLE)
                        : retarget(t, renumber)));
            }
        }
        return new IrFunction(name, params, returns, out, nextValue, slots);
    }

    private static int[] successors(@Nullable IrTerminator t) {
        if (t instanceof IrTerminator.Jump j) {
            return new int[] {j.target()};
        } else if (t instanceof IrTerminator.Branch b) {
            return new int[] {b.thenTarget(), b.elseTarget()};
        }
        return new int[0];
    }

    private static IrTerminator retarget(IrTerminator t, int[] renumber) {
        if (t instanceof IrTerminator.Jump j) {
            return renumber[j.target()] == j.target() ? j : new IrTerminator.Jump(renumber[j.target()], j.args());
        } else if (t instanceof IrTerminator.Branch b) {
            if (renumber[b.thenTarget()] == b.thenTarget() && renumber[b.elseTarget()] == b.elseTarget()) {
                return b;
            }
            return new IrTerminator.Branch(b.cond(), renumber[b.thenTarget()], b.thenArgs(), renumber[b.elseTarget()],
                    b.elseArgs());
        }
        return t;
    }
}
