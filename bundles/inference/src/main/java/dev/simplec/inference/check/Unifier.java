package dev.simplec.inference.check;

import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.Spans;
import dev.simplec.inference.util.Lists;

/**
 * Hindley–Milner unification over {@link Type}, with the two refinements the language needs:
 * a variable may stand for a literal (an integer literal only becomes an int type or a type
 * parameter bounded by Num; a float literal a float type or a parameter bounded by Float), and a
 * variable may carry bounds it must satisfy once it is bound (from {@code x + y} on an unknown type
 * or a call of a generic function).
 *
 * <p>Messages are built only when something is reported. A message often shows a type as it was
 * <em>before</em> a unification that failed (and may have bound some variables on the way), so
 * every change to what a variable displays as (its binding and kind) is recorded on a trail:
 * {@link #mark} notes a point in time, and {@link #showAt} shows a type as it was then, by undoing
 * the later changes, printing, and redoing them. The success path only appends to the trail.
 */
public final class Unifier {
    /** What a variable may become. */
    public enum VarKind { ANY, INT_LITERAL, FLOAT_LITERAL }

    private static final class VarInfo {
        @Nullable Type binding;
        VarKind kind;
        /** Bounds it must satisfy once bound, as a {@link Bound#bit} mask. */
        int required;
        /** Where it arose, packed ({@link Spans}). */
        final long origin;
        /** How "cannot infer ..." names it: {@code what}, or "type parameter P of OWNER" + {@code what}. */
        final String what;
        final @Nullable String param;
        final String owner;

        VarInfo(VarKind kind, int required, long origin, String what, @Nullable String param, String owner) {
            this.kind = kind;
            this.required = required;
            this.origin = origin;
            this.what = what;
            this.param = param;
            this.owner = owner;
        }

        String describe() {
            return param == null ? what : "type parameter " + param + " of " + owner + what;
        }
    }

    /** The variables by id, {@code varCount} of them: an array, as resolve reads it for nearly every type. */
    private VarInfo[] vars = new VarInfo[16];
    private int varCount;

    /** The trail: variable, and its binding and kind before each change. */
    private int[] trailVar = new int[16];
    private @Nullable Type[] trailBinding = new Type[16];
    private VarKind[] trailKind = new VarKind[16];
    private int trailSize;

    /**
     * Forgets every variable and the trail, keeping the arrays: a module's functions are checked one
     * after another with one unifier (a closed function keeps no variable). Entries past the counts
     * are stale and never read.
     */
    void reset() {
        varCount = 0;
        trailSize = 0;
    }

    /** A new variable; {@code origin} (packed, {@link Spans}) and {@code what} name it if it is never determined. */
    public Type.Var fresh(VarKind kind, long origin, String what) {
        return add(new VarInfo(kind, 0, origin, what, null, ""));
    }

    /**
     * A new variable standing for type parameter {@code param} (with its bounds) of {@code owner};
     * if never determined it is reported as "type parameter {@code param} of {@code owner}{@code what}"
     * (the message is built only then).
     */
    public Type.Var freshParam(Type.Param param, int requiredMask, long origin, String owner, String what) {
        return add(new VarInfo(VarKind.ANY, requiredMask, origin, what, param.name(), owner));
    }

    private Type.Var add(VarInfo info) {
        if (varCount == vars.length) {
            vars = Arrays.copyOf(vars, varCount * 2);
        }
        vars[varCount] = info;
        return new Type.Var(varCount++);
    }

    /** Follows variable bindings at the top of {@code t}. */
    public Type resolve(Type t) {
        Type cur = t;
        int steps = 0;
        while (cur instanceof Type.Var v) {
            Type next = vars[v.id()].binding;
            if (next == null) {
                break;
            }
            cur = next;
            steps++;
        }
        if (steps > 1) {
            compress(t, cur);
        }
        return cur;
    }

