package dev.simplec.api.codegen;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrType;

/**
 * The per-function IR rewrites every backend runs before instruction selection, in this order:
 * control flow shaped for code generation ({@link BlockLayout#simplify}) with branches of integer
 * computations that meet again turned into selects ({@link IfConversion}, before simplify's merge;
 * the selects are new values, of known types), recursion in tail position turned
 * into a loop ({@link AccumulatorRecursion}, a few values added, of known types) with its remaining
 * self-call expanded ({@link SelfCallInlining}), decided branches folded ({@link BranchFacts}),
 * multiplied induction expressions stepped by adds ({@link StrengthReduction}), loops split where a
 * bounds check can leave them ({@link BoundsSplitting}), a loop around an inner loop run two
 * iterations per pass where memory allows ({@link UnrollAndJam}), then what those made convertible
 * turned into selects and the block order ({@link BlockLayout#layout}).
 */
public final class IrRewrites {
    private IrRewrites() {
    }

    /**
     * {@code f}, function {@code index} of its module, rewritten; {@code types} is what
     * {@code IrVerifier.verify} said of {@code f}, and the answer's types cover the values added.
     */
    public static AccumulatorRecursion.Rewritten beforeSelection(IrFunction f, int index, @Nullable IrType[] types) {
        // Branches of integer computations that meet again become selects right away: every later
        // pass then walks fewer blocks (kernel30: 10 after this step, where simplify alone leaves 17).
        AccumulatorRecursion.Rewritten converted = BlockLayout.simplifyAndConvert(f, types);
        IrFunction start = converted.function();
        boolean convertedAny = converted.types() != types;
        AccumulatorRecursion.Rewritten looped = AccumulatorRecursion.rewrite(start, index, converted.types());
        if (looped.function() != start) {
            // The loop keeps one call of itself: a copy of its body there makes each call do two
            // levels; copying the doubled body again, four (fib(32) on x86-64: 1.51x gcc -O2 with
            // two, 1.39x with four; SelfCallInlining's size bound stops a third doubling).
            looped = SelfCallInlining.inline(looped.function(), index, looped.types());
            looped = SelfCallInlining.inline(looped.function(), index, looped.types());
        }
        IrFunction folded = BranchFacts.fold(looped.function());
        // Multiplied induction expressions (a row-major index k * n + j) step by an add instead.
        AccumulatorRecursion.Rewritten reduced = StrengthReduction.reduce(folded, looped.types());
        // A check BranchFacts left (ys[i] in a loop to len(xs)) leaves the loop: a copy without it
        // runs while the index is below every bound, the loop itself only for the rest.
        reduced = BoundsSplitting.split(reduced.function(), reduced.types());
        // Jamming leaves nothing to merge or convert (see UnrollAndJam): what it gets decides.
        boolean simplified = reduced.function() == start && !convertedAny;
        // matmul's j loop: two columns per pass over k (half the lines of b brought to L1), when c
        // overlaps neither a nor b.
        reduced = UnrollAndJam.jam(reduced.function(), reduced.types());
        // Branches the passes since made convertible become selects too, then the block order (only
        // the order when nothing changed since simplify, which converted nothing, and no branch converts).
        return BlockLayout.layout(reduced.function(), reduced.types(), simplified);
    }
}
