package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;

/**
 * A target-neutral, module-wide IR rewrite run before anything else in a backend: every call of a
 * small leaf function (no calls of its own, no traps, no stack slots, at most
 * {@link #MAX_CALLEE} IR instructions plus blocks) is replaced by a copy of its body, as
 * {@code gcc -O2} does with such helpers. The caller then keeps its values in registers across
 * what was a call (no caller-saved registers clobbered, no callee-saved ones to save), and a
 * function no longer called needs no code at all. Exact: the copy computes what the call did.
 * Traps stay in the function they name ({@code simplec trap: <reason> in <function>}), so a
 * function that can trap is not inlined. A leaf of several blocks whose branches choose between
 * integer values (a clamp, a max) is copied as the one block {@link IfConversion} makes of it, in
 * place of its call: the blocks and joins the rewrites after would take out again are never made.
 *
 * <p>The function numbers stay as they are; {@link Inlined#compiled} says which functions are
 * still reached from the entry (by a call or by {@link IrOp#FUNC_ADDR}) and so need code.
 */
public final class CallInlining {
    /** The largest function inlined: IR instructions plus blocks (kernel30's clamp is 12, score 4). */
    static final int MAX_CALLEE = 16;
    /** A caller grows by at most its own size or this many IR instructions, whichever is more. */
    private static final int MIN_GROWTH = 64;

    private CallInlining() {
    }

    /** The module after inlining, and per function number whether it still needs code. */
    public record Inlined(IrModule module, boolean[] compiled) {
        public Inlined {
            compiled = compiled.clone();
        }

        /** Whether function number {@code index} is compiled. */
        public boolean compiled(int index) {
            return compiled[index];
        }

        @Override
        public boolean[] compiled() {
            return compiled.clone();
        }
    }

    /** {@code module} with the calls of its small leaf functions inlined (the same module when there are none). */
    public static Inlined inline(IrModule module) {
        return inline(module, Inlining.SMALL_LEAVES);
    }