    /**
     * Points every variable on the chain from {@code t} straight at {@code end}, on the trail (so
     * {@link #showAt} still undoes exactly). Without it a long-lived variable merged with one new
     * literal after another ({@code var y = 0;} then {@code y = y * 3 + 1;} over and over) ends an
     * ever longer chain, and checking takes quadratic time.
     */
    private void compress(Type t, Type end) {
        Type cur = t;
        while (cur instanceof Type.Var v && cur != end) {
            VarInfo info = vars[v.id()];
            Type next = info.binding;
            if (next == null || next == end) {
                return;
            }
            setBinding(v.id(), info, end);
            cur = next;
        }
    }

    /** {@code t} with every bound variable replaced, deeply; unbound variables stay. Unchanged parts are shared. */
    public Type zonk(Type t) {
        Type r = resolve(t);
        if (r instanceof Type.Array a) {
            Type e = zonk(a.elem());
            return e == a.elem() ? a : new Type.Array(e);
        } else if (r instanceof Type.Tuple tu) {
            List<Type> es = zonkAll(tu.elems());
            return es == tu.elems() ? tu : new Type.Tuple(es);
        } else if (r instanceof Type.Simd s) {
            Type e = zonk(s.elem());
            return e == s.elem() ? s : new Type.Simd(s.lanes(), e);
        } else if (r instanceof Type.Fn f) {
            List<Type> ps = zonkAll(f.params());
            Type ret = zonk(f.ret());
            return ps == f.params() && ret == f.ret() ? f : new Type.Fn(ps, ret);
        } else if (r instanceof Type.Named n) {
            List<Type> as = zonkAll(n.args());
            return as == n.args() ? n : new Type.Named(n.name(), as);
        }
        return r;
    }

    /** {@code ts} zonked; the same list when no element changes. */
    private List<Type> zonkAll(List<Type> ts) {
        int n = ts.size();
        for (int i = 0; i < n; i++) {
            Type t = ts.get(i);
            Type z = zonk(t);
            if (z != t) {
                Type[] out = ts.toArray(new Type[0]);
                out[i] = z;
                for (int j = i + 1; j < n; j++) {
                    out[j] = zonk(out[j]);
                }
                return Lists.copyOf(out);
            }
        }
        return ts;
    }

    /** How messages spell {@code t}: unknown literal types as {integer} / {float}, other unknowns as _. */
    public String show(Type t) {
        return forDisplay(zonk(t)).toString();
    }

    /** A point in time for {@link #showAt}. */
    public int mark() {
        return trailSize;
    }

    /** {@link #show} of {@code t} as it was at {@code mark}: for messages about a unification that failed. */
    public String showAt(int mark, Type t) {
        int n = trailSize - mark;
        if (n == 0) {
            return show(t);
        }
        Type[] redoBinding = new Type[n];
        VarKind[] redoKind = new VarKind[n];
        for (int i = trailSize - 1; i >= mark; i--) {
            VarInfo info = vars[trailVar[i]];
            redoBinding[i - mark] = info.binding;
            redoKind[i - mark] = info.kind;
            info.binding = trailBinding[i];
            info.kind = trailKind[i];
        }
        try {
            return show(t);
        } finally {
            for (int i = mark; i < trailSize; i++) {
                VarInfo info = vars[trailVar[i]];
                info.binding = redoBinding[i - mark];
                info.kind = redoKind[i - mark];
            }
        }
    }

    /** Records {@code id}'s binding and kind before they change. */
    private void record(int id, VarInfo info) {
        if (trailSize == trailVar.length) {
            int cap = trailSize * 2;
            trailVar = Arrays.copyOf(trailVar, cap);
            trailBinding = Arrays.copyOf(trailBinding, cap);
            trailKind = Arrays.copyOf(trailKind, cap);
        }
        trailVar[trailSize] = id;
        trailBinding[trailSize] = info.binding;
        trailKind[trailSize] = info.kind;
        trailSize++;
    }

    private void setBinding(int id, VarInfo info, Type binding) {
        record(id, info);
        info.binding = binding;
    }

