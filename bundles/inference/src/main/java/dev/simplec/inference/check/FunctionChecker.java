package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.Span;
import dev.simplec.inference.diag.Spans;
import dev.simplec.inference.syntax.BinaryOp;
import dev.simplec.inference.syntax.Block;
import dev.simplec.inference.syntax.Expr;
import dev.simplec.inference.syntax.FnDecl;
import dev.simplec.inference.syntax.Stmt;
import dev.simplec.inference.syntax.TypeExpr;
import dev.simplec.inference.syntax.UnaryOp;
import dev.simplec.inference.util.Lists;
import dev.simplec.inference.util.Maps;

/**
 * Checks one function body against its signature. Type parameters are rigid ({@link Type.Param}),
 * so a generic body is checked once, against its bounds, not per instance. Errors give
 * {@link Type#ERROR}, which silences follow-up errors about the same value. Also checks control
 * flow: every path returns a value, {@code break}/{@code continue} only in loops, assignment only
 * to {@code var} variables, slice elements and struct fields.
 */
final class FunctionChecker {

    /** {@code vector} must be a SIMD type whose lanes are {@code elem}; decided once {@code vector} is known. */
    private record SimdOf(Type vector, Type elem, Span span, String what) {
    }

    private final FnDecl fn;
    private final FnSig sig;
    private final Map<String, FnSig> functions;
    private final StructTable structs;
    private final Diagnostics diags;
    private final Unifier unifier;
    private final TypeParamScope typeParams;
    /** Types, call type arguments and call kinds of this function's nodes (the module's table). */
    private final ExprFacts facts;
    /** The ids of this function's nodes that have a type: the range closing zonks. */
    private int firstId = Integer.MAX_VALUE;
    private int lastId = -1;
    private final List<SimdOf> pendingSimd = new ArrayList<>();
    /** Arithmetic on two unknowns (splat(x) * load(xs, i)): scalar or lane-wise is decided once the type is known. */
    private final List<PendingOp> pendingOps = new ArrayList<>();

    /** {@code left op right}; its message shows them as they were at {@code mark}. */
    private record PendingOp(Type type, Type right, BinaryOp op, long span, int mark) {
    }
    /** Literals whose range is checked once their type is known; {@code span} includes a leading minus. */
    private final List<IntUse> intLits = new ArrayList<>();
    private final List<Expr.FloatLit> floatLits = new ArrayList<>();
    private int loopDepth;

    private record IntUse(Expr.IntLit lit, boolean negated, long span) {
    }

    /** {@code unifier} is the module's, emptied here for this function. */
    FunctionChecker(FnDecl fn, FnSig sig, Map<String, FnSig> functions, StructTable structs, ExprFacts facts,
            Unifier unifier, Diagnostics diags) {
        unifier.reset();
        this.unifier = unifier;
        this.fn = fn;
        this.sig = sig;
        this.functions = functions;
        this.structs = structs;
        this.facts = facts;
        this.diags = diags;
        this.typeParams = TypeParamScope.of(sig.typeParams());
    }

    CheckedFunction check() {
        Scope scope = Scope.empty();
        for (int i = 0; i < fn.params().size() && i < sig.params().size(); i++) {
            scope = scope.with(fn.params().get(i).name(), sig.params().get(i), false);
        }
        Block body = fn.body();
        Type bodyType = block(body, scope);
        Expr tail = body.tail();
        if (tail == null) {
            if (!(bodyType instanceof Type.Never) && !sig.ret().equals(Type.UNIT) && !(sig.ret() instanceof Type.Error)) {
                diags.report(ErrorKind.TYPE, body.closeSpan(), "function " + fn.name() + " must return " + sig.ret()
                        + ", but its body ends without a value");
            }
        } else if (tail instanceof Expr.If i && i.otherwise() == null && !sig.ret().equals(Type.UNIT)
                && !(sig.ret() instanceof Type.Error)) {
            diags.report(ErrorKind.TYPE, tail.span(), "function " + fn.name() + " must return " + sig.ret()
                    + " on every path, but this if has no else");
        } else {
            Type found = typeOf(tail);
            int mark = unifier.mark();
            String d = unifier.unify(sig.ret(), found);
            if (d != null) {
                mismatch(tail.span(), sig.ret().toString(), unifier.showAt(mark, found), "the result type of " + fn.name(), d);
            }
        }
        settleSimd();
        unifier.applyDefaults(diags);
        // Written back only when closing changes them: most are final already, and a store of a reference costs a GC barrier.
        for (int id = firstId; id <= lastId; id++) {
            Type type = facts.type(id);
            if (type != null) {
                Type c = closed(type);
                if (c != type) {
                    facts.setType(id, c);
                }
            }
            List<Type> typeArgs = facts.typeArgs(id);
            if (typeArgs != null) {
                List<Type> c = closedAll(typeArgs);
                if (c != typeArgs) {
                    facts.setTypeArgs(id, c);
                }
            }
        }
        checkLiteralRanges();
        return new CheckedFunction(fn, sig, facts);
    }

    /** {@code t} with every variable resolved; a variable still unknown (already reported) is Error. */
    private Type closed(Type t) {
        if (t instanceof Type.Int || t instanceof Type.Bool || t instanceof Type.Param || t instanceof Type.Float) {
            // Most nodes: nothing to resolve inside.
            return t;
        }
        Type z = unifier.zonk(t);
        return containsVar(z) ? Type.ERROR : z;
    }

