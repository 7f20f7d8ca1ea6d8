package dev.simplec.inference.lower;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
import dev.simplec.inference.util.Lists;

/**
 * Builds one IR function block by block. After a terminator the builder has no current block
 * (the code that follows is unreachable, e.g. after {@code return}); instructions emitted then are
 * dropped, so lowering never needs to special-case dead code. {@link #finish} drops blocks that
 * cannot be reached from the entry and renumbers the rest in order.
 *
 * <p>Instructions of the current block collect in one buffer shared by all blocks; when the block
 * is left they become its immutable list, made once at its exact size (which {@link IrBlock} keeps
 * as it is).
 */
final class IrBuilder {
    private static final int[] NONE = new int[0];

    /*
     * Blocks by number, {@code blockCount} of them, as parallel arrays (no object per block; the
     * builder and its arrays serve all instances of a module). Block b's parameters have the types
     * paramTypes[b] (never written) and take the values firstParams[b], firstParams[b] + 1, …; their
     * IrBlockParams are made in finish, only for the blocks that are kept.
     */
    private IrType[][] paramTypes = new IrType[32][];
    private int[] firstParams = new int[32];
    /** Each block's instructions so far, an immutable List of IrInst (an Object array: no generic array). */
    private Object[] insts = new Object[32];
    private @Nullable IrTerminator[] terminators = new IrTerminator[32];
    private int[] predecessors = new int[32];
    private int blockCount;
    /** One Trap terminator per kind: records without other state, shared by every block that traps. */
    private static final IrTerminator.Trap[] TRAPS = traps();
    private final List<IrStackSlot> slots = new ArrayList<>(0);
    /** The block of each trap kind, made when first needed (one per kind and function); 0 when none yet. */
    private final int[] trapBlocks = new int[TRAPS.length];
    /** The current block's instructions not yet moved to it. */
    private IrInst[] pending = new IrInst[16];
    /** Reused by {@link #params(int)} for blocks with more than two parameters; made when first needed. */
    private IrBlockParam[] paramBuffer = NO_PARAMS;
    private static final IrBlockParam[] NO_PARAMS = new IrBlockParam[0];
    private int pendingCount;
    /** The current block, or -1 when the code is unreachable. */
    private int current;
    private int nextValue;

    private static final IrType[] NO_TYPES = new IrType[0];

    IrBuilder() {
        addBlock(NO_TYPES, 0);
        current = 0;
    }

    private static IrTerminator.Trap[] traps() {
        TrapKind[] kinds = TrapKind.values();
        IrTerminator.Trap[] out = new IrTerminator.Trap[kinds.length];
        for (TrapKind k : kinds) {
            out[k.ordinal()] = new IrTerminator.Trap(k);
        }
        return out;
    }

    /**
     * Empties the builder for the next function, keeping its arrays: a module's instances are lowered
     * one after another with one builder. Entries past the counts are stale and never read.
     */
    private void reset() {
        blockCount = 0;
        slots.clear();
        Arrays.fill(trapBlocks, 0);
        pendingCount = 0;
        nextValue = 0;
        addBlock(NO_TYPES, 0);
        current = 0;
    }

    /** A new block without parameters (a call without arguments would allocate an empty varargs array). */
    int newBlock() {
        return newBlock(NO_TYPES);
    }

    /**
     * A new block with parameters of {@code types}, which the builder keeps (the caller does not change
     * it afterwards); its parameter values are {@link #param}.
     */
    int newBlock(IrType... types) {
        int first = nextValue;
        nextValue += types.length;
        return addBlock(types, first);
    }

    private int addBlock(IrType[] types, int firstParam) {
        int b = blockCount;
        if (b == firstParams.length) {
            int n = b * 2;
            paramTypes = Arrays.copyOf(paramTypes, n);
            firstParams = Arrays.copyOf(firstParams, n);
            insts = Arrays.copyOf(insts, n);
            terminators = Arrays.copyOf(terminators, n);
            predecessors = Arrays.copyOf(predecessors, n);
        }
        // Every field set: the arrays may hold a previous function's block here.
        paramTypes[b] = types;
        firstParams[b] = firstParam;
        insts[b] = List.of();
        terminators[b] = null;
        predecessors[b] = 0;
        return blockCount++;
    }

    @SuppressWarnings("unchecked")
    private List<IrInst> insts(int block) {
        return (List<IrInst>) insts[block];
    }

    /** The value of parameter {@code i} of {@code block}. */
    int param(int block, int i) {
        return firstParams[block] + i;
    }

    /** Continues in {@code block}; unreachable when nothing jumps there yet and it is not the entry. */
    void switchTo(int block) {
        leave();
        current = block == 0 || predecessors[block] > 0 ? block : -1;
    }

    /** Continues in {@code block} even before any jump to it is emitted (a loop header gets its back edge later). */
    void switchToAlways(int block) {
        leave();
        current = block;
    }

    boolean reachable() {
        return current >= 0;
    }

    /** Moves the pending instructions into the current block (after any it already has). */
    private void leave() {
        if (current >= 0 && pendingCount > 0) {
            List<IrInst> before = insts(current);
            if (before.isEmpty()) {
                insts[current] = Lists.copyOf(pending, 0, pendingCount);
            } else {
                // Back in a block left before: rare, so the simple way.
                List<IrInst> all = new ArrayList<>(before);
                all.addAll(Arrays.asList(pending).subList(0, pendingCount));
                insts[current] = List.copyOf(all);
            }
        }
        // The buffer keeps stale references until overwritten: it lives no longer than this builder.
        pendingCount = 0;
    }

