package dev.simplec.inference.lower;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.syntax.Block;
import dev.simplec.inference.syntax.Expr;

/**
 * What a stretch of template code (a branch, a loop, the right side of {@code &&}) can change of
 * the variables around it, for the joins lowering makes. A variable no assignment there names
 * keeps its value across it, so a join needs no parameter for it; a loop without {@code break}
 * reaches its exit by one edge only, and one without {@code continue} its latch, so those joins
 * need no parameters at all. Names, not bindings: a shadowed variable counts as assigned, which
 * costs a parameter too many and never one too few. Before, every join took every variable in
 * scope, and {@code BlockLayout} took the extra parameters out again in every backend.
 */
final class Assignments extends SyntaxWalk {
    /** Changes nothing: the facts of a join reached by one edge. */
    static final Assignments NONE = new Assignments();

    private String[] names = new String[4];
    private int count;
    private boolean breaks;
    private boolean continues;

    private Assignments() {
    }

    /** Nothing yet: for a walk that hears assignments for it ({@link LoopIndexes}). */
    static Assignments empty() {
        return new Assignments();
    }

    /** What {@code block} changes. */
    static Assignments in(Block block) {
        Assignments a = new Assignments();
        a.block(block);
        return a;
    }

    /** What {@code first} and then {@code second}, if any, change. */
    static Assignments in(Expr first, @Nullable Block second) {
        Assignments a = new Assignments();
        a.expr(first);
        if (second != null) {
            a.block(second);
        }
        return a;
    }

    /** What the branches of {@code i} change. */
    static Assignments inBranches(Expr.If i) {
        Assignments a = new Assignments();
        a.block(i.then());
        Expr otherwise = i.otherwise();
        if (otherwise != null) {
            a.expr(otherwise);
        }
        return a;
    }

    /** Whether an assignment here names {@code name}. */
    boolean assigns(String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@code break} is here, of this loop or of one inside it. */
    boolean breaks() {
        return breaks;
    }

    /** Whether a {@code continue} is here, of this loop or of one inside it. */
    boolean continues() {
        return continues;
    }

    @Override
    void assigned(String name) {
        add(name);
    }

    @Override
    void leaves(boolean isBreak) {
        if (isBreak) {
            breaks = true;
        } else {
            continues = true;
        }
    }

    private void add(String name) {
        if (assigns(name)) {
            return;
        }
        if (count == names.length) {
            names = java.util.Arrays.copyOf(names, count * 2);
        }
        names[count++] = name;
    }
}