    /** {@code module} with the calls {@code policy} names inlined (the same module when there are none). */
    public static Inlined inline(IrModule module, Inlining policy) {
        if (policy == Inlining.NONE) {
            return everything(module);
        }
        List<IrFunction> functions = module.functions();
        int n = functions.size();
        // Each function's size, counted once: the budgets below ask for them again and again.
        int[] sizes = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            sizes[i] = CodeLimits.size(functions.get(i));
            total += sizes[i];
        }
        boolean[] small = new boolean[n];
        boolean any = false;
        for (int i = 1; i < n; i++) { // the entry is compiled anyway
            small[i] = sizes[i] <= MAX_CALLEE && isSmallLeaf(functions.get(i));
            any |= small[i];
        }
        if (!any) {
            return everything(module);
        }
        // What a call copies: a small leaf of several blocks as one where its branches convert to
        // selects (a clamp, a max), copied in place of the call then, without blocks to merge again.
        IrFunction[] bodies = functions.toArray(new IrFunction[n]);
        for (int i = 1; i < n; i++) {
            if (small[i] && bodies[i].blocks().size() > 1) {
                bodies[i] = BlockLayout.asOneBlock(bodies[i]);
            }
        }
        List<IrFunction> callees = Arrays.asList(bodies);
        List<IrFunction> out = new ArrayList<>(n);
        boolean changed = false;
        for (int k = 0; k < n; k++) {
            IrFunction f = functions.get(k);
            IrFunction g = inlineCalls(f, sizes[k], callees, sizes, small, CodeLimits.MAX_MODULE_IR - total);
            if (g != f) {
                total += CodeLimits.size(g) - sizes[k];
                changed = true;
            }
            out.add(g);
        }
        if (!changed) {
            return everything(module);
        }
        IrModule inlined = new IrModule(out);
        return new Inlined(inlined, reached(inlined));
    }

    private static Inlined everything(IrModule module) {
        boolean[] all = new boolean[module.functions().size()];
        Arrays.fill(all, true);
        return new Inlined(module, all);
    }

    /**
     * No stack slots, no call, no trap (its size, at most {@link #MAX_CALLEE}, is asked apart), and
     * every value and block it names in range: a leaf numbered wrong stays a call, compiled and
     * verified as itself, so the verifier names it (a copy renumbered into its caller, or made one
     * block, could hide what is wrong).
     */
    private static boolean isSmallLeaf(IrFunction f) {
        if (!f.stackSlots().isEmpty()) {
            return false;
        }
        for (IrBlock b : f.blocks()) {
            if (b.terminator() instanceof IrTerminator.Trap || !inRange(b, f)) {
                return false;
            }
            for (IrInst i : b.insts()) {
                if (i.op().isCall()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether every value {@code b} defines or reads is one of {@code f}'s, and every block it
     * continues at too. Copies are numbered past the caller's values and blocks: a caller or callee
     * numbered wrong is left as it is, for the verifier to report (a copy could define the value a
     * wrong read names, and so hide it).
     */
    private static boolean inRange(IrBlock b, IrFunction f) {
        int values = f.valueCount();
        if (!paramsInRange(b, values)) {
            return false;
        }
        for (IrInst i : b.insts()) {
            if (!inRange(i, values)) {
                return false;
            }
        }
        return edgesInRange(b.terminator(), f);
    }

    private static boolean paramsInRange(IrBlock b, int values) {
        List<IrBlockParam> params = b.params();
        for (int k = 0, m = params.size(); k < m; k++) {
            if (!inRange(params.get(k).value(), values)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code i} defines and reads only values below {@code values}. */
    private static boolean inRange(IrInst i, int values) {
        if (i.dst() >= values || i.dst2() >= values) {
            return false;
        }
        for (int k = 0, m = i.argCount(); k < m; k++) {
            if (!inRange(i.arg(k), values)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code t} continues only at blocks of {@code f} and reads only its values. */
    private static boolean edgesInRange(IrTerminator t, IrFunction f) {
        for (int k = 0, m = IrEdges.count(t); k < m; k++) {
            if (!inRange(IrEdges.get(t, k), f.blocks().size())) {
                return false;
            }
        }
        for (int k = 0, m = IrEdges.readCount(t); k < m; k++) {
            if (!inRange(IrEdges.read(t, k), f.valueCount())) {
                return false;
            }
        }
        return true;
    }

    private static boolean inRange(int v, int count) {
        return v >= 0 && v < count;
    }

    /** Whether {@code i} is a call this rewrite replaces. */
    private static boolean inlines(IrInst i, List<IrFunction> functions, boolean[] small) {
        // A call that does not match its callee is left as it is, for the verifier to report.
        if (i.op() != IrOp.CALL || i.imm() < 0 || i.imm() >= small.length || !small[(int) i.imm()]) {
            return false;
        }
        if (i.dst() == IrInst.NO_VALUE && i.dst2() != IrInst.NO_VALUE) {
            return false;
        }
        IrFunction callee = functions.get((int) i.imm());
        int results = i.dst() == IrInst.NO_VALUE ? 0 : i.dst2() == IrInst.NO_VALUE ? 1 : 2;
        return i.argCount() == callee.params().size() && results <= callee.returns().size();
    }

    /**
     * {@code f} with its calls of small leaves inlined, in block order: each calling block becomes
     * its part before the call, the callee's blocks, and a continuation block that takes the call's
     * results as parameters and holds the rest (and the terminator), so the layout stays as written.
     * A callee of one block is copied in place of its call instead, defining the call's values
     * itself: no blocks and parameters for the rewrites after to take out again; a callee with one
     * return defines the call's values in its copy, and the continuation takes no parameters.
     * Stops inlining when the function would outgrow its budget or {@code moduleRoom}. {@code size}
     * is {@code f}'s size, {@code sizes} every function's ({@link CodeLimits#size}).
     */
    private static IrFunction inlineCalls(IrFunction f, int size, List<IrFunction> functions, int[] sizes, boolean[] small,
            int moduleRoom) {
        List<IrBlock> blocks = f.blocks();
        int room = Math.min(Math.min(Math.max(size, MIN_GROWTH), moduleRoom), CodeLimits.MAX_FUNCTION_IR - size);
        // Pass 1: which calls are inlined (in order, while the budget lasts), and where each block starts.
        int[] start = new int[blocks.size()];
        List<IrInst> chosen = new ArrayList<>();
        // Per chosen call: whether its callee is copied in place (InlinedBody.splices).
        boolean[] spliced = new boolean[8];
        int at = 0;
        int values = f.valueCount();
        for (int b = 0; b < blocks.size(); b++) {
            IrBlock block = blocks.get(b);
            if (!paramsInRange(block, values) || !edgesInRange(block.terminator(), f)) {
                return f; // numbered wrong: for the verifier to name
            }
            start[b] = at;
            at++;
            List<IrInst> insts = block.insts();
            for (int k = 0, m = insts.size(); k < m; k++) {
                IrInst i = insts.get(k);
                if (!inRange(i, values)) {
                    return f;
                }
                if (inlines(i, functions, small)) {
                    IrFunction callee = functions.get((int) i.imm());
                    int cost = sizes[(int) i.imm()] + 1;
                    if (cost <= room) {
                        room -= cost;
                        if (chosen.size() == spliced.length) {
                            spliced = Arrays.copyOf(spliced, 2 * spliced.length);
                        }
                        spliced[chosen.size()] = InlinedBody.splices(callee, i);
                        chosen.add(i);
                        at += spliced[chosen.size() - 1] ? 0 : callee.blocks().size() + 1;
                    }
                }
            }
        }
        if (chosen.isEmpty()) {
            return f;
        }
        // Pass 2: the blocks, original jumps retargeted to where their blocks now start.
        List<IrBlock> out = new ArrayList<>(at);
        int next = f.valueCount();
        int c = 0;
        for (IrBlock block : blocks) {
            if (c == chosen.size() || !holds(block, chosen.get(c))) {
                // No call inlined here: the block as it is, its edges retargeted if blocks moved.
                out.add(IrEdges.retarget(block, start));
                continue;
            }
            List<IrBlockParam> params = block.params();
            List<IrInst> part = new ArrayList<>();
            for (IrInst i : block.insts()) {
                if (c < chosen.size() && chosen.get(c) == i) {
                    IrFunction callee = functions.get((int) i.imm());
                    if (spliced[c++]) {
                        // One block: its instructions go in place of the call, no block split.
                        InlinedBody.splice(callee, i, next, part);
                        next += callee.valueCount();
                        continue;
                    }
                    int first = out.size() + 1;
                    int after = first + callee.blocks().size();
                    out.add(new IrBlock(params, part, new IrTerminator.Jump(first, new int[0])));
                    // One return defining what the call binds: the copy defines the call's values,
                    // and the continuation needs no parameters (none for BlockLayout to take out).
                    boolean inPlace = InlinedBody.bindsInPlace(callee, i);
                    List<IrBlockParam> results = new ArrayList<>(2);
                    if (i.dst() != IrInst.NO_VALUE && !inPlace) {
                        results.add(new IrBlockParam(i.dst(), callee.returns().get(0)));
                        if (i.dst2() != IrInst.NO_VALUE) {
                            results.add(new IrBlockParam(i.dst2(), callee.returns().get(1)));
                        }
                    }
                    InlinedBody.appendBinding(callee, i.args(), next, first, after, results.size(), inPlace ? i : null, out);
                    next += callee.valueCount();
                    params = results;
                    part = new ArrayList<>();
                } else {
                    part.add(i);
                }
            }
            out.add(new IrBlock(params, part, IrEdges.retarget(block.terminator(), start)));
        }
        return new IrFunction(f.name(), f.params(), f.returns(), out, next, f.stackSlots());
    }

    /** Whether {@code call} is one of {@code block}'s instructions. */
    private static boolean holds(IrBlock block, IrInst call) {
        for (IrInst i : block.insts()) {
            if (i == call) {
                return true;
            }
        }
        return false;
    }

    /** Per function number: reached from the entry through calls and function addresses. */
    private static boolean[] reached(IrModule module) {
        List<IrFunction> functions = module.functions();
        boolean[] reached = new boolean[functions.size()];
        int[] work = new int[functions.size()];
        int top = 0;
        reached[0] = true;
        work[top++] = 0;
        while (top > 0) {
            for (IrBlock b : functions.get(work[--top]).blocks()) {
                for (IrInst i : b.insts()) {
                    if ((i.op() == IrOp.CALL || i.op() == IrOp.FUNC_ADDR) && i.imm() >= 0 && i.imm() < reached.length) {
                        int g = (int) i.imm();
                        if (!reached[g]) {
                            reached[g] = true;
                            work[top++] = g;
                        }
                    }
                }
            }
        }
        return reached;
    }
}
