package dev.simplec.inference.lower;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.syntax.Block;
import dev.simplec.inference.syntax.Expr;
import dev.simplec.inference.syntax.Stmt;

/**
 * What a stretch of template code (a branch, a loop, the right side of {@code &&}) can change of
 * the variables around it, for the joins lowering makes. A variable no assignment there names
 * keeps its value across it, so a join needs no parameter for it; a loop without {@code break}
 * reaches its exit by one edge only, and one without {@code continue} its latch, so those joins
 * need no parameters at all. Names, not bindings: a shadowed variable counts as assigned, which
 * costs a parameter too many and never one too few. Before, every join took every variable in
 * scope, and {@code BlockLayout} took the extra parameters out again in every backend.
 */
final class Assignments {
    /** Changes nothing: the facts of a join reached by one edge. */
    static final Assignments NONE = new Assignments();

    private String[] names = new String[4];
    private int count;
    private boolean breaks;
    private boolean continues;

    private Assignments() {
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

    private void block(Block b) {
        for (Stmt s : b.stmts()) {
            stmt(s);
        }
        Expr tail = b.tail();
        if (tail != null) {
            expr(tail);
        }
    }

    private void stmt(Stmt s) {
        if (s instanceof Stmt.Let let) {
            expr(let.value());
        } else if (s instanceof Stmt.ExprStmt es) {
            expr(es.expr());
        } else if (s instanceof Stmt.Assign as) {
            if (as.target() instanceof Expr.Name n) {
                add(n.name());
            } else {
                expr(as.target());
            }
            expr(as.value());
        } else if (s instanceof Stmt.While w) {
            expr(w.cond());
            block(w.body());
        } else if (s instanceof Stmt.ForRange f) {
            expr(f.from());
            expr(f.to());
            block(f.body());
        } else if (s instanceof Stmt.ForEach f) {
            expr(f.iterable());
            block(f.body());
        } else if (s instanceof Stmt.Return r) {
            Expr value = r.value();
            if (value != null) {
                expr(value);
            }
        } else if (s instanceof Stmt.Break) {
            breaks = true;
        } else if (s instanceof Stmt.Continue) {
            continues = true;
        } else {
            throw new IllegalStateException("a statement Assignments does not know: " + s.getClass().getSimpleName());
        }
    }

    private void expr(Expr e) {
        if (e instanceof Expr.Unary u) {
            expr(u.operand());
        } else if (e instanceof Expr.Binary b) {
            expr(b.left());
            expr(b.right());
        } else if (e instanceof Expr.Call c) {
            expr(c.callee());
            exprs(c.args());
        } else if (e instanceof Expr.Tuple t) {
            exprs(t.elems());
        } else if (e instanceof Expr.If i) {
            expr(i.cond());
            block(i.then());
            Expr otherwise = i.otherwise();
            if (otherwise != null) {
                expr(otherwise);
            }
        } else if (e instanceof Expr.BlockExpr b) {
            block(b.block());
        } else if (e instanceof Expr.Index ix) {
            expr(ix.target());
            expr(ix.index());
        } else if (e instanceof Expr.Field f) {
            expr(f.target());
        } else if (e instanceof Expr.TupleField t) {
            expr(t.target());
        } else if (e instanceof Expr.StructLit s) {
            for (Expr.FieldInit f : s.fields()) {
                expr(f.value());
            }
        } else if (e instanceof Expr.Cast c) {
            expr(c.value());
        } else if (!(e instanceof Expr.Name || e instanceof Expr.IntLit || e instanceof Expr.FloatLit
                || e instanceof Expr.BoolLit || e instanceof Expr.TextLit)) {
            // A new kind of expression must say what it changes: missing an assignment would lose it.
            throw new IllegalStateException("an expression Assignments does not know: " + e.getClass().getSimpleName());
        }
    }

    private void exprs(List<Expr> es) {
        for (int i = 0, n = es.size(); i < n; i++) {
            expr(es.get(i));
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