    private Type forDisplay(Type t) {
        if (t instanceof Type.Var v) {
            String name = switch (vars[v.id()].kind) {
                case INT_LITERAL -> "{integer}";
                case FLOAT_LITERAL -> "{float}";
                case ANY -> "_";
            };
            return new Type.Named(name, List.of());
        } else if (t instanceof Type.Array a) {
            return new Type.Array(forDisplay(a.elem()));
        } else if (t instanceof Type.Tuple tu) {
            return new Type.Tuple(tu.elems().stream().map(this::forDisplay).toList());
        } else if (t instanceof Type.Simd s) {
            return new Type.Simd(s.lanes(), forDisplay(s.elem()));
        } else if (t instanceof Type.Fn f) {
            return new Type.Fn(f.params().stream().map(this::forDisplay).toList(), forDisplay(f.ret()));
        } else if (t instanceof Type.Named n) {
            return new Type.Named(n.name(), n.args().stream().map(this::forDisplay).toList());
        }
        return t;
    }

    /**
     * Makes {@code a} and {@code b} equal. Returns null on success; on failure a detail to append to
     * the caller's message ("" when "expected X, found Y" says it all).
     */
    public @Nullable String unify(Type a, Type b) {
        Type x = resolve(a);
        Type y = resolve(b);
        if (x == y || x instanceof Type.Error || y instanceof Type.Error || x instanceof Type.Never
                || y instanceof Type.Never || x.equals(y)) {
            return null;
        }
        if (x instanceof Type.Var vx && y instanceof Type.Var vy) {
            return merge(vx, vy);
        }
        if (x instanceof Type.Var vx) {
            return bind(vx, y);
        }
        if (y instanceof Type.Var vy) {
            return bind(vy, x);
        }
        if (x instanceof Type.Array ax && y instanceof Type.Array ay) {
            return unify(ax.elem(), ay.elem());
        }
        if (x instanceof Type.Simd sx && y instanceof Type.Simd sy && sx.lanes() == sy.lanes()) {
            return unify(sx.elem(), sy.elem());
        }
        if (x instanceof Type.Tuple tx && y instanceof Type.Tuple ty) {
            return unifyAll(tx.elems(), ty.elems());
        }
        if (x instanceof Type.Named nx && y instanceof Type.Named ny && nx.name().equals(ny.name())) {
            return unifyAll(nx.args(), ny.args());
        }
        if (x instanceof Type.Fn fx && y instanceof Type.Fn fy) {
            String d = unifyAll(fx.params(), fy.params());
            return d != null ? d : unify(fx.ret(), fy.ret());
        }
        return "";
    }

