package dev.simplec.inference.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.syntax.BinaryOp;
import dev.simplec.inference.syntax.Block;
import dev.simplec.inference.syntax.Expr;
import dev.simplec.inference.syntax.Stmt;

/**
 * The element indexes of an innermost {@code for k in a..b} loop that are a product stepping with
 * {@code k}: {@code k * c + r}, {@code c * k + r}, {@code r + k * c}, {@code k + r}, {@code k * c - r}
 * (and without {@code r}), where {@code c} and {@code r} do not change in the loop and a
 * multiplication of two non-literals appears in the index ({@code i * n + k}, {@code k * n + j}:
 * the row-major indexes of a matrix). The lowering gives each distinct one a value of its own that
 * starts at the index's value for {@code k = a} and steps by {@code c} (1 for {@code k}) with the
 * counter, in place of the multiplication per iteration.
 * <p>
 * Exact: i64 {@code +}, {@code -} and {@code *} wrap, so {@code start + t * c} is the index's value
 * at the {@code t}-th iteration, whatever overflows; the parts read only variables no statement of
 * the loop assigns or declares anew, so each has one value throughout, and they cannot trap (no
 * division, no call, no load), so computing them once before the loop changes nothing. The bounds
 * check of each access is made on the same value at the same iteration.
 * <p>
 * Only loops with no loop inside them (an index stepped through an inner loop would hold a register
 * across it), and only what the body itself indexes: {@code xs[index]} and the index of the
 * builtins {@code load} and {@code store}.
 */
final class LoopIndexes extends SyntaxWalk {
    /** At most this many indexes per loop get a value of their own: each holds a register through the loop. */
    static final int MAX = 4;

    /**
     * An index of the loop: its expression; the step {@code c} (null: 1); the rest {@code r} (null:
     * none), subtracted when {@code minus}.
     */
    record Index(Expr index, @Nullable Expr step, @Nullable Expr rest, boolean minus) {
    }

    private final String counter;
    private final Predicate<Expr> i64;
    private final Predicate<Expr.Call> rangeBuiltin;
    /** What the body assigns, heard on the same walk. */
    private final Assignments changed = Assignments.empty();
    /** Names the body declares (a let, a var): a use of one may not be the variable outside. */
    private final List<String> declared = new ArrayList<>();
    private final List<Expr> candidates = new ArrayList<>();
    private boolean nested;
    private List<Index> indexes = List.of();

    private LoopIndexes(String counter, Predicate<Expr> i64, Predicate<Expr.Call> rangeBuiltin) {
        this.counter = counter;
        this.i64 = i64;
        this.rangeBuiltin = rangeBuiltin;
    }

    /**
     * One walk of the body of the loop over {@code counter}: what it assigns, and its indexes that
     * step (none when the body has a loop). {@code i64}: whether an expression has type i64;
     * {@code rangeBuiltin}: whether a call is the builtin {@code load} or {@code store}.
     */
    static LoopIndexes scan(String counter, Block body, Predicate<Expr> i64, Predicate<Expr.Call> rangeBuiltin) {
        LoopIndexes scan = new LoopIndexes(counter, i64, rangeBuiltin);
        scan.block(body);
        if (scan.nested || scan.candidates.isEmpty() || scan.declared.contains(counter)) {
            return scan;
        }
        List<Index> out = new ArrayList<>(2);
        for (Expr e : scan.candidates) {
            if (out.size() == MAX || !i64.test(e) || !scan.hasVariableProduct(e)) {
                continue;
            }
            Index ix = scan.form(e);
            if (ix != null && find(out, e) < 0) {
                out.add(ix);
            }
        }
        scan.indexes = out;
        return scan;
    }

    /** What the body assigns (and whether it breaks or continues), as {@link Assignments#in(Block)} says. */
    Assignments changed() {
        return changed;
    }

    /** The indexes that step. */
    List<Index> indexes() {
        return indexes;
    }