    private void add(IrInst inst) {
        if (current < 0) {
            return;
        }
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = inst;
    }

    int emit(IrOp op, IrType type, int[] args, long imm) {
        int dst = nextValue++;
        add(new IrInst(op, type, dst, args, imm));
        return dst;
    }

    int emit(IrOp op, IrType type, int... args) {
        return emit(op, type, args, 0);
    }

    int iconst(IrType type, long value) {
        return emit(IrOp.ICONST, type, NONE, value);
    }

    /** An instruction that defines no value (STORE, a call without results). */
    void effect(IrOp op, IrType type, int[] args, long imm) {
        add(new IrInst(op, type, IrInst.NO_VALUE, args, imm));
    }

    /** A CALL of function {@code callee} with {@code results} (0–2) result values; returns them. */
    int[] call(int callee, IrType type, int[] args, int results) {
        int dst = results > 0 ? nextValue++ : IrInst.NO_VALUE;
        int dst2 = results > 1 ? nextValue++ : IrInst.NO_VALUE;
        add(new IrInst(IrOp.CALL, type, dst, args, callee, dst2));
        return results == 0 ? NONE : results == 1 ? Values.one(dst) : new int[] {dst, dst2};
    }

    int slot(int size, int align) {
        slots.add(new IrStackSlot(Math.max(size, 1), align));
        return slots.size() - 1;
    }

    void jump(int target, int[] args) {
        if (current >= 0) {
            terminate(new IrTerminator.Jump(target, args), target, target);
        }
    }

    void branch(int cond, int thenTarget, int[] thenArgs, int elseTarget, int[] elseArgs) {
        if (current >= 0) {
            terminate(new IrTerminator.Branch(cond, thenTarget, thenArgs, elseTarget, elseArgs), thenTarget, elseTarget);
        }
    }

    /** Continues at a fresh block when {@code ok} holds, else traps with {@code kind}. */
    void check(int ok, TrapKind kind) {
        int cont = newBlock();
        branch(ok, cont, NONE, trapBlock(kind), NONE);
        switchTo(cont);
    }

    void ret(int[] values) {
        if (current >= 0) {
            terminate(new IrTerminator.Ret(values), -1, -1);
        }
    }

    private void terminate(IrTerminator t, int target1, int target2) {
        leave();
        terminators[current] = t;
        if (target1 >= 0) {
            predecessors[target1]++;
        }
        if (target2 >= 0 && target2 != target1) {
            predecessors[target2]++;
        }
        current = -1;
    }

    /** One shared block per trap kind and function, made when first needed. */
    private int trapBlock(TrapKind kind) {
        int b = trapBlocks[kind.ordinal()];
        if (b == 0) {
            b = addBlock(NO_TYPES, nextValue);
            terminators[b] = TRAPS[kind.ordinal()];
            trapBlocks[kind.ordinal()] = b;
        }
        return b;
    }

    /** The function: blocks reachable from b0, renumbered in creation order. The builder is then empty again. */
    IrFunction finish(String name, List<IrType> params, List<IrType> returns) {
        IrFunction f = build(name, params, returns);
        reset();
        return f;
    }

    private IrFunction build(String name, List<IrType> params, List<IrType> returns) {
        leave();
        int n = blockCount;
        boolean[] live = new boolean[n];
        int[] work = new int[n];
        int top = 0;
        work[top++] = 0;
        live[0] = true;
        while (top > 0) {
            IrTerminator t = terminators[work[--top]];
            if (t instanceof IrTerminator.Jump j) {
                top = mark(j.target(), live, work, top);
            } else if (t instanceof IrTerminator.Branch b) {
                top = mark(b.thenTarget(), live, work, top);
                top = mark(b.elseTarget(), live, work, top);
            }
        }
        int[] renumber = new int[n];
        int count = 0;
        for (int b = 0; b < n; b++) {
            renumber[b] = live[b] ? count++ : -1;
        }
        IrBlock[] out = new IrBlock[count];
        for (int b = 0; b < n; b++) {
            if (live[b]) {
                IrTerminator t = terminators[b];
                out[renumber[b]] = new IrBlock(params(b), insts(b), t == null ? TRAPS[TrapKind.UNREACHABLE.ordinal()]
                        : count == n ? t : retarget(t, renumber));
            }
        }
        // An empty ArrayList would still be copied by IrFunction's List.copyOf (the copy lets reset() clear the list).
        return new IrFunction(name, params, returns, Lists.copyOf(out), nextValue, slots.isEmpty() ? List.of() : slots);
    }

    /** The parameters of block {@code b} as IrBlock keeps them: one immutable list, no array of the builder's own. */
    private List<IrBlockParam> params(int b) {
        IrType[] types = paramTypes[b];
        int n = types.length;
        int v = firstParams[b];
        switch (n) {
            case 0:
                return List.of();
            case 1:
                return List.of(new IrBlockParam(v, types[0]));
            case 2:
                return List.of(new IrBlockParam(v, types[0]), new IrBlockParam(v + 1, types[1]));
            default:
                IrBlockParam[] ps = paramBuffer.length >= n ? paramBuffer : (paramBuffer = new IrBlockParam[Math.max(n, 8)]);
                for (int i = 0; i < n; i++) {
                    ps[i] = new IrBlockParam(v + i, types[i]);
                }
                return Lists.copyOf(ps, 0, n);
        }
    }

    private static int mark(int block, boolean[] live, int[] work, int top) {
        if (live[block]) {
            return top;
        }
        live[block] = true;
        work[top] = block;
        return top + 1;
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