    private @Nullable String unifyAll(List<Type> xs, List<Type> ys) {
        if (xs.size() != ys.size()) {
            return "";
        }
        for (int i = 0; i < xs.size(); i++) {
            String d = unify(xs.get(i), ys.get(i));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private @Nullable String merge(Type.Var from, Type.Var into) {
        VarInfo f = vars[from.id()];
        VarInfo i = vars[into.id()];
        if (f.kind != VarKind.ANY && i.kind != VarKind.ANY && f.kind != i.kind) {
            return "";
        }
        if (i.kind == VarKind.ANY && f.kind != VarKind.ANY) {
            record(into.id(), i);
            i.kind = f.kind;
        }
        i.required |= f.required;
        setBinding(from.id(), f, into);
        return null;
    }

    private @Nullable String bind(Type.Var v, Type t) {
        VarInfo info = vars[v.id()];
        // Before the occurs check, which (like every walk) is exponential on a type that keeps doubling.
        if (TypeSize.tooLarge(this, t)) {
            throw new TypeSize.TooLarge(Spans.span(info.origin));
        }
        if (occurs(v, t)) {
            return "a type cannot contain itself";
        }
        String kindProblem = switch (info.kind) {
            case ANY -> null;
            case INT_LITERAL -> literalFits(t, Type.Int.class, Bound.NUM, "an integer");
            case FLOAT_LITERAL -> literalFits(t, Type.Float.class, Bound.FLOAT, "a float");
        };
        if (kindProblem != null) {
            return kindProblem;
        }
        if (info.required != 0) {
            for (Bound b : Bound.all()) {
                if ((info.required & b.bit()) != 0) {
                    String d = satisfies(t, b);
                    if (d != null) {
                        return d;
                    }
                }
            }
        }
        setBinding(v.id(), info, t);
        return null;
    }

    private static @Nullable String literalFits(Type t, Class<? extends Type> scalar, Bound bound, String literal) {
        if (scalar.isInstance(t)) {
            return null;
        }
        if (t instanceof Type.Param p) {
            return p.has(bound) ? null
                    : literal + " literal can stand for type parameter " + p.name() + " only if " + p.name()
                            + " has the bound " + bound;
        }
        return "";
    }

    /** Whether {@code t} is still an unknown that is not a literal (it may yet become any type, a vector too). */
    public boolean isOpenVar(Type t) {
        return resolve(t) instanceof Type.Var v && vars[v.id()].kind == VarKind.ANY;
    }

    /** Binds {@code t}, if it is an unknown variable, to {@link Type#ERROR}: its errors are already reported. */
    public void poison(Type t) {
        if (resolve(t) instanceof Type.Var v) {
            setBinding(v.id(), vars[v.id()], Type.ERROR);
        }
    }

    /** Requires {@code t} to satisfy {@code b}; unknown types remember the requirement. Null when fine. */
    public @Nullable String require(Type t, Bound b) {
        Type r = resolve(t);
        if (r instanceof Type.Var v) {
            vars[v.id()].required |= b.bit();
            return null;
        }
        return satisfies(r, b);
    }

    private @Nullable String satisfies(Type t, Bound b) {
        if (t instanceof Type.Error || t instanceof Type.Never) {
            return null;
        }
        if (t instanceof Type.Param p) {
            return p.has(b) ? null : "type parameter " + p.name() + " needs the bound " + b;
        }
        return b.holdsFor(t) ? null : show(t) + " does not satisfy " + b;
    }

    private boolean occurs(Type.Var v, Type t) {
        Type r = resolve(t);
        if (r instanceof Type.Var w) {
            return w.id() == v.id();
        } else if (r instanceof Type.Array a) {
            return occurs(v, a.elem());
        } else if (r instanceof Type.Simd s) {
            return occurs(v, s.elem());
        } else if (r instanceof Type.Tuple tu) {
            return occursAny(v, tu.elems());
        } else if (r instanceof Type.Fn f) {
            return occurs(v, f.ret()) || occursAny(v, f.params());
        } else if (r instanceof Type.Named n) {
            return occursAny(v, n.args());
        }
        return false;
    }

    private boolean occursAny(Type.Var v, List<Type> ts) {
        for (int i = 0; i < ts.size(); i++) {
            if (occurs(v, ts.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Closes a function: unconstrained integer literals become i64, float literals f64; any other
     * variable still unknown is reported where it arose. Binds every reported variable to Error.
     */
    public void applyDefaults(Diagnostics diags) {
        boolean[] seen = new boolean[varCount];
        for (int id = 0; id < varCount; id++) {
            // The root of id's chain of variable bindings, if it is still unbound.
            int root = id;
            Type b = vars[root].binding;
            while (b instanceof Type.Var w) {
                root = w.id();
                b = vars[root].binding;
            }
            if (b != null || seen[root]) {
                continue;
            }
            seen[root] = true;
            VarInfo info = vars[root];
            Type fallback = switch (info.kind) {
                case INT_LITERAL -> Type.I64;
                case FLOAT_LITERAL -> Type.F64;
                case ANY -> null;
            };
            if (fallback == null) {
                diags.report(ErrorKind.TYPE, Spans.span(info.origin), "cannot infer " + info.describe());
                setBinding(root, info, Type.ERROR);
                continue;
            }
            String d = bind(new Type.Var(root), fallback);
            if (d != null) {
                diags.report(ErrorKind.TYPE, Spans.span(info.origin), "this " + (info.kind == VarKind.INT_LITERAL ? "integer" : "float")
                        + " literal defaults to " + fallback + ", but " + d);
                setBinding(root, info, Type.ERROR);
            }
        }
    }
}
