package dev.simplec.api.codegen;

import dev.simplec.api.ir.IrTerminator;

/**
 * The successors of an IR block, read off its terminator without an array per question: the IR
 * rewrites ask for every block's successors in several passes.
 */
final class IrEdges {
    private IrEdges() {
    }

    /** How many distinct blocks {@code t} may continue at (a branch with both sides alike counts once). */
    static int count(IrTerminator t) {
        if (t instanceof IrTerminator.Jump) {
            return 1;
        } else if (t instanceof IrTerminator.Branch br) {
            return br.thenTarget() == br.elseTarget() ? 1 : 2;
        }
        return 0;
    }

    /** Successor {@code i} of {@code t} ({@code i < count(t)}): the jump's target, or the then side, then the else side. */
    static int get(IrTerminator t, int i) {
        if (t instanceof IrTerminator.Jump j) {
            return j.target();
        }
        IrTerminator.Branch br = (IrTerminator.Branch) t;
        return i == 0 ? br.thenTarget() : br.elseTarget();
    }
}