    /** {@link #closed} of each, as an immutable list; the same list when nothing changes. */
    private List<Type> closedAll(List<Type> ts) {
        Type[] out = null;
        for (int i = 0; i < ts.size(); i++) {
            Type t = ts.get(i);
            Type c = closed(t);
            if (c != t && out == null) {
                out = ts.toArray(new Type[0]);
            }
            if (out != null) {
                out[i] = c;
            }
        }
        return out == null ? List.copyOf(ts) : List.of(out);
    }

    /** Records the type of node {@code e}. */
    private void put(Expr e, Type t) {
        int id = e.id();
        facts.setType(id, t);
        firstId = Math.min(firstId, id);
        lastId = Math.max(lastId, id);
    }

    // ---- blocks and statements

    /** The block's type: its tail's, unit without one, or Never when a statement never finishes. */
    private Type block(Block block, Scope outer) {
        Scope scope = outer;
        boolean diverges = false;
        List<Stmt> stmts = block.stmts();
        for (int k = 0; k < stmts.size(); k++) {
            Stmt s = stmts.get(k);
            if (s instanceof Stmt.Let let) {
                Type t = infer(let.value(), scope);
                diverges |= unifier.resolve(t) instanceof Type.Never;
                TypeExpr declared = let.type();
                if (declared != null) {
                    Type want = resolveType(declared);
                    int mark = unifier.mark();
                    String d = unifier.unify(want, t);
                    if (d != null) {
                        String shown = unifier.showAt(mark, t);
                        mismatch(let.value().span(), unifier.show(want), shown, null, d);
                    }
                    t = want;
                }
                scope = scope.with(let.name(), t, let.mutable());
            } else {
                diverges |= statement(s, scope);
            }
        }
        Expr tail = block.tail();
        if (tail != null) {
            return infer(tail, scope);
        }
        return diverges ? Type.NEVER : Type.UNIT;
    }

