package dev.simplec.inference.lower;

import java.util.List;

import dev.simplec.inference.syntax.Block;
import dev.simplec.inference.syntax.Expr;
import dev.simplec.inference.syntax.Stmt;

/**
 * A walk over a stretch of template code, every statement and expression in order, for the facts
 * the lowering looks ahead for ({@link Assignments}, {@link LoopIndexes}). Each says what it wants
 * to hear through the hooks, all of which do nothing here; a new kind of statement or expression
 * stops the walk with an error rather than be passed over (a missed assignment would be lost).
 */
abstract class SyntaxWalk {
    /** A {@code let} or {@code var}, after its value was walked. */
    void declared(Stmt.Let let) {
    }

    /** An assignment to the variable {@code name} (its value is walked after). */
    void assigned(String name) {
    }

    /** A loop statement: whether to walk into it. */
    boolean loop(Stmt loop) {
        return true;
    }

    /** A {@code break} ({@code true}) or a {@code continue}. */
    void leaves(boolean isBreak) {
    }

    /** An element access, after its target and index were walked. */
    void index(Expr.Index ix) {
    }

    /** A call, after its callee and arguments were walked. */
    void call(Expr.Call c) {
    }

    final void block(Block b) {
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
            declared(let);
        } else if (s instanceof Stmt.ExprStmt es) {
            expr(es.expr());
        } else if (s instanceof Stmt.Assign as) {
            if (as.target() instanceof Expr.Name n) {
                assigned(n.name());
            } else {
                expr(as.target());
            }
            expr(as.value());
        } else if (s instanceof Stmt.While w) {
            if (loop(s)) {
                expr(w.cond());
                block(w.body());
            }
        } else if (s instanceof Stmt.ForRange f) {
            if (loop(s)) {
                expr(f.from());
                expr(f.to());
                block(f.body());
            }
        } else if (s instanceof Stmt.ForEach f) {
            if (loop(s)) {
                expr(f.iterable());
                block(f.body());
            }
        } else if (s instanceof Stmt.Return r) {
            Expr value = r.value();
            if (value != null) {
                expr(value);
            }
        } else if (s instanceof Stmt.Break) {
            leaves(true);
        } else if (s instanceof Stmt.Continue) {
            leaves(false);
        } else {
            throw new IllegalStateException("a statement the lowering's walk does not know: " + s.getClass().getSimpleName());
        }
    }

    final void expr(Expr e) {
        if (e instanceof Expr.Unary u) {
            expr(u.operand());
        } else if (e instanceof Expr.Binary b) {
            expr(b.left());
            expr(b.right());
        } else if (e instanceof Expr.Call c) {
            expr(c.callee());
            exprs(c.args());
            call(c);
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
            index(ix);
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
            throw new IllegalStateException("an expression the lowering's walk does not know: " + e.getClass().getSimpleName());
        }
    }

    private void exprs(List<Expr> es) {
        for (int i = 0, n = es.size(); i < n; i++) {
            expr(es.get(i));
        }
    }
}