    /** Where in {@code indexes} the index written as {@code e} is, or -1. */
    static int find(List<Index> indexes, Expr e) {
        for (int i = 0, n = indexes.size(); i < n; i++) {
            Expr x = indexes.get(i).index();
            if (x == e || same(x, e)) {
                return i;
            }
        }
        return -1;
    }

    // ---- the forms

    private @Nullable Index form(Expr e) {
        Expr step = step(e);
        if (step != null) {
            return new Index(e, step == ONE ? null : step, null, false);
        }
        if (e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
            Expr left = step(b.left());
            if (left != null && invariant(b.right())) {
                return new Index(e, left == ONE ? null : left, b.right(), b.op() == BinaryOp.SUB);
            }
            Expr right = b.op() == BinaryOp.ADD ? step(b.right()) : null;
            if (right != null && invariant(b.left())) {
                return new Index(e, right == ONE ? null : right, b.left(), false);
            }
        }
        return null;
    }

    /** A marker for a step of 1 (the counter itself). */
    private static final Expr ONE = new Expr.IntLit(1, "1", 0, -1);

    /** {@code e}'s step when it is the counter ({@link #ONE}) or the counter times an invariant; else null. */
    private @Nullable Expr step(Expr e) {
        if (isCounter(e)) {
            return ONE;
        }
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.MUL && i64.test(b)) {
            if (isCounter(b.left()) && invariant(b.right())) {
                return b.right();
            }
            if (isCounter(b.right()) && invariant(b.left())) {
                return b.left();
            }
        }
        return null;
    }

    private boolean isCounter(Expr e) {
        return e instanceof Expr.Name n && n.name().equals(counter);
    }

    /** Integer literals and variables the loop keeps, under i64 {@code +}, {@code -}, {@code *}. */
    private boolean invariant(Expr e) {
        if (!i64.test(e)) {
            return false;
        }
        if (e instanceof Expr.IntLit) {
            return true;
        }
        if (e instanceof Expr.Name n) {
            return !n.name().equals(counter) && !changed.assigns(n.name()) && !declared.contains(n.name());
        }
        return e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB || b.op() == BinaryOp.MUL)
                && invariant(b.left()) && invariant(b.right());
    }

    /** Whether a multiplication of two operands that are not literals is in {@code e}: the cost the step saves. */
    private boolean hasVariableProduct(Expr e) {
        if (e instanceof Expr.Binary b) {
            if (b.op() == BinaryOp.MUL && !(b.left() instanceof Expr.IntLit) && !(b.right() instanceof Expr.IntLit)) {
                return true;
            }
            return hasVariableProduct(b.left()) || hasVariableProduct(b.right());
        }
        return false;
    }

    /** The same expression of names, literals and operators: two writings of one index share its value. */
    private static boolean same(Expr x, Expr y) {
        if (x instanceof Expr.Name a && y instanceof Expr.Name b) {
            return a.name().equals(b.name());
        }
        if (x instanceof Expr.IntLit a && y instanceof Expr.IntLit b) {
            return a.value() == b.value();
        }
        return x instanceof Expr.Binary a && y instanceof Expr.Binary b && a.op() == b.op() && same(a.left(), b.left())
                && same(a.right(), b.right());
    }

    // ---- the walk: declarations, loops, and the indexes

    @Override
    void declared(Stmt.Let let) {
        declared.add(let.name());
    }

    @Override
    void assigned(String name) {
        changed.assigned(name);
    }

    @Override
    void leaves(boolean isBreak) {
        changed.leaves(isBreak);
    }

    @Override
    boolean loop(Stmt loop) {
        nested = true; // and walked, for what it assigns
        return true;
    }

    @Override
    void index(Expr.Index ix) {
        candidates.add(ix.index());
    }

    @Override
    void call(Expr.Call c) {
        if (c.args().size() >= 2 && rangeBuiltin.test(c)) {
            candidates.add(c.args().get(1));
        }
    }
}