    /** Checks a statement other than let; true when it never finishes (return, break, continue). */
    private boolean statement(Stmt s, Scope scope) {
        if (s instanceof Stmt.ExprStmt es) {
            return unifier.resolve(infer(es.expr(), scope)) instanceof Type.Never;
        } else if (s instanceof Stmt.Assign a) {
            assign(a, scope);
        } else if (s instanceof Stmt.While w) {
            condition(w.cond(), scope, "the condition of while");
            loopBody(w.body(), scope);
        } else if (s instanceof Stmt.ForRange f) {
            Type from = infer(f.from(), scope);
            Type to = infer(f.to(), scope);
            int mark = unifier.mark();
            String d = unifier.unify(from, to);
            if (d == null) {
                d = unifier.require(from, Bound.INT);
            }
            if (d != null) {
                String message = "a range needs integer bounds of one type, found " + unifier.showAt(mark, from) + " and "
                        + unifier.showAt(mark, to);
                diags.report(ErrorKind.TYPE, f.from().span().to(f.to().span()), d.isEmpty() ? message : message + ": " + d);
                from = Type.ERROR;
            }
            loopBody(f.body(), scope.with(f.name(), from, false));
        } else if (s instanceof Stmt.ForEach f) {
            Type xs = infer(f.iterable(), scope);
            Type r = unifier.resolve(xs);
            Type elem;
            if (r instanceof Type.Array a) {
                elem = a.elem();
            } else if (r instanceof Type.Text) {
                elem = Type.U8;
            } else {
                if (!(r instanceof Type.Error)) {
                    diags.report(ErrorKind.TYPE, f.iterable().span(), "cannot iterate over " + unifier.show(xs)
                            + " (for ... in takes a slice, text or a range a..b)");
                }
                elem = Type.ERROR;
            }
            loopBody(f.body(), scope.with(f.name(), elem, false));
        } else if (s instanceof Stmt.Return ret) {
            Expr value = ret.value();
            if (value == null) {
                if (!sig.ret().equals(Type.UNIT) && !(sig.ret() instanceof Type.Error)) {
                    diags.report(ErrorKind.TYPE, ret.span(), "return without a value in function " + fn.name()
                            + ", which returns " + sig.ret());
                }
            } else {
                Type found = infer(value, scope);
                int mark = unifier.mark();
                String d = unifier.unify(sig.ret(), found);
                if (d != null) {
                    mismatch(value.span(), sig.ret().toString(), unifier.showAt(mark, found), "the result type of "
                            + fn.name(), d);
                }
            }
            return true;
        } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
            if (loopDepth == 0) {
                diags.report(ErrorKind.TYPE, s.span(), (s instanceof Stmt.Break ? "break" : "continue")
                        + " outside of a loop");
            }
            return true;
        }
        return false;
    }

    private void loopBody(Block body, Scope scope) {
        loopDepth++;
        Type t = block(body, scope);
        loopDepth--;
        Expr tail = body.tail();
        if (tail != null) {
            expectUnit(tail, t, "a loop body");
        }
    }

    private void expectUnit(Expr e, Type t, String what) {
        int mark = unifier.mark();
        String d = unifier.unify(Type.UNIT, t);
        if (d != null) {
            mismatch(e.span(), "()", unifier.showAt(mark, t), what, d);
        }
    }

    private void condition(Expr cond, Scope scope, String what) {
        Type t = infer(cond, scope);
        int mark = unifier.mark();
        String d = unifier.unify(Type.BOOL, t);
        if (d != null) {
            mismatch(cond.span(), "bool", unifier.showAt(mark, t), what, d);
        }
    }

    private void assign(Stmt.Assign a, Scope scope) {
        Type target = place(a.target(), scope);
        Type value = infer(a.value(), scope);
        if (target instanceof Type.Error) {
            return;
        }
        BinaryOp op = a.op();
        if (op == null) {
            int mark = unifier.mark();
            String d = unifier.unify(target, value);
            if (d != null) {
                String shown = unifier.showAt(mark, value);
                mismatch(a.value().span(), unifier.show(target), shown, "assignment", d);
            }
            return;
        }
        Type result = binaryType(op, target, value, a.pos());
        int mark = unifier.mark();
        String d = unifier.unify(target, result);
        if (d != null) {
            String shown = unifier.showAt(mark, result);
            mismatch(a.span(), unifier.show(target), shown, "compound assignment " + op.symbol() + "=", d);
        }
    }

    /** The type of an assignment target, reporting targets that cannot be assigned. */
    private Type place(Expr target, Scope scope) {
        if (target instanceof Expr.Name n) {
            Scope local = scope.lookup(n.name());
            if (local == null) {
                return infer(target, scope);
            }
            put(target, local.type());
            if (!local.mutable()) {
                diags.report(ErrorKind.TYPE, n.span(), "cannot assign to " + n.name() + ": it is not declared with var");
                return Type.ERROR;
            }
            return local.type();
        } else if (target instanceof Expr.Index ix) {
            Type t = index(ix, scope);
            put(ix, t);
            Type container = unifier.resolve(typeOf(ix.target()));
            if (container instanceof Type.Text) {
                diags.report(ErrorKind.TYPE, ix.span(), "cannot assign to a byte of text: text is read-only");
                return Type.ERROR;
            } else if (container instanceof Type.Simd) {
                diags.report(ErrorKind.TYPE, ix.span(), "cannot assign to a lane of a vector (make a new vector instead)");
                return Type.ERROR;
            }
            return t;
        } else if (target instanceof Expr.Field) {
            return infer(target, scope);
        } else if (target instanceof Expr.TupleField) {
            infer(target, scope);
            diags.report(ErrorKind.TYPE, target.span(), "cannot assign to a tuple element (tuples are values)");
            return Type.ERROR;
        }
        infer(target, scope);
        diags.report(ErrorKind.TYPE, target.span(),
                "cannot assign to this expression (only to var variables, slice elements and struct fields)");
        return Type.ERROR;
    }

    // ---- expressions

    private Type typeOf(Expr e) {
        Type t = facts.type(e);
        return t == null ? Type.ERROR : t;
    }

    private Type infer(Expr e, Scope scope) {
        Type t = inferUncached(e, scope);
        put(e, t);
        return t;
    }

    private Type inferUncached(Expr e, Scope scope) {
        if (e instanceof Expr.IntLit lit) {
            intLits.add(new IntUse(lit, false, lit.pos()));
            return unifier.fresh(Unifier.VarKind.INT_LITERAL, lit.pos(), "the type of this integer literal");
        } else if (e instanceof Expr.FloatLit lit) {
            floatLits.add(lit);
            return unifier.fresh(Unifier.VarKind.FLOAT_LITERAL, lit.pos(), "the type of this float literal");
        } else if (e instanceof Expr.BoolLit) {
            return Type.BOOL;
        } else if (e instanceof Expr.TextLit) {
            return Type.TEXT;
        } else if (e instanceof Expr.Name n) {
            return name(n, scope);
        } else if (e instanceof Expr.Unary u) {
            return unary(u, scope);
        } else if (e instanceof Expr.Binary b) {
            Type l = infer(b.left(), scope);
            Type r = infer(b.right(), scope);
            return binaryType(b.op(), l, r, b.pos());
        } else if (e instanceof Expr.Call c) {
            return call(c, scope);
        } else if (e instanceof Expr.Tuple tu) {
            List<Type> elems = new ArrayList<>();
            for (Expr x : tu.elems()) {
                elems.add(infer(x, scope));
            }
            Type tuple = new Type.Tuple(elems);
            if (TypeSize.tooLarge(unifier, tuple)) {
                diags.report(ErrorKind.LIMIT, tu.span(), TypeSize.MESSAGE);
                return Type.ERROR;
            }
            return tuple;
        } else if (e instanceof Expr.If i) {
            return ifExpr(i, scope);
        } else if (e instanceof Expr.BlockExpr b) {
            return block(b.block(), scope);
        } else if (e instanceof Expr.Index ix) {
            return index(ix, scope);
        } else if (e instanceof Expr.Field f) {
            return field(f, scope);
        } else if (e instanceof Expr.TupleField tf) {
            return tupleField(tf, scope);
        } else if (e instanceof Expr.StructLit s) {
            return structLit(s, scope);
        } else if (e instanceof Expr.Cast c) {
            return cast(c, scope);
        }
        throw new IllegalStateException("unknown expression " + e.getClass().getSimpleName());
    }

    private Type name(Expr.Name n, Scope scope) {
        Scope local = scope.lookup(n.name());
        if (local != null) {
            return local.type();
        }
        FnSig target = Maps.get(functions, n.name());
        if (target != null) {
            // A function value: its type parameters are inferred from where the value goes.
            List<Type> typeArgs = freshTypeArgs(target, n.pos(), " in this function value");
            facts.setTypeArgs(n, typeArgs);
            return new Substitution(target.typeParams(), typeArgs).apply(new Type.Fn(target.params(), target.ret()));
        }
        if (Builtin.of(n.name()) != null) {
            diags.report(ErrorKind.TYPE, n.span(), "builtin " + n.name() + " cannot be used as a value; call it");
        } else {
            diags.report(ErrorKind.TYPE, n.span(), "unknown name " + n.name());
        }
        return Type.ERROR;
    }

    private Type unary(Expr.Unary u, Scope scope) {
        if (u.op() == UnaryOp.NEG && u.operand() instanceof Expr.IntLit lit) {
            // -128 is one literal for range purposes: record it negated, with the minus in its span.
            Type t = unifier.fresh(Unifier.VarKind.INT_LITERAL, lit.pos(), "the type of this integer literal");
            put(lit, t);
            intLits.add(new IntUse(lit, true, u.pos()));
            return t;
        }
        Type t = infer(u.operand(), scope);
        // Nothing below changes how t displays (require only adds bounds), so messages show it when reported.
        Type r = unifier.resolve(t);
        if (r instanceof Type.Error) {
            return Type.ERROR;
        }
        if (u.op() == UnaryOp.NOT) {
            if (r instanceof Type.Bool) {
                return t;
            }
            String d = r instanceof Type.Simd ? unifier.show(t) + " is a vector" : unifier.require(t, Bound.INT);
            if (d != null) {
                diags.report(ErrorKind.TYPE, u.span(), "cannot apply ! to " + unifier.show(t) + ": " + d);
                return Type.ERROR;
            }
            return t;
        }
        if (r instanceof Type.Simd) {
            return t;
        }
        String d = unifier.require(t, Bound.NUM);
        if (d != null) {
            diags.report(ErrorKind.TYPE, u.span(), "cannot negate " + unifier.show(t) + ": " + d);
            return Type.ERROR;
        }
        return t;
    }

    /** The result type of {@code l op r}, or ERROR after reporting. Also used by compound assignment. */
    private Type binaryType(BinaryOp op, Type l, Type r, long span) {
        Type rl = unifier.resolve(l);
        Type rr = unifier.resolve(r);
        if (rl instanceof Type.Error || rr instanceof Type.Error) {
            return Type.ERROR;
        }
        // The message shows l and r as they are now, before any unification below: built only when reported.
        int mark = unifier.mark();
        if (op == BinaryOp.AND || op == BinaryOp.OR) {
            String d = unifier.unify(Type.BOOL, l);
            if (d == null) {
                d = unifier.unify(Type.BOOL, r);
            }
            return reportOp(d == null ? null : op.symbol() + " needs bool operands", op, l, r, mark, span, Type.BOOL);
        }
        if (rl instanceof Type.Simd || rr instanceof Type.Simd) {
            String d = unifier.unify(l, r);
            if (d != null) {
                return reportOp(d, op, l, r, mark, span, Type.ERROR);
            }
            Type.Simd s = (Type.Simd) unifier.resolve(l);
            boolean isFloat = s.elem() instanceof Type.Float;
            boolean ok = switch (op) {
                case ADD, SUB, MUL, EQ, NE, LT, LE, GT, GE -> true;
                case DIV -> isFloat;
                case BIT_AND, BIT_OR, BIT_XOR -> !isFloat;
                default -> false;
            };
            if (!ok) {
                return reportOp("operator " + op.symbol() + " is not lane-wise on " + s, op, l, r, mark, span, Type.ERROR);
            }
            return op.isComparison() ? maskOf(s) : l;
        }
        boolean lanewiseCandidate = switch (op) {
            case ADD, SUB, MUL, DIV, BIT_AND, BIT_OR, BIT_XOR -> true;
            default -> false;
        };
        if (lanewiseCandidate && unifier.isOpenVar(l) && unifier.isOpenVar(r)) {
            String d = unifier.unify(l, r);
            if (d != null) {
                return reportOp(d, op, l, r, mark, span, Type.ERROR);
            }
            pendingOps.add(new PendingOp(l, r, op, span, mark));
            return l;
        }
        switch (op) {
            case SHL, SHR -> {
                String d = unifier.require(l, Bound.INT);
                if (d == null) {
                    d = unifier.require(r, Bound.INT);
                }
                return reportOp(d, op, l, r, mark, span, l);
            }
            case BIT_AND, BIT_OR, BIT_XOR -> {
                String d = unifier.unify(l, r);
                if (d == null && !(unifier.resolve(l) instanceof Type.Bool)) {
                    d = unifier.require(l, Bound.INT);
                }
                return reportOp(d, op, l, r, mark, span, l);
            }
            case EQ, NE, LT, LE, GT, GE -> {
                String d = unifier.unify(l, r);
                if (d == null) {
                    d = unifier.require(l, op == BinaryOp.EQ || op == BinaryOp.NE ? Bound.EQ : Bound.ORD);
                }
                return reportOp(d, op, l, r, mark, span, Type.BOOL);
            }
            default -> {
                String d = unifier.unify(l, r);
                if (d == null) {
                    // The IR has no float remainder: % is for integers only.
                    d = unifier.require(l, op == BinaryOp.REM ? Bound.INT : Bound.NUM);
                }
                return reportOp(d, op, l, r, mark, span, l);
            }
        }
    }

    /** {@link #report} of an operator's "cannot ..." message, showing its operands as they were at {@code mark}. */
    private Type reportOp(@Nullable String detail, BinaryOp op, Type l, Type r, int mark, long span, Type ok) {
        if (detail == null) {
            return ok;
        }
        return report(detail, operatorMessage(op, l, r, mark), Spans.span(span), ok);
    }

    private String operatorMessage(BinaryOp op, Type l, Type r, int mark) {
        return String.format(messageFormat(op), unifier.showAt(mark, l), unifier.showAt(mark, r));
    }

    private Type report(@Nullable String detail, String message, Span span, Type ok) {
        if (detail == null) {
            return ok;
        }
        diags.report(ErrorKind.TYPE, span, detail.isEmpty() ? message : message + ": " + detail);
        return Type.ERROR;
    }

    /** The integer vector a lane-wise comparison of {@code s} gives: same lanes, same lane width, all ones or zeros. */
    static Type.Simd maskOf(Type.Simd s) {
        int bits = s.elem() instanceof Type.Float f ? f.bits() : s.elem() instanceof Type.Int i ? i.bits() : 64;
        return new Type.Simd(s.lanes(), new Type.Int(bits, true));
    }

    /** The "cannot ..." message of an operator (%1$s left type, %2$s right). */
    private static String messageFormat(BinaryOp op) {
        return switch (op) {
            case ADD -> "cannot add %1$s and %2$s";
            case SUB -> "cannot subtract %2$s from %1$s";
            case MUL -> "cannot multiply %1$s by %2$s";
            case DIV -> "cannot divide %1$s by %2$s";
            case REM -> "cannot take the remainder of %1$s divided by %2$s";
            case SHL, SHR -> "cannot shift %1$s by %2$s";
            case EQ, NE, LT, LE, GT, GE -> "cannot compare %1$s and %2$s with " + op.symbol();
            default -> "cannot apply " + op.symbol() + " to %1$s and %2$s";
        };
    }

    private Type ifExpr(Expr.If i, Scope scope) {
        condition(i.cond(), scope, "the condition of if");
        Type then = block(i.then(), scope);
        Expr otherwise = i.otherwise();
        if (otherwise == null) {
            Expr tail = i.then().tail();
            if (tail != null) {
                expectUnit(tail, then, "an if without else has no value");
            }
            return Type.UNIT;
        }
        Type other = infer(otherwise, scope);
        if (unifier.resolve(then) instanceof Type.Never) {
            return other;
        }
        if (unifier.resolve(other) instanceof Type.Never) {
            return then;
        }
        int mark = unifier.mark();
        String d = unifier.unify(then, other);
        if (d != null) {
            String shownThen = unifier.showAt(mark, then);
            String shownElse = unifier.showAt(mark, other);
            diags.report(ErrorKind.TYPE, i.span(), "if and else have different types: " + shownThen + " and " + shownElse
                    + (d.isEmpty() ? "" : ": " + d));
            return Type.ERROR;
        }
        return then;
    }

    private Type index(Expr.Index ix, Scope scope) {
        Type target = infer(ix.target(), scope);
        Type r = unifier.resolve(target);
        if (r instanceof Type.Simd s) {
            infer(ix.index(), scope);
            unifier.unify(Type.I64, typeOf(ix.index()));
            if (!(ix.index() instanceof Expr.IntLit lit)) {
                diags.report(ErrorKind.TYPE, ix.index().span(), "a lane index must be an integer literal (0 to "
                        + (s.lanes() - 1) + " for " + s + ")");
                return Type.ERROR;
            }
            if (Long.compareUnsigned(lit.value(), s.lanes()) >= 0) {
                diags.report(ErrorKind.TYPE, ix.index().span(), "lane " + Long.toUnsignedString(lit.value())
                        + " is out of range for " + s + " (lanes 0 to " + (s.lanes() - 1) + ")");
                return Type.ERROR;
            }
            return s.elem();
        }
        Type i = infer(ix.index(), scope);
        int mark = unifier.mark();
        String d = unifier.unify(Type.I64, i);
        if (d != null) {
            mismatch(ix.index().span(), "i64", unifier.showAt(mark, i), "an index", d);
        }
        if (r instanceof Type.Array a) {
            return a.elem();
        } else if (r instanceof Type.Text) {
            return Type.U8;
        } else if (r instanceof Type.Error) {
            return Type.ERROR;
        } else if (r instanceof Type.Var) {
            diags.report(ErrorKind.TYPE, ix.target().span(), "the type of this value must be known before it is indexed"
                    + " (annotate it)");
            return Type.ERROR;
        }
        diags.report(ErrorKind.TYPE, ix.target().span(), "cannot index " + unifier.show(target)
                + " (indexing takes a slice, text or a SIMD vector)");
        return Type.ERROR;
    }

    private Type field(Expr.Field f, Scope scope) {
        Type target = infer(f.target(), scope);
        Type r = unifier.resolve(target);
        if (r instanceof Type.Error) {
            return Type.ERROR;
        }
        if (r instanceof Type.Named n) {
            StructDef def = structs.get(n.name());
            if (def != null) {
                int i = def.indexOf(f.name());
                if (i >= 0) {
                    return def.fieldTypes(n.args()).get(i);
                }
                diags.report(ErrorKind.TYPE, f.nameSpan(), "struct " + n.name() + " has no field " + f.name());
                return Type.ERROR;
            }
        }
        if (r instanceof Type.Var) {
            diags.report(ErrorKind.TYPE, f.target().span(), "the type of this value must be known before its fields are"
                    + " used (annotate it)");
        } else {
            diags.report(ErrorKind.TYPE, f.nameSpan(), unifier.show(target) + " has no field " + f.name());
        }
        return Type.ERROR;
    }

    private Type tupleField(Expr.TupleField tf, Scope scope) {
        Type target = infer(tf.target(), scope);
        Type r = unifier.resolve(target);
        if (r instanceof Type.Error) {
            return Type.ERROR;
        }
        if (r instanceof Type.Tuple tu) {
            if (tf.index() < tu.elems().size()) {
                return tu.elems().get(tf.index());
            }
            diags.report(ErrorKind.TYPE, tf.indexSpan(), "tuple " + unifier.show(target) + " has no element " + tf.index());
            return Type.ERROR;
        }
        diags.report(ErrorKind.TYPE, tf.indexSpan(), unifier.show(target) + " is not a tuple, so it has no element "
                + tf.index());
        return Type.ERROR;
    }

    private Type structLit(Expr.StructLit s, Scope scope) {
        StructDef def = structs.get(s.name());
        if (def == null) {
            for (Expr.FieldInit fi : s.fields()) {
                infer(fi.value(), scope);
            }
            diags.report(ErrorKind.TYPE, s.nameSpan(), "unknown struct " + s.name());
            return Type.ERROR;
        }
        List<Type> args = new ArrayList<>();
        for (Type.Param p : def.typeParams()) {
            args.add(unifier.freshParam(p, 0, s.namePos(), "struct " + def.name(), " in this literal"));
        }
        List<Type> fieldTypes = def.fieldTypes(args);
        Set<String> given = new HashSet<>();
        for (Expr.FieldInit fi : s.fields()) {
            Type t = infer(fi.value(), scope);
            int i = def.indexOf(fi.name());
            if (i < 0) {
                diags.report(ErrorKind.TYPE, fi.nameSpan(), "struct " + def.name() + " has no field " + fi.name());
                continue;
            }
            if (!given.add(fi.name())) {
                diags.report(ErrorKind.TYPE, fi.nameSpan(), "field " + fi.name() + " is given twice");
                continue;
            }
            int mark = unifier.mark();
            String d = unifier.unify(fieldTypes.get(i), t);
            if (d != null) {
                String shown = unifier.showAt(mark, t);
                mismatch(fi.value().span(), unifier.show(fieldTypes.get(i)), shown, "field " + fi.name() + " of "
                        + def.name(), d);
            }
        }
        List<String> missing = new ArrayList<>();
        for (StructDef.Field f : def.fields()) {
            if (!given.contains(f.name())) {
                missing.add(f.name());
            }
        }
        if (!missing.isEmpty()) {
            diags.report(ErrorKind.TYPE, s.nameSpan(), "missing field" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " in this " + def.name() + " literal");
        }
        return new Type.Named(def.name(), args);
    }

    private Type cast(Expr.Cast c, Scope scope) {
        Type from = infer(c.value(), scope);
        Type to = resolveType(c.type());
        Type f = unifier.resolve(from);
        if (f instanceof Type.Error || to instanceof Type.Error) {
            return to;
        }
        boolean toNum = isNumeric(to);
        boolean toBool = to instanceof Type.Bool;
        // require only adds bounds, so from displays the same when a message is built below.
        if (f instanceof Type.Var) {
            String d = (toNum || toBool) ? unifier.require(from, toBool ? Bound.INT : Bound.NUM) : "";
            return d == null ? to : report(d, castMessage(from, to), c.span(), to);
        }
        boolean ok = f.equals(to)
                || (isNumeric(f) && toNum)
                || (f instanceof Type.Bool && (to instanceof Type.Int || (to instanceof Type.Param p && p.has(Bound.INT))))
                || (isInt(f) && toBool);
        if (!ok) {
            diags.report(ErrorKind.TYPE, c.span(), castMessage(from, to));
            return Type.ERROR;
        }
        return to;
    }

    private String castMessage(Type from, Type to) {
        return "cannot cast " + unifier.show(from) + " to " + to + " (casts convert between int, float and bool types)";
    }

    private static boolean isNumeric(Type t) {
        return t instanceof Type.Int || t instanceof Type.Float || (t instanceof Type.Param p && p.has(Bound.NUM));
    }

    private static boolean isInt(Type t) {
        return t instanceof Type.Int || (t instanceof Type.Param p && p.has(Bound.INT));
    }

    // ---- calls

    private Type call(Expr.Call c, Scope scope) {
        if (c.callee() instanceof Expr.Name callee && scope.lookup(callee.name()) == null) {
            FnSig target = Maps.get(functions, callee.name());
            if (target != null) {
                facts.setCallKind(c, CallKind.DIRECT);
                return directCall(c, target, inferAll(c.args(), scope));
            }
            Builtin b = Builtin.of(callee.name());
            if (b != null) {
                facts.setCallKind(c, CallKind.BUILTIN);
                return builtin(b, c, inferAll(c.args(), scope));
            }
            inferAll(c.args(), scope);
            diags.report(ErrorKind.TYPE, callee.span(), "unknown function " + callee.name());
            return Type.ERROR;
        }
        facts.setCallKind(c, CallKind.INDIRECT);
        Type fnType = infer(c.callee(), scope);
        List<Type> argTypes = inferAll(c.args(), scope);
        Type r = unifier.resolve(fnType);
        if (r instanceof Type.Error) {
            return Type.ERROR;
        }
        if (r instanceof Type.Var) {
            Type ret = unifier.fresh(Unifier.VarKind.ANY, c.pos(), "the result type of this call");
            int mark = unifier.mark();
            if (unifier.unify(r, new Type.Fn(argTypes, ret)) != null) {
                diags.report(ErrorKind.TYPE, c.callee().span(), unifier.showAt(mark, fnType) + " is not a function");
                unifier.poison(ret);
                return Type.ERROR;
            }
            return ret;
        }
        if (!(r instanceof Type.Fn f)) {
            diags.report(ErrorKind.TYPE, c.callee().span(), unifier.show(fnType) + " is not a function");
            return Type.ERROR;
        }
        if (f.params().size() != argTypes.size()) {
            diags.report(ErrorKind.TYPE, c.span(), "this function value takes " + count(f.params().size(), "argument")
                    + " but " + given(argTypes.size()));
            return Type.ERROR;
        }
        for (int i = 0; i < argTypes.size(); i++) {
            int mark = unifier.mark();
            String d = unifier.unify(f.params().get(i), argTypes.get(i));
            if (d != null) {
                String shown = unifier.showAt(mark, argTypes.get(i));
                mismatch(c.args().get(i).span(), unifier.show(f.params().get(i)), shown, "argument " + (i + 1)
                        + " of this call", d);
                return Type.ERROR;
            }
        }
        return f.ret();
    }

    private List<Type> inferAll(List<Expr> es, Scope scope) {
        List<Type> out = new ArrayList<>(es.size());
        for (Expr a : es) {
            out.add(infer(a, scope));
        }
        return out;
    }

    private Type directCall(Expr.Call c, FnSig target, List<Type> argTypes) {
        if (target.params().size() != argTypes.size()) {
            diags.report(ErrorKind.TYPE, c.span(), "function " + target.name() + " takes "
                    + count(target.params().size(), "argument") + " but " + given(argTypes.size()));
            return Type.ERROR;
        }
        // Each call instantiates the callee's type parameters afresh; their bounds travel with them.
        List<Type> typeArgs = freshTypeArgs(target, c.pos(), " in this call");
        Substitution inst = new Substitution(target.typeParams(), typeArgs);
        facts.setTypeArgs(c, typeArgs);
        boolean failed = false;
        for (int i = 0; i < argTypes.size(); i++) {
            Type want = inst.apply(target.params().get(i));
            int mark = unifier.mark();
            String d = unifier.unify(want, argTypes.get(i));
            if (d != null) {
                String shown = unifier.showAt(mark, argTypes.get(i));
                mismatch(c.args().get(i).span(), target.params().get(i).toString(), shown,
                        "argument " + (i + 1) + " of " + target.name(), d);
                failed = true;
            }
        }
        if (failed) {
            // The call is already reported; its type parameters must not be reported again as unknown.
            for (Type v : typeArgs) {
                unifier.poison(v);
            }
            return Type.ERROR;
        }
        return inst.apply(target.ret());
    }

    /** A fresh variable for each type parameter of {@code target}, with its bounds (an immutable list). */
    private List<Type> freshTypeArgs(FnSig target, long at, String what) {
        List<Type.Param> params = target.typeParams();
        Type[] vars = new Type[params.size()];
        for (int i = 0; i < vars.length; i++) {
            Type.Param p = params.get(i);
            vars[i] = unifier.freshParam(p, Bound.mask(p.bounds()), at, target.name(), what);
        }
        return Lists.copyOf(vars);
    }

    private Type builtin(Builtin b, Expr.Call c, List<Type> args) {
        if (args.size() != b.arity()) {
            diags.report(ErrorKind.TYPE, c.span(), "builtin " + b.spelling() + " takes " + count(b.arity(), "argument")
                    + " but " + given(args.size()));
            return Type.ERROR;
        }
        for (Type t : args) {
            if (unifier.resolve(t) instanceof Type.Error) {
                return Type.ERROR;
            }
        }
        Type a0 = args.get(0);
        Type r0 = unifier.resolve(a0);
        // Messages show the arguments as they are here, before the unifications below.
        int mark = unifier.mark();
        if (r0 instanceof Type.Var && (b == Builtin.LEN || b == Builtin.REDUCE_ADD || b == Builtin.LOAD || b == Builtin.STORE)) {
            return report("", "the type of this value must be known here (annotate it)", c.args().get(0).span(), Type.ERROR);
        }
        switch (b) {
            case LEN -> {
                if (r0 instanceof Type.Array || r0 instanceof Type.Text) {
                    return Type.I64;
                }
                return report("", "len takes a slice or text, found " + unifier.showAt(mark, a0), c.span(), Type.ERROR);
            }
            case MIN, MAX -> {
                String d = unifier.unify(a0, args.get(1));
                if (d == null && !isFloatVector(unifier.resolve(a0))) {
                    d = unifier.require(a0, Bound.ORD);
                }
                if (d == null) {
                    return a0;
                }
                return report(d, "cannot take the " + b.spelling() + " of " + unifier.showAt(mark, a0) + " and "
                        + unifier.showAt(mark, args.get(1)), c.span(), a0);
            }
            case ABS, SQRT -> {
                if (isFloatVector(r0)) {
                    return a0;
                }
                String d = unifier.require(a0, b == Builtin.ABS ? Bound.NUM : Bound.FLOAT);
                return d == null ? a0 : report(d, "cannot take " + b.spelling() + " of " + unifier.showAt(mark, a0), c.span(), a0);
            }
            case SPLAT -> {
                Type v = unifier.fresh(Unifier.VarKind.ANY, c.pos(), "the vector type of this splat");
                pendingSimd.add(new SimdOf(v, a0, c.span(), "splat"));
                return v;
            }
            case LOAD, STORE -> {
                if (!(r0 instanceof Type.Array arr)) {
                    return report("", b.spelling() + " takes a slice, found " + unifier.showAt(mark, a0), c.args().get(0).span(),
                            Type.ERROR);
                }
                String d = unifier.unify(Type.I64, args.get(1));
                if (d != null) {
                    mismatch(c.args().get(1).span(), "i64", unifier.showAt(mark, args.get(1)), "an index", d);
                    return Type.ERROR;
                }
                if (b == Builtin.LOAD) {
                    Type v = unifier.fresh(Unifier.VarKind.ANY, c.pos(), "the vector type of this load");
                    pendingSimd.add(new SimdOf(v, arr.elem(), c.span(), "load"));
                    return v;
                }
                pendingSimd.add(new SimdOf(args.get(2), arr.elem(), c.args().get(2).span(), "store"));
                return Type.UNIT;
            }
            case REDUCE_ADD -> {
                if (r0 instanceof Type.Simd s) {
                    return s.elem();
                }
                return report("", "reduce_add takes a SIMD vector, found " + unifier.showAt(mark, a0), c.span(), Type.ERROR);
            }
        }
        throw new IllegalStateException("unknown builtin " + b);
    }

    private static boolean isFloatVector(Type t) {
        return t instanceof Type.Simd s && s.elem() instanceof Type.Float;
    }

    /** Decides the SIMD constraints of splat, load and store once the vector types are known. */
    private void settleSimd() {
        boolean progress = true;
        while (progress && !pendingSimd.isEmpty()) {
            progress = false;
            for (SimdOf c : List.copyOf(pendingSimd)) {
                Type v = unifier.resolve(c.vector());
                if (v instanceof Type.Var) {
                    continue;
                }
                pendingSimd.remove(c);
                progress = true;
                if (v instanceof Type.Error) {
                    continue;
                }
                if (!(v instanceof Type.Simd s)) {
                    diags.report(ErrorKind.TYPE, c.span(), c.what() + " works on SIMD vectors, but " + unifier.show(v)
                            + " is expected here");
                    continue;
                }
                int mark = unifier.mark();
                String d = unifier.unify(s.elem(), c.elem());
                if (d != null) {
                    diags.report(ErrorKind.TYPE, c.span(), "mismatched types: " + s + " has lanes of " + s.elem()
                            + ", but this " + c.what() + " has " + unifier.showAt(mark, c.elem()) + (d.isEmpty() ? "" : ": " + d));
                }
            }
        }
        for (SimdOf c : pendingSimd) {
            diags.report(ErrorKind.TYPE, c.span(), "cannot infer the vector type of this " + c.what()
                    + " (annotate it, e.g. let v: f32x4 = ...)");
            unifier.poison(c.vector());
        }
        for (PendingOp p : pendingOps) {
            Type t = unifier.resolve(p.type());
            String d;
            if (t instanceof Type.Simd s) {
                boolean isFloat = s.elem() instanceof Type.Float;
                boolean ok = switch (p.op()) {
                    case DIV -> isFloat;
                    case BIT_AND, BIT_OR, BIT_XOR -> !isFloat;
                    default -> true;
                };
                d = ok ? null : "operator " + p.op().symbol() + " is not lane-wise on " + s;
            } else if (p.op() == BinaryOp.BIT_AND || p.op() == BinaryOp.BIT_OR || p.op() == BinaryOp.BIT_XOR) {
                d = t instanceof Type.Bool ? null : unifier.require(t, Bound.INT);
            } else {
                d = unifier.require(t, Bound.NUM);
            }
            if (d != null) {
                report(d, operatorMessage(p.op(), p.type(), p.right(), p.mark()), Spans.span(p.span()), Type.ERROR);
            }
        }
    }

    // ---- helpers

    private Type resolveType(TypeExpr t) {
        return TypeResolver.resolve(t, typeParams, structs, diags);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String given(int n) {
        return n + (n == 1 ? " was" : " were") + " given";
    }

    private void mismatch(Span span, String expected, String found, @Nullable String context, String detail) {
        String m = "mismatched types: expected " + expected + ", found " + found;
        if (context != null) {
            m += " (" + context + ")";
        }
        diags.report(ErrorKind.TYPE, span, detail.isEmpty() ? m : m + ": " + detail);
    }

    private void checkLiteralRanges() {
        for (IntUse use : intLits) {
            if (typeOf(use.lit()) instanceof Type.Int it) {
                String m = LiteralRanges.checkInt(use.lit().value(), use.negated(), it);
                if (m != null) {
                    diags.report(ErrorKind.TYPE, Spans.span(use.span()), m);
                }
            }
        }
        for (Expr.FloatLit lit : floatLits) {
            if (typeOf(lit) instanceof Type.Float ft) {
                String m = LiteralRanges.checkFloat(lit.text(), ft);
                if (m != null) {
                    diags.report(ErrorKind.TYPE, lit.span(), m);
                }
            }
        }
    }

    private static boolean containsVar(Type t) {
        if (t instanceof Type.Var) {
            return true;
        } else if (t instanceof Type.Array a) {
            return containsVar(a.elem());
        } else if (t instanceof Type.Simd s) {
            return containsVar(s.elem());
        } else if (t instanceof Type.Tuple tu) {
            return containsVar(tu.elems());
        } else if (t instanceof Type.Fn f) {
            return containsVar(f.ret()) || containsVar(f.params());
        } else if (t instanceof Type.Named n) {
            return containsVar(n.args());
        }
        return false;
    }

    private static boolean containsVar(List<Type> ts) {
        for (int i = 0; i < ts.size(); i++) {
            if (containsVar(ts.get(i))) {
                return true;
            }
        }
        return false;
    }
}
